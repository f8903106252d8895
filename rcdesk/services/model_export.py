"""The change model's tables for other tools (issue 19): `rcdesk export W OUT.csv|OUT.json
--table structures|aims` (docs/format.md).

- structures: one row per structure and wave it was rated in (a structure the team works
  on but has not rated yet gets one row with no wave): status, owner, now, wanted,
  evidence, and the roles, ties and gaps it touches.
- aims: one row per aim (a gap about a performance outcome): its measure, baseline,
  target, latest value and whether it reaches the target, its drivers and its data points.

The JSON holds the same facts, nested. Nothing here is team-anonymous data: structures and
aims are what the team wrote together.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rcdesk.domain.errors import DomainError
from rcdesk.domain.structures import StructureStatus
from rcdesk.files import write_atomically
from rcdesk.reports.scores_export import csv_text, neutralise
from rcdesk.services.change_model import change_model_aims
from rcdesk.services.gap_text import tie_text
from rcdesk.services.structures import StructuresService
from rcdesk.services.workshop import WorkshopService

MODEL_TABLES = ("structures", "aims")
STRUCTURE_COLUMNS = ("structure", "key", "status", "owner", "wave", "now", "wanted",
                     "evidence", "roles", "ties", "gaps")
AIM_COLUMNS = ("aim", "outcome", "measure_unit", "lower_is_better", "baseline", "target",
               "latest", "target_met", "drivers", "values")


def structures_document(workshop: WorkshopService) -> list[dict[str, Any]]:
    service = StructuresService(workshop)
    roles = {r.id: r.name for r in workshop.roles()}
    ties = {t.id: tie_text(t, workshop.roles()) for t in workshop.ties()}
    gaps = service.gap_titles()
    waves = workshop.waves()
    found = []
    for structure in service.structures():
        if not structure.id:
            continue
        links = service.links(structure.id)
        rated = [(w.name, service.ratings(w.id).get(structure.id)) for w in waves]
        found.append({
            "structure": structure.name, "key": structure.key,
            "status": structure.status.value,
            "owner": " · ".join(p for p in (roles.get(structure.owner_role_id or 0),
                                            structure.owner_name) if p),
            "works_well": structure.works_well,
            "ratings": [{"wave": name, "now": r.current, "wanted": r.desired,
                         "evidence": r.evidence} for name, r in rated if r is not None],
            "roles": sorted(roles[i] for i in links.role_ids if i in roles),
            "ties": sorted(ties[i] for i in links.tie_ids if i in ties),
            "gaps": sorted(gaps[i] for i in links.gap_ids if i in gaps)})
    return found


def _structure_rows(document: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for item in document:
        common = [item["structure"], item["key"] or "", StructureStatus(item["status"]).label,
                  item["owner"]]
        links = ["; ".join(item["roles"]), "; ".join(item["ties"]), "; ".join(item["gaps"])]
        for rating in item["ratings"] or [None]:
            scale = (["", "", "", ""] if rating is None else
                     [rating["wave"], _number(rating["now"]), _number(rating["wanted"]),
                      rating["evidence"]])
            rows.append([*common, *scale, *links])
    return rows


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def aims_document(workshop: WorkshopService) -> list[dict[str, Any]]:
    return [{"aim": a.title, "outcome": a.outcome, "measure_unit": a.unit,
             "lower_is_better": a.lower_is_better, "baseline": a.baseline, "target": a.target,
             "latest": a.latest, "target_met": a.target_met, "drivers": list(a.drivers),
             "values": [{"date": d.isoformat(), "value": v} for d, v in a.values]}
            for a in change_model_aims(workshop)]


def _aim_rows(document: list[dict[str, Any]]) -> list[list[str]]:
    met = {True: "yes", False: "no", None: ""}
    return [[a["aim"], a["outcome"], a["measure_unit"], "yes" if a["lower_is_better"] else "no",
             _number(a["baseline"]), _number(a["target"]), _number(a["latest"]),
             met[a["target_met"]], "; ".join(a["drivers"]),
             "; ".join(f"{v['date']}={v['value']:g}" for v in a["values"])]
            for a in document]


def write_model_table(workshop: WorkshopService, table: str, path: Path) -> Path:
    """Write the structures or aims table as CSV or JSON (by the suffix); return the path."""
    if table not in MODEL_TABLES:
        raise DomainError(f"Unknown table “{table}”: choose {' or '.join(MODEL_TABLES)}.")
    document = structures_document(workshop) if table == "structures" else (
        aims_document(workshop))
    if path.suffix.lower() == ".json":
        text = json.dumps({"workshop": workshop.workshop().title, table: document},
                          ensure_ascii=False, indent=1) + "\n"
    elif path.suffix.lower() == ".csv":
        header, rows = ((STRUCTURE_COLUMNS, _structure_rows(document)) if table == "structures"
                        else (AIM_COLUMNS, _aim_rows(document)))
        text = csv_text([list(header), *([neutralise(c) for c in row] for row in rows)])
    else:
        raise DomainError(f"Cannot export the {table} to {path.name}: choose a .csv or .json "
                          "file.")
    return write_atomically(path, text.encode("utf-8"), "the export")
