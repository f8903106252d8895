"""`rcdesk check`: verify the library and print a one-line verdict (read-only)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.cli.library import restore_hint
from rcdesk.domain.errors import DamagedLibraryError, NotALibraryError
from rcdesk.store.connection import inspect_library
from rcdesk.store.migrations import SCHEMA_VERSION


def run(args: argparse.Namespace, path: Path) -> int:
    try:
        status = inspect_library(path)
    except (DamagedLibraryError, NotALibraryError) as exc:
        # Name the way back: the newest backup that passes its check (exit 2, one line).
        raise type(exc)(f"{exc} {restore_hint(path)}") from exc
    if status.schema_version > SCHEMA_VERSION:
        print(f"OK (read-only here): {path} is a healthy library from a newer rcdesk "
              f"(schema {status.schema_version}), {_workshops(status.workshop_count)}.")
    else:
        print(f"OK: {path} passed integrity_check, schema {status.schema_version} of "
              f"{SCHEMA_VERSION}, {_workshops(status.workshop_count)}.")
    return 0


def _workshops(count: int) -> str:
    return f"{count} workshop" + ("" if count == 1 else "s")
