"""Writing an output file so that a failure never leaves half of it (or harms an old one).

The content goes to a hidden temporary file beside the target, which replaces the
target only once complete. Used by every export (map images, PDF, data, workshop
and deck files). Standard library and domain errors only, so any layer may use it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from rcdesk.domain.errors import DomainError


@contextmanager
def atomic_file(target: Path, what: str, mode: int = 0o666) -> Iterator[BinaryIO]:
    """A binary handle whose content becomes `target` when the block ends without error.

    `mode` is the new file's permission bits before the umask (0o600: owner only).
    OS errors become a DomainError naming `what` and the file.
    """
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
