"""`rcdesk restore BACKUP`: replace the library with a backup (the current file kept aside),
under the library's lock."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rcdesk.cli.common import EXIT_OK
from rcdesk.cli.library import writing
from rcdesk.domain.errors import LibraryError
from rcdesk.store.backups import backup_folder
from rcdesk.store.backups import restore_backup as restore_file


def _backup_path(given: str, library: Path) -> Path:
    """The file named on the command line, or that name inside the library's backups folder."""
    candidate = Path(given).expanduser()
    if not candidate.exists() and (backup_folder(library) / candidate.name).exists():
        return backup_folder(library) / candidate.name
    return candidate


def run(args: argparse.Namespace, path: Path) -> int:
    backup = _backup_path(args.backup, path)
    if not backup.is_file():
        raise LibraryError(f"{backup}: no backup file at this path; see: rcdesk backups")
    with writing(path):
        aside = restore_file(backup, path)
    kept = f" The previous file was kept as {aside}." if aside else ""
    sys.stdout.write(f"Restored {path} from {backup.name}.{kept}\n")
    return EXIT_OK
