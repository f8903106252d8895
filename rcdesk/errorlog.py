"""The error log: where unexpected errors go, private to the user and free of workshop content.

The file and its folder are created readable by the user only (0600 / 0700). An entry
holds the time, the version, and the traceback's frames (file, line, function and the
source line) with the exception's type but never its message or any value: a message
can quote a role name, a title or a survey answer, and the log is what a user sends to
support. Standard library only, so the command and the app share it.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from rcdesk import __version__

LOG_NAME = "rcdesk-errors.log"


def private_folder(folder: Path) -> Path:
    """Create `folder` (and missing parents) readable by the user only; return it."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for created in missing:
        try:
            os.chmod(created, 0o700)  # mkdir's mode is filtered by the umask
        except OSError:
            pass
    return folder


def private_file(path: Path) -> Path:
    """Create `path` empty and readable by the user only, if it does not exist yet."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    return path


def describe(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> str:
    """The traceback without the exception's message (which may quote workshop content)."""
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(traceback.extract_tb(tb))
    lines.append(f"{kind.__module__}.{kind.__qualname__}\n")
    cause = value.__cause__ or value.__context__
    if cause is not None and cause is not value:
        lines.insert(0, f"(caused by) {type(cause).__module__}.{type(cause).__qualname__}\n")
    return "".join(lines)


def write_error_log(folder: Path, kind: type[BaseException], value: BaseException,
                    tb: TracebackType | None) -> Path | None:
    """Append one entry to `folder/rcdesk-errors.log`; None when it cannot be written."""
    try:
        path = private_file(private_folder(folder) / LOG_NAME)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat()} rcdesk {__version__}\n")
            handle.write(describe(kind, value, tb))
        return path
    except OSError:
        return None
