"""The seven relational-coordination dimensions, in their fixed order (domain.md §2).

The descriptions are rcdesk's own plain-language wording, not the licensed survey
items; workshops may override them in their settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Group(Enum):
    COMMUNICATION = "communication"
    RELATIONSHIP = "relationship"


@dataclass(frozen=True)
class Dimension:
    """One relational coordination dimension: its key, name, group and default wording."""

    key: str
    name: str
    group: Group
    description: str


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "frequent",
        "Frequent communication",
        Group.COMMUNICATION,
        "We talk as often as the work needs: not too rarely, not so often it gets in the way.",
    ),
    Dimension(
        "timely",
        "Timely communication",
        Group.COMMUNICATION,
        "What the other role needs to know reaches them while they can still act on it.",
    ),
    Dimension(
        "accurate",
        "Accurate communication",
        Group.COMMUNICATION,
        "What we pass on is correct and complete enough to rely on.",
    ),
    Dimension(
        "problem_solving",
        "Problem-solving communication",
        Group.COMMUNICATION,
        "When something goes wrong we work out a fix together instead of looking for blame.",
    ),
    Dimension(
        "shared_goals",
        "Shared goals",
        Group.RELATIONSHIP,
        "We are working towards the same outcome for the whole process.",
    ),
    Dimension(
        "shared_knowledge",
        "Shared knowledge",
        Group.RELATIONSHIP,
        "We understand what the other role does and how it connects to our part.",
    ),
    Dimension(
        "mutual_respect",
        "Mutual respect",
        Group.RELATIONSHIP,
        "We value the other role's contribution to the work.",
    ),
)

DIMENSION_KEYS: tuple[str, ...] = tuple(d.key for d in DIMENSIONS)

#: A single 1–5 rating for quick live mapping, used instead of the seven dimensions.
OVERALL = "overall"

RATING_KEYS: tuple[str, ...] = (*DIMENSION_KEYS, OVERALL)


def dimension(key: str) -> Dimension:
    """Return the dimension with this key; raise KeyError for an unknown key."""
    for item in DIMENSIONS:
        if item.key == key:
            return item
    raise KeyError(key)
