"""Pass-the-laptop: the locked, full-screen window every "each person alone" screen uses
(the pulse, issue 5 and 15; rating the map, issue 20).

The window is application-modal and refuses to close: Esc, Alt+F4 and the close
button do nothing, no menu or shortcut of the main window reaches through (an
application event filter swallows shortcuts while it is open), and there is no
undo. A subclass adds its pages (a welcome, the questions, a thank-you) and saves
each participant's answers in one transaction, off the undo stack (a later Ctrl+Z
in the main window must not silently drop someone's answers); nothing of an earlier
answer is ever visible again. The only number shown is how many people answered.

The facilitator leaves in one of two ways (issue 15):
- holding Ctrl+Shift+L for two seconds, with a progress ring while it is held. Key
  autorepeat must not restart the hold: X11 sends a release and a press for every
  repeat (marked isAutoRepeat(), or not when detection fails), Wayland, Windows and
  macOS send repeated presses only. So an auto-repeated event never restarts or ends
  the hold, and a plain release only ends it when no press of the combination
  follows within RELEASE_GRACE (hold_gesture.py);
- "Facilitator" at the bottom and the PIN chosen before the laptop was passed, for
  a keyboard with a broken key. Wrong PINs are counted: after three, the PIN field
  waits PIN_WAIT seconds, so guessing is slow.
The clock is injected, so tests need no sleeps.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.ui.conversations.hold_gesture import HoldGesture, HoldRing
from rcdesk.ui.widgets import button, label, named

HOLD_TICK_MS = 50
HINT = "Facilitator: hold the exit keys, or use your PIN, to leave."
HOLDING = "Leaving: keep holding…"
PIN_TRIES = 3
PIN_WAIT = 30.0
LOCK_STYLE = """
QLabel[textRole="title"] { font-size: 28pt; font-weight: bold; }
QLabel[textRole="prompt"] { font-size: 30pt; }
QLabel#hint { font-size: 11pt; }
QLabel#hint[holding="true"] { font-size: 16pt; font-weight: bold; }
QPushButton#facilitator { font-size: 11pt; padding: 4px 12px; }
QLabel#question { font-size: 22pt; font-weight: bold; }
QPushButton { font-size: 20pt; padding: 10px 28px; }
"""


class LockWindow(QWidget):
    recorded = Signal()
    """One participant's answers were saved (the count went up)."""
    left = Signal()
    """The facilitator left with the hold gesture or the PIN; the window is closing."""

    def __init__(self, name: str, style: str, clock: Callable[[], float] = time.monotonic,
                 pin: str = "") -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setAccessibleName(name)
        self.setWindowTitle(name)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(LOCK_STYLE + style)
        font = QFont(self.font())
        font.setPointSizeF(18)
        self.setFont(font)
        self.clock = clock
        self._pin = pin
        self._wrong_pins = 0
        self._pin_wait_until = 0.0
        self._released = False
        self.gesture = HoldGesture(clock)
        self.hold_timer = QTimer(self)
        self.hold_timer.setInterval(HOLD_TICK_MS)
        self.hold_timer.timeout.connect(self.check_hold)
        self._build_frame()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- to be given by each kind of lock -------------------------------------------------------

    def response_count(self) -> int:
        """How many people have answered so far (the one number the screen shows)."""
        raise NotImplementedError

    def show_welcome(self) -> None:
        raise NotImplementedError

    # -- building ----------------------------------------------------------------------------

    def _build_frame(self) -> None:
        self.pages = QStackedWidget()
        self.pin_page = self._pin_page()
        self.pages.addWidget(self.pin_page)
        self.count_label = named(QLabel(), "Responses so far")
        self.hint = label(HINT, "muted", wrap=True)
        self.hint.setObjectName("hint")
        self.ring = HoldRing()
        self.ring.hide()
        self.pin_button = button("Facilitator", "Facilitator: leave with the PIN",
                                 self.show_pin)
        self.pin_button.setObjectName("facilitator")
        self.pin_button.setFlat(True)
        self.pin_button.setVisible(bool(self._pin))
        self.error_label = label("", "error", wrap=True)
        self.error_label.hide()
        footer = QHBoxLayout()
        footer.addWidget(self.ring)
        footer.addWidget(self.hint, 1)
        footer.addWidget(self.pin_button)
        footer.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 12)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(footer)

    def message_page(self, title: str, text: str, action: QAbstractButton) -> QWidget:
        """A centred page of a title, a line of text and one button."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        heading = label(title, "title")
        body = label(text, "prompt", wrap=True)
        for widget in (heading, body):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addSpacing(24)
        layout.addWidget(action, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.pages.addWidget(page)
        return page

    def _pin_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        heading = label("Facilitator", "title")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        self.pin_field = named(QLineEdit(), "Facilitator PIN")
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(8)
        self.pin_field.setFixedWidth(260)
        self.pin_field.returnPressed.connect(self.try_pin)
        layout.addWidget(self.pin_field, 0, Qt.AlignmentFlag.AlignCenter)
        self.pin_note = label("Type the PIN chosen before the laptop was passed.",
                              "prompt", wrap=True)
        self.pin_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.pin_note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button("Back", "Back to the start", self.show_welcome))
        row.addWidget(button("Leave", "Leave with the PIN", self.try_pin, accent=True))
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def show_pin(self) -> None:
        self.pin_field.clear()
        self._show(self.pin_page)
        self.pin_field.setFocus()

    def try_pin(self) -> None:
        """Leave when the PIN typed is the facilitator's; count a wrong one."""
        typed = self.pin_field.text()
        self.pin_field.clear()
        now = self.clock()
        if now < self._pin_wait_until:
            self.pin_note.setText(f"Too many wrong PINs: wait "
                                  f"{int(self._pin_wait_until - now) + 1} seconds.")
            return
        if self._pin and typed == self._pin:
            self.release()
            return
        self._wrong_pins += 1
        if self._wrong_pins % PIN_TRIES == 0:
            self._pin_wait_until = now + PIN_WAIT
        self.pin_note.setText("That is not the PIN.")

    # -- screens -----------------------------------------------------------------------------

    def _show(self, page: QWidget) -> None:
        self.count_label.setText(f"Responses so far: {self.response_count()}")
        self.count_label.setAccessibleName(self.count_label.text())
        self.pages.setCurrentWidget(page)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # -- staying locked ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._released:
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()  # Esc, Ctrl+Z and every other key stop here

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While open: no shortcut anywhere fires, and the hold gesture is watched."""
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # keys go to the focused control as plain key presses
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.gesture.is_combination(event.key(), event.modifiers()):
                if self.gesture.press(event.isAutoRepeat()):
                    self.hold_timer.start()
                self.check_hold()
                return True
            if event.key() == Qt.Key.Key_Escape or event.matches(QKeySequence.StandardKey.Undo):
                return True
        elif kind == QEvent.Type.KeyRelease and isinstance(event, QKeyEvent):
            if self.gesture.is_part(event.key()):
                self.gesture.release(event.isAutoRepeat())
                self.check_hold()
        return False

    @property
    def holding(self) -> bool:
        return self.gesture.holding

    def cancel_hold(self) -> None:
        self.gesture.cancel()
        self.hold_timer.stop()
        self.ring.hide()
        self._hint_holding(False)

    def _hint_holding(self, on: bool) -> None:
        text = HOLDING if on else HINT
        if self.hint.text() != text:
            self.hint.setText(text)
            self.hint.setProperty("holding", "true" if on else "false")
            self.hint.style().unpolish(self.hint)
            self.hint.style().polish(self.hint)

    def check_hold(self) -> None:
        """Leave once Ctrl+Shift+L has been held for HOLD_SECONDS; draw the ring meanwhile."""
        state = self.gesture.check()
        if state is None:
            self.cancel_hold()
        elif state >= 1.0:
            self.release()
        else:
            self.ring.set_progress(state)
            self.ring.show()
            self._hint_holding(True)

    def release(self) -> None:
        """Unlock and close (the facilitator's deliberate gesture)."""
        self.cancel_hold()
        self._released = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.left.emit()
        self.close()


def show_on_laptop(lock: QWidget, beside: QWidget) -> None:
    """Full screen on the laptop's own screen (where `beside` is), never on the projector:
    a new window without a parent may otherwise open on whichever screen holds the mouse."""
    screen = beside.window().screen()
    if screen is not None:
        lock.setScreen(screen)
        lock.setGeometry(screen.geometry())
    lock.showFullScreen()
