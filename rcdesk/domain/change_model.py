"""The team's own instance of the seed's model, on one page (issue 19): what it is changing,
how its roles coordinate, and the outcomes it aims at. Plain data for the screen and the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class InterventionItem:
    """One intervention in flight: a structure, a conversation held, or a PDSA cycle."""

    kind: str  # "structural", "relational" or "work_process" (InterventionKind values)
    title: str
    detail: str


@dataclass(frozen=True)
class DimensionFigure:
    key: str
    name: str
    value: float | None  # None when no tie is shown in the wave
    change: float | None  # since the baseline wave; None when not comparable


@dataclass(frozen=True)
class AimFigure:
    """An aim under a performance outcome, with its data and what drives it."""

    title: str
    outcome: str
    unit: str
    lower_is_better: bool
    values: tuple[tuple[date, float], ...]
    baseline: float | None
    target: float | None
    drivers: tuple[str, ...]

    @property
    def latest(self) -> float | None:
        return self.values[-1][1] if self.values else None

    @property
    def target_met(self) -> bool | None:
        """Whether the latest value reaches the target; None without both."""
        if self.latest is None or self.target is None:
            return None
        return self.latest <= self.target if self.lower_is_better else self.latest >= self.target


@dataclass(frozen=True)
class ChangeModel:
    title: str
    team: str
    wave: str  # the wave whose coordination is shown
    baseline: str | None  # the wave changes are measured from, when there is one
    source: str  # "survey results" or "live map ratings"
    interventions: tuple[InterventionItem, ...]
    rc: float | None
    rc_change: float | None
    dimensions: tuple[DimensionFigure, ...]
    aims: tuple[AimFigure, ...]


@dataclass(frozen=True)
class ChangeIdea:
    """A PDSA cycle that tests a change idea, under the driver it serves (None: the aim)."""

    text: str
    detail: str
    driver: int | None  # index into DriverDiagram.secondary, or None for the aim itself


@dataclass(frozen=True)
class DriverDiagram:
    """An aim ← its drivers ← the change ideas that test them (the logic of a driver
    diagram): primary drivers are dimensions and ties, secondary drivers structures."""

    aim: str
    measure: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    ideas: tuple[ChangeIdea, ...]
