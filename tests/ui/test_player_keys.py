"""The player's keys belong to the widget with focus; Esc never ends a huddle on a reflex;
the timer options; blank is black; P on two screens blanks; focus comes back to the laptop."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.ui.conversations.audience import BLANK
from rcdesk.ui.conversations.timer import TimerState

from .walkthrough_data import player_on_fake_clocks


class FakeProjector:
    """A second screen to the right of the laptop (stands in for a QScreen)."""

    def geometry(self):
        from PySide6.QtCore import QRect

        return QRect(5000, 0, 1280, 720)

    def name(self) -> str:
        return "HDMI-1"


def _start(qtbot, make_window, two_screens: bool):
    window = make_window()
    conversations, player, clock, meeting = player_on_fake_clocks(
        window, datetime(2026, 11, 27, 10, 30))
    if two_screens:
        laptop = window.screen()
        player.screens = lambda: [laptop, FakeProjector()]
    assert conversations.start_walkthrough(meeting)
    qtbot.waitUntil(player.audience.isVisible)
    return window, player, clock


@pytest.fixture
def laptop(qtbot, make_window):
    """One screen; the player switched to the facilitator view."""
    window, player, clock = _start(qtbot, make_window, two_screens=False)
    qtbot.keyClick(player.audience, Qt.Key.Key_P)
    assert not player.audience.isVisible()
    return window, player, clock


@pytest.fixture
def two(qtbot, make_window):
    return _start(qtbot, make_window, two_screens=True)


def test_enter_in_the_capture_box_saves_and_never_jumps_the_agenda(qtbot, laptop) -> None:
    _, player, clock = laptop
    facilitator = player.facilitator
    facilitator.agenda.setCurrentRow(2)  # a later step selected in the agenda list
    player.countdown.start()
    clock.advance(20)
    line = facilitator.capture.line
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClicks(line, "Nights feel alone")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert facilitator.recent.count() == 1 and line.text() == ""
    assert player.current().title == "Welcome"  # no jump to step 3
    assert player.countdown.running and player.countdown.text() == "4:40"  # no reset
    qtbot.keyClick(line, Qt.Key.Key_Enter)  # an empty box: Enter still stays in the box
    assert player.current().title == "Welcome"


def test_agenda_keys_act_only_when_the_agenda_has_focus(qtbot, laptop) -> None:
    _, player, _ = laptop
    facilitator = player.facilitator
    facilitator.setFocus()
    qtbot.keyClick(facilitator, Qt.Key.Key_Down)
    qtbot.keyClick(facilitator, Qt.Key.Key_S)
    assert facilitator.agenda.currentRow() == -1
    assert not any(facilitator.agenda.item(r).text().endswith("(skipped)") for r in range(4))
    facilitator.agenda.setFocus()
    qtbot.waitUntil(facilitator.agenda.hasFocus)
    qtbot.keyClick(facilitator.agenda, Qt.Key.Key_Down)  # from the step on screen
    qtbot.keyClick(facilitator.agenda, Qt.Key.Key_S)
    assert facilitator.agenda.item(1).text().endswith("(skipped)")
    qtbot.keyClick(facilitator.agenda, Qt.Key.Key_Down)
    qtbot.keyClick(facilitator.agenda, Qt.Key.Key_Return)
    assert player.current().title == "Our map"
    qtbot.keyClick(facilitator.agenda, Qt.Key.Key_Left)  # the player's keys still work there
    assert player.current().title == "Pairs"


def test_esc_needs_a_second_press_within_a_second_with_a_visible_hint(qtbot, laptop) -> None:
    _, player, clock = laptop
    facilitator = player.facilitator
    line = facilitator.capture.line
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClicks(line, "half typed")
    qtbot.keyClick(line, Qt.Key.Key_Escape)  # cancels the typing
    assert line.text() == "" and player.walk.running
    qtbot.waitUntil(lambda: not line.hasFocus())
    qtbot.keyClick(facilitator, Qt.Key.Key_Escape)  # the reflex: only a hint
    assert player.walk.running and player.audience is not None
    assert facilitator.leave_hint.isVisibleTo(facilitator)
    assert "Esc again" in facilitator.leave_hint.text()
    clock.advance(1.5)  # too late: this Esc asks again
    qtbot.keyClick(facilitator, Qt.Key.Key_Escape)
    assert player.walk.running and facilitator.leave_hint.isVisibleTo(facilitator)
    clock.advance(0.4)
    with qtbot.waitSignal(player.ended):
        qtbot.keyClick(facilitator, Qt.Key.Key_Escape)
    assert not player.walk.running


def test_the_timer_can_run_on_into_the_next_step(qtbot, laptop) -> None:
    _, player, clock = laptop
    facilitator = player.facilitator
    qtbot.keyClick(facilitator, Qt.Key.Key_T)
    clock.advance(30)
    qtbot.keyClick(facilitator, Qt.Key.Key_Space)
    assert not player.countdown.running  # the default: each step starts stopped
    qtbot.keyClick(facilitator, Qt.Key.Key_T)
    facilitator.continue_timer.click()
    assert facilitator.continue_timer.isChecked()
    qtbot.keyClick(facilitator, Qt.Key.Key_Space)
    assert player.current().title == "Our map"
    assert player.countdown.running and player.countdown.text() == "15:00"


def test_overrun_stays_on_the_laptop_unless_asked(qtbot, laptop) -> None:
    _, player, clock = laptop
    audience, facilitator, countdown = player.audience, player.facilitator, player.countdown
    countdown._beep = None  # noqa: SLF001 - no system beep in tests
    qtbot.keyClick(facilitator, Qt.Key.Key_T)
    clock.advance(321)
    countdown.tick()
    assert facilitator.clock.text() == "−0:21"
    assert audience.timer.text() == "0:00"  # the room sees 0:00, calmly
    assert audience.timer_state is TimerState.NORMAL
    clock.advance(0.5)
    countdown.tick()
    assert audience.timer.text() == "0:00" and audience.timer_state is TimerState.NORMAL
    facilitator.overrun_to_room.click()
    countdown.tick()
    assert audience.timer.text() == "−0:21" and audience.timer_state is TimerState.OVER


def test_blank_is_black_and_the_laptop_says_so(qtbot, laptop) -> None:
    _, player, _ = laptop
    facilitator = player.facilitator
    assert BLANK == "#000000"
    assert not facilitator.blank_note.isVisibleTo(facilitator)
    qtbot.keyClick(facilitator, Qt.Key.Key_B)
    assert player.audience.blank and f"background: {BLANK}" in player.audience.styleSheet()
    assert facilitator.blank_note.isVisibleTo(facilitator)
    assert "blank" in facilitator.blank_note.text().lower()
    image = player.audience.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#000000"
    qtbot.keyClick(facilitator, Qt.Key.Key_B)
    assert not player.audience.blank and not facilitator.blank_note.isVisibleTo(facilitator)


def test_p_with_two_screens_blanks_the_projector_and_the_laptop_keeps_the_keys(
        qtbot, two) -> None:
    window, player, _ = two
    facilitator = player.facilitator
    assert player.plan.two_screens
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(facilitator, Qt.Key.Key_P)
    assert player.audience.isVisible() and player.audience.blank  # blanked, not hidden
    assert facilitator.blank_note.isVisibleTo(facilitator)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(facilitator, Qt.Key.Key_P)
    assert player.audience.isVisible() and not player.audience.blank
    player.toggle_audience_full_screen()  # any change of the room's window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert facilitator.hasFocus() or facilitator.isAncestorOf(QApplication.focusWidget())
    player.leave()
