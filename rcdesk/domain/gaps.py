"""Gaps: where the team is, where it wants to be, and how it will know (domain.md §7).

A gap names its area (an RC tie, an RC dimension or a performance outcome), the
current and desired state in the team's words, one measure, who owns it, when it
is due and its status. Status moves open → in progress → done; any gap can be
dropped; a done or dropped gap can be reopened. The rules are plain functions so
the service, the form and the huddle follow-up all enforce the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.interventions import INTERVENTION_KEYS, OUTCOME_KEYS
from rcdesk.domain.limits import check_characters, check_date, check_length, check_measure
from rcdesk.domain.names import MAX_NAME_LENGTH, clean_name

MAX_TEXT = 4000
#: A tie's role names as the gap keeps them ("Nurses → Physicians").
MAX_AREA_LABEL = 2 * MAX_NAME_LENGTH + 10


class GapStatus(Enum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {"open": "Open", "in_progress": "In progress", "done": "Done",
                "dropped": "Dropped"}[self.value]

    @property
    def finished(self) -> bool:
        return self in (GapStatus.DONE, GapStatus.DROPPED)


class AreaKind(Enum):
    TIE = "tie"
    DIMENSION = "dimension"
    OUTCOME = "outcome"

    @property
    def label(self) -> str:
        return {"tie": "RC tie", "dimension": "RC dimension",
                "outcome": "Performance outcome"}[self.value]


class Direction(Enum):
    HIGHER = "higher"
    LOWER = "lower"

    @property
    def label(self) -> str:
        return "Higher is better" if self is Direction.HIGHER else "Lower is better"


class MeasureKind(Enum):
    """What one value of the measure is; it picks the control chart (issue 21)."""

    CONTINUOUS = "continuous"  # a measured value (minutes, a score): I chart
    PROPORTION = "proportion"  # a count out of a denominator (4 of 20 patients): P chart
    RATE = "rate"  # events per unit of exposure (3 falls per 1000 bed days): U chart

    @property
    def label(self) -> str:
        return {"continuous": "A measured value", "proportion": "A count out of a total",
                "rate": "Events per exposure"}[self.value]

    @property
    def counted(self) -> bool:
        """Values of this kind are counts with a denominator."""
        return self is not MeasureKind.CONTINUOUS


class ChartType(Enum):
    RUN = "run"
    I = "i"  # noqa: E741 (the chart's published name)
    P = "p"
    U = "u"

    @property
    def label(self) -> str:
        return {"run": "Run chart", "i": "I chart (XmR)", "p": "P chart (proportions)",
                "u": "U chart (rates)"}[self.value]


def default_chart(kind: MeasureKind) -> ChartType:
    """The chart a measure of this kind gets unless the facilitator chose another."""
    return {MeasureKind.CONTINUOUS: ChartType.I, MeasureKind.PROPORTION: ChartType.P,
            MeasureKind.RATE: ChartType.U}[kind]


class Priority(Enum):
    """Stored as 1–3 so that sorting by priority puts high first."""

    HIGH = 1
    MEDIUM = 2
    LOW = 3

    @property
    def label(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True)
class Measure:
    """How the team will know a change is an improvement (IHI's second question)."""

    name: str = ""
    unit: str = ""
    direction: Direction = Direction.HIGHER
    baseline_value: float | None = None
    baseline_date: date | None = None
    target_value: float | None = None
    target_date: date | None = None
    kind: MeasureKind = MeasureKind.CONTINUOUS
    #: The chart the facilitator chose; None: the kind's default (default_chart).
    chart: ChartType | None = None
    #: The baseline period: the first N points, or the points before this date; neither:
    #: every point up to the first adopted change.
    baseline_points: int | None = None
    baseline_until: date | None = None
    #: New centre line and limits after each cycle decided "adopt" (staged limits).
    rebaseline: bool = True

    @property
    def chart_type(self) -> ChartType:
        return self.chart or default_chart(self.kind)


@dataclass(frozen=True)
class Gap:
    id: int
    workshop_id: int
    title: str
    area_kind: AreaKind | None = None
    #: A dimension key or outcome key; for a tie area, the dimension in focus (optional).
    area_key: str | None = None
    #: The tie of a tie area; kept (not cleared) when the tie is deleted, so undo is exact.
    tie_id: int | None = None
    #: The tie's role names when the gap was made, shown if the tie no longer exists.
    area_label: str = ""
    current_state: str = ""
    desired_state: str = ""
    measure: Measure = field(default_factory=Measure)
    priority: Priority = Priority.MEDIUM
    owner_role_id: int | None = None
    owner_name: str = ""
    due: date | None = None
    status: GapStatus = GapStatus.OPEN
    interventions: tuple[str, ...] = ()
    created: date | None = None


@dataclass(frozen=True)
class MeasureValue:
    """One dated value of a gap's measure."""

    id: int
    gap_id: int
    date: date
    value: float
    note: str = ""
    #: For a count out of a total or per exposure: the total (None for a measured value).
    denominator: float | None = None


def allowed_statuses(current: GapStatus) -> tuple[GapStatus, ...]:
    """The statuses a gap may move to from `current` (not counting itself)."""
    if current is GapStatus.OPEN:
        return (GapStatus.IN_PROGRESS, GapStatus.DROPPED)
    if current is GapStatus.IN_PROGRESS:
        return (GapStatus.DONE, GapStatus.DROPPED)
    if current is GapStatus.DONE:
        return (GapStatus.OPEN, GapStatus.DROPPED)
    return (GapStatus.OPEN,)


def check_gap_status(current: GapStatus, new: GapStatus) -> None:
    """Raise ValidationError("status") unless `current` may become `new` (same is fine)."""
    if new is current or new in allowed_statuses(current):
        return
    if current is GapStatus.OPEN and new is GapStatus.DONE:
        raise ValidationError("status", "Mark the gap “In progress” before marking it done.")
    if current is GapStatus.DROPPED:
        raise ValidationError("status", "Reopen a dropped gap before changing its status.")
    raise ValidationError(
        "status", f"A gap that is “{current.label}” cannot become “{new.label}”.")


def next_status(current: GapStatus) -> GapStatus | None:
    """The next step forward (open → in progress → done), None once finished."""
    return {GapStatus.OPEN: GapStatus.IN_PROGRESS,
            GapStatus.IN_PROGRESS: GapStatus.DONE}.get(current)


def clean_text(value: str, field_name: str) -> str:
    """Free text kept as typed (line breaks too) without surrounding blanks; length-checked."""
    if not isinstance(value, str):
        raise ValidationError(field_name, f"The {field_name} must be text.")
    return check_length(value.strip(), field_name, MAX_TEXT)


def _check_area(gap: Gap) -> None:
    kind, key = gap.area_kind, gap.area_key
    if kind is None:
        if key is not None or gap.tie_id is not None:
            raise ValidationError("area", "Choose what kind of area this gap is about.")
    elif kind is AreaKind.DIMENSION and key not in DIMENSION_KEYS:
        raise ValidationError("area", "Choose one of the seven RC dimensions.")
    elif kind is AreaKind.OUTCOME and key not in OUTCOME_KEYS:
        raise ValidationError("area", "Choose one of the five performance outcomes.")
    elif kind is AreaKind.TIE:
        if gap.tie_id is None:
            raise ValidationError("area", "Choose the tie this gap is about.")
        if key is not None and key not in DIMENSION_KEYS:
            raise ValidationError("area", "Choose one of the seven RC dimensions.")
    if kind is not AreaKind.TIE and gap.tie_id is not None:
        raise ValidationError("area", "Only a tie area names a tie.")


def _check_measure(measure: Measure) -> Measure:
    if measure.baseline_points is not None and not 2 <= measure.baseline_points <= 10000:
        raise ValidationError("baseline period", "A baseline needs at least 2 points.")
    if measure.chart in (ChartType.P, ChartType.U) and not measure.kind.counted:
        raise ValidationError("chart", "P and U charts need counts with a denominator: "
                              "choose that kind of measure first.")
    check_measure(measure.baseline_value, "baseline value")
    check_measure(measure.target_value, "target value")
    check_date(measure.baseline_date, "baseline date")
    check_date(measure.target_date, "target date")
    if (measure.baseline_date and measure.target_date
            and measure.target_date < measure.baseline_date):
        raise ValidationError("target date", "The target date must not come before the "
                              "baseline date.")
    return replace(measure, name=clean_text(measure.name, "measure name")[:200],
                   unit=clean_text(measure.unit, "unit")[:60])


def validate_gap(gap: Gap) -> Gap:
    """The gap with its texts cleaned; ValidationError naming the first wrong field."""
    _check_area(gap)
    unknown = [k for k in gap.interventions if k not in INTERVENTION_KEYS]
    if unknown:
        raise ValidationError("interventions", f"Unknown intervention {unknown[0]!r}.")
    ordered = tuple(k for k in INTERVENTION_KEYS if k in gap.interventions)
    check_date(gap.due, "due date")
    check_date(gap.created, "created date")
    return replace(
        gap,
        title=clean_name(gap.title, "title"),
        area_label=check_length(gap.area_label, "area", MAX_AREA_LABEL),
        current_state=clean_text(gap.current_state, "current state"),
        desired_state=clean_text(gap.desired_state, "desired state"),
        owner_name=check_characters(" ".join(gap.owner_name.split())[:120], "owner"),
        measure=_check_measure(gap.measure),
        interventions=ordered,
    )


def is_due(due: date | None, by: date) -> bool:
    """Due (or overdue) on or before `by`; an item without a due date is never due."""
    return due is not None and due <= by


def is_open(gap: Gap) -> bool:
    return not gap.status.finished
