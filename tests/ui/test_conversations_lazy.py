"""Opening Conversations builds only what its first frame shows (issue 23): every other tab
and the walkthrough player are built the first time they are shown or asked for, and come
up in the header's current wave and projector mode."""

from __future__ import annotations

from rcdesk.ui.conversations.player import Player


def _open(make_window):
    window = make_window()
    window.home.open_sample()
    return window, window.workshop_page


def test_opening_conversations_builds_only_the_visible_tab(qtbot, make_window) -> None:
    _, page = _open(make_window)
    page.show_stage(2)
    conversations = page.conversations
    qtbot.waitUntil(lambda: conversations.agenda.isVisible())
    # "Every voice" is only a bar of tabs; none of its tabs is built
    assert conversations.tabs.built_tabs() == ["Agenda && walkthrough", "Every voice"]
    assert conversations.voices.built_tabs() == []
    assert conversations.findChildren(Player) == []  # no walkthrough started
    conversations.tabs.setCurrentWidget(conversations.voices)
    assert conversations.voices.built_tabs() == ["Rate the map"]  # the one it shows
    assert conversations.tabs.built_tabs() == ["Agenda && walkthrough", "Every voice"]
    conversations.tabs.setCurrentIndex(3)
    assert conversations.tabs.built_tabs() == ["Agenda && walkthrough", "Pulse",
                                               "Every voice"]
    assert conversations.tabs.currentWidget() is conversations.pulse
    qtbot.waitUntil(lambda: conversations.pulse.isVisible())


def test_a_tab_built_later_shows_the_current_wave_and_projector_mode(
        qtbot, make_window) -> None:
    window, page = _open(make_window)
    page.show_stage(2)
    conversations = page.conversations
    assert page.wave_picker.count() > 1
    page.wave_picker.setCurrentIndex(page.wave_picker.count() - 1)
    wave_id = page.current_wave_id()
    window.set_projector_mode(True)
    assert conversations.tabs.built_tabs() == ["Agenda && walkthrough", "Every voice"]
    conversations.tabs.setCurrentIndex(3)
    pulse = conversations.pulse
    assert (pulse.wave_id, pulse.projector) == (wave_id, True)
    conversations.show_voice(conversations.voices.widget(2))  # Pairs, built now
    assert conversations.pairs.wave_id == wave_id
    assert conversations.voices.currentWidget() is conversations.pairs
    assert conversations.room.wave_id == wave_id  # built when asked for
    assert conversations.captures._projector  # noqa: SLF001 (team-facing, issue 15)


def test_the_player_is_built_when_a_walkthrough_starts(qtbot, make_window) -> None:
    _, page = _open(make_window)
    page.show_stage(2)
    conversations = page.conversations
    assert not conversations.showing_player()
    meeting = page.model.service.meetings()[0]
    assert conversations.start_walkthrough(meeting.id)
    assert conversations.showing_player()
    assert len(conversations.findChildren(Player)) == 1
    conversations.player.leave()
    qtbot.waitUntil(lambda: not conversations.showing_player())
    assert conversations.tabs.currentWidget() is conversations.agenda
