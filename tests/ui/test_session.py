"""One session per open workshop: its pages share its services; another workshop gets its own."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from .conftest import WindowFactory


def test_pages_share_the_session_of_their_workshop(qtbot: QtBot,
                                                   make_window: WindowFactory) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    assert page is not None
    session = page.model.session
    assert session.workshop is page.model.service is page.runner.service
    assert session.map is session.workshop.map
    gaps_page = page.show_gaps()
    assert gaps_page.service is session.gaps
    assert gaps_page.cycles is session.experiments
    conversations = page.conversations
    assert conversations.scores is session.scores is page.scores
    assert conversations.player.walk is session.walkthrough
    assert conversations.player.captures is session.captures


def test_another_workshop_gets_a_new_session(make_window: WindowFactory) -> None:
    window = make_window()
    window.home.open_sample()
    first = window.workshop_page
    assert first is not None
    first_session = first.model.session
    workshop_id = first_session.workshop_id
    window.close_workshop()
    window.home.new_workshop()
    second = window.workshop_page
    assert second is not None
    assert second.model.session is not first_session
    assert second.model.session.workshop_id != workshop_id
    again = window.open_workshop(workshop_id)
    assert again is not None
    assert again.model.session is not first_session
    assert again.model.session.gaps.workshop is again.model.service
