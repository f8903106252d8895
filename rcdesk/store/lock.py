"""A "library in use" lock, so two programs never write one library at the same time.

The app holds it while a library is open; headless commands that write take it for
the length of the command. It is an OS lock (fcntl.flock on POSIX, msvcrt.locking on
Windows) on an open descriptor of `<library>.lock`, so it ends with the process:
a crashed app never leaves a stale lock. The file also says who holds it (pid and
host), for the message shown to whoever is refused.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rcdesk.domain.errors import LibraryError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class LibraryInUseError(LibraryError):
    """Another rcdesk process holds the library's lock; nothing was written."""


def lock_path(library_path: Path) -> Path:
    return library_path.with_name(library_path.name + ".lock")


class LibraryLock:
    """A held lock; release() (or the end of the process) frees it."""

    def __init__(self, library_path: Path, fd: int) -> None:
        self.library_path = library_path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Free the lock and remove the lock file; calling it twice is harmless."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Unlink while still locked (POSIX), so nobody can lock the old file after us;
        # acquire() checks it locked the file that is at the path now.
        if sys.platform != "win32":
            lock_path(self.library_path).unlink(missing_ok=True)
        _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":  # pragma: no cover - Windows cannot unlink an open file
            try:
                lock_path(self.library_path).unlink(missing_ok=True)
            except OSError:
                pass

    def __enter__(self) -> LibraryLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        if self._fd is not None:
            os.close(self._fd)


def acquire(library_path: Path) -> LibraryLock | None:
    """The library's lock, or None when another process (or window) holds it.

    Raises OSError only if the lock file cannot be created at all (missing folder,
    no permission).
    """
    path = lock_path(library_path)
    for _ in range(10):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            return None
        if _same_file(fd, path):
            _write_owner(fd)
            return LibraryLock(library_path, fd)
        os.close(fd)  # the holder removed the file as we locked it: try the new one
    return None


def _same_file(fd: int, path: Path) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        return True
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _host_name() -> str:
    """This computer's name; os.uname() spares importing socket on a start (not on Windows)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket  # pragma: no cover - Windows

    return socket.gethostname()


def _write_owner(fd: int) -> None:
    """Note who holds the lock; only a courtesy, so a full disk does not stop the lock."""
    text = f"{os.getpid()} {_host_name()}\n".encode()
    try:
        os.lseek(fd, 0 if sys.platform != "win32" else 1, os.SEEK_SET)
        os.ftruncate(fd, 0 if sys.platform != "win32" else 1)
        os.write(fd, text)
    except OSError:
        pass


def is_locked(library_path: Path) -> bool:
    """True while another process (or another open lock in this one) holds the lock.

    Never creates a file: no lock file means nobody holds it.
    """
    path = lock_path(library_path)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


def holder(library_path: Path) -> str:
    """Who holds the lock, for a message ("process 123 on host"); "" when unknown."""
    try:
        text = lock_path(library_path).read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""
    parts = text.strip("\x00 \n").split(maxsplit=1)
    if len(parts) == 2 and parts[0].isdecimal():
        return f"process {parts[0]} on {parts[1]}"
    return ""


def in_use_message(library_path: Path) -> str:
    who = holder(library_path)
    return (f"{library_path.name} is open in rcdesk" + (f" ({who})" if who else "")
            + "; close it there first, then try again. Nothing was changed.")


def require(library_path: Path) -> LibraryLock:
    """The lock for a write, or LibraryInUseError with a one-line message naming the file.

    A lock file that cannot be written (missing folder, read-only folder, full disk) is a
    StorageError saying which; no folder is ever created here.
    """
    from rcdesk.store.failures import storage_error

    try:
        lock = acquire(library_path)
    except OSError as exc:
        raise storage_error(library_path, "take the library's lock", exc) from exc
    if lock is None:
        raise LibraryInUseError(in_use_message(library_path))
    return lock
