"""`rcdesk backups`: the library's backups, newest first (read-only, no lock)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rcdesk.cli.common import EXIT_OK
from rcdesk.store.backups import BackupInfo, backup_folder, list_backups


def describe(info: BackupInfo) -> str:
    count = f"{info.workshop_count} workshop" + ("" if info.workshop_count == 1 else "s")
    verdict = "ok" if info.ok else "DAMAGED"
    return (f"{info.taken_at:%Y-%m-%d %H:%M:%S}\t{info.reason}\t{count}\t{verdict}\t"
            f"{info.path.name}")


def run(args: argparse.Namespace, path: Path) -> int:
    backups = list_backups(path)
    if not backups:
        _say(f"No backups of {path} yet (they are kept in {backup_folder(path)}).")
        return EXIT_OK
    _say(f"Backups of {path} in {backup_folder(path)}, newest first:")
    for info in backups:
        _say(describe(info))
    return EXIT_OK


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
