"""Pass-the-laptop: a locked, full-screen window where each participant answers alone.

The window is application-modal and refuses to close: Esc, Alt+F4 and the close
button do nothing, no menu or shortcut of the main window reaches through (an
application event filter swallows shortcuts while it is open), and there is no
undo. "Done" saves the participant's answers in one transaction (not on the undo
stack: a later Ctrl+Z in the main window must not silently drop someone's
answers), clears every control and shows a thank-you screen; nothing of an
earlier answer is ever visible again. The only number shown is how many people
have answered.

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
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.domain.psych_safety import PulseItem
from rcdesk.services.pulse import PulseService
from rcdesk.ui.conversations.hold_gesture import HoldGesture, HoldRing
from rcdesk.ui.widgets import button, label, named

HOLD_TICK_MS = 50
HINT = "Facilitator: hold the exit keys, or use your PIN, to leave."
HOLDING = "Leaving: keep holding…"
PIN_TRIES = 3
PIN_WAIT = 30.0
#: Agree-scale anchors by scale size, from 1 to the top point.
ANCHORS = {
    7: ("Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
        "Somewhat agree", "Agree", "Strongly agree"),
    5: ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
        "Strongly agree"),
}
SKIP = 0  # the button id of "skip" in each item's group
_STYLE = """
QWidget#pulseLock { font-size: 18pt; }
QLabel[textRole="title"] { font-size: 28pt; font-weight: bold; }
QLabel[textRole="prompt"] { font-size: 30pt; }
QLabel#anchor { font-size: 11pt; }
QLabel#hint { font-size: 11pt; }
QLabel#hint[holding="true"] { font-size: 16pt; font-weight: bold; }
QPushButton#facilitator { font-size: 11pt; padding: 4px 12px; }
QLabel#question { font-size: 22pt; font-weight: bold; }
QLabel#statement { font-size: 17pt; }
QRadioButton { font-size: 13pt; padding: 2px; }
QRadioButton::indicator { width: 28px; height: 28px; }
QPushButton { font-size: 20pt; padding: 10px 28px; }
"""


class _ItemRow:
    """One statement and its radio buttons (points 1…n and skip), in a grid row."""

    def __init__(self, grid: QGridLayout, row: int, item: PulseItem, scale: int) -> None:
        self.key = item.key
        self.wording = label(item.wording, wrap=True)
        self.wording.setObjectName("statement")
        self.wording.setMinimumWidth(420)
        grid.addWidget(self.wording, row, 0)
        self.anchors = ANCHORS[scale]
        self.group = QButtonGroup(grid)
        self.group.setExclusive(True)
        for point in range(1, scale + 1):
            self._add(grid, row, point, str(point), self.anchors[point - 1])
        self._add(grid, row, SKIP, "skip", "skip this statement")

    def _add(self, grid: QGridLayout, row: int, point: int, text: str, meaning: str) -> None:
        radio = named(QRadioButton(text), f"Statement {self.key[2:]}: {meaning}")
        self.group.addButton(radio, point)
        column = point if point != SKIP else len(self.anchors) + 1
        grid.addWidget(radio, row, column, Qt.AlignmentFlag.AlignCenter)

    def value(self) -> int | None:
        chosen = self.group.checkedId()
        return chosen if chosen > 0 else None

    def clear(self) -> None:
        self.group.setExclusive(False)
        for radio in self.group.buttons():
            radio.setChecked(False)
        self.group.setExclusive(True)


class PulseLockWindow(QWidget):
    recorded = Signal()
    """One participant's answers were saved (the count went up)."""
    left = Signal()
    """The facilitator left with the hold gesture; the window is closing."""

    def __init__(self, pulses: PulseService, wave_id: int, scale: int,
                 clock: Callable[[], float] = time.monotonic, pin: str = "") -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("pulseLock")
        self.setAccessibleName("Psychological-safety pulse")
        self.setWindowTitle("Psychological-safety pulse")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(_STYLE)
        font = QFont(self.font())
        font.setPointSizeF(18)
        self.setFont(font)
        self.pulses = pulses
        self.wave_id = wave_id
        found = pulses.pulse(wave_id)
        self.scale = found.scale_max if found is not None else scale
        self.clock = clock
        self._pin = pin
        self._wrong_pins = 0
        self._pin_wait_until = 0.0
        self._released = False
        self.gesture = HoldGesture(clock)
        self.hold_timer = QTimer(self)
        self.hold_timer.setInterval(HOLD_TICK_MS)
        self.hold_timer.timeout.connect(self.check_hold)
        self.rows: list[_ItemRow] = []
        self._build()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.show_welcome()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.pages = QStackedWidget()
        self.welcome = self._message_page(
            "Psychological-safety pulse",
            "Seven short statements about this team. Answer alone; nobody sees your "
            "answers, only the team's result once enough people have answered.",
            button("Start", "Start answering", self.show_questions, accent=True))
        self.thanks = self._message_page(
            "Thank you.", "Your answers are saved and cleared from the screen. "
            "Please pass the laptop on.",
            button("I'm next", "Start answering as the next person", self.show_questions,
                   accent=True))
        self.questions = self._question_page()
        self.pin_page = self._pin_page()
        for page in (self.welcome, self.thanks, self.questions, self.pin_page):
            self.pages.addWidget(page)
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

    def _message_page(self, title: str, text: str, action: QAbstractButton) -> QWidget:
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
        return page

    def _question_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        question = label("How much do you agree with each statement?", wrap=True)
        question.setObjectName("question")
        layout.addWidget(question)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(4)
        anchors = ANCHORS[self.scale]
        for point, text in enumerate(anchors, start=1):
            anchor = label(text, wrap=True)
            anchor.setObjectName("anchor")
            anchor.setAlignment(Qt.AlignmentFlag.AlignCenter)
            anchor.setFixedWidth(84)
            grid.addWidget(anchor, 0, point, Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(QWidget(), 0, len(anchors) + 1)  # the skip column
        for row, item in enumerate(self.pulses.items(), start=1):
            if row > 1:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                grid.addWidget(line, 2 * row - 2, 0, 1, len(anchors) + 2)
            self.rows.append(_ItemRow(grid, 2 * row - 1, item, self.scale))
        grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        layout.addWidget(scroll, 1)
        self.done_button = button("Done", "Done: save my answers", self.done, accent=True)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
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
        row.addWidget(button("Back", "Back to the pulse", self.show_welcome))
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
        count = self.pulses.response_count(self.wave_id)
        self.count_label.setText(f"Responses so far: {count}")
        self.count_label.setAccessibleName(self.count_label.text())
        self.pages.setCurrentWidget(page)

    def show_welcome(self) -> None:
        self._show(self.welcome)

    def show_questions(self) -> None:
        self.clear_answers()
        self._show(self.questions)
        if self.rows:
            self.rows[0].group.buttons()[0].setFocus()

    def clear_answers(self) -> None:
        for row in self.rows:
            row.clear()
        self.error_label.hide()

    def answers(self) -> dict[str, int | None]:
        return {row.key: row.value() for row in self.rows}

    def done(self) -> None:
        """Save this participant's answers, wipe the screen, thank them.

        Nothing chosen at all saves nothing (an empty set would count as a response)."""
        if all(value is None for value in self.answers().values()):
            self.error_label.setText("Choose an answer for at least one statement, or pass "
                                     "the laptop on without pressing Done.")
            self.error_label.show()
            return
        try:
            self.pulses.record_answers(self.wave_id, self.answers(), self.scale)
        except DomainError as exc:
            self.error_label.setText(f"Your answers could not be saved: {exc}")
            self.error_label.show()
            return
        self.clear_answers()
        self._show(self.thanks)
        self.thanks.setFocus()
        self.recorded.emit()

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
