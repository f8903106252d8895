"""`rcdesk demo`: add the sample workshop and print its title."""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.cli.library import open_to_write, writing
from rcdesk.services.sample import build_sample


def run(args: argparse.Namespace, path: Path) -> int:
    with writing(path):
        service = open_to_write(path, create=True)
        try:
            workshop_id = build_sample(service)
            title = service.open(workshop_id).workshop().title
        finally:
            service.library.close()
    print(f"Added the sample workshop to {path}.")
    print(title)
    return 0
