"""What the team believes drives an aim: the logic of a driver diagram (issue 19).

An aim is a gap, usually about a performance outcome, with its measure and data points.
Its drivers are dimensions of relational coordination and ties of the map (stored here),
and the structures linked to it (structure_links); its change ideas are its PDSA cycles
and those of the gaps that carry out the linked structures. A driver's gap and tie are
plain ids, as for gaps: deleting a gap or tie leaves them, read as gone, for the undo.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.services.edits import Edit
from rcdesk.services.records import replace_set
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.rows import rows_matching, workshop_row


@dataclass(frozen=True)
class Drivers:
    dimensions: tuple[str, ...]  # in domain order
    tie_ids: frozenset[int]


class DriversService:
    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    def _rows(self, gap_id: int) -> list[dict[str, Any]]:
        return rows_matching(self.workshop.library.db, "gap_drivers", gap_id=gap_id,
                             workshop_id=self.workshop.workshop_id)

    def has_aim(self, gap_id: int) -> bool:
        """Whether the gap is (still) in this workshop."""
        return workshop_row(self.workshop.library.db, "gaps", gap_id,
                            self.workshop.workshop_id) is not None

    def drivers(self, gap_id: int) -> Drivers:
        rows = self._rows(gap_id)
        chosen = {r["dimension"] for r in rows}
        return Drivers(dimensions=tuple(k for k in DIMENSION_KEYS if k in chosen),
                       tie_ids=frozenset(r["tie_id"] for r in rows if r["tie_id"] is not None))

    def set_drivers(self, gap_id: int, dimensions: Iterable[str] = (),
                    tie_ids: Iterable[int] = ()) -> Edit | None:
        """Make exactly these dimensions and ties the aim's drivers (one undo step)."""
        db = self.workshop.library.db
        if not self.has_aim(gap_id):
            raise ValidationError("aim", "That gap is no longer in this workshop.")
        rows = self._rows(gap_id)
        have = {(r["dimension"], r["tie_id"]): r for r in rows}
        wanted = {(d, None) for d in dimensions} | {(None, t) for t in tie_ids}
        unknown = [d for d, _ in wanted if d is not None and d not in DIMENSION_KEYS]
        known_ties = {t.id for t in self.workshop.ties()}
        gone = [t for _, t in wanted if t is not None and t not in known_ties
                and (None, t) not in have]
        if unknown or gone:
            raise ValidationError("drivers", "Choose dimensions and ties of this workshop.")
        edit = replace_set(db, "Change drivers", "gap_drivers", have, wanted, lambda i, key: {
            "id": i, "workshop_id": self.workshop.workshop_id, "gap_id": gap_id,
            "dimension": key[0], "tie_id": key[1]})
        return self.workshop.perform(edit) if edit is not None else None
