"""Edits: reversible changes to the library, each applied in one transaction.

An edit is built by a service after the rules have been checked, so apply and
revert only move rows. Ids are kept, so undoing a deletion brings back the very
same rows and everything that points at them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Flag, auto
from typing import TYPE_CHECKING, Any

from rcdesk.domain.errors import ReadOnlyLibraryError, StorageError
from rcdesk.store.connection import write_transaction
from rcdesk.store.rows import delete_rows, insert_rows, rows_by_ids, total_changes, update_row

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database


class Change(Flag):
    """What an edit touched, so a window refreshes in one place."""

    NONE = 0
    WORKSHOP = auto()
    ROLES = auto()
    WAVES = auto()
    TIES = auto()
    RATINGS = auto()
    MEETINGS = auto()
    SURVEY = auto()
    GAPS = auto()
    EXPERIMENTS = auto()
    MEASURES = auto()
    DECKS = auto()
    AGENDA = auto()
    CAPTURES = auto()
    PULSE = auto()
    STRUCTURES = auto()
    #: Only where roles sit on the map (their x, y, pin): nothing to score again.
    LAYOUT = auto()


_TABLE_CHANGES = {
    "workshops": Change.WORKSHOP,
    "roles": Change.ROLES,
    "waves": Change.WAVES,
    "ties": Change.TIES,
    "ratings": Change.RATINGS,
    "meetings": Change.MEETINGS,
    "survey_responses": Change.SURVEY,
    "gaps": Change.GAPS,
    "experiments": Change.EXPERIMENTS,
    "measure_values": Change.MEASURES,
    "decks": Change.DECKS,
    "agenda_steps": Change.AGENDA,
    "captures": Change.CAPTURES,
    "pulses": Change.PULSE,
    "pulse_answers": Change.PULSE,
    "pulse_tallies": Change.PULSE,
    "structures": Change.STRUCTURES,
    "structure_ratings": Change.STRUCTURES,
    "structure_links": Change.STRUCTURES,
    "gap_drivers": Change.GAPS,
    "survey_imports": Change.SURVEY,
    "pulse_showings": Change.PULSE,
    "room_showings": Change.SURVEY,
    "dot_votes": Change.GAPS,
    "dot_vote_marks": Change.GAPS,
}

RowGroup = tuple[str, tuple[Mapping[str, Any], ...]]


#: Columns of `roles` that place a role on the map and nothing else (Change.LAYOUT).
_LAYOUT_COLUMNS = frozenset({"x", "y", "pinned"})


def _changes_of(tables: list[str]) -> Change:
    result = Change.NONE
    for table in tables:
        result |= _TABLE_CHANGES[table]
    return result


@dataclass(frozen=True)
class InsertRows:
    """Insert groups of rows in order (parents first); revert deletes them in reverse."""

    text: str
    groups: tuple[RowGroup, ...]

    @property
    def changes(self) -> Change:
        return _changes_of([table for table, _ in self.groups])

    def apply(self, db: Database) -> None:
        for table, rows in self.groups:
            insert_rows(db, table, rows)

    def revert(self, db: Database) -> None:
        """Delete the inserted rows, but only while nothing saved since depends on them.

        Some writes stay off the undo stack on purpose (pass-the-laptop answers, the
        walkthrough's record of a step's time): undoing the insert below them would
        silently lose them (a step's recorded time, or by foreign-key cascade every
        answer of a wave), and redo would not bring them back. Edits above this one on
        the stack are undone first, so an inserted row that differs from what was
        inserted, or a cascade (SQLite counts cascaded deletes in total_changes), means
        such a write: the undo is refused and the transaction rolls back.
        """
        for table, rows in self.groups:
            if _changed_since(db, table, rows):
                raise StorageError(_kept_message(self.text))
        before = total_changes(db)
        for table, rows in reversed(self.groups):
            delete_rows(db, table, [row["id"] for row in rows])
        if total_changes(db) - before > sum(len(rows) for _, rows in self.groups):
            raise StorageError(_kept_message(self.text))


def _kept_message(text: str) -> str:
    return (f"Could not undo “{text}”: what was recorded since depends on it (for example "
            "pulse answers or a walkthrough's times). Nothing was changed.")


def _changed_since(db: Database, table: str, rows: tuple[Mapping[str, Any], ...]) -> bool:
    """Whether any of these inserted rows now holds other values than it was inserted with."""
    wanted = {row["id"]: row for row in rows}
    for now in rows_by_ids(db, table, list(wanted)):
        inserted = wanted[now["id"]]
        if any(now.get(column) != value for column, value in inserted.items()):
            return True
    return False


@dataclass(frozen=True)
class DeleteRows:
    """Delete groups of rows (given parents first); revert restores them with their ids."""

    text: str
    groups: tuple[RowGroup, ...]

    @property
    def changes(self) -> Change:
        return _changes_of([table for table, _ in self.groups])

    def apply(self, db: Database) -> None:
        for table, rows in reversed(self.groups):
            delete_rows(db, table, [row["id"] for row in rows])

    def revert(self, db: Database) -> None:
        for table, rows in self.groups:
            insert_rows(db, table, rows)


@dataclass(frozen=True)
class RowUpdate:
    table: str
    row_id: int
    before: Mapping[str, Any]
    after: Mapping[str, Any]


@dataclass(frozen=True)
class UpdateRows:
    """Change columns of existing rows; revert writes the old values back.

    `merge_key` lets the undo stack fold consecutive edits of the same thing (for
    example several moves of one role) into one step.
    """

    text: str
    updates: tuple[RowUpdate, ...]
    merge_key: str | None = None

    @property
    def changes(self) -> Change:
        result = Change.NONE
        for u in self.updates:
            moved_only = u.table == "roles" and set(u.after) <= _LAYOUT_COLUMNS
            result |= Change.LAYOUT if moved_only else _TABLE_CHANGES[u.table]
        return result

    def apply(self, db: Database) -> None:
        for u in self.updates:
            update_row(db, u.table, u.row_id, u.after)

    def revert(self, db: Database) -> None:
        for u in reversed(self.updates):
            update_row(db, u.table, u.row_id, u.before)

    def merged(self, later: UpdateRows) -> UpdateRows:
        """One edit with this edit's before-values and the later edit's after-values."""
        befores = {(u.table, u.row_id): u.before for u in self.updates}
        updates = tuple(
            RowUpdate(u.table, u.row_id, befores.get((u.table, u.row_id), u.before), u.after)
            for u in later.updates
        )
        return UpdateRows(self.text, updates, self.merge_key)


@dataclass(frozen=True)
class CompoundEdit:
    """Several edits as one (one transaction, one undo step): applied in order, reverted in
    reverse, for example a link set changed by deleting some rows and inserting others."""

    text: str
    parts: tuple[InsertRows | DeleteRows | UpdateRows, ...]

    @property
    def changes(self) -> Change:
        result = Change.NONE
        for part in self.parts:
            result |= part.changes
        return result

    def apply(self, db: Database) -> None:
        for part in self.parts:
            part.apply(db)

    def revert(self, db: Database) -> None:
        for part in reversed(self.parts):
            part.revert(db)


Edit = InsertRows | DeleteRows | UpdateRows | CompoundEdit


#: Why an undo or redo can clash with the library: rows it would put back collide with rows
#: written since, off the undo stack (answers collected again after a clear, say).
TAKEN_PLACE = "newer data has taken its place (for example answers collected since)"


def run_in_transaction(db: Database, read_only: bool, action: str, step: Any,
                       clash: str | None = None) -> None:
    """Run `step(db)` atomically; turn storage failures into a calm StorageError.

    `clash`, when given, is what a constraint failure means for this action, in plain words
    (otherwise the library's own words are quoted)."""
    if read_only:
        raise ReadOnlyLibraryError("This library is open read-only, so it cannot be changed.")
    try:
        with write_transaction(db):
            step(db)
    except sqlite3.OperationalError as exc:
        raise StorageError(_storage_message(action, exc)) from exc
    except sqlite3.IntegrityError as exc:
        if clash is None:
            raise StorageError(_refused(action, exc)) from exc
        raise StorageError(f"Could not {action}: {clash}. Nothing was changed.") from exc
    except sqlite3.DatabaseError as exc:
        raise StorageError(_refused(action, exc)) from exc


def _refused(action: str, exc: sqlite3.Error) -> str:
    return f"Could not {action}: the library refused the change ({exc}). Nothing was changed."


def _storage_message(action: str, exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "full" in text:
        reason = "the disk is full. Free some space, then try again"
    elif "locked" in text or "busy" in text:
        reason = "another program is using the library. Close it, then try again"
    elif "readonly" in text or "read-only" in text:
        reason = "the library file cannot be written. Check that it is not read-only"
    else:
        reason = f"the library could not be written ({exc})"
    return f"Could not {action}: {reason}. Nothing was changed."
