"""The sample workshop's kick-off agenda, as run (resources/sample/, "agenda").

The kick-off walked the room through two shipped decks; the sample records how
long each step took and the one step skipped for time, so the Agenda tab and the
report's "agenda as run" have something true-to-life to show.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.domain.decks import Step
from rcdesk.services.decks import shipped_decks
from rcdesk.services.sample.lookups import meetings_by_title
from rcdesk.store import sample as rows


def fill_agenda(db: Any, workshop_id: int, spec: dict[str, Any] | None) -> None:
    """Copy the decks' steps to the named meeting; `seconds` per step, null = skipped."""
    if not spec:
        return
    meeting = meetings_by_title(db, workshop_id)[spec["meeting"]]
    decks = {deck.id: deck for deck in shipped_decks()}
    steps: list[tuple[str, Step]] = [(decks[key].title, step) for key in spec["decks"]
                                     for step in decks[key].steps]
    seconds: list[int | None] = spec["seconds"]
    assert len(seconds) == len(steps), "the sample's agenda needs one entry per step"
    clock = datetime.combine(meeting.date, time.fromisoformat(spec["start"]))
    done = []
    for position, ((deck_title, step), spent) in enumerate(zip(steps, seconds, strict=True)):
        run = spent is not None
        done.append(AgendaStep(
            id=0, workshop_id=workshop_id, meeting_id=meeting.id, position=position,
            step=step, planned_minutes=step.minutes, deck_title=deck_title,
            state=StepState.RUN if run else StepState.SKIPPED,
            started_at=clock if run else None, seconds=float(spent or 0)))
        clock += timedelta(seconds=spent or 0)
    rows.add_agenda_steps(db, done)
