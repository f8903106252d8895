"""Every import goes through one use case: check, take the before-import backup, write.

Survey and pulse CSVs, deck files and `.rcdesk` workshop files, whether they come from
the command line, the File menu, a drop on the window or the Pulse tab, are written by
`run_import`: the whole file is checked first (a refused file writes nothing and takes no
backup), then the forced "before-import" backup is taken, then the write runs in one
transaction (all or nothing). The CSV imports come here through their commit functions
(`commit_survey`, `commit_pulse` → `commit_preview`), the files through `import_workshop`
and `import_deck`. A replaced set of answers leaves no trace in the live files
(`checkpoint`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rcdesk.domain.errors import ImportProblem, ImportProblems, NotFoundError
from rcdesk.services.edits import Edit, run_in_transaction
from rcdesk.store import repository
from rcdesk.store.backups import take_backup
from rcdesk.store.connection import Library

if TYPE_CHECKING:
    from rcdesk.services.deck_library import DeckLibrary

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


def run_import(library: Library, check: Callable[[], object], write: Callable[[], R]) -> R:
    """The one import sequence: `check()` (raises, and then nothing is written and no
    backup taken), the forced before-import backup, then `write()` (one transaction)."""
    check()
    take_backup(library, "before-import")
    return write()


def commit_preview(library: Library, preview: CheckedPreview, what: str,
                   write: Callable[[], R], replaced: Callable[[R], bool]) -> R:
    """Import a problem-free preview: backup, then `write` in one transaction (`what` names
    it in a failure message); when it replaced earlier answers, empty the write-ahead log."""

    def check() -> None:
        if not preview.ok or not preview.rows:
            raise ImportProblems(
                f"{preview.path.name} was not imported: it has problems to fix first.",
                list(preview.problems), preview.problem_count)
        if repository.get_workshop(library.db, preview.workshop_id) is None:
            raise NotFoundError("That workshop is no longer in the library.")

    def transaction() -> R:
        outcome: list[R] = []
        run_in_transaction(library.db, library.read_only, what,
                           lambda db: outcome.append(write()))
        if replaced(outcome[0]):
            checkpoint(library)
        return outcome[0]

    return run_import(library, check, transaction)


def import_workshop(library: Library, path: Path) -> int:
    """Add a `.rcdesk` file's workshop (a damaged or newer file is refused before the
    backup); its new id."""
    from rcdesk.services.workshop_file import import_workshop_file, read_workshop_file

    return run_import(library, lambda: read_workshop_file(path),
                      lambda: import_workshop_file(library, path))


def import_deck(decks: DeckLibrary, path: Path) -> Edit:
    """Add a deck file to the library's decks (a malformed file is refused before the
    backup); the Edit, for the undo stack."""
    from rcdesk.services.decks import load_deck_file

    return run_import(decks.workshop.library, lambda: load_deck_file(path),
                      lambda: decks.import_file(path))


def checkpoint(library: Library) -> None:
    """Move everything into the main file and empty the WAL (secure_delete is on), so
    deleted answers leave no trace in the live files (backups keep them until they rotate).

    A reader holding the WAL open can keep the checkpoint from finishing; the next
    checkpoint completes it, so that is not an error for the user.
    """
    try:
        library.checkpoint()
    except sqlite3.Error:
        pass
