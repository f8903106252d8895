"""A meeting's agenda: the steps it planned, as copies, and what happened to each.

The agenda keeps its own copy of every step (domain.md §6: the agenda actually run),
so editing or deleting a deck later never rewrites a meeting's history. A running
walkthrough marks the step on screen as CURRENT; reopening rcdesk after a crash
resumes there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from rcdesk.domain.decks import Step


class StepState(Enum):
    PLANNED = "planned"  # not shown yet
    CURRENT = "current"  # on screen in a running walkthrough
    RUN = "run"  # shown; `seconds` is the time spent on it
    SKIPPED = "skipped"  # passed over on purpose


@dataclass(frozen=True)
class AgendaStep:
    id: int
    workshop_id: int
    meeting_id: int
    position: int
    step: Step
    planned_minutes: float
    deck_title: str = ""  # "" for a free step
    state: StepState = StepState.PLANNED
    started_at: datetime | None = None  # when first shown
    seconds: float = 0.0  # time spent on it, over every visit

    @property
    def title(self) -> str:
        return self.step.title


def planned_minutes(agenda: list[AgendaStep]) -> float:
    return sum(item.planned_minutes for item in agenda)


def spent_seconds(agenda: list[AgendaStep]) -> float:
    return sum(item.seconds for item in agenda)


def current_step(agenda: list[AgendaStep]) -> AgendaStep | None:
    """The step a running walkthrough shows (None when no walkthrough is running)."""
    return next((item for item in agenda if item.state is StepState.CURRENT), None)
