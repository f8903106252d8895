"""A meeting's agenda as a table: #, deck, step, kind, planned and actual time, state.

The step's title and planned minutes are edited in place (typed, "7,5" accepted); the state and the
actual time fill in as the walkthrough runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.ui.gaps.fields import number_text
from rcdesk.ui.table_model import Column

STATE_TEXT = {StepState.PLANNED: "planned", StepState.CURRENT: "on screen now",
              StepState.RUN: "run", StepState.SKIPPED: "skipped"}


def clock_text(seconds: float) -> str:
    """Minutes and seconds, "12:05"."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def actual_text(item: AgendaStep) -> str:
    if item.state is StepState.PLANNED or (item.state is StepState.SKIPPED and not item.seconds):
        return ""
    return clock_text(item.seconds)


def agenda_columns(set_minutes: Callable[[AgendaStep, Any], bool],
                   set_title: Callable[[AgendaStep, Any], bool] | None = None,
                   ) -> list[Column[AgendaStep]]:
    return [
        Column("#", lambda a: a.position + 1),
        Column("Deck", lambda a: a.deck_title or "free step"),
        Column("Step", lambda a: a.title, set_title, edit_value=lambda a: a.title,
               tooltip="Double-click or press F2 to rename the step; write it in full "
               "beside the agenda"),
        Column("Kind", lambda a: a.step.kind.value),
        Column("Planned min", lambda a: number_text(a.planned_minutes), set_minutes,
               edit_value=lambda a: number_text(a.planned_minutes),
               tooltip="Double-click or press F2 to change the planned time"),
        Column("State", lambda a: STATE_TEXT[a.state]),
        Column("Actual", actual_text, tooltip="Time spent on the step in the walkthrough"),
    ]
