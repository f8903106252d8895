"""`rcdesk export`: the map as an image, headless. Never imports Qt."""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.domain.errors import DomainError


def cmd_export(args: argparse.Namespace, path: Path) -> int:
    raise DomainError("Map export is not available in this version yet.")
