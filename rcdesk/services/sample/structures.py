"""The sample workshop's structures assessment and outcome aims (resources/sample/
discharge.json "structures", "aims", "aim_values", "aim_drivers").

Four structures the team works on, rated at baseline and at follow-up with owners,
statuses, what each touches and the gaps that carry them out; six more rated at
baseline only. Called inside build_sample's transaction, after the gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from rcdesk.domain.interventions import STRUCTURAL_KEYS, intervention
from rcdesk.domain.names import name_key
from rcdesk.domain.structures import WORKS_WELL, Structure, StructureRating, StructureStatus
from rcdesk.services.sample.gaps import days_and_values
from rcdesk.store import sample as rows
from rcdesk.store.gaps import list_gaps


def _gap_ids(db: Any, workshop_id: int) -> dict[str, int]:
    return {gap.title: gap.id for gap in list_gaps(db, workshop_id)}


def fill_structures(db: Any, workshop_id: int, specs: list[dict[str, Any]] | None,
                    roles: Mapping[str, int], ties: Mapping[tuple[int, int], int],
                    waves: Mapping[str, int]) -> None:
    gaps = _gap_ids(db, workshop_id)

    def role(name: str) -> int:
        return roles[name_key(name)]

    for spec in specs or []:
        key = spec["key"]
        owner = spec.get("owner")
        structure_id = rows.add_structure(db, Structure(
            id=0, workshop_id=workshop_id, key=key, name=intervention(key).name,
            works_well=WORKS_WELL[key], owner_role_id=role(owner) if owner else None,
            owner_name="", status=StructureStatus(spec.get("status", "not_started")),
            position=STRUCTURAL_KEYS.index(key)))
        rows.add_structure_ratings(db, workshop_id, [
            StructureRating(structure_id=structure_id, wave_id=waves[wave], current=current,
                            desired=desired, evidence=evidence)
            for wave, (current, desired, evidence) in spec["ratings"].items()])
        pairs = [(role(source), role(target))
                 for source, target in (tie.split(">") for tie in spec.get("ties", []))]
        rows.add_structure_links(
            db, workshop_id, structure_id,
            role_ids=[role(name) for name in spec.get("roles", [])],
            tie_ids=[ties[pair] for pair in pairs],
            gap_ids=[gaps[title] for title in spec.get("gaps", [])])


def fill_aim_data(db: Any, workshop_id: int, data: Mapping[str, Any], today: date,
                  roles: Mapping[str, int], ties: Mapping[tuple[int, int], int]) -> None:
    """Data points of aims written among the gaps ("aim_values"), and each aim's drivers:
    dimensions and ties ("aim_drivers"). Aims themselves are gaps ("aims")."""
    gaps = _gap_ids(db, workshop_id)
    for title, values in (data.get("aim_values") or {}).items():
        rows.add_measure_values(db, workshop_id, gaps[title], days_and_values(today, values))
    for title, spec in (data.get("aim_drivers") or {}).items():
        pairs = [(roles[name_key(s)], roles[name_key(t)])
                 for s, t in (tie.split(">") for tie in spec.get("ties", []))]
        rows.add_gap_drivers(db, workshop_id, gaps[title],
                             dimensions=spec.get("dimensions", []),
                             tie_ids=[ties[pair] for pair in pairs])
