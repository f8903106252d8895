"""The structures table: one row per structure, with the wave's ratings (issue 19)."""

from __future__ import annotations

from dataclasses import dataclass

from rcdesk.domain.structures import Structure, StructureRating, gap_between
from rcdesk.ui.table_model import Column


@dataclass(frozen=True)
class StructureRow:
    """A structure as the table shows it (id 0: one of the ten, not stored yet)."""

    id: int
    structure: Structure
    current: int | None
    desired: int | None


def _number(value: int | None) -> str:
    return "—" if value is None else str(value)


def _move(row: StructureRow) -> str:
    step = gap_between(row.current, row.desired)
    return "—" if step is None else f"{step:+d}".replace("-", "−")


def structure_columns() -> list[Column[StructureRow]]:
    return [
        Column("Structure", lambda r: r.structure.name,
               edit_value=lambda r: r.structure.position, tooltip="What shapes coordination"),
        Column("Now", lambda r: _number(r.current), edit_value=lambda r: r.current or 0,
               tooltip="How it works for these roles now (1–5)"),
        Column("Wanted", lambda r: _number(r.desired), edit_value=lambda r: r.desired or 0,
               tooltip="Where the team wants it (1–5)"),
        Column("Move", _move, edit_value=lambda r: gap_between(r.current, r.desired) or 0,
               tooltip="Wanted minus now"),
        Column("Status", lambda r: r.structure.status.label,
               edit_value=lambda r: r.structure.status.value,
               tooltip="Where the work on it stands; its owner is in the side panel"),
    ]


def structure_row(structure: Structure, rating: StructureRating | None) -> StructureRow:
    return StructureRow(
        id=structure.id or -(structure.position + 1),  # a stable id for unstored ones
        structure=structure, current=rating.current if rating else None,
        desired=rating.desired if rating else None)
