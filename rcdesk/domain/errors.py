"""Typed errors that services raise and the UI and CLI turn into calm messages.

Every message is written for the facilitator: what happened and what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """A rule of the workshop was not met; the message is shown to the user as is."""


class ValidationError(DomainError):
    """Input that cannot be accepted; names the field that was wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(DomainError):
    """A workshop, role or other record named by the user does not exist."""


class LibraryError(DomainError):
    """The library file cannot be used as asked; the message names the file."""


class LibraryMissingError(LibraryError):
    """The library file does not exist and the command does not create one."""


class NotALibraryError(LibraryError):
    """The file exists but is not an rcdesk library; it is never written to."""


class DamagedLibraryError(LibraryError):
    """The library failed SQLite's quick_check; it is never written to."""


class ReadOnlyLibraryError(LibraryError):
    """The library was opened read-only (for example it comes from a newer rcdesk)."""


class StorageError(LibraryError):
    """A write to the library failed (disk full, locked, read-only); nothing was changed."""


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with an imported file, located by row (1 = header) and column."""

    message: str
    row: int | None = None
    column: str | None = None

    def describe(self) -> str:
        """Where and what: "row 5, column timely: …" (file-level problems have no place)."""
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportProblems(DomainError):
    """A file could not be imported and nothing was written; carries every problem kept.

    `total` also counts the problems beyond those kept, so a user can be told
    "and 340 more".
    """

    def __init__(self, message: str, problems: list[ImportProblem],
                 total: int | None = None) -> None:
        super().__init__(message)
        self.problems = problems
        self.total = len(problems) if total is None else total
