"""Rows of the gaps, experiments and measure_values tables ⇄ domain objects.

`*_row` give every column the service writes (the id and workshop included), so
an edit can insert, compare and restore whole rows.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from rcdesk.domain.experiments import Act, Experiment, ExperimentStatus, Method
from rcdesk.domain.gaps import (
    AreaKind,
    ChartType,
    Direction,
    Gap,
    GapStatus,
    Measure,
    MeasureKind,
    MeasureValue,
    Priority,
)

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _keys(text: str) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def gap_row(gap: Gap) -> dict[str, Any]:
    m = gap.measure
    return {
        "id": gap.id, "workshop_id": gap.workshop_id, "title": gap.title,
        "area_kind": gap.area_kind.value if gap.area_kind else None,
        "area_key": gap.area_key, "tie_id": gap.tie_id, "area_label": gap.area_label,
        "current_state": gap.current_state, "desired_state": gap.desired_state,
        "measure_name": m.name, "measure_unit": m.unit, "direction": m.direction.value,
        "baseline_value": m.baseline_value, "baseline_date": _iso(m.baseline_date),
        "target_value": m.target_value, "target_date": _iso(m.target_date),
        "priority": gap.priority.value, "owner_role_id": gap.owner_role_id,
        "owner_name": gap.owner_name, "due": _iso(gap.due), "status": gap.status.value,
        "interventions": json.dumps(list(gap.interventions)), "created": _iso(gap.created),
        "measure_kind": m.kind.value, "chart_type": m.chart.value if m.chart else None,
        "chart_baseline_points": m.baseline_points,
        "chart_baseline_until": _iso(m.baseline_until), "chart_rebaseline": int(m.rebaseline),
    }


def gap_from_row(row: dict[str, Any]) -> Gap:
    return Gap(
        id=row["id"], workshop_id=row["workshop_id"], title=row["title"],
        area_kind=AreaKind(row["area_kind"]) if row["area_kind"] else None,
        area_key=row["area_key"], tie_id=row["tie_id"], area_label=row["area_label"],
        current_state=row["current_state"], desired_state=row["desired_state"],
        measure=Measure(
            name=row["measure_name"], unit=row["measure_unit"],
            direction=Direction(row["direction"]), baseline_value=row["baseline_value"],
            baseline_date=_date(row["baseline_date"]), target_value=row["target_value"],
            target_date=_date(row["target_date"]), kind=MeasureKind(row["measure_kind"]),
            chart=ChartType(row["chart_type"]) if row["chart_type"] else None,
            baseline_points=row["chart_baseline_points"],
            baseline_until=_date(row["chart_baseline_until"]),
            rebaseline=bool(row["chart_rebaseline"])),
        priority=Priority(row["priority"]), owner_role_id=row["owner_role_id"],
        owner_name=row["owner_name"], due=_date(row["due"]), status=GapStatus(row["status"]),
        interventions=_keys(row["interventions"]), created=_date(row["created"]),
    )


def experiment_row(e: Experiment) -> dict[str, Any]:
    return {
        "id": e.id, "workshop_id": e.workshop_id, "gap_id": e.gap_id, "method": e.method.value,
        "change_idea": e.change_idea, "prediction": e.prediction,
        "prediction_why": e.prediction_why, "plan_who": e.plan_who, "plan_what": e.plan_what,
        "plan_when": e.plan_when, "plan_where": e.plan_where, "plan_data": e.plan_data,
        "do_as_planned": None if e.do_as_planned is None else int(e.do_as_planned),
        "do_observations": e.do_observations, "study_results": e.study_results,
        "study_learning": e.study_learning, "act": e.act.value if e.act else None,
        "status": e.status.value, "start": _iso(e.start), "due": _iso(e.due),
        "previous_id": e.previous_id,
    }


def experiment_from_row(row: dict[str, Any]) -> Experiment:
    texts = {k: row[k] for k in (
        "change_idea", "prediction", "prediction_why", "plan_who", "plan_what", "plan_when",
        "plan_where", "plan_data", "do_observations", "study_results", "study_learning")}
    return Experiment(
        id=row["id"], workshop_id=row["workshop_id"], gap_id=row["gap_id"],
        method=Method(row["method"]),
        do_as_planned=None if row["do_as_planned"] is None else bool(row["do_as_planned"]),
        act=Act(row["act"]) if row["act"] else None, status=ExperimentStatus(row["status"]),
        start=_date(row["start"]), due=_date(row["due"]), previous_id=row["previous_id"],
        **texts,
    )


def value_from_row(row: dict[str, Any]) -> MeasureValue:
    return MeasureValue(id=row["id"], gap_id=row["gap_id"], date=date.fromisoformat(row["date"]),
                        value=row["value"], note=row["note"], denominator=row["denominator"])


def list_gaps(db: Database, workshop_id: int) -> list[Gap]:
    sql = "SELECT * FROM gaps WHERE workshop_id = ? ORDER BY id"
    return [gap_from_row(row) for row in db.query(sql, [workshop_id])]


def list_experiments(db: Database, workshop_id: int) -> list[Experiment]:
    sql = "SELECT * FROM experiments WHERE workshop_id = ? ORDER BY id"
    return [experiment_from_row(row) for row in db.query(sql, [workshop_id])]


def list_measure_values(db: Database, workshop_id: int) -> list[MeasureValue]:
    sql = "SELECT * FROM measure_values WHERE workshop_id = ? ORDER BY date, id"
    return [value_from_row(row) for row in db.query(sql, [workshop_id])]
