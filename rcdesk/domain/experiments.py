"""Experiments: PDSA cycles that try a change to close a gap (domain.md §7).

Status follows the cycle: planned → running → studying → decided, and a decision
is one of adopt / adapt / abandon. An adapted cycle may link one follow-on cycle,
so the cycles of a gap form chains that the timeline draws left to right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from rcdesk.domain.errors import ValidationError


class Method(Enum):
    IMPROVEMENT_SCIENCE = "improvement_science"
    LEAN = "lean"
    SIX_SIGMA = "six_sigma"
    TQM = "tqm"
    HIGH_RELIABILITY = "high_reliability"

    @property
    def label(self) -> str:
        return {"improvement_science": "Improvement science (PDSA)", "lean": "Lean",
                "six_sigma": "Six sigma", "tqm": "Total quality management",
                "high_reliability": "High reliability"}[self.value]


class ExperimentStatus(Enum):
    PLANNED = "planned"
    RUNNING = "running"
    STUDYING = "studying"
    DECIDED = "decided"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Act(Enum):
    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"

    @property
    def label(self) -> str:
        return self.value.capitalize()


ORDER = (ExperimentStatus.PLANNED, ExperimentStatus.RUNNING, ExperimentStatus.STUDYING,
         ExperimentStatus.DECIDED)


@dataclass(frozen=True)
class Experiment:
    """One PDSA cycle; every text field is free text in the team's words."""

    id: int
    workshop_id: int
    gap_id: int
    change_idea: str
    method: Method = Method.IMPROVEMENT_SCIENCE
    prediction: str = ""
    prediction_why: str = ""
    plan_who: str = ""
    plan_what: str = ""
    plan_when: str = ""
    plan_where: str = ""
    plan_data: str = ""
    do_as_planned: bool | None = None
    do_observations: str = ""
    study_results: str = ""
    study_learning: str = ""
    act: Act | None = None
    status: ExperimentStatus = ExperimentStatus.PLANNED
    start: date | None = None
    due: date | None = None
    #: The cycle this one follows on from (an adapted earlier cycle), if any.
    previous_id: int | None = None


def next_experiment_status(current: ExperimentStatus) -> ExperimentStatus | None:
    index = ORDER.index(current)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def check_experiment_status(current: ExperimentStatus, new: ExperimentStatus,
                            act: Act | None) -> None:
    """Raise ValidationError unless the cycle may move from `current` to `new` with `act`.

    The cycle moves one step at a time; deciding needs a decision, and only a
    decided cycle carries one.
    """
    if new is ExperimentStatus.DECIDED and act is None:
        raise ValidationError("decision", "Choose adopt, adapt or abandon to decide.")
    if new is not ExperimentStatus.DECIDED and act is not None:
        raise ValidationError("decision", "Only a decided cycle has a decision.")
    if new is current or next_experiment_status(current) is new:
        return
    if current is ExperimentStatus.DECIDED:
        raise ValidationError("status", "This cycle is decided; start a follow-on cycle "
                              "to try again.")
    following = next_experiment_status(current)
    step = f"moves on to “{following.label}” next" if following else "cannot change"
    raise ValidationError("status", f"A cycle that is “{current.label}” {step}.")


def check_follow_on(previous: Experiment, experiments: Iterable[Experiment]) -> None:
    """A follow-on cycle needs an adapted, decided cycle that has none yet."""
    if previous.status is not ExperimentStatus.DECIDED or previous.act is not Act.ADAPT:
        raise ValidationError("follow-on", "Only a cycle decided as “adapt” gets a follow-on "
                              "cycle.")
    if any(e.previous_id == previous.id for e in experiments):
        raise ValidationError("follow-on", "This cycle already has a follow-on cycle.")


def chains(experiments: Iterable[Experiment]) -> list[list[Experiment]]:
    """The cycles grouped into chains (each follow-on after its cycle), oldest chain first.

    A cycle whose previous cycle is missing (deleted) starts a chain of its own.
    """
    items = sorted(experiments, key=lambda e: e.id)
    ids = {e.id for e in items}
    following = {e.previous_id: e for e in items if e.previous_id in ids}
    result = []
    for root in (e for e in items if e.previous_id not in ids):
        chain, seen = [root], {root.id}
        while (nxt := following.get(chain[-1].id)) is not None and nxt.id not in seen:
            chain.append(nxt)
            seen.add(nxt.id)
        result.append(chain)
    return result


def cycle_number(experiment: Experiment, experiments: Iterable[Experiment]) -> int:
    """1 for the first cycle of its chain, 2 for its follow-on, and so on."""
    for chain in chains(experiments):
        for number, item in enumerate(chain, start=1):
            if item.id == experiment.id:
                return number
    return 1
