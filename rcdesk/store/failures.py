"""What went wrong with a file, in the user's words: disk full, read-only, missing folder.

SQLite and the OS report storage failures as error codes; `storage_error` turns one
into a StorageError that says what happened and what to do, naming the file. A
failure it does not recognise keeps SQLite's or the OS's own words, and never
claims the library is damaged: damage is only ever reported by an integrity check.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from rcdesk.domain.errors import StorageError

DISK_FULL = "the disk is full. Free some space on it, then try again"
READ_ONLY = ("the folder is read-only (or the file is). Move the library to a folder you may "
             "write to, or ask for write access, then try again")
NO_FOLDER = ("its folder does not exist. Create the folder first, or choose another library "
             "with --library")
IN_USE = "another program is using the library. Close it, then try again"
CANNOT_OPEN = ("the file cannot be opened (its folder may be read-only or missing, or the disk "
               "unavailable). Check that you may write to the folder, then try again")
DISK_ERROR = ("the disk reported an error. Check that the disk is still connected and "
              "working, then try again")

_SQLITE_WORDS = {
    "SQLITE_FULL": DISK_FULL,
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_BUSY": IN_USE,
    "SQLITE_LOCKED": IN_USE,
    "SQLITE_CANTOPEN": CANNOT_OPEN,
    "SQLITE_IOERR": DISK_ERROR,
}
_OS_WORDS = {
    errno.ENOSPC: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.ENOENT: NO_FOLDER,
}
if hasattr(errno, "EDQUOT"):
    _OS_WORDS[errno.EDQUOT] = DISK_FULL


def reason_for(exc: BaseException) -> str | None:
    """The plain words for a storage failure, or None when it is not one we recognise."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        for prefix, words in _SQLITE_WORDS.items():
            if name.startswith(prefix):
                return words
        text = str(exc).lower()
        if "disk is full" in text:
            return DISK_FULL
        if "readonly" in text or "read-only" in text:
            return READ_ONLY
        if "unable to open" in text:
            return CANNOT_OPEN
        if "disk i/o error" in text:
            return DISK_ERROR
        if "database is locked" in text:
            return IN_USE
        return None
    if isinstance(exc, OSError) and exc.errno is not None:
        return _OS_WORDS.get(exc.errno)
    return None


def is_storage_failure(exc: BaseException) -> bool:
    return reason_for(exc) is not None


def storage_error(path: Path, doing: str, exc: BaseException) -> StorageError:
    """`<path>: could not <doing>: <what happened and what to do>. Nothing was changed.`"""
    reason = reason_for(exc)
    if reason is None:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        reason = f"{detail}. Check the disk and the folder, then try again"
    return StorageError(f"{path}: could not {doing}: {reason}. Nothing was changed.")
