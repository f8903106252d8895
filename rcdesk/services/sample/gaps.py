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
from rcdesk.store import sample as rows

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


def fill_gaps(db: Any, workshop_id: int, specs: list[Spec], today: date,
              roles: dict[str, int], ties: dict[tuple[int, int], int]) -> None:
    for spec in specs:
        gap_id = rows.add_gap(db, _gap(spec, workshop_id, today, roles, ties))
        cycle_ids: list[int] = []
        for cycle in spec["experiments"]:
            previous = cycle_ids[cycle["follows"]] if "follows" in cycle else None
            cycle_ids.append(rows.add_experiment(
                db, _experiment(cycle, workshop_id, gap_id, today, previous)))
        rows.add_measure_values(db, workshop_id, gap_id, days_and_values(today, spec["values"]))


def days_and_values(today: date, values: list[list[float]]) -> list[tuple[date, float]]:
    """The sample's [days from today, value] pairs as (day, value)."""
    return [(today + timedelta(days=offset), float(value)) for offset, value in values]
