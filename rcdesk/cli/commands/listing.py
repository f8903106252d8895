"""`rcdesk list`: the workshops in the library, one a line (read-only)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.cli.library import open_to_read


def run(args: argparse.Namespace, path: Path) -> int:
    service = open_to_read(path)
    try:
        summaries = service.summaries()
    finally:
        service.library.close()
    if not summaries:
        print(f"No workshops in {path} yet. Try: rcdesk demo")
        return 0
    for s in summaries:
        waves = ", ".join(s.wave_names) or "no waves"
        print(f"{s.id}\t{s.title}\t{s.role_count} roles\t{waves}")
    return 0
