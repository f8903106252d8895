"""Meetings: the kick-off workshop and the huddles that follow it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from rcdesk.domain.model import Meeting, MeetingKind, next_meeting
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.overview.dated_list import RecordListPanel, from_qdate, show_date, to_qdate
from rcdesk.ui.table_model import Column
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label
from rcdesk.ui.workshop_model import WorkshopModel

HUDDLE_INTERVAL = timedelta(days=7)


class MeetingsPanel(RecordListPanel[Meeting]):
    huddle_started = Signal(int)
    """The facilitator started this meeting: show its follow-up of gaps and experiments."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        self._model = model
        self._edits = model.session.schedule
        self._runner = runner
        self._feedback = feedback
        super().__init__(
            "Meetings", "meeting",
            [
                Column("Date", lambda m: show_date(m.date), self._set_date,
                       edit_value=lambda m: to_qdate(m.date)),
                Column("Kind", lambda m: m.kind.label),
                Column("Title", lambda m: m.title, self._set_title),
            ],
            model.service.meetings, "Add huddle", parent,
        )
        self.next_label = label("", "muted", wrap=True)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_label, 1)
        next_row.addWidget(button("Start next huddle", "Start next huddle", self.start_next_huddle,
                                  tip="Go through open gaps and due experiments"))
        self.box.insertLayout(1, next_row)
        model.meetings_changed.connect(self.refresh)
        self.refresh(reload=False)  # the table model has just read them

    def refresh(self, reload: bool = True) -> None:
        super().refresh(reload)
        today = self._model.service.today()
        upcoming = next_meeting(self.table_model.records(), today)
        self.next_label.setText(
            f"Next: {upcoming.title or upcoming.kind.label} on {show_date(upcoming.date)}"
            if upcoming else "No meeting planned yet: add the next huddle."
        )

    def on_add(self) -> None:
        meetings = self._model.service.meetings()
        today = self._model.service.today()
        if meetings:
            when = max(max(m.date for m in meetings) + HUDDLE_INTERVAL, today)
            kind = MeetingKind.HUDDLE
        else:
            when, kind = today, MeetingKind.KICKOFF
        huddles = sum(1 for m in meetings if m.kind is MeetingKind.HUDDLE)
        title = "Kick-off workshop" if kind is MeetingKind.KICKOFF else f"Huddle {huddles + 1}"
        self._runner.run(lambda: self._edits.add_meeting(kind, when, title))

    def start_next_huddle(self) -> None:
        """Start the next planned meeting (a huddle today when none is planned)."""
        service = self._model.service
        upcoming = next_meeting(service.meetings(), service.today())
        if upcoming is None:
            huddles = sum(1 for m in service.meetings() if m.kind is MeetingKind.HUDDLE)
            if not self._runner.run(lambda: self._edits.add_meeting(
                    MeetingKind.HUDDLE, service.today(), f"Huddle {huddles + 1}")):
                return
            upcoming = next_meeting(service.meetings(), service.today())
        if upcoming is not None:
            self.huddle_started.emit(upcoming.id)

    def on_delete(self) -> None:
        meeting = self.selected()
        if meeting is not None and self._runner.run(
                lambda: self._edits.delete_meeting(meeting.id)):
            self._feedback.deleted(f"Deleted meeting of {show_date(meeting.date)}")

    def _set_date(self, meeting: Meeting, value: Any) -> bool:
        when = from_qdate(value)
        if when is None:
            return False
        return self._runner.run(lambda: self._edits.set_meeting_date(meeting.id, when))

    def _set_title(self, meeting: Meeting, value: Any) -> bool:
        return self._runner.run(
            lambda: self._edits.set_meeting_title(meeting.id, str(value)))
