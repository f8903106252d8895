"""The huddle follow-up: one screen to go through open gaps and due cycles quickly.

Opened by "Start next huddle" (Overview ▸ Meetings). The list is fixed when the
huddle starts, so an item marked done stays in view, checked off, until the next
huddle. Keys act on the selected row: Space moves it one step on, X drops a gap,
O reopens it, 1 / 2 / 3 decide adopt / adapt / abandon, V goes to the value field
(Enter records it and comes back), Enter opens the item in the gap log. "Carry
forward" moves what is unfinished and due to the next meeting, in one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from rcdesk.domain.errors import DomainError
from rcdesk.domain.model import Meeting
from rcdesk.services.experiments import ExperimentsService
from rcdesk.services.follow_up import carry_forward, follow_up, next_meeting_after
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.gaps.count_entry import parse_value_and_total
from rcdesk.ui.gaps.fields import ShortText, show_date
from rcdesk.ui.gaps.follow_up_actions import FollowActions
from rcdesk.ui.gaps.follow_up_rows import FollowRow, follow_columns, follow_rows
from rcdesk.ui.table_model import RecordTableModel, selected_record
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import RecordTableView, button, label, record_table

KEYS_HINT = ("Keys: Space next step · X drop · O reopen · 1 adopt · 2 adapt · 3 abandon · "
             "V record a value · Enter open in the gap log")


class FollowUpTable(RecordTableView):
    """Turns single keys into follow-up actions (only while the table has focus)."""

    key_action = Signal(str)
    """A follow-up key was pressed: "next", "drop", "reopen", "adopt", "value", "open", …"""

    KEYS = {Qt.Key.Key_Space: "next", Qt.Key.Key_X: "drop", Qt.Key.Key_O: "reopen",
            Qt.Key.Key_1: "adopt", Qt.Key.Key_2: "adapt", Qt.Key.Key_3: "abandon",
            Qt.Key.Key_V: "value", Qt.Key.Key_Return: "open", Qt.Key.Key_Enter: "open"}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.KEYS.get(Qt.Key(event.key()))
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if action is not None and plain:
            self.key_action.emit(action)
            return
        super().keyPressEvent(event)


def follow_up_table(model: RecordTableModel[FollowRow]) -> FollowUpTable:
    return record_table("Follow-up items", model, stretch_column=1, view=FollowUpTable())


@dataclass
class _Huddle:
    meeting: Meeting
    gap_ids: tuple[int, ...]
    experiment_ids: tuple[int, ...]


class FollowUpView(QWidget):
    open_requested = Signal(int)
    """Show this gap in the gap log."""

    def __init__(self, service: ExperimentsService, runner: EditRunner,
                 feedback: Feedback) -> None:
        super().__init__()
        self.service = service
        self.gaps = service.gaps
        self.runner = runner
        self.feedback = feedback
        self.huddle: _Huddle | None = None
        self.key_actions = FollowActions(service, runner)
        layout = QVBoxLayout(self)
        self.title = label("Huddle follow-up", "section")
        layout.addWidget(self.title)
        self.summary = label("Start a huddle from the Overview (Meetings ▸ Start next huddle) "
                             "to go through open gaps and due experiments.", "muted", wrap=True)
        layout.addWidget(self.summary)
        layout.addWidget(label(KEYS_HINT, "muted", wrap=True))
        self.table_model: RecordTableModel[FollowRow] = RecordTableModel(follow_columns(),
                                                                         self._rows)
        self.table = follow_up_table(self.table_model)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_value_row())
        self.table.key_action.connect(self._on_table_key_action)

    def _build_value_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.value = ShortText("Follow-up measure value",
                               "Value for the selected gap's measure (4/20 for a count)")
        self.value.returnPressed.connect(self.record_value)
        row.addWidget(label("Value", "muted"))
        row.addWidget(self.value, 1)
        row.addWidget(button("Record", "Record the follow-up value", self.record_value,
                             tip="Record the value, dated today (Enter)"))
        row.addStretch(1)
        self.carry = button("Carry forward", "Carry unfinished items forward",
                            self.carry_forward,
                            tip="Move the due date of unfinished items to the next meeting")
        row.addWidget(self.carry)
        return row

    # -- the huddle --------------------------------------------------------------------------

    def start(self, meeting: Meeting) -> None:
        """Fix the list for this meeting: unfinished gaps and cycles due by its date."""
        items = follow_up(self.gaps, meeting.date)
        self.huddle = _Huddle(meeting, tuple(g.id for g in items.gaps),
                              tuple(e.id for e in items.experiments))
        self.refresh()
        if self.table_model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()

    def _rows(self) -> list[FollowRow]:
        if self.huddle is None:
            return []
        return follow_rows(self.service, self.huddle.gap_ids, self.huddle.experiment_ids,
                           self.huddle.meeting.date)

    def refresh(self) -> None:
        self.table_model.reload()
        huddle = self.huddle
        if huddle is None:
            return
        m = huddle.meeting
        self.title.setText(f"Huddle follow-up · {m.title or m.kind.label} · {show_date(m.date)}")
        rows = self.table_model.records()
        open_rows = sum(1 for r in rows if not r.finished)
        self.summary.setText(
            f"{len(rows)} items to follow up, {open_rows} still open." if rows else
            "Nothing is open or due. Add a gap in the gap log when the team names one.")
        self.carry.setText(f"Carry forward to {show_date(self._next_date())}")

    def _next_date(self) -> date:
        assert self.huddle is not None
        return next_meeting_after(self.gaps.workshop.meetings(), self.huddle.meeting.date)

    def selected(self) -> FollowRow | None:
        return selected_record(self.table, self.table_model)

    def _on_table_key_action(self, action: str) -> None:
        row = self.selected()
        if row is None:
            return
        if action == "value":
            self.value.setFocus()
        elif action == "open":
            self.open_requested.emit(row.gap_id)
        else:
            self.key_actions.apply(row, action, self._show_error)

    def _show_error(self, exc: DomainError) -> None:
        self.feedback.error(exc)

    def record_value(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            value, total = parse_value_and_total(self.value.text(), "measure value")
        except DomainError as exc:
            self.feedback.error(exc)
            return
        if value is None:
            return
        when = self.huddle.meeting.date if self.huddle else self.gaps.workshop.today()
        if self.runner.run(lambda: self.gaps.add_measure_value(row.gap_id, when, value,
                                                               denominator=total)):
            self.value.set_value("")
            out_of = f" of {total:g}" if total is not None else ""
            self.feedback.note(f"Recorded {value:g}{out_of} for “{row.gap_title}”.")
            self.table.setFocus()

    def carry_forward(self) -> None:
        huddle = self.huddle
        if huddle is None:
            return
        to = next_meeting_after(self.gaps.workshop.meetings(), huddle.meeting.date)
        if self.runner.run(lambda: carry_forward(self.gaps, huddle.meeting.date, to)):
            self.feedback.note(f"Unfinished items are now due {show_date(to)}.")
