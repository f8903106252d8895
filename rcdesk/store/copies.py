"""Copies of a workshop's rows inside one library (duplicating a workshop)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rcdesk.store.rows import (
    ID_KEYED_JSON,
    WORKSHOP_TABLES,
    fetch_rows,
    insert_rows,
    remap_id_keys,
)

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database

#: How to find a table's rows of one workshop, when the table has no workshop_id.
_ROWS_OF_WORKSHOP = {
    "ratings": "tie_id IN (SELECT id FROM ties WHERE workshop_id = ?)",
    "survey_responses": "wave_id IN (SELECT id FROM waves WHERE workshop_id = ?)",
}


def copy_workshop_rows(db: Database, old_workshop: int, new_workshop: int) -> None:
    """Copy every row of a workshop's tables (WORKSHOP_TABLES, parents first) to another
    workshop, with fresh ids and the foreign keys (and id-keyed JSON) mapped to them."""
    id_maps: dict[str, dict[int, int]] = {}
    for table, foreign in WORKSHOP_TABLES:
        where = _ROWS_OF_WORKSHOP.get(table, "workshop_id = ?")
        rows = fetch_rows(db, table, where, [old_workshop])
        # Filled as rows are copied, so a table may point at its own earlier rows
        # (an experiment's previous cycle always has a smaller id).
        mapping = id_maps[table] = {}
        for row in rows:
            copy = {k: v for k, v in row.items() if k != "id"}
            if "workshop_id" in copy:
                copy["workshop_id"] = new_workshop
            for column, parent in foreign.items():
                value = row[column]
                copy[column] = None if value is None else id_maps[parent].get(value)
            for column, parent in ID_KEYED_JSON.get(table, {}).items():
                try:
                    copy[column] = remap_id_keys(row[column], id_maps[parent])
                except (ValueError, TypeError):  # damaged outside rcdesk: read as empty too
                    copy[column] = "{}"
            mapping[row["id"]] = insert_rows(db, table, [copy])[0]
