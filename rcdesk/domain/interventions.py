"""The catalogue of the Relational Model of Change (domain.md §1): interventions and outcomes.

Keys are stored in the library and in the suggestions table, so they never change;
the names are what the facilitator reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class InterventionKind(Enum):
    STRUCTURAL = "structural"
    RELATIONAL = "relational"
    WORK_PROCESS = "work_process"

    @property
    def label(self) -> str:
        return {"structural": "Structural", "relational": "Relational",
                "work_process": "Work process"}[self.value]


@dataclass(frozen=True)
class Intervention:
    key: str
    name: str
    kind: InterventionKind


_S, _R, _W = InterventionKind.STRUCTURAL, InterventionKind.RELATIONAL, InterventionKind.WORK_PROCESS

INTERVENTIONS: tuple[Intervention, ...] = (
    Intervention("selection", "Selection for teamwork", _S),
    Intervention("training", "Training for teamwork", _S),
    Intervention("job_design", "Relational job design", _S),
    Intervention("accountability", "Shared accountability", _S),
    Intervention("rewards", "Shared rewards", _S),
    Intervention("conflict_resolution", "Shared conflict resolution", _S),
    Intervention("boundary_spanner", "Boundary spanner role", _S),
    Intervention("huddles", "Shared meetings / huddles", _S),
    Intervention("protocols", "Shared protocols", _S),
    Intervention("information_systems", "Shared information systems", _S),
    Intervention("psychological_safety", "Create psychological safety", _R),
    Intervention("humble_inquiry", "Engage in humble inquiry", _R),
    Intervention("map_relationships", "Map and measure relationships", _R),
    Intervention("current_state", "Assess the current state", _W),
    Intervention("desired_state", "Identify the desired state", _W),
    Intervention("experiment", "Experiment to close the gap (PDSA)", _W),
)

INTERVENTION_KEYS: tuple[str, ...] = tuple(i.key for i in INTERVENTIONS)
STRUCTURAL_KEYS: tuple[str, ...] = tuple(i.key for i in INTERVENTIONS if i.kind is _S)


@dataclass(frozen=True)
class Outcome:
    key: str
    name: str


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("quality_safety", "Quality & safety"),
    Outcome("efficiency_finance", "Efficiency & finance"),
    Outcome("client_engagement", "Client engagement"),
    Outcome("worker_wellbeing", "Worker well-being"),
    Outcome("learning_innovation", "Learning & innovation"),
)

OUTCOME_KEYS: tuple[str, ...] = tuple(o.key for o in OUTCOMES)


def intervention(key: str) -> Intervention:
    """The intervention with this key; KeyError for an unknown key."""
    for item in INTERVENTIONS:
        if item.key == key:
            return item
    raise KeyError(key)


def outcome(key: str) -> Outcome:
    """The performance outcome with this key; KeyError for an unknown key."""
    for item in OUTCOMES:
        if item.key == key:
            return item
    raise KeyError(key)
