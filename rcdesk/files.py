"""Writing an output file so that a failure never leaves half of it (or harms an old one),
and reading a JSON file someone handed us without trusting its size or shape.

The content goes to a hidden temporary file beside the target, which replaces the
target only once complete. Used by every export (map images, PDF, data, workshop
and deck files). Standard library and domain errors only, so any layer may use it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from rcdesk.domain.errors import DomainError

#: Every library file this process has opened (store.connection registers them). Such a
#: file is never opened, replaced or read here: closing a descriptor on it would drop the
#: SQLite locks of every connection this process holds (platform-notes.md).
_LIBRARIES: set[Path] = set()


def remember_library(path: Path) -> None:
    _LIBRARIES.add(Path(os.path.abspath(path)))


def is_library_file(candidate: Path) -> bool:
    """Whether `candidate` is a library this process opened, or its -wal or -shm (stat only)."""
    for library in _LIBRARIES:
        for path in (library, library.with_name(library.name + "-wal"),
                     library.with_name(library.name + "-shm")):
            try:
                if os.path.samefile(candidate, path):
                    return True
            except OSError:
                continue
    return False


def _refuse_library(what: str, target: Path) -> None:
    if is_library_file(target):
        raise DomainError(f"Cannot write {what} to {target}: that is the rcdesk library "
                          "itself. Choose another file name.")


@contextmanager
def atomic_file(target: Path, what: str, mode: int = 0o666) -> Iterator[BinaryIO]:
    """A binary handle whose content becomes `target` when the block ends without error.

    `mode` is the new file's permission bits before the umask (0o600: owner only).
    OS errors become a DomainError naming `what` and the file.
    """
    import secrets  # (with hashlib and OpenSSL) when a file is written, not at start

    _refuse_library(what, target)
    part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        raise _cannot_write(what, target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(part, target)
    except BaseException as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(what, target, exc) from exc
        raise


def write_atomically(target: Path, data: bytes, what: str, mode: int = 0o666) -> Path:
    """Write bytes to `target` through atomic_file; return the path."""
    with atomic_file(target, what, mode) as handle:
        handle.write(data)
    return target


def _cannot_write(what: str, target: Path, exc: OSError) -> DomainError:
    return DomainError(f"Cannot write {what} to {target}: {exc.strerror or exc}. Check that "
                       "the folder exists and that you may write to it.")


class JsonReadError(Exception):
    """Why a JSON file could not be read. `kind` is "unreadable", "too large", "not text",
    "not JSON" or "too deep"; `detail` says more (the OS error, the JSON error's place).
    Callers turn it into their own message naming the file."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


def read_json_file(path: Path, max_bytes: int) -> Any:
    """The parsed content of a UTF-8 (BOM allowed) JSON file of at most `max_bytes`.

    Every way a stranger's file can fail ends in JsonReadError, including brackets nested
    thousands deep (json raises RecursionError for those, not a ValueError) and integers
    of thousands of digits (a plain ValueError, not a JSONDecodeError).
    """
    return parse_json_text(read_json_text(path, max_bytes))


def read_json_text(path: Path, max_bytes: int) -> str:
    """The text of a UTF-8 (BOM allowed) file of at most `max_bytes` (JsonReadError)."""
    if is_library_file(path):
        raise JsonReadError("unreadable", "it is the rcdesk library itself")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise JsonReadError("unreadable", str(exc.strerror or exc)) from exc
    if len(data) > max_bytes:
        raise JsonReadError("too large")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonReadError("not text") from exc


def parse_json_text(text: str) -> Any:
    """JSON text parsed; every failure a JsonReadError (see read_json_file)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonReadError("not JSON", f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
                            ) from exc
    except RecursionError as exc:
        raise JsonReadError("too deep") from exc
    except ValueError as exc:  # a number of over 4,300 digits (int_max_str_digits)
        raise JsonReadError("not JSON", "a number has too many digits") from exc
