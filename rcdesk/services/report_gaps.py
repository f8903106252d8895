"""The report's work-process section, read from the gap log (services/gaps.py).

Gaps, their PDSA experiments, each measured gap's chart, and next steps: the
huddle follow-up (unfinished gaps and cycles due) as of the report date, with
owners and due dates. Whether a measure shows a change is said only from its
chart's rules ("signal", "no signal yet", "too few points to judge"). Everything
is turned into plain text lines here, so the PDF writer needs nothing but the
snapshot.
"""

from __future__ import annotations

from datetime import date

from rcdesk.analysis.run_chart import run_chart_data
from rcdesk.analysis.spc_words import Verdict
from rcdesk.domain.experiments import Experiment
from rcdesk.domain.gaps import Gap, MeasureValue
from rcdesk.reports.snapshot import ExperimentLine, GapLine, GapsReport, NextStep
from rcdesk.services.follow_up import follow_up, measure_verdicts, verdict_words
from rcdesk.services.gaps import GapsService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.connection import Library


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def measure_text(gap: Gap, values: list[MeasureValue], verdict: Verdict | None = None) -> str:
    m = gap.measure
    if not m.name and m.baseline_value is None and m.target_value is None and not verdict:
        return ""
    unit = f" ({m.unit})" if m.unit else ""
    parts = [f"{m.name}{unit}".strip()]
    if m.baseline_value is not None:
        parts.append(f"baseline {_number(m.baseline_value)}"
                     + (f" on {_day(m.baseline_date)}" if m.baseline_date else ""))
    own = [v for v in values if v.gap_id == gap.id]
    if own:
        parts.append(f"now {_number(own[-1].value)} on {_day(own[-1].date)}")
    if m.target_value is not None:
        parts.append(f"target {_number(m.target_value)}"
                     + (f" by {_day(m.target_date)}" if m.target_date else ""))
    text = "; ".join(p for p in parts if p)
    if verdict is None:
        return text
    judged = f"{m.chart_type.label}: {verdict.judgement.value}"  # the words: under the chart
    return f"{text}. {judged}" if text else judged


def _state(e: Experiment) -> str:
    state = e.status.label
    return f"{state}: {e.act.label}" if e.act is not None else state


def gaps_report(library: Library, workshop_id: int, today: date) -> GapsReport:
    service = GapsService(WorkshopService(library, workshop_id))
    gaps = service.gaps()
    experiments = service.experiments()
    values = service.measure_values()
    titles = {g.id: g.title for g in gaps}
    verdicts = measure_verdicts(service)
    lines = tuple(GapLine(
        title=g.title, area=service.area_text(g), current=g.current_state,
        desired=g.desired_state, measure=measure_text(g, values, verdicts.get(g.id)),
        owner=service.owner_text(g),
        due=_day(g.due), status=g.status.label, priority=f"{g.priority.label} priority",
    ) for g in gaps)
    cycles = tuple(ExperimentLine(
        title=e.change_idea, gap=titles.get(e.gap_id, ""), state=_state(e),
        objective=e.plan_what, prediction=e.prediction, learning=e.study_learning,
        owner=e.plan_who, due=_day(e.due),
    ) for e in experiments)
    due = follow_up(service, today)
    steps = [NextStep(f"Gap: {g.title} ({g.status.label.lower()}; chart: "
                      f"{verdict_words(verdicts.get(g.id)).lower()})", service.owner_text(g),
                      _day(g.due)) for g in due.gaps]
    steps += [NextStep(f"Cycle: {e.change_idea} ({_state(e).lower()})", e.plan_who,
                       _day(e.due)) for e in due.experiments]
    charts = tuple(run_chart_data(g, values, experiments) for g in gaps
                   if any(v.gap_id == g.id for v in values))
    return GapsReport(gaps=lines, experiments=cycles, next_steps=tuple(steps), run_charts=charts)
