"""Issue 15: the pass-the-laptop lock opens for the facilitator under every platform's key
events (autorepeat on or off), shows a ring while held, opens with the PIN, and opens
for nothing a participant can do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from rcdesk.ui.conversations.pulse_lock import PulseLockWindow

from .lock_support import CTRL_SHIFT, PIN, Clock


@pytest.fixture
def lock(qtbot, make_window):
    """A real lock window over the sample's newest wave, with a fake clock and a PIN."""
    from rcdesk.ui.conversations.pulse_tab import PulseTab

    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    tab = PulseTab(page.model, page.runner, page.feedback)
    qtbot.addWidget(tab)
    page.model.service.schedule.add_wave("Lock test")
    tab.set_wave(page.model.service.waves()[-1].id)
    clock = Clock()
    tab.lock_clock = clock
    tab.ask_pin = lambda: PIN
    opened = tab.start_laptop()
    assert opened is not None
    yield opened, clock
    if tab.lock is not None:
        opened.release()


def key(lock: PulseLockWindow, kind: QEvent.Type, auto: bool,
        key_: Qt.Key = Qt.Key.Key_L, mods: Qt.KeyboardModifier = CTRL_SHIFT) -> None:
    QApplication.sendEvent(lock, QKeyEvent(kind, key_, mods, "", auto))


def hold_x11(lock: PulseLockWindow, clock: Clock, seconds: float, marked: bool) -> None:
    """X11 autorepeat: a press, then after the 0.5 s delay a release+press pair every
    33 ms (marked isAutoRepeat() or, when detection fails, not); the timer ticks between."""
    key(lock, QEvent.Type.KeyPress, False)
    clock.now += 0.5
    lock.check_hold()
    held = 0.5
    left: list[bool] = []
    lock.left.connect(lambda: left.append(True))
    while held < seconds and not left:
        key(lock, QEvent.Type.KeyRelease, marked)
        clock.now += 0.002
        key(lock, QEvent.Type.KeyPress, marked)
        clock.now += 0.031
        held += 0.033
        lock.check_hold()


@pytest.mark.parametrize("marked", [True, False], ids=["marked-autorepeat", "unmarked-pairs"])
def test_holding_opens_the_lock_under_x11_autorepeat(lock, qtbot, marked: bool) -> None:
    window, clock = lock
    with qtbot.waitSignal(window.left, timeout=1000):
        hold_x11(window, clock, 2.2, marked)


def test_holding_with_repeated_presses_only_opens_the_lock(lock, qtbot) -> None:
    """Wayland, Windows, macOS: repeated presses marked isAutoRepeat(), no releases."""
    window, clock = lock
    key(window, QEvent.Type.KeyPress, False)
    with qtbot.waitSignal(window.left, timeout=1000):
        for _ in range(61):
            clock.now += 0.033
            key(window, QEvent.Type.KeyPress, True)
            window.check_hold()


def test_holding_with_autorepeat_off_opens_the_lock(lock, qtbot) -> None:
    window, clock = lock
    key(window, QEvent.Type.KeyPress, False)
    clock.now += 1.0
    window.check_hold()
    assert window.ring.isVisibleTo(window) and window.ring.progress == pytest.approx(0.5)
    with qtbot.waitSignal(window.left, timeout=1000):
        clock.now += 1.01
        window.check_hold()


def test_a_short_press_or_a_real_let_go_starts_over(lock) -> None:
    window, clock = lock
    key(window, QEvent.Type.KeyPress, False)
    clock.now += 1.5
    window.check_hold()
    key(window, QEvent.Type.KeyRelease, False)  # let go for real
    clock.now += 0.3
    window.check_hold()
    assert not window.holding and not window.ring.isVisibleTo(window)
    key(window, QEvent.Type.KeyPress, False)  # pressed again: a new two seconds
    clock.now += 1.0
    window.check_hold()
    assert window.isVisible() and window.holding
    key(window, QEvent.Type.KeyRelease, False)
    clock.now += 5.0  # however long after, a released combination never opens
    window.check_hold()
    assert window.isVisible() and not window.holding


def test_nothing_a_participant_can_do_opens_the_lock(lock, qtbot) -> None:
    window, clock = lock
    for key_, mods in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                       (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
                       (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                       (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),  # no Shift
                       (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                       (Qt.Key.Key_F10, Qt.KeyboardModifier.NoModifier)):  # menus
        key(window, QEvent.Type.KeyPress, False, key_, mods)
        clock.now += 3.0
        window.check_hold()
        key(window, QEvent.Type.KeyRelease, False, key_, mods)
    QApplication.sendEvent(window, QCloseEvent())  # Alt+F4 / the window manager's close
    QApplication.sendEvent(window, QContextMenuEvent(QContextMenuEvent.Reason.Mouse,
                                                     QPoint(5, 5), QPoint(5, 5)))
    assert window.close() is False
    window.show_pin()
    for wrong in ("", "1234", "24680", "0000"):
        window.pin_field.setText(wrong)
        window.try_pin()
    assert "not the PIN" in window.pin_note.text() or "wait" in window.pin_note.text()
    window.pin_field.setText(PIN)  # three wrong tries: even the right PIN waits
    window.try_pin()
    assert window.isVisible() and "wait" in window.pin_note.text()


def test_the_facilitator_pin_opens_the_lock(lock, qtbot) -> None:
    window, clock = lock
    assert window.pin_button.isVisibleTo(window)
    assert "Ctrl+Shift+L" not in window.hint.text()  # the combination is not on show
    qtbot.mouseClick(window.pin_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.pin_page
    qtbot.keyClicks(window.pin_field, "1111")
    qtbot.keyClick(window.pin_field, Qt.Key.Key_Return)
    assert window.isVisible() and "not the PIN" in window.pin_note.text()
    with qtbot.waitSignal(window.left, timeout=1000):
        qtbot.keyClicks(window.pin_field, PIN)
        qtbot.keyClick(window.pin_field, Qt.Key.Key_Return)
