"""Library work off the UI thread: each job opens its own connection, and closes it.

SQLite connections belong to the thread that made them, so a job never touches the
window's connection: `in_library(path, work)` is the callable the one background helper
(ui/background.py) runs on its thread; it opens the library file again through
store.connection.open_background (read-only unless the job writes; never `open_library`,
whose checks must not run beside the window's connection), runs `work` on that Library,
and always closes it. `open_for_job` is the one way any background job in the app's
process opens the library (exports pass it to services/exporting.run_export), so how
that is done can change in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from rcdesk.store.connection import Library, open_background

T = TypeVar("T")


def open_for_job(library_path: Path, write: bool = False) -> Library:
    """The one way a background job in the app's process opens the library."""
    return open_background(library_path, write=write)


def _run(library_path: Path, write: bool, work: Callable[[Library], T]) -> T:
    """On the worker thread: own connection, one call, always closed."""
    library = open_for_job(library_path, write)
    try:
        return work(library)
    finally:
        library.close()


def in_library(library_path: Path, work: Callable[[Library], T], *,
               write: bool = False) -> Callable[[], T]:
    """`work(library)` as a job for Background.run, on its own connection to the file
    (`write`: the job may write, for example an import's commit)."""
    return partial(_run, Path(library_path), write, work)
