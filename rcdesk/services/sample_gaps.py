"""The sample workshop's gaps, PDSA cycles and measure values (resources/sample/).

Dates in the sample are days from today, so the sample always has a cycle due at
today's huddle, an overdue one, and a run chart that ends this week.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rcdesk.domain.experiments import Act, Experiment, ExperimentStatus
from rcdesk.domain.gaps import AreaKind, Direction, Gap, GapStatus, Measure, Priority
from rcdesk.domain.names import name_key
from rcdesk.store.gaps import experiment_row, gap_row
from rcdesk.store.rows import insert_rows

Spec = dict[str, Any]


def _day(today: date, offset: int | None) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def _measure(spec: Spec, today: date) -> Measure:
    return Measure(
        name=spec.get("name", ""), unit=spec.get("unit", ""),
        direction=Direction(spec.get("direction", "higher")),
        baseline_value=spec.get("baseline_value"),
        baseline_date=_day(today, spec.get("baseline_offset")),
        target_value=spec.get("target_value"), target_date=_day(today, spec.get("target_offset")))


def _gap(spec: Spec, workshop_id: int, today: date, roles: dict[str, int],
         ties: dict[tuple[int, int], int]) -> Gap:
    area = spec["area"]
    tie_id = None
    if area["kind"] == "tie":
        source, target = (roles[name_key(part)] for part in area["tie"].split(">"))
        tie_id = ties[(source, target)]
    return Gap(
        id=0, workshop_id=workshop_id, title=spec["title"], area_kind=AreaKind(area["kind"]),
        area_key=area.get("key"), tie_id=tie_id, area_label=area.get("tie", "").replace(">", "→"),
        current_state=spec["current_state"], desired_state=spec["desired_state"],
        measure=_measure(spec["measure"], today), priority=Priority(spec["priority"]),
        owner_role_id=roles[name_key(spec["owner"])], owner_name=spec["owner_name"],
        due=_day(today, spec.get("due_offset")), status=GapStatus(spec["status"]),
        interventions=tuple(spec["interventions"]), created=today - timedelta(days=14))


def _experiment(spec: Spec, workshop_id: int, gap_id: int, today: date,
                previous_id: int | None) -> Experiment:
    texts = {k: v for k, v in spec.items() if k.startswith(("plan_", "prediction", "study_"))
             or k in ("change_idea", "do_observations")}
    return Experiment(
        id=0, workshop_id=workshop_id, gap_id=gap_id, do_as_planned=spec.get("do_as_planned"),
        act=Act(spec["act"]) if spec.get("act") else None,
        status=ExperimentStatus(spec["status"]), start=_day(today, spec.get("start_offset")),
        due=_day(today, spec.get("due_offset")), previous_id=previous_id, **texts)


def _without_id(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "id"}


def fill_gaps(db: Any, workshop_id: int, specs: list[Spec], today: date,
              roles: dict[str, int], ties: dict[tuple[int, int], int]) -> None:
    for spec in specs:
        gap_id = insert_rows(db, "gaps", [_without_id(gap_row(
            _gap(spec, workshop_id, today, roles, ties)))])[0]
        cycle_ids: list[int] = []
        for cycle in spec["experiments"]:
            previous = cycle_ids[cycle["follows"]] if "follows" in cycle else None
            row = experiment_row(_experiment(cycle, workshop_id, gap_id, today, previous))
            cycle_ids.append(insert_rows(db, "experiments", [_without_id(row)])[0])
        insert_rows(db, "measure_values", [
            {"workshop_id": workshop_id, "gap_id": gap_id, "value": float(value), "note": "",
             "date": (today + timedelta(days=offset)).isoformat()}
            for offset, value in spec["values"]])
