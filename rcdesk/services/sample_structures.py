"""The sample workshop's structures assessment and outcome aims (resources/sample/
discharge.json "structures", "aims", "aim_values", "aim_drivers").

Four structures the team works on, rated at baseline and at follow-up with owners,
statuses, what each touches and the gaps that carry them out; six more rated at
baseline only. Called inside build_sample's transaction, after the gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from rcdesk.domain.interventions import STRUCTURAL_KEYS, intervention
from rcdesk.domain.names import name_key
from rcdesk.domain.structures import WORKS_WELL
from rcdesk.store.rows import fetch_rows, insert_rows


def fill_structures(db: Any, workshop_id: int, specs: list[dict[str, Any]] | None,
                    roles: Mapping[str, int], ties: Mapping[tuple[int, int], int],
                    waves: Mapping[str, int]) -> None:
    gaps = {row["title"]: row["id"] for row in fetch_rows(db, "gaps", "workshop_id = ?",
                                                           [workshop_id])}

    def role(name: str) -> int:
        return roles[name_key(name)]

    for spec in specs or []:
        key = spec["key"]
        owner = spec.get("owner")
        structure_id = insert_rows(db, "structures", [{
            "workshop_id": workshop_id, "key": key, "name": intervention(key).name,
            "works_well": WORKS_WELL[key], "owner_role_id": role(owner) if owner else None,
            "owner_name": "", "status": spec.get("status", "not_started"),
            "position": STRUCTURAL_KEYS.index(key)}])[0]
        insert_rows(db, "structure_ratings", [
            {"workshop_id": workshop_id, "structure_id": structure_id, "wave_id": waves[wave],
             "current": current, "desired": desired, "evidence": evidence}
            for wave, (current, desired, evidence) in spec["ratings"].items()])
        pairs = [(role(source), role(target))
                 for source, target in (tie.split(">") for tie in spec.get("ties", []))]
        insert_rows(db, "structure_links", [
            *({"workshop_id": workshop_id, "structure_id": structure_id, "role_id": role(name)}
              for name in spec.get("roles", [])),
            *({"workshop_id": workshop_id, "structure_id": structure_id, "tie_id": ties[pair]}
              for pair in pairs),
            *({"workshop_id": workshop_id, "structure_id": structure_id, "gap_id": gaps[title]}
              for title in spec.get("gaps", []))])


def fill_aim_data(db: Any, workshop_id: int, data: Mapping[str, Any], today: date,
                  roles: Mapping[str, int], ties: Mapping[tuple[int, int], int]) -> None:
    """Data points of aims written among the gaps ("aim_values"), and each aim's drivers:
    dimensions and ties ("aim_drivers"). Aims themselves are gaps ("aims")."""
    gaps = {row["title"]: row["id"] for row in fetch_rows(db, "gaps", "workshop_id = ?",
                                                           [workshop_id])}
    for title, values in (data.get("aim_values") or {}).items():
        insert_rows(db, "measure_values", [
            {"workshop_id": workshop_id, "gap_id": gaps[title], "value": float(value),
             "note": "", "date": (today + timedelta(days=offset)).isoformat()}
            for offset, value in values])
    for title, spec in (data.get("aim_drivers") or {}).items():
        pairs = [(roles[name_key(s)], roles[name_key(t)])
                 for s, t in (tie.split(">") for tie in spec.get("ties", []))]
        insert_rows(db, "gap_drivers", [
            *({"workshop_id": workshop_id, "gap_id": gaps[title], "dimension": key}
              for key in spec.get("dimensions", [])),
            *({"workshop_id": workshop_id, "gap_id": gaps[title], "tie_id": ties[pair]}
              for pair in pairs)])
