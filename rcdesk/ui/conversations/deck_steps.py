"""The steps of the selected deck as a table: #, title, kind, minutes, what the room sees."""

from __future__ import annotations

from dataclasses import dataclass

from rcdesk.domain.decks import Step
from rcdesk.ui.gaps.fields import number_text
from rcdesk.ui.table_model import Column


@dataclass(frozen=True)
class StepRow:
    """A step with its place in the deck (`id` is the index, so the table can reselect it)."""

    id: int
    step: Step


def step_columns() -> list[Column[StepRow]]:
    return [
        Column("#", lambda r: r.id + 1),
        Column("Step", lambda r: r.step.title),
        Column("Kind", lambda r: r.step.kind.value),
        Column("Min", lambda r: number_text(r.step.minutes)),
        Column("What the room sees", lambda r: " ".join(r.step.room.split()),
               tooltip="Shown in large type on the projector"),
    ]
