"""Gaps and their measures: create, edit, change status, delete, record values.

Like WorkshopService, each command checks the rules, builds an Edit, performs it
through the workshop service (one transaction, listeners told) and returns it for
the undo stack. Experiments live in services/experiments.py, creating a gap from
a weak tie in services/gap_from_tie.py, the huddle follow-up in services/follow_up.py.

Deleting a gap deletes its experiments and measure values too (undo restores them).
Deleting a role or a tie leaves gaps untouched: a gap keeps the ids of its owner
role and tie and reads them as "none" while they are gone, so undoing the deletion
restores the link exactly.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.experiments import Experiment
from rcdesk.domain.gaps import (
    Gap,
    GapStatus,
    MeasureKind,
    MeasureValue,
    check_gap_status,
    clean_text,
    validate_gap,
)
from rcdesk.domain.limits import check_date, check_measure
from rcdesk.services.edits import DeleteRows, Edit, InsertRows
from rcdesk.services.gap_text import area_text
from rcdesk.services.records import non_empty, stored_row, update_edit
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import cascades
from rcdesk.store import gaps as store
from rcdesk.store.rows import next_id

GAP_LABELS = {
    "title": "title", "area_kind": "area", "area_key": "area", "tie_id": "area",
    "area_label": "area", "current_state": "current state", "desired_state": "desired state",
    "measure_name": "measure", "measure_unit": "unit", "direction": "direction",
    "baseline_value": "baseline", "baseline_date": "baseline date",
    "target_value": "target", "target_date": "target date", "priority": "priority",
    "owner_role_id": "owner", "owner_name": "owner", "due": "due date", "status": "status",
    "interventions": "interventions", "measure_kind": "kind of measure",
    "chart_type": "chart", "chart_baseline_points": "baseline period",
    "chart_baseline_until": "baseline period", "chart_rebaseline": "new limits after a change",
}
GONE = "That gap is no longer in this workshop."


class GapsService:
    """The gap log of one open workshop."""

    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    @property
    def workshop_id(self) -> int:
        return self.workshop.workshop_id

    # -- reading -----------------------------------------------------------------------------

    def gaps(self) -> list[Gap]:
        return store.list_gaps(self.workshop.library.db, self.workshop_id)

    def gap(self, gap_id: int) -> Gap:
        return store.gap_from_row(stored_row(self.workshop, "gaps", gap_id, GONE))

    def experiments(self, gap_id: int | None = None) -> list[Experiment]:
        found = store.list_experiments(self.workshop.library.db, self.workshop_id)
        return [e for e in found if gap_id is None or e.gap_id == gap_id]

    def measure_values(self, gap_id: int | None = None) -> list[MeasureValue]:
        found = store.list_measure_values(self.workshop.library.db, self.workshop_id)
        return [v for v in found if gap_id is None or v.gap_id == gap_id]

    def draft(self, title: str = "New gap") -> Gap:
        """An unsaved gap of this workshop, for create_gap."""
        return Gap(id=0, workshop_id=self.workshop_id, title=title)

    # -- gaps --------------------------------------------------------------------------------

    def _checked(self, gap: Gap) -> Gap:
        """Rules that need the workshop: the tie and owner must belong to it."""
        cleaned = validate_gap(gap)
        if cleaned.owner_role_id is not None and cleaned.owner_role_id not in {
                r.id for r in self.workshop.roles()}:
            raise ValidationError("owner", "Choose an owner among the roles of this workshop.")
        return cleaned

    def create_gap(self, draft: Gap) -> Edit:
        """Save a new gap (open, dated today); the draft's id and workshop are ignored."""
        if draft.tie_id is not None and draft.tie_id not in {t.id for t in self.workshop.ties()}:
            raise ValidationError("area", "That tie is no longer on the map.")
        gap = self._checked(replace(draft, id=next_id(self.workshop.library.db, "gaps"),
                                    workshop_id=self.workshop_id, status=GapStatus.OPEN,
                                    created=self.workshop.today()))
        return self.workshop.perform(InsertRows("Add gap", (("gaps", (store.gap_row(gap),)),)))

    def update_gap(self, gap: Gap) -> Edit | None:
        """Save the gap's fields (not its status: see set_gap_status); None if unchanged."""
        before = stored_row(self.workshop, "gaps", gap.id, GONE)
        if gap.status.value != before["status"]:
            raise ValidationError("status", "Change the status with the status buttons.")
        after = store.gap_row(self._checked(replace(gap, workshop_id=self.workshop_id)))
        if after["tie_id"] != before["tie_id"] and after["tie_id"] not in {
                t.id for t in self.workshop.ties()}:
            raise ValidationError("area", "That tie is no longer on the map.")
        return update_edit(self.workshop, "gaps", before, after, GAP_LABELS)

    def set_gap_status(self, gap_id: int, status: GapStatus) -> Edit | None:
        gap = self.gap(gap_id)
        check_gap_status(gap.status, status)
        if gap.status is status:
            return None
        text = "Reopen gap" if gap.status.finished else f"Mark gap {status.label.lower()}"
        return update_edit(self.workshop, "gaps", {"id": gap_id, "status": gap.status.value},
                           {"status": status.value}, GAP_LABELS, text)

    def set_gap_due(self, gap_id: int, due: date | None) -> Edit | None:
        return self.update_gap(replace(self.gap(gap_id), due=due))

    def delete_gap(self, gap_id: int) -> Edit:
        """Delete a gap with its experiments and measure values; undo restores them all."""
        groups = cascades.gap_with_records(self.workshop.library.db, self.workshop_id, gap_id)
        if not groups[0][1]:
            raise NotFoundError(GONE)
        return self.workshop.perform(DeleteRows("Delete gap", non_empty(*groups)))

    # -- measure values ----------------------------------------------------------------------

    def add_measure_value(self, gap_id: int, when: date, value: float,
                          note: str = "", denominator: float | None = None) -> Edit:
        """Record one dated value of the gap's measure (with its denominator for counts)."""
        check_measure_value(self.gap(gap_id).measure.kind, value, denominator)
        checked = check_measure(value, "measure value")
        check_date(when, "date")
        row = {"id": next_id(self.workshop.library.db, "measure_values"),
               "workshop_id": self.workshop_id, "gap_id": gap_id, "date": when.isoformat(),
               "value": checked, "note": clean_text(note, "note"),
               "denominator": None if denominator is None else float(denominator)}
        return self.workshop.perform(
            InsertRows("Record measure value", (("measure_values", (row,)),)))

    def delete_measure_value(self, value_id: int) -> Edit:
        row = stored_row(self.workshop, "measure_values", value_id,
                         "That measure value is no longer recorded.")
        return self.workshop.perform(
            DeleteRows("Delete measure value", (("measure_values", (row,)),)))

    # -- names shown with a gap --------------------------------------------------------------

    def area_text(self, gap: Gap) -> str:
        """The gap's area in words: "Nurses → Physicians", "Timely communication", …"""
        return area_text(gap, self.workshop.roles(), self.workshop.ties())

    def owner_text(self, gap: Gap) -> str:
        names = {r.id: r.name for r in self.workshop.roles()}
        role = names.get(gap.owner_role_id) if gap.owner_role_id is not None else None
        parts = [p for p in (role, gap.owner_name) if p]
        return " · ".join(parts)


def check_measure_value(kind: MeasureKind, value: float, denominator: float | None) -> None:
    """A finite value; for counts a positive denominator (a proportion's count ≤ it)."""
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError("value", "The measure value must be a number.")
    if not kind.counted:
        if denominator is not None:
            raise ValidationError("denominator", "A measured value has no denominator.")
        return
    if denominator is None or not math.isfinite(denominator) or denominator <= 0:
        raise ValidationError("denominator", "Give the total (denominator) this count is "
                              "out of: a number above 0.")
    if value < 0:
        raise ValidationError("value", "A count cannot be negative.")
    if kind is MeasureKind.PROPORTION and value > denominator:
        raise ValidationError("value", f"The count ({value:g}) cannot be more than its total "
                              f"({denominator:g}).")


def gap_or_none(service: GapsService, gap_id: int | None) -> Gap | None:
    """The gap with this id, or None when there is none (any more)."""
    if gap_id is None:
        return None
    try:
        return service.gap(gap_id)
    except NotFoundError:
        return None
