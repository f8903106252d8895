"""The records of a workshop as plain dataclasses, independent of storage and Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from rcdesk.domain.settings import WorkshopSettings


class MeetingKind(Enum):
    KICKOFF = "kickoff"
    HUDDLE = "huddle"

    @property
    def label(self) -> str:
        return "Kick-off workshop" if self is MeetingKind.KICKOFF else "Huddle"


@dataclass(frozen=True)
class Role:
    """A role in the work process (a node of the map), in its list position."""

    id: int
    workshop_id: int
    name: str
    position: int
    headcount: int | None = None
    colour: str | None = None
    x: float | None = None
    y: float | None = None
    pinned: bool = False


@dataclass(frozen=True)
class Wave:
    """A named, dated measurement point ("Baseline", "Follow-up 1")."""

    id: int
    workshop_id: int
    name: str
    position: int
    date: date | None = None


@dataclass(frozen=True)
class Tie:
    """A directed tie: how the source role coordinates with the target role."""

    id: int
    workshop_id: int
    source_id: int
    target_id: int

    @property
    def is_within_role(self) -> bool:
        return self.source_id == self.target_id


@dataclass(frozen=True)
class Rating:
    """One rated dimension of a tie in one wave (1-5)."""

    tie_id: int
    wave_id: int
    dimension: str
    value: int


@dataclass(frozen=True)
class Meeting:
    """A kick-off workshop or a huddle, on its date, with who came and what was decided."""

    id: int
    workshop_id: int
    kind: MeetingKind
    date: date
    title: str = ""
    #: The decisions and notes of the meeting.
    notes: str = ""
    #: How many people of each role were there, by role id (see domain.attendance).
    attendance: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Workshop:
    """A workshop: its title, team, process, settings and dimension wording."""

    id: int
    title: str
    team: str = ""
    process: str = ""
    facilitator: str = ""
    created_at: datetime | None = None
    opened_at: datetime | None = None
    settings: WorkshopSettings = field(default_factory=WorkshopSettings)
    #: Facilitator's own wording of dimension descriptions, by dimension key.
    descriptions: dict[str, str] = field(default_factory=dict)
    change_threshold: float = 0.25

    def description(self, key: str) -> str:
        """The workshop's description of a dimension, or rcdesk's default wording."""
        from rcdesk.domain.dimensions import dimension

        return self.descriptions.get(key) or dimension(key).description


@dataclass(frozen=True)
class WorkshopSummary:
    """One line of the home screen's list and `rcdesk list`."""

    id: int
    title: str
    team: str
    role_count: int
    wave_names: tuple[str, ...]
    opened_at: datetime | None
    next_meeting: date | None


def next_meeting(meetings: list[Meeting], today: date) -> Meeting | None:
    """The next planned meeting: the earliest one dated today or later."""
    upcoming = [m for m in meetings if m.date >= today]
    return min(upcoming, key=lambda m: (m.date, m.id)) if upcoming else None
