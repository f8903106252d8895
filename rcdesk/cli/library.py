"""How the commands open the library: read-only for commands that only read; under the
library's lock for commands that write; and the way back from a damaged file (the newest
good backup). Never imports Qt.

Commands that write hold the library's lock for their whole run and refuse (exit 2, one
line) while the app has the library open; commands that only read never look at the lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rcdesk.paths import prepare_library_folder
from rcdesk.services.library import LibraryService
from rcdesk.store.backups import backup_folder, newest_good_backup
from rcdesk.store.connection import open_for_reading, open_library
from rcdesk.store.lock import require


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Hold the library's lock while a command writes; LibraryInUseError if the app has it."""
    prepare_library_folder(path)
    lock = require(path)
    try:
        yield
    finally:
        lock.release()


def open_to_write(path: Path, *, create: bool) -> LibraryService:
    """The library opened to write (inside `writing`)."""
    return LibraryService(open_library(path, create=create))


def open_to_read(path: Path) -> LibraryService:
    """For commands that only read: the library opened read-only, never written to."""
    return LibraryService(open_for_reading(path))


def restore_hint(path: Path) -> str:
    """One sentence naming the newest good backup and the command that restores it."""
    best = newest_good_backup(path)
    if best is None:
        return f"No good backup was found in {backup_folder(path)}."
    return (f"The newest good backup is {best.path} ({best.taken_at:%Y-%m-%d %H:%M}, "
            f"{best.workshop_count} workshops); restore it with: "
            f"rcdesk --library \"{path}\" restore \"{best.path}\"")
