"""What a report is made of: plain, frozen data gathered once by services/report.py.

The PDF writer is a function of a ReportSnapshot alone (no library, no Qt), so it
can run on a worker thread, in the headless command, or in a test with made-up
data. Sections without a data source yet have no field here: they are left out
of the report, never faked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rcdesk.analysis.psych_safety import PulseResult
from rcdesk.analysis.rc_scores import WaveComparison
from rcdesk.analysis.run_chart import RunChartData
from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.domain.change_model import ChangeModel
from rcdesk.domain.model import Meeting, Role, Tie, Wave, Workshop
from rcdesk.domain.psych_safety import PulseItem
from rcdesk.domain.scores import WaveScores

#: The report's sections in order, with the label the Report page shows.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("model", "Our change model on one page"),
    ("cover", "Cover: workshop, team, focal process, meetings"),
    ("roles", "Roles present (counts only)"),
    ("map", "Relational map"),
    ("scores", "RC scores: heat-map, profile, weakest and strongest ties"),
    ("change", "Change since the compared wave"),
    ("agenda", "Meetings: the agenda as run"),
    ("highlights", "Conversation highlights: insights, quotes, questions"),
    ("pulse", "Psychological safety pulse"),
    ("priorities", "Top priorities: the latest dot-vote"),
    ("gaps", "Gaps, experiments and next steps"),
    ("structures", "Structures that shape coordination"),
    ("method", "Method note"),
)
SECTION_KEYS: tuple[str, ...] = tuple(key for key, _ in SECTIONS)


@dataclass(frozen=True)
class StructureLine:
    """One structure the team assessed or works on, as the report prints it (all text)."""

    name: str
    status: str
    owner: str
    ratings: str  # "Baseline 2 → 4\nFollow-up 1 3 → 4"
    evidence: str
    links: str
    note: str = ""  # the attribution lens, when the structure touches ties


@dataclass(frozen=True)
class GapLine:
    """One gap of the gap log, as the report prints it (all text, already formatted)."""

    title: str
    area: str
    current: str
    desired: str
    measure: str = ""
    owner: str = ""
    due: str = ""
    status: str = ""
    priority: str = ""


@dataclass(frozen=True)
class ExperimentLine:
    """One PDSA experiment: what it tests and where its cycle stands."""

    title: str
    gap: str = ""
    state: str = ""
    objective: str = ""
    prediction: str = ""
    learning: str = ""
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class NextStep:
    text: str
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class GapsReport:
    """The work-process part, from services.gaps (services/report_gaps.py)."""

    gaps: tuple[GapLine, ...] = ()
    experiments: tuple[ExperimentLine, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    run_charts: tuple[RunChartData, ...] = ()  # one per gap with measured values


@dataclass(frozen=True)
class PulseReport:
    """The psychological-safety pulse as the report prints it: aggregates only, each
    result already suppressed below k by analysis (services/pulse.py)."""

    items: tuple[PulseItem, ...]  # the workshop's wording and reverse keys
    k: int
    result: PulseResult | None  # the report's wave; None when it has no pulse
    method: str = ""  # "answers" | "tally" for the report's wave
    trend: tuple[tuple[str, PulseResult], ...] = ()  # (wave name, result), in wave order


@dataclass(frozen=True)
class MeetingAgenda:
    """One meeting's agenda as run: its copied steps with their states and times."""

    meeting: Meeting
    steps: tuple[AgendaStep, ...]

    @property
    def ran(self) -> bool:
        """Whether a walkthrough showed any of its steps (a plan alone is not printed)."""
        return any(s.state in (StepState.RUN, StepState.CURRENT) for s in self.steps)


@dataclass(frozen=True)
class HighlightLine:
    """One captured insight, quote or question, as the report prints it (all text)."""

    kind: str  # "Insight", "Quote", "Question"
    text: str
    step: str = ""  # the agenda step on screen when it was said
    speaker: str = ""  # the speaker's role, never a name
    tags: str = ""  # "Nurses → Physicians · Timely communication"
    gap: str = ""  # the title of the gap it became


@dataclass(frozen=True)
class MeetingHighlights:
    """What the room said in one meeting (meeting None: captured outside any meeting)."""

    meeting: Meeting | None
    lines: tuple[HighlightLine, ...]


@dataclass(frozen=True)
class ReportSnapshot:
    workshop: Workshop
    roles: tuple[Role, ...]
    ties: tuple[Tie, ...]
    meetings: tuple[Meeting, ...]
    created_at: datetime
    wave: Wave | None = None
    scores: WaveScores | None = None
    respondents: int | None = None  # distinct survey respondents of the wave, if surveyed
    compare_wave: Wave | None = None
    comparison: WaveComparison | None = None
    next_meeting: Meeting | None = None
    gaps: GapsReport | None = None  # None, or nothing in it: the section is left out
    agenda: tuple[MeetingAgenda, ...] = ()  # meetings with an agenda, by date
    pulse: PulseReport | None = None  # None, or no wave with a pulse: left out
    highlights: tuple[MeetingHighlights, ...] = ()  # captures grouped by meeting, by date
    model: ChangeModel | None = None  # the one-page change model of the report's wave
    structures: tuple[StructureLine, ...] = ()
    imports: tuple[dict[str, Any], ...] = ()  # provenance of the wave's survey imports
    #: The latest dot-vote shown to the room (issue 20): (gap title, dots), most first.
    priorities: tuple[tuple[str, int], ...] = ()
    priorities_note: str = ""  # how it was voted: "5 dots each, 9 people, on the laptop"

    @property
    def role_names(self) -> dict[int, str]:
        return {role.id: role.name for role in self.roles}

    @property
    def report_date(self) -> date:
        return self.created_at.date()

    def available(self, section: str) -> bool:
        """Whether the section has anything to show (a report never prints an empty one)."""
        checks = {
            "cover": True,
            "roles": bool(self.roles),
            "map": bool(self.roles),
            "scores": self.scores is not None and bool(self.scores.ties),
            "change": self.comparison is not None,
            "gaps": self.gaps is not None and bool(self.gaps.gaps or self.gaps.experiments),
            "method": True,
            "agenda": any(m.ran for m in self.agenda),
            "highlights": any(m.lines for m in self.highlights),
            "pulse": self.pulse is not None and bool(self.pulse.trend),
            "model": self.model is not None,
            "structures": bool(self.structures),
            "priorities": bool(self.priorities),
        }
        return checks.get(section, False)
