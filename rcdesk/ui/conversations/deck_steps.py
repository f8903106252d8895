"""The steps of the selected deck as a table: #, title, kind, minutes, what the room sees
(headed "On screen")."""

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
        # A short heading: "What the room sees" did not fit beside the step's title at
        # projector type (both columns share the width); the tooltip says it in full.
        Column("On screen", lambda r: " ".join(r.step.room.split()),
               tooltip="What the room sees, in large type on the projector"),
    ]
