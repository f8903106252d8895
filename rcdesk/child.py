"""`rcdesk --child TASK`: work the app hands to a child process of its own.

The app runs a task here when it must not run in its own process: the PDF export and
the map's image (matplotlib and reportlab hold the interpreter's lock for seconds, and
matplotlib beside the window's own charts is not thread-safe). The task's input is JSON on
stdin (for "export", an ExportRequest: everything named by id); its result is one
JSON value on stdout. Failures follow the command's rules (rcdesk.cli): exit 2 with
one line on stderr for a problem the user can fix, exit 1 for a bug (logged). Never
imports Qt. The ui side is rcdesk/ui/background.py (ChildCall).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence

from rcdesk.domain.errors import DomainError

FLAG = "--child"


def _export(text: str) -> object:
    from rcdesk.services.exporting import ExportRequest, run_export

    return str(run_export(ExportRequest.from_json(text)))


def _map_image(text: str) -> object:
    from rcdesk.services.map_request import MapImageRequest, write_map_request

    return str(write_map_request(MapImageRequest.from_payload(text)))


#: Each task: its input (as text: JSON, or a map request's payload) → a JSON-able result.
TASKS: dict[str, Callable[[str], object]] = {"export": _export, "map_image": _map_image}


def run_child(argv: Sequence[str]) -> int:
    """Run the task named in argv on stdin's JSON; the caller (cli.main) maps errors."""
    if len(argv) != 1 or argv[0] not in TASKS:
        raise DomainError(f"Unknown child task {' '.join(argv) or '(none)'}; "
                          f"known: {', '.join(TASKS)}.")
    result = TASKS[argv[0]](sys.stdin.read())
    sys.stdout.write(json.dumps(result) + "\n")
    return 0
