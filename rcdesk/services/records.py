"""Helpers shared by services built on a workshop: fresh ids and row-diff edits."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from rcdesk.domain.errors import NotFoundError
from rcdesk.services.edits import (
    CompoundEdit,
    DeleteRows,
    Edit,
    InsertRows,
    RowGroup,
    RowUpdate,
    UpdateRows,
)
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.rows import next_id, workshop_row

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database

K = TypeVar("K", bound=Hashable)


def stored_row(service: WorkshopService, table: str, row_id: int, missing: str) -> dict[str, Any]:
    """The full row of this workshop with this id; NotFoundError(`missing`) otherwise."""
    row = workshop_row(service.library.db, table, row_id, service.workshop_id)
    if row is None:
        raise NotFoundError(missing)
    return row


def update_edit(service: WorkshopService, table: str, before: Mapping[str, Any],
                after: Mapping[str, Any], labels: Mapping[str, str],
                text: str | None = None, merge_key: str | None = None) -> Edit | None:
    """Perform an UpdateRows of the columns that differ; None when nothing changed.

    The undo text names the field when one field changed ("Change due date");
    `merge_key` folds consecutive edits of one thing into one undo step.
    """
    changed = [c for c in after if c != "id" and after[c] != before[c]]
    if not changed:
        return None
    if text is None:
        names = {labels.get(c, c.replace("_", " ")) for c in changed}
        text = f"Change {names.pop()}" if len(names) == 1 else f"Edit {table[:-1]}"
    update = RowUpdate(table, int(before["id"]), {c: before[c] for c in changed},
                       {c: after[c] for c in changed})
    return service.perform(UpdateRows(text, (update,), merge_key))


def non_empty(*groups: tuple[str, list[dict[str, Any]]]) -> tuple[RowGroup, ...]:
    """Row groups for an edit, leaving out empty ones so the change flags stay precise."""
    return tuple((table, tuple(rows)) for table, rows in groups if rows)


def replace_set(db: Database, text: str, table: str, have: Mapping[K, dict[str, Any]],
                wanted: Iterable[K], make: Callable[[int, K], dict[str, Any]]
                ) -> InsertRows | DeleteRows | CompoundEdit | None:
    """The edit that makes a set of rows (a structure's links, an aim's drivers) exactly
    `wanted`: rows `have` holds but not wanted are deleted; each wanted key not held gets a
    row `make(new id, key)`, in sorted key order. None when nothing changes."""
    keys = set(wanted)
    removed = [row for key, row in have.items() if key not in keys]
    fresh = sorted((k for k in keys if k not in have), key=repr)
    added = [make(i, key) for i, key in enumerate(fresh, start=next_id(db, table))]
    parts = tuple(edit for edit in (DeleteRows(text, non_empty((table, removed))),
                                    InsertRows(text, non_empty((table, added))))
                  if edit.groups)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else CompoundEdit(text, parts)
