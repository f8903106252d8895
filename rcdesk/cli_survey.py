"""`rcdesk import` and `rcdesk scores` (survey results). Never imports Qt."""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.domain.errors import DomainError


def cmd_import(args: argparse.Namespace, path: Path) -> int:
    raise DomainError("Survey import is not available in this version yet.")


def cmd_scores(args: argparse.Namespace, path: Path) -> int:
    raise DomainError("Scores are not available in this version yet.")
