"""`rcdesk backups`, `rcdesk restore BACKUP`, and the lock every writing command takes.

Never imports Qt. Commands that write hold the library's lock for their whole
run and refuse (exit 2, one line) while the app has the library open; commands
that only read never look at the lock.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rcdesk.domain.errors import LibraryError
from rcdesk.paths import prepare_library_folder
from rcdesk.store.backups import BackupInfo, backup_folder, list_backups, newest_good_backup
from rcdesk.store.backups import restore_backup as restore_file
from rcdesk.store.lock import require

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Hold the library's lock while a command writes; LibraryInUseError if the app has it."""
    prepare_library_folder(path)
    lock = require(path)
    try:
        yield
    finally:
        lock.release()


def describe(info: BackupInfo) -> str:
    count = f"{info.workshop_count} workshop" + ("" if info.workshop_count == 1 else "s")
    verdict = "ok" if info.ok else "DAMAGED"
    return (f"{info.taken_at:%Y-%m-%d %H:%M:%S}\t{info.reason}\t{count}\t{verdict}\t"
            f"{info.path.name}")


def cmd_backups(args: argparse.Namespace, path: Path) -> int:
    backups = list_backups(path)
    if not backups:
        _say(f"No backups of {path} yet (they are kept in {backup_folder(path)}).")
        return EXIT_OK
    _say(f"Backups of {path} in {backup_folder(path)}, newest first:")
    for info in backups:
        _say(describe(info))
    return EXIT_OK


def _backup_path(given: str, library: Path) -> Path:
    """The file named on the command line, or that name inside the library's backups folder."""
    candidate = Path(given).expanduser()
    if not candidate.exists() and (backup_folder(library) / candidate.name).exists():
        return backup_folder(library) / candidate.name
    return candidate


def cmd_restore(args: argparse.Namespace, path: Path) -> int:
    backup = _backup_path(args.backup, path)
    if not backup.is_file():
        raise LibraryError(f"{backup}: no backup file at this path; see: rcdesk backups")
    with writing(path):
        aside = restore_file(backup, path)
    kept = f" The previous file was kept as {aside}." if aside else ""
    _say(f"Restored {path} from {backup.name}.{kept}")
    return EXIT_OK


def restore_hint(path: Path) -> str:
    """One sentence naming the newest good backup and the command that restores it."""
    best = newest_good_backup(path)
    if best is None:
        return f"No good backup was found in {backup_folder(path)}."
    return (f"The newest good backup is {best.path} ({best.taken_at:%Y-%m-%d %H:%M}, "
            f"{best.workshop_count} workshops); restore it with: "
            f"rcdesk --library \"{path}\" restore \"{best.path}\"")
