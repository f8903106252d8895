"""Writing a checked import preview (survey or pulse): one transaction, all or nothing,
and no trace left in the live files of the answers it replaced."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from rcdesk.domain.errors import ImportProblem, ImportProblems, NotFoundError
from rcdesk.services.edits import run_in_transaction
from rcdesk.store import repository
from rcdesk.store.connection import Library

R = TypeVar("R")


class CheckedPreview(Protocol):
    """What both import previews offer (frozen dataclasses, hence read-only properties)."""

    @property
    def ok(self) -> bool: ...
    @property
    def path(self) -> Path: ...
    @property
    def workshop_id(self) -> int: ...
    @property
    def rows(self) -> Sequence[Any]: ...
    @property
    def problems(self) -> Sequence[ImportProblem]: ...
    @property
    def problem_count(self) -> int: ...


def commit_preview(library: Library, preview: CheckedPreview, what: str,
                   write: Callable[[], R], replaced: Callable[[R], bool]) -> R:
    """Run `write` for a problem-free preview in one transaction (`what` names it in a
    failure message); when it replaced earlier answers, empty the write-ahead log."""
    if not preview.ok or not preview.rows:
        raise ImportProblems(
            f"{preview.path.name} was not imported: it has problems to fix first.",
            list(preview.problems), preview.problem_count)
    if repository.get_workshop(library.db, preview.workshop_id) is None:
        raise NotFoundError("That workshop is no longer in the library.")
    outcome: list[R] = []
    run_in_transaction(library.db, library.read_only, what,
                       lambda db: outcome.append(write()))
    if replaced(outcome[0]):
        checkpoint(library)
    return outcome[0]


def checkpoint(library: Library) -> None:
    """Move everything into the main file and empty the WAL (secure_delete is on), so
    deleted answers leave no trace in the live files (backups keep them until they rotate).

    A reader holding the WAL open can keep the checkpoint from finishing; the next
    checkpoint completes it, so that is not an error for the user.
    """
    try:
        library.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlite3.Error:
        pass
