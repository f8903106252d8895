"""Agenda rows for walkthrough and capture tests, written directly (no agenda service)."""

from __future__ import annotations

from datetime import date

from rcdesk.domain.agenda import AgendaStep
from rcdesk.domain.decks import Step, StepKind
from rcdesk.domain.model import MeetingKind
from rcdesk.services.edits import InsertRows
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.agenda import agenda_step_row
from rcdesk.store.rows import next_id

STEPS = (
    Step("Welcome", "What brought you here today?", "Go round the room.", 5, StepKind.TALK),
    Step("Pairs", "Tell your partner about a good handover.", "Mix roles.", 10, StepKind.PAIRS),
    Step("Our map", "What do we see on our map?", "Strongest ties first.", 15, StepKind.REVEAL),
    Step("Close", "One word to close.", "Thank everyone.", 3, StepKind.REFLECT),
)


def add_agenda(service: WorkshopService, meeting_id: int,
               steps: tuple[Step, ...] = STEPS) -> list[int]:
    """Write `steps` as the meeting's agenda; return their ids in order."""
    first = next_id(service.library.db, "agenda_steps")
    rows = tuple(agenda_step_row(AgendaStep(
        id=first + i, workshop_id=service.workshop_id, meeting_id=meeting_id, position=i,
        step=step, planned_minutes=step.minutes, deck_title="Test deck"))
        for i, step in enumerate(steps))
    service.perform(InsertRows("Add steps", (("agenda_steps", rows),)))
    return [row["id"] for row in rows]


def new_meeting(service: WorkshopService, title: str = "Test huddle") -> int:
    """A fresh huddle (the sample's own meetings already have agendas and captures)."""
    edit = service.schedule.add_meeting(MeetingKind.HUDDLE, date(2026, 12, 1), title)
    assert isinstance(edit, InsertRows)
    return int(edit.groups[0][1][0]["id"])
