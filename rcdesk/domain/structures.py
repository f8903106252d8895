"""Structures that shape coordination (domain.md §1): how a team rates them, in our own words.

The ten structural interventions of the Relational Model of Change are in
`interventions.py` (their keys are stored). Here is what a team needs to assess them:
a one-line picture of what "works well" looks like for each (written for rcdesk, not
taken from any published tool), the 1–5 scale a team rates a structure on now and where
they want it, and the statuses of the work that changes a structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rcdesk.domain.errors import ValidationError

#: What "works well" looks like, one line per structure (keyed as STRUCTURAL_KEYS in
#: interventions.py), in plain words for the room.
WORKS_WELL: dict[str, str] = {
    "selection": "We hire and place people partly for how well they work across roles.",
    "training": "People learn together across roles, including how each role's work fits.",
    "job_design": "Jobs leave time and room to coordinate with the other roles.",
    "accountability": "We are judged on shared results of the whole process, not one step.",
    "rewards": "Recognition and rewards go to joint results, not single roles.",
    "conflict_resolution": "Disagreements between roles are raised early and settled together.",
    "boundary_spanner": "Someone's job is to link the roles and keep the whole process in view.",
    "huddles": "The roles meet briefly and often to plan and solve problems together.",
    "protocols": "Shared routines, agreed by the roles, say who does what and when.",
    "information_systems": "The roles see the same information and can reach each other in it.",
}


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str
    meaning: str


#: The 1–5 scale for how well a structure supports coordination across these roles.
SCALE: tuple[ScalePoint, ...] = (
    ScalePoint(1, "Gets in the way", "It works against coordination between the roles."),
    ScalePoint(2, "Missing", "It hardly exists for these roles."),
    ScalePoint(3, "Partly there", "It exists, but only some roles or some of the time."),
    ScalePoint(4, "Mostly works", "It helps most of the roles most of the time."),
    ScalePoint(5, "Works well", "It helps every role coordinate, every day."),
)
SCALE_MIN, SCALE_MAX = SCALE[0].value, SCALE[-1].value


class StructureStatus(Enum):
    """Where the team's work on a structure stands."""

    NOT_STARTED = "not_started"
    PLANNED = "planned"
    IN_PLACE = "in_place"
    REVIEWED = "reviewed"

    @property
    def label(self) -> str:
        return {"not_started": "Not started", "planned": "Planned", "in_place": "In place",
                "reviewed": "Reviewed"}[self.value]


def check_scale(field: str, value: int | None) -> None:
    """Raise ValidationError unless `value` is blank or a whole number on the scale."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not (
            SCALE_MIN <= value <= SCALE_MAX):
        raise ValidationError(field, f"Rate a structure from {SCALE_MIN} to {SCALE_MAX}, "
                                     "or leave it blank.")


def scale_label(value: int | None) -> str:
    """"3 · Partly there", or "not rated"."""
    if value is None:
        return "not rated"
    for point in SCALE:
        if point.value == value:
            return f"{value} · {point.label}"
    raise ValueError(f"{value} is not on the structures scale ({SCALE_MIN}–{SCALE_MAX})")


def gap_between(current: int | None, desired: int | None) -> int | None:
    """How far the team wants a structure to move (desired − current), when both are rated."""
    return None if current is None or desired is None else desired - current


#: Lengths a structure's texts may take (the forms, the service and files from others).
NAME_MAX, WORKS_WELL_MAX, OWNER_MAX, EVIDENCE_MAX = 120, 300, 120, 2000


@dataclass(frozen=True)
class Structure:
    """One structure a team assesses: one of the ten (`key`) or one of its own (key None).

    The owner role is a plain id, kept when the role is deleted (read as "none" while it
    is gone), so undoing the deletion restores the link exactly, as for gaps.
    """

    id: int
    workshop_id: int
    key: str | None
    name: str
    works_well: str = ""
    owner_role_id: int | None = None
    owner_name: str = ""
    status: StructureStatus = StructureStatus.NOT_STARTED
    position: int = 0


@dataclass(frozen=True)
class StructureRating:
    """How a structure works for the team in one wave (now and wanted), with evidence."""

    structure_id: int
    wave_id: int
    current: int | None = None
    desired: int | None = None
    evidence: str = ""


@dataclass(frozen=True)
class StructureLinks:
    """What a structure touches (roles, ties) and the gaps that carry out its change."""

    role_ids: frozenset[int] = frozenset()
    tie_ids: frozenset[int] = frozenset()
    gap_ids: frozenset[int] = frozenset()
