"""Typed errors that services raise and the UI and CLI turn into calm messages.

Every message is written for the facilitator: what happened and what to do next.
"""

from __future__ import annotations


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
