"""Cross-role pairs on the projector (issue 20): proposed from who came, shown large,
re-rolled and swapped by keyboard, and called by a walkthrough's pairs step."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from rcdesk.ui.conversations.pairs_tab import PairsTab

from .walkthrough_data import player_on_fake_clocks


def key(widget, k: Qt.Key) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, k,
                                             Qt.KeyboardModifier.NoModifier))


def seats(tab: PairsTab) -> Counter:
    return Counter(s for g in tab.controller.groups for s in g.seats)


def test_pairs_from_who_came_rerolled_and_swapped_by_keyboard(qtbot, make_window) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    tab = PairsTab(page.model, page.feedback)
    qtbot.addWidget(tab)
    tab.set_wave(page.current_wave_id())
    tab.propose()
    plan = tab.controller.plan
    assert plan is not None and plan.meeting is not None
    came = sum(plan.meeting.attendance.values())
    assert sum(seats(tab).values()) == came  # everyone placed once
    assert all(g.mixed for g in tab.controller.groups)
    first = list(tab.controller.groups)
    key(tab, Qt.Key.Key_R)
    assert tab.controller.seed == 1 and sum(seats(tab).values()) == came
    before = list(tab.controller.groups)
    key(tab, Qt.Key.Key_Space)  # pick the first person
    key(tab, Qt.Key.Key_Right)
    key(tab, Qt.Key.Key_Right)  # the first person of the second group
    key(tab, Qt.Key.Key_Space)  # swap
    after = tab.controller.groups
    assert after[0].seats[0] == before[1].seats[0] and after[1].seats[0] == before[0].seats[0]
    assert seats(tab) == Counter(s for g in before for s in g.seats)
    assert first  # the first proposal was not empty
    shown = tab.show_on_projector()
    assert shown.isFullScreen()
    texts = [w.text() for w in shown.findChildren(QLabel)]
    assert any(tab.controller.plan.seat_name(after[0].seats[0]) in t for t in texts)
    assert all(w.font().pointSizeF() >= 24 for w in shown.board.findChildren(QLabel)
               if w.isVisible() and w is not shown.board.empty)
    key(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.window_ is None)


def test_a_walkthroughs_pairs_step_shows_the_pairs_and_r_rerolls(qtbot, make_window) -> None:
    window = make_window()
    conversations, player, clock, meeting = player_on_fake_clocks(
        window, datetime(2026, 3, 2, 9, 0))
    assert conversations.start_walkthrough(meeting)
    player.next()  # step 2 is a pairs step
    audience = player.audience
    assert audience.body.currentWidget() is audience._pairs_board
    assert audience.pairs.groups
    assert audience.question.text() == player.current().step.room
    seed = audience.pairs.seed
    key(player.facilitator, Qt.Key.Key_R)
    assert audience.pairs.seed == seed + 1
    player.leave()
