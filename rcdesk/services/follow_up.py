"""The huddle follow-up (domain.md §6): what is open or due, and carrying it forward.

At each meeting the team looks at every unfinished gap and at each cycle that is
due (or overdue) by the meeting's date. What is still unfinished at the end is
carried forward: its due date moves to the next meeting, in one undoable step.
Whether a gap's measure shows a change is said only from the chart's rules
(analysis/spc_words.py): "signal", "no signal yet" or "too few points to judge",
never from eyeballing the values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rcdesk.analysis.run_chart import run_chart_data
from rcdesk.analysis.spc_words import Verdict
from rcdesk.domain.experiments import Experiment, ExperimentStatus
from rcdesk.domain.gaps import Gap, is_due
from rcdesk.domain.model import Meeting
from rcdesk.services.edits import Edit, RowUpdate, UpdateRows
from rcdesk.services.gaps import GapsService

#: Without a later meeting planned, items move on by this much.
DEFAULT_INTERVAL = timedelta(days=7)


@dataclass(frozen=True)
class FollowUp:
    on: date
    gaps: tuple[Gap, ...]
    experiments: tuple[Experiment, ...]


def _cycle_due(e: Experiment, by: date) -> bool:
    if e.status is ExperimentStatus.DECIDED:
        return False
    if e.due is None:
        return e.status in (ExperimentStatus.RUNNING, ExperimentStatus.STUDYING)
    return is_due(e.due, by)


def follow_up(service: GapsService, on: date) -> FollowUp:
    """Unfinished gaps (overdue first, then by due date and priority) and due cycles."""
    gaps = [g for g in service.gaps() if not g.status.finished]
    gaps.sort(key=lambda g: (g.due is None, g.due or on, g.priority.value, g.id))
    cycles = [e for e in service.experiments() if _cycle_due(e, on)]
    cycles.sort(key=lambda e: (e.due is None, e.due or on, e.id))
    return FollowUp(on, tuple(gaps), tuple(cycles))


def measure_verdicts(service: GapsService) -> dict[int, Verdict]:
    """Each measured gap's verdict from its chart's rules, by gap id."""
    values = service.measure_values()
    cycles = service.experiments()
    found = {}
    for gap in service.gaps():
        verdict = run_chart_data(gap, values, cycles).verdict
        if verdict is not None:
            found[gap.id] = verdict
    return found


def verdict_words(verdict: Verdict | None) -> str:
    """"Signal", "No signal yet", "Too few points to judge", or "No values yet"."""
    return verdict.judgement.label if verdict is not None else "No values yet"


def next_meeting_after(meetings: list[Meeting], on: date) -> date:
    """The date of the first meeting after `on`, or a week on when none is planned."""
    later = [m.date for m in meetings if m.date > on]
    return min(later) if later else on + DEFAULT_INTERVAL


def carry_forward(service: GapsService, on: date, to: date) -> Edit | None:
    """Move the due date of every unfinished gap and cycle due by `on` to `to`."""
    items = follow_up(service, on)
    updates = [RowUpdate("gaps", g.id, {"due": g.due.isoformat()}, {"due": to.isoformat()})
               for g in items.gaps if g.due is not None and g.due <= on]
    updates += [RowUpdate("experiments", e.id, {"due": e.due.isoformat()},
                          {"due": to.isoformat()})
                for e in items.experiments if e.due is not None and e.due <= on]
    if not updates:
        return None
    return service.workshop.perform(UpdateRows("Carry forward", tuple(updates)))
