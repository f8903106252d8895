"""Dot-voting on gaps (issue 20): each person places their dots alone on the passed laptop
by keyboard, totals appear only when everyone has voted, a show of hands is counted and
undone like any edit, and the gap log sorts by votes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from rcdesk.ui.conversations.dot_vote_lock import DotVoteLock
from rcdesk.ui.conversations.dot_vote_tab import DotVoteTab


@pytest.fixture
def opened(qtbot, make_window):
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    tab = DotVoteTab(page.model, page.runner, page.feedback)
    qtbot.addWidget(tab)
    tab.ask_pin = lambda: "2468"
    yield window, page, tab
    if tab.lock is not None:
        tab.lock.release()


def press(lock: DotVoteLock, keys: list[Qt.Key]) -> None:
    for key in keys:
        focused = lock.focusWidget()
        assert focused is not None
        QApplication.sendEvent(focused, QKeyEvent(QEvent.Type.KeyPress, key,
                                                  Qt.KeyboardModifier.NoModifier))


def test_dots_on_the_laptop_show_only_when_everyone_voted(opened, qtbot) -> None:
    window, page, tab = opened
    tab.dots.setValue(2)
    tab.voters.setValue(3)
    tab.method.setCurrentIndex(tab.method.findData("laptop"))
    tab.start()
    vote = tab.current()
    assert vote is not None and vote.dots == 2
    lock = tab.start_laptop()
    assert lock is not None and lock.isModal()
    gaps = [g.id for g in tab.votes.candidates()]
    plus, down, enter = Qt.Key.Key_Plus, Qt.Key.Key_Down, Qt.Key.Key_Return
    for keys in ([plus, down, plus, enter], [plus, plus, plus, enter], [down, plus, enter]):
        lock.show_board()
        assert lock.board is not None and lock.board.ballot() == {}  # nothing left over
        press(lock, keys)
        assert lock.pages.currentWidget() is lock.thanks
        if tab.votes.results(vote.id) is None:
            assert tab.results.text() == ""
    assert lock.close() is False  # still locked
    lock.release()
    qtbot.waitUntil(lambda: tab.lock is None)
    # By hand: gap 1 gets 1 + 2 = 3 (the third + found no dot left), gap 2 gets 1 + 1 = 2.
    results = tab.votes.results(vote.id)
    assert results is not None
    assert [(p.gap_id, p.votes) for p in results] == [(gaps[0], 3), (gaps[1], 2)]
    assert tab.results.text().startswith("1. ")
    assert not tab.laptop_button.isEnabled()


def test_a_show_of_hands_is_counted_undone_and_closed(opened, qtbot) -> None:
    window, page, tab = opened
    tab.method.setCurrentIndex(tab.method.findData("tally"))
    tab.start()
    vote = tab.current()
    assert vote is not None and vote.method == "tally"
    first, second = list(tab.spins)[:2]
    tab.spins[first].setValue(4)
    tab.spins[second].setValue(6)
    assert tab.votes.hands(vote.id) == {first: 4, second: 6}
    page.stack.undo()
    assert tab.votes.hands(vote.id) == {first: 4}
    assert tab.spins[second].value() == 0  # the field follows the undo
    assert tab.results.text() == ""
    qtbot.mouseClick(tab.close_button, Qt.MouseButton.LeftButton)
    assert tab.results.text().startswith("1. ")


def test_the_gap_log_sorts_by_votes(opened, qtbot) -> None:
    window, page, tab = opened
    tab.method.setCurrentIndex(tab.method.findData("tally"))
    tab.start()
    vote = tab.current()
    assert vote is not None
    gaps = list(tab.spins)
    tab.spins[gaps[-1]].setValue(9)
    tab.close_tally()
    log = page.show_gaps()
    column = next(i for i, c in enumerate(log.table_model.columns) if c.name == "Votes")
    log.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert log.proxy.record_at(0).id == gaps[-1] and log.proxy.record_at(0).votes == 9
