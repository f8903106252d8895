"""`rcdesk new TITLE`: create a workshop (with its team, process, facilitator, roles)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.cli.library import open_to_write, writing


def run(args: argparse.Namespace, path: Path) -> int:
    with writing(path):
        service = open_to_write(path, create=True)
        try:
            roles = [r for r in args.roles.split(",") if r.strip()]
            service.create(args.title, team=args.team, process=args.process,
                           facilitator=args.facilitator, roles=roles)
        finally:
            service.library.close()
    print(f"Created “{' '.join(args.title.split())}” with {len(roles)} roles in {path}.")
    return 0
