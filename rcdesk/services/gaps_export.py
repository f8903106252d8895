"""The gap log as JSON (`rcdesk export W OUT.json --table gaps`; docs/format.md).

Each gap with its measure, its dated values, its PDSA cycles and the analysis of
its chart (analysis/run_chart.py): per stage the runs analysis (centre line,
useful observations, longest run and crossings with their limits and signals)
and, for a control chart, its centre line and each point's lower and upper limits.
Values of a P chart are proportions (0-1), as the limits are. A plain function of
the library, separate from the other exports so it can move on its own.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from rcdesk import __version__
from rcdesk.analysis.run_chart import (
    CycleBand,
    RunChartData,
    Stage,
    cycle_bands,
    run_chart_data,
)
from rcdesk.analysis.spc import median
from rcdesk.domain.experiments import Experiment
from rcdesk.domain.gaps import ChartType, Gap, MeasureValue
from rcdesk.files import write_atomically
from rcdesk.services.gaps import GapsService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.connection import Library

FORMAT = "rcdesk-gaps"
FORMAT_VERSION = 1


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _measure(gap: Gap) -> dict[str, Any]:
    m = gap.measure
    period: dict[str, Any] = {"all_points": True}
    if m.baseline_points is not None:
        period = {"first_points": m.baseline_points}
    elif m.baseline_until is not None:
        period = {"points_before": _day(m.baseline_until)}
    return {"name": m.name, "unit": m.unit, "direction": m.direction.value,
            "kind": m.kind.value, "chart": m.chart_type.value, "chart_chosen": m.chart is not None,
            "baseline_value": m.baseline_value, "baseline_date": _day(m.baseline_date),
            "target_value": m.target_value, "target_date": _day(m.target_date),
            "baseline_period": period, "new_limits_after_adoption": m.rebaseline}


def _value(v: MeasureValue) -> dict[str, Any]:
    return {"date": v.date.isoformat(), "value": v.value, "denominator": v.denominator,
            "note": v.note}


def _stage(data: RunChartData, stage: Stage) -> dict[str, Any]:
    points = [data.points[i] for i in stage.indexes]
    runs = stage.runs
    out: dict[str, Any] = {
        "first_date": points[0].date.isoformat(), "last_date": points[-1].date.isoformat(),
        "points": len(points), "started": stage.cause or "first stage",
        "baseline_points": len(stage.baseline),
        "median": median([data.points[i].value for i in stage.baseline]),
        "runs": {
            "around": "median" if data.chart is ChartType.RUN else "centre line",
            "centre_line": stage.centre, "useful_observations": runs.n_useful,
            "enough_to_judge": runs.judged,
            "longest_run": runs.longest_run, "longest_run_limit": runs.longest_run_max,
            "longest_run_signal": runs.long_run_signal, "crossings": runs.crossings,
            "crossings_limit": runs.crossings_min, "crossings_signal": runs.crossings_signal,
        },
        "findings": list(stage.findings),
    }
    if data.chart is not ChartType.RUN:
        out["control_chart"] = {
            "type": data.chart.value, "centre_line": stage.centre,
            "lower_limits": list(stage.lower), "upper_limits": list(stage.upper),
            "outside_limits": [data.points[i].date.isoformat() for i in stage.outside]}
    return out


def _cycle(e: Experiment, band: CycleBand | None) -> dict[str, Any]:
    """A cycle as charted: its number on the chart (None without a start date)."""
    return {"number": band.number if band else None, "change_idea": e.change_idea,
            "status": e.status.value, "start": _day(e.start),
            "end": _day(band.end) if band else None,
            "decision": e.act.value if e.act else None}


def _analysis(data: RunChartData) -> dict[str, Any] | None:
    if data.verdict is None:
        return None
    return {"chart": data.chart.value, "values_left_out": data.left_out,
            "verdict": {"judgement": data.verdict.judgement.value, "text": data.verdict.text},
            "stages": [_stage(data, s) for s in data.stages]}


def gaps_document(library: Library, workshop_id: int) -> dict[str, Any]:
    """The gap log of one workshop as the JSON object of docs/format.md."""
    workshop = WorkshopService(library, workshop_id)
    service = GapsService(workshop)
    values = service.measure_values()
    cycles = service.experiments()
    gaps = []
    for gap in service.gaps():
        own = [v for v in values if v.gap_id == gap.id]
        bands = {b.experiment_id: b for b in cycle_bands(gap.id, cycles)}
        gaps.append({
            "title": gap.title, "area": service.area_text(gap), "status": gap.status.value,
            "priority": gap.priority.name.lower(), "owner": service.owner_text(gap),
            "due": _day(gap.due), "current_state": gap.current_state,
            "desired_state": gap.desired_state, "measure": _measure(gap),
            "values": [_value(v) for v in own],
            "cycles": [_cycle(e, bands.get(e.id)) for e in cycles if e.gap_id == gap.id],
            "analysis": _analysis(run_chart_data(gap, own, cycles)),
        })
    return {"format": FORMAT, "version": FORMAT_VERSION,
            "exported_by": f"rcdesk {__version__}", "workshop": workshop.workshop().title,
            "gaps": gaps}


def write_gaps_json(library: Library, workshop_id: int, path: str | os.PathLike[str]) -> Path:
    text = json.dumps(gaps_document(library, workshop_id), ensure_ascii=False, indent=1)
    return write_atomically(Path(path), (text + "\n").encode("utf-8"), "the export")
