"""The pulse on the passed laptop: each participant answers the seven statements alone, on
the locked screen of lock_window.py (which holds the lock and the facilitator's ways out).

"Done" saves the participant's answers in one transaction (not on the undo stack),
clears every control and shows a thank-you screen; nothing of an earlier answer is
ever visible again. The only number shown is how many people have answered.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.domain.psych_safety import PulseItem
from rcdesk.services.pulse import PulseService
from rcdesk.ui.conversations.lock_window import LockWindow
from rcdesk.ui.widgets import button, label, named

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
QLabel#anchor { font-size: 11pt; }
QLabel#statement { font-size: 17pt; }
QRadioButton { font-size: 13pt; padding: 2px; }
QRadioButton::indicator { width: 28px; height: 28px; }
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


class PulseLockWindow(LockWindow):
    def __init__(self, pulses: PulseService, wave_id: int, scale: int,
                 clock: Callable[[], float] = time.monotonic, pin: str = "") -> None:
        super().__init__("Psychological-safety pulse", _STYLE, clock, pin)
        self.setObjectName("pulseLock")
        self.pulses = pulses
        self.wave_id = wave_id
        found = pulses.pulse(wave_id)
        self.scale = found.scale_max if found is not None else scale
        self.rows: list[_ItemRow] = []
        self.welcome = self.message_page(
            "Psychological-safety pulse",
            "Seven short statements about this team. Answer alone; nobody sees your "
            "answers, only the team's result once enough people have answered.",
            button("Start", "Start answering", self.show_questions, accent=True))
        self.thanks = self.message_page(
            "Thank you.", "Your answers are saved and cleared from the screen. "
            "Please pass the laptop on.",
            button("I'm next", "Start answering as the next person", self.show_questions,
                   accent=True))
        self.questions = self._question_page()
        self.pages.addWidget(self.questions)
        self.show_welcome()

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

    # -- screens -----------------------------------------------------------------------------

    def response_count(self) -> int:
        return self.pulses.response_count(self.wave_id)

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
            self.show_error("Choose an answer for at least one statement, or pass "
                            "the laptop on without pressing Done.")
            return
        try:
            self.pulses.record_answers(self.wave_id, self.answers(), self.scale)
        except DomainError as exc:
            self.show_error(f"Your answers could not be saved: {exc}")
            return
        self.clear_answers()
        self._show(self.thanks)
        self.thanks.setFocus()
        self.recorded.emit()
