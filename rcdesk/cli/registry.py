"""The headless commands: each command's name and the module that runs it.

A command's module lives in `rcdesk/cli/commands/` and has `run(args, library_path) ->
exit code`; it is imported only when its command runs (so `rcdesk` opening the app
imports none of them). No command module imports another (an import-linter contract in
pyproject.toml): what two commands share lives in `rcdesk/cli/common.py`,
`rcdesk/cli/library.py` or the services. Its arguments are declared in `rcdesk/cli/parser.py`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

PACKAGE = "rcdesk.cli.commands"

#: Command name → its module in rcdesk.cli.commands (imported by name at run time; the
#: bundle finds them through build.spec's collect_submodules).
COMMANDS: dict[str, str] = {
    "demo": "demo",
    "new": "new",
    "list": "listing",
    "check": "check",
    "show": "show",
    "import": "import_file",
    "scores": "scores",
    "export": "export",
    "show-pulse": "show_pulse",
    "backups": "backups",
    "restore": "restore",
}

Handler = Callable[[argparse.Namespace, Path], int]


def handler(command: str) -> Handler:
    """The `run` function of the command's module (the module imported now)."""
    run: Handler = import_module(f"{PACKAGE}.{COMMANDS[command]}").run
    return run
