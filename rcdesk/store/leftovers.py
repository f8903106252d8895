"""What an interrupted backup or restore leaves beside a library, and removing it.

Kept apart from store.backups (its regular expressions, dates and the backup API) so that
opening a library, which removes these files under the lock, imports only this much before
the window's first frame; backups.py re-exports both functions.
"""

from __future__ import annotations

from pathlib import Path

#: The prefix of a backup's or restore's temporary file until it is checked and renamed.
TEMP_PREFIX = ".incomplete-"


def backup_folder(library_path: Path) -> Path:
    return library_path.with_name(library_path.name + ".backups")


def leftovers(library_path: Path) -> list[Path]:
    """`.incomplete-*` files an interrupted backup or restore of this library left behind."""
    found = []
    folder = backup_folder(library_path)
    if folder.is_dir():
        found += [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]
    if library_path.parent.is_dir():
        found += [p for p in library_path.parent.iterdir()
                  if p.name.startswith(f"{TEMP_PREFIX}{library_path.name}-restore")]
    return found


def remove_leftovers(library_path: Path) -> int:
    """Delete the leftovers (full copies that may hold deleted answers); how many there were.

    Call it only while holding the library's lock: no backup or restore is then running.
    """
    found = leftovers(library_path)
    for path in found:
        path.unlink(missing_ok=True)
    return len(found)
