"""Rows of structures, structure_ratings and structure_links ⇄ domain objects.

`*_row` give every column the service writes (the id and workshop included), so an edit
can insert, compare and restore whole rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rcdesk.domain.structures import Structure, StructureLinks, StructureRating, StructureStatus

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database


def structure_row(structure: Structure) -> dict[str, Any]:
    return {
        "id": structure.id, "workshop_id": structure.workshop_id, "key": structure.key,
        "name": structure.name, "works_well": structure.works_well,
        "owner_role_id": structure.owner_role_id, "owner_name": structure.owner_name,
        "status": structure.status.value, "position": structure.position,
    }


def structure_from_row(row: dict[str, Any]) -> Structure:
    return Structure(
        id=row["id"], workshop_id=row["workshop_id"], key=row["key"], name=row["name"],
        works_well=row["works_well"], owner_role_id=row["owner_role_id"],
        owner_name=row["owner_name"], status=StructureStatus(row["status"]),
        position=row["position"])


def list_structures(db: Database, workshop_id: int) -> list[Structure]:
    """The workshop's stored structures, in their order."""
    rows = db.query("SELECT * FROM structures WHERE workshop_id = ? ORDER BY position, id",
                    [workshop_id])
    return [structure_from_row(row) for row in rows]


def rating_from_row(row: dict[str, Any]) -> StructureRating:
    return StructureRating(structure_id=row["structure_id"], wave_id=row["wave_id"],
                           current=row["current"], desired=row["desired"],
                           evidence=row["evidence"])


def list_ratings(db: Database, workshop_id: int) -> list[StructureRating]:
    rows = db.query("SELECT * FROM structure_ratings WHERE workshop_id = ? ORDER BY id",
                    [workshop_id])
    return [rating_from_row(row) for row in rows]


def rating_rows(db: Database, structure_id: int, wave_id: int) -> list[dict[str, Any]]:
    """The stored rating row of a structure in a wave (none or one)."""
    return list(db.query("SELECT * FROM structure_ratings WHERE structure_id = ? AND "
                         "wave_id = ?", [structure_id, wave_id]))


def link_rows(db: Database, structure_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM structure_links WHERE structure_id = ? ORDER BY id",
                         [structure_id]))


def links_from_rows(rows: list[dict[str, Any]]) -> StructureLinks:
    return StructureLinks(
        role_ids=frozenset(r["role_id"] for r in rows if r["role_id"] is not None),
        tie_ids=frozenset(r["tie_id"] for r in rows if r["tie_id"] is not None),
        gap_ids=frozenset(r["gap_id"] for r in rows if r["gap_id"] is not None))
