"""A meeting's agenda: decks and free steps, in order, with planned times. No Qt.

Adding a deck copies its steps into the meeting (domain.md §6): editing or deleting
the deck later never changes an agenda, nor the record of what a meeting ran.
Running a walkthrough (which step is on screen, time spent, skipped steps) is the
walkthrough service's business; here only the plan changes. Steps already shown in
a walkthrough are part of the meeting's record and cannot be removed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.domain.decks import MAX_MINUTES, Deck, Step, StepKind, step_from_dict, step_to_dict
from rcdesk.domain.errors import ValidationError
from rcdesk.services.edits import DeleteRows, Edit, InsertRows, RowUpdate, UpdateRows
from rcdesk.services.records import stored_row
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import agenda as store
from rcdesk.store.rows import next_id

GONE = "That step is no longer on the agenda."
RECORDED = ("This step was already shown or skipped in a walkthrough; it stays in the "
            "meeting's record.")


class AgendaService:
    """Plans the agendas of one open workshop's meetings."""

    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    # -- reading -----------------------------------------------------------------------------

    def agenda(self, meeting_id: int) -> list[AgendaStep]:
        self.workshop.meeting(meeting_id)  # this workshop's, or NotFoundError
        return store.list_agenda(self.workshop.library.db, meeting_id)

    def step(self, step_id: int) -> AgendaStep:
        return store.agenda_step_from_row(
            stored_row(self.workshop, "agenda_steps", step_id, GONE))

    # -- planning ----------------------------------------------------------------------------

    def _insert(self, text: str, meeting_id: int, steps: list[Step], deck_title: str) -> Edit:
        agenda = self.agenda(meeting_id)
        position = max((item.position for item in agenda), default=-1) + 1
        first = next_id(self.workshop.library.db, "agenda_steps")
        rows = tuple(store.agenda_step_row(AgendaStep(
            id=first + offset, workshop_id=self.workshop.workshop_id, meeting_id=meeting_id,
            position=position + offset, step=step, planned_minutes=step.minutes,
            deck_title=deck_title)) for offset, step in enumerate(steps))
        return self.workshop.perform(InsertRows(text, (("agenda_steps", rows),)))

    def add_deck(self, meeting_id: int, deck: Deck) -> Edit:
        """Copy every step of `deck` to the end of the meeting's agenda (one undo step)."""
        if not deck.steps:
            raise ValidationError("deck", "That deck has no steps.")
        return self._insert(f"Add deck “{deck.title}”", meeting_id, list(deck.steps), deck.title)

    def add_free_step(self, meeting_id: int, title: str = "Free step",
                      minutes: float = 5.0) -> Edit:
        """A step of its own (a break, a round of introductions) at the end of the agenda."""
        cleaned = " ".join(title.split())
        if not cleaned:
            raise ValidationError("title", "Give the step a title.")
        _check_minutes(minutes)
        step = Step(title=cleaned, room=cleaned, notes="", minutes=float(minutes),
                    kind=StepKind.TALK)
        return self._insert("Add step", meeting_id, [step], "")

    def add_break(self, meeting_id: int, minutes: float = 10.0) -> Edit:
        """A Break step at the end of the agenda (the room sees when to be back)."""
        _check_minutes(minutes)
        step = Step(title="Break", room="Break", notes="", minutes=float(minutes),
                    kind=StepKind.BREAK)
        return self._insert("Add break", meeting_id, [step], "")

    def set_step(self, step_id: int, **fields: Any) -> Edit | None:
        """Rewrite a planned step's title, room text, notes, kind or role pair (`roles`;
        None clears it), checked by the deck rules (the 220-character room text);
        None when nothing changed. Steps already shown stay as the record has them."""
        item = self.step(step_id)
        if item.state is not StepState.PLANNED:
            raise ValidationError("step", RECORDED)
        data = step_to_dict(item.step)
        for name, value in fields.items():
            if name not in EDITABLE:
                raise ValidationError(name, f"Unknown step field {name!r}.")
            if name == "roles" and not value:
                data.pop("roles", None)
            else:
                data[name] = _json_value(value)
        step = step_from_dict(data, f"Step {item.position + 1}")
        if step == item.step:
            return None
        before = store.agenda_step_row(item)["step"]
        after = store.agenda_step_row(replace(item, step=step))["step"]
        update = RowUpdate("agenda_steps", step_id, {"step": before}, {"step": after})
        return self.workshop.perform(UpdateRows(f"Edit step “{step.title}”", (update,)))

    def remove(self, step_id: int) -> Edit:
        item = self.step(step_id)
        if item.state is not StepState.PLANNED:
            raise ValidationError("step", RECORDED)
        row = stored_row(self.workshop, "agenda_steps", step_id, GONE)
        return self.workshop.perform(DeleteRows(f"Remove step “{item.title}”",
                                                (("agenda_steps", (row,)),)))

    def clear(self, meeting_id: int) -> Edit:
        """Remove every planned step of the meeting (steps already run stay)."""
        planned = [item.id for item in self.agenda(meeting_id)
                   if item.state is StepState.PLANNED]
        if not planned:
            raise ValidationError("agenda", "There is no planned step to clear.")
        rows = tuple(stored_row(self.workshop, "agenda_steps", step_id, GONE)
                     for step_id in planned)
        return self.workshop.perform(DeleteRows("Clear agenda", (("agenda_steps", rows),)))

    def move(self, step_id: int, delta: int) -> Edit | None:
        """Move a step up (delta -1) or down (+1); None at either end."""
        item = self.step(step_id)
        agenda = self.agenda(item.meeting_id)
        ids = [a.id for a in agenda]
        index = ids.index(step_id)
        target = index + delta
        if not 0 <= target < len(ids):
            return None
        ids.insert(target, ids.pop(index))
        updates = tuple(
            RowUpdate("agenda_steps", a.id, {"position": a.position},
                      {"position": ids.index(a.id)})
            for a in agenda if a.position != ids.index(a.id))
        return self.workshop.perform(UpdateRows("Move step", updates))

    def set_planned_minutes(self, step_id: int, minutes: float) -> Edit | None:
        item = self.step(step_id)
        _check_minutes(minutes)
        if float(minutes) == item.planned_minutes:
            return None
        update = RowUpdate("agenda_steps", step_id, {"planned_minutes": item.planned_minutes},
                           {"planned_minutes": float(minutes)})
        return self.workshop.perform(UpdateRows("Change planned time", (update,)))


#: The fields of an agenda step set_step rewrites (planned minutes have their own setter).
EDITABLE = ("title", "room", "notes", "kind", "roles")


def _json_value(value: Any) -> Any:
    """A field's value in the step's JSON form (kinds by value, a role pair as a list)."""
    if isinstance(value, StepKind):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _check_minutes(minutes: float) -> None:
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or \
            not 0 < minutes <= MAX_MINUTES:
        raise ValidationError("minutes", f"Plan more than 0 and at most {MAX_MINUTES} minutes "
                                         "for a step.")
