"""Dot-voting on the passed laptop (issue 20): each person, alone on the locked screen of
lock_window.py, places their N dots on the open gaps. Keys: Up and Down (or Tab) choose a
gap, + or Right adds a dot, − or Left takes one back, Enter is Done. Done stores one
ballot (services/dot_votes.py), wipes every dot and thanks them; the only number shown is
how many people have voted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from rcdesk.domain.errors import DomainError
from rcdesk.domain.gaps import Gap
from rcdesk.services.dot_votes import DotVoteService
from rcdesk.ui.conversations.lock_window import LockWindow
from rcdesk.ui.widgets import button, label

TITLE = "Dot-vote"
KEYS = "Keys: ↑ ↓ choose a gap · + or → add a dot · − or ← take it back · Enter: Done"
_STYLE = """
QWidget#dotLock { font-size: 16pt; }
QLabel#keys { font-size: 11pt; }
QLabel#dots { font-size: 22pt; }
QWidget#gapRow[focused="true"] { background: palette(highlight); }
QWidget#gapRow[focused="true"] QLabel { color: palette(highlighted-text); }
"""
_ADD = {Qt.Key.Key_Plus, Qt.Key.Key_Right, Qt.Key.Key_Equal}
_TAKE = {Qt.Key.Key_Minus, Qt.Key.Key_Left}


class GapRow(QWidget):
    """One gap and the dots this person put on it."""

    changed = Signal()

    def __init__(self, board: DotBoard, gap: Gap) -> None:
        super().__init__()
        self.setObjectName("gapRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.board = board
        self.gap_id = gap.id
        self.title = gap.title
        self.count = 0
        row = QHBoxLayout(self)
        row.addWidget(label(gap.title, wrap=True), 1)
        self.dots = QLabel()
        self.dots.setObjectName("dots")
        row.addWidget(self.dots)
        row.addWidget(button("−", f"Take a dot from {gap.title}", lambda: self.add(-1)))
        row.addWidget(button("+", f"Put a dot on {gap.title}", lambda: self.add(1)))
        self._show()

    def add(self, step: int) -> None:
        wanted = self.count + step
        if wanted < 0 or (step > 0 and self.board.left() <= 0):
            return
        self.count = wanted
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.dots.setText("●" * self.count or "·")
        self.setAccessibleName(f"{self.title}: {self.count} dots")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _ADD:
            self.add(1)
        elif key in _TAKE:
            self.add(-1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.board.step(self, -1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.board.done_requested.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._mark(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._mark(False)

    def _mark(self, on: bool) -> None:
        self.setProperty("focused", "true" if on else "false")
        self.style().unpolish(self)
        self.style().polish(self)


class DotBoard(QWidget):
    """Every open gap with its dots; `ballot()` gives gap id → dots."""

    done_requested = Signal()
    changed = Signal()

    def __init__(self, gaps: Sequence[Gap], dots: int) -> None:
        super().__init__()
        self.dots = dots
        self.rows = [GapRow(self, gap) for gap in gaps]
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for row in self.rows:
            row.changed.connect(self.changed)
            layout.addWidget(row)
        layout.addStretch(1)

    def left(self) -> int:
        return self.dots - sum(row.count for row in self.rows)

    def step(self, row: GapRow, by: int) -> None:
        index = min(max(self.rows.index(row) + by, 0), len(self.rows) - 1)
        self.rows[index].setFocus()

    def ballot(self) -> dict[int, int]:
        return {row.gap_id: row.count for row in self.rows if row.count}


class DotVoteLock(LockWindow):
    def __init__(self, votes: DotVoteService, vote_id: int,
                 clock: Callable[[], float] = time.monotonic, pin: str = "") -> None:
        super().__init__(TITLE, _STYLE, clock, pin)
        self.setObjectName("dotLock")
        self.votes = votes
        self.vote_id = vote_id
        self.board: DotBoard | None = None
        self.host: QWidget | None = None
        dots = votes.vote(vote_id).dots
        self.welcome = self.message_page(
            TITLE, f"You have {dots} dot{'s' if dots != 1 else ''}. Put them on the gaps you "
            "most want us to work on first (several on one gap if you like). Nobody sees "
            "your dots, only the totals once everyone has voted.",
            button("Start", "Start voting", self.show_board, accent=True))
        self.thanks = self.message_page(
            "Thank you.", "Your dots are saved and cleared from the screen. Please pass the "
            "laptop on.", button("I'm next", "Start voting as the next person",
                                 self.show_board, accent=True))
        self.board_page = QWidget()
        self.board_layout = QVBoxLayout(self.board_page)
        self.board_layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.board_page)
        self.show_welcome()

    def response_count(self) -> int:
        return self.votes.ballots(self.vote_id)

    def show_welcome(self) -> None:
        self._drop_board()
        self._show(self.welcome)

    def show_board(self) -> None:
        """A new, empty board of the open gaps."""
        self._drop_board()
        self.error_label.hide()
        self.board = DotBoard(self.votes.candidates(), self.votes.vote(self.vote_id).dots)
        self.host = QWidget()
        column = QVBoxLayout(self.host)
        column.setContentsMargins(0, 0, 0, 0)
        self.left_label = label("", "title")
        column.addWidget(self.left_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.board)
        column.addWidget(scroll, 1)
        actions = QHBoxLayout()
        keys = label(KEYS, "muted", wrap=True)
        keys.setObjectName("keys")
        actions.addWidget(keys, 1)
        self.done_button = button("Done", "Done: save my dots", self.done, accent=True)
        actions.addWidget(self.done_button)
        column.addLayout(actions)
        self.board.changed.connect(self._show_left)
        self.board.done_requested.connect(self.done)
        self.board_layout.addWidget(self.host)
        self.host.show()
        self._show_left()
        self._show(self.board_page)
        if self.board.rows:
            self.board.rows[0].setFocus()

    def _show_left(self) -> None:
        if self.board is not None:
            left = self.board.left()
            self.left_label.setText(f"Dots left: {left}" if left else
                                    "All your dots are placed: Enter or Done to save.")

    def _drop_board(self) -> None:
        if self.host is not None:
            self.host.hide()
            self.host.deleteLater()
        self.host = None
        self.board = None

    def done(self) -> None:
        if self.board is None:
            return
        try:
            self.votes.cast(self.vote_id, self.board.ballot())
        except DomainError as exc:
            self.show_error(f"Your dots could not be saved: {exc}")
            return
        self.error_label.hide()
        self._drop_board()
        self._show(self.thanks)
        self.thanks.setFocus()
        self.recorded.emit()
