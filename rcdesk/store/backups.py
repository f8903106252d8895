"""Backups of a library: one self-contained, checked SQLite file each, in `<library>.backups/`.

A backup is taken with SQLite's backup API (a plain copy of an open WAL database
misses recent commits) into a temp file in the backups folder; the copy is switched
to journal_mode=DELETE so it is one file, must pass quick_check, is fsynced, and
only then renamed into place. Nothing is replaced by an unchecked file.

A backup's time and reason are in its name: `<stem>-YYYYmmdd-HHMMSS-<reason>.db`.
Files that do not follow that pattern (for example a damaged library kept aside)
are never listed as backups and never deleted here.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from rcdesk.domain.errors import StorageError
from rcdesk.store.connection import APPLICATION_ID, Library

# backup_folder, leftovers and remove_leftovers live apart (re-exported here), so that
# opening a library need not import this module.
from rcdesk.store.leftovers import TEMP_PREFIX as _TEMP_PREFIX
from rcdesk.store.leftovers import backup_folder as backup_folder
from rcdesk.store.leftovers import leftovers as leftovers
from rcdesk.store.leftovers import remove_leftovers as remove_leftovers

REASONS = ("open", "periodic", "quit", "before-migration", "before-import", "manual")
#: Reasons that always make a backup, even when nothing changed since the last one.
FORCED_REASONS = frozenset({"before-migration", "before-import", "manual"})
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9

_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"-(?P<stamp>\d{8}-\d{6})-(?P<reason>" + "|".join(REASONS) + r")(?:-(?P<n>\d+))?\.db$"
)
#: Header bytes that differ between two backups of the same content (change counter,
#: schema cookie, version-valid-for); masked when comparing a new copy with the last one.
_VOLATILE_HEADER = ((24, 28), (40, 44), (92, 96))

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when and why it was taken, and what a read-only check found."""

    path: Path
    taken_at: datetime
    reason: str
    workshop_count: int
    ok: bool


@dataclass(frozen=True)
class _Mark:
    """What a library's connection looked like at its last backup (or skipped backup)."""

    library: weakref.ref[Library]
    total_changes: int
    data_version: int


_marks: dict[int, _Mark] = {}


# -- taking a backup -------------------------------------------------------------------------


def take_backup(library: Library, reason: str, *, force: bool | None = None,
                clock: Clock = datetime.now) -> Path | None:
    """Back up an open library; None when skipped because nothing changed since the last one.

    Forced reasons (before a migration or import, manual) always back up. Afterwards old
    backups are pruned (see `prune`). Raises StorageError naming the file on failure.
    """
    forced = reason in FORCED_REASONS if force is None else force
    conn = library.db.conn
    if not forced and _unchanged_since_mark(library):
        return None
    target = backup_connection(conn, library.path, reason, clock=clock,
                               skip_if_same=not forced)
    _set_mark(library)
    if target is not None:
        prune(library.path, clock().date())
    return target


def backup_connection(conn: sqlite3.Connection, library_path: Path, reason: str, *,
                      clock: Clock = datetime.now, skip_if_same: bool = False) -> Path | None:
    """Back up through `conn`; the low-level step also used before migrations."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backup_folder(library_path)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        temp = _new_temp(folder)
        try:
            _copy_into(conn, temp)
            _check_copy(temp, library_path)
            newest = _newest_file(library_path)
            if skip_if_same and newest is not None and _fingerprint(newest) == _fingerprint(temp):
                return None
            _fsync_file(temp)
            target = _free_name(folder, library_path, reason, clock())
            os.replace(temp, target)
            _fsync_dir(folder)
            return target
        finally:
            temp.unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"{library_path.name}: could not write a backup in {folder} ({exc}). The library "
            "itself is unchanged; check the disk has free space."
        ) from exc


def _new_temp(folder: Path) -> Path:
    """An empty file only the user can read; SQLite fills it as a new database."""
    stamp = datetime.now().strftime("%Y%m%d%H%M%S%f")
    temp = folder / f"{_TEMP_PREFIX}{os.getpid()}-{stamp}.db"
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return temp


def _copy_into(conn: sqlite3.Connection, temp: Path) -> None:
    copy = sqlite3.connect(str(temp))
    try:
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()


def _check_copy(temp: Path, library_path: Path) -> None:
    verdict = _quick_check(temp)
    if verdict != "ok":
        raise StorageError(
            f"{library_path.name}: the new backup failed its check ({verdict}) and was "
            "discarded; the existing backups were kept."
        )


def _fingerprint(path: Path) -> str:
    data = bytearray(path.read_bytes())
    for start, end in _VOLATILE_HEADER:
        data[start:end] = bytes(end - start)
    import hashlib  # (with OpenSSL) when a backup is checked, not at open (remove_leftovers)

    return hashlib.sha256(data).hexdigest()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder and does not need it."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _free_name(folder: Path, library_path: Path, reason: str, when: datetime) -> Path:
    base = f"{library_path.stem}-{when.strftime(_STAMP)}-{reason}"
    target, number = folder / f"{base}.db", 2
    while target.exists():
        target, number = folder / f"{base}-{number}.db", number + 1
    return target


def _state(library: Library) -> tuple[int, int]:
    conn = library.db.conn
    return conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])


def _unchanged_since_mark(library: Library) -> bool:
    mark = _marks.get(id(library))
    if mark is None or mark.library() is not library:
        return False
    return (mark.total_changes, mark.data_version) == _state(library)


def _set_mark(library: Library) -> None:
    key = id(library)
    changes, version = _state(library)
    _marks[key] = _Mark(weakref.ref(library, lambda _: _marks.pop(key, None)), changes, version)


# -- reading backups -------------------------------------------------------------------------


def _parse(path: Path, stem: str) -> tuple[datetime, str, int] | None:
    found = _NAME.search(path.name)
    if found is None or path.name[: found.start()] != stem:
        return None
    try:
        taken = datetime.strptime(found["stamp"], _STAMP)
    except ValueError:
        return None
    return taken, found["reason"], int(found["n"] or 1)


def _backup_files(library_path: Path) -> list[tuple[datetime, str, Path]]:
    """(time, reason, path) of every backup of this library, newest first."""
    folder = backup_folder(library_path)
    if not folder.is_dir():
        return []
    found: list[tuple[datetime, int, int, str, Path]] = []
    for path in folder.iterdir():
        parsed = _parse(path, library_path.stem)
        if parsed is not None and path.is_file():
            # Names give the second; the file's own time orders backups within one second.
            found.append((parsed[0], parsed[2], path.stat().st_mtime_ns, parsed[1], path))
    found.sort(key=lambda item: item[:3], reverse=True)
    return [(taken, reason, path) for taken, _, _, reason, path in found]


def purge_backups(library: Library) -> int:
    """Delete every backup of the library, then take one fresh backup of it as it is now.

    After deleting sensitive data (a workshop, a wave's survey answers) this is the
    way to make sure no older copy still holds it (leftovers of interrupted backups
    and restores included). Returns how many were deleted.
    """
    files = [path for _, _, path in _backup_files(library.path)] + leftovers(library.path)
    for path in files:
        try:
            path.unlink()
        except OSError as exc:
            raise StorageError(f"{path}: could not be deleted ({exc.strerror or exc}).") from exc
    _marks.pop(id(library), None)
    take_backup(library, "manual")
    return len(files)


def _newest_file(library_path: Path) -> Path | None:
    files = _backup_files(library_path)
    return files[0][2] if files else None


def _quick_check(path: Path) -> str:
    """quick_check's verdict for a closed file, read-only; an error's text when it cannot run."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return str(conn.execute("PRAGMA quick_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def examine(path: Path) -> tuple[bool, int]:
    """(passes quick_check and is an rcdesk library, workshop count) of a closed file."""
    if _quick_check(path) != "ok":
        return False, 0
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
            return False, 0
        try:
            return True, int(conn.execute("SELECT count(*) FROM workshops").fetchone()[0])
        except sqlite3.OperationalError:
            return True, 0
    except sqlite3.DatabaseError:
        return False, 0
    finally:
        conn.close()


def list_backups(library_path: Path) -> list[BackupInfo]:
    """Every backup of the library, newest first, each checked read-only."""
    infos = []
    for taken, reason, path in _backup_files(library_path):
        ok, count = examine(path)
        infos.append(BackupInfo(path, taken, reason, count, ok))
    return infos


def newest_good_backup(library_path: Path) -> BackupInfo | None:
    """The newest backup that passes quick_check; damaged ones are skipped."""
    for taken, reason, path in _backup_files(library_path):
        ok, count = examine(path)
        if ok:
            return BackupInfo(path, taken, reason, count, ok)
    return None


# -- retention -------------------------------------------------------------------------------


def backups_to_keep(times: Iterable[datetime], today: date) -> set[datetime]:
    """Which backup times retention keeps (like Anki).

    Everything from today and yesterday; then, going back in time, the newest backup of
    each day for KEEP_DAILY days, then of each week for KEEP_WEEKLY weeks, then of each
    month for KEEP_MONTHLY months. Days without backups do not use up a slot.
    """
    keep: set[datetime] = set()
    left = {"day": KEEP_DAILY, "week": KEEP_WEEKLY, "month": KEEP_MONTHLY}
    last: dict[str, object] = {}
    yesterday = today - timedelta(days=1)
    for when in sorted(times, reverse=True):
        if when.date() >= yesterday:
            keep.add(when)
            continue
        kind = next((k for k in ("day", "week", "month") if left[k] > 0), None)
        if kind is None:
            break
        periods = {"day": when.date(), "week": when.isocalendar()[:2],
                   "month": (when.year, when.month)}
        if periods[kind] != last.get(kind):
            left[kind] -= 1
            last.update(periods)
            keep.add(when)
    return keep


def prune(library_path: Path, today: date) -> list[Path]:
    """Delete the backups retention does not keep; never the newest good one. Returns them."""
    files = _backup_files(library_path)
    kept = backups_to_keep((taken for taken, _, _ in files), today)
    newest_good = newest_good_backup(library_path)
    removed = []
    for taken, _, path in files:
        if taken in kept or (newest_good is not None and path == newest_good.path):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


# -- restoring -------------------------------------------------------------------------------

#: The steps of a restore, in order; `restore_backup(fault=...)` is called with each name
#: just before that step runs (tests inject failures and deaths there).
RESTORE_STEPS = ("check", "checkpoint", "copy", "aside", "wal", "swap", "sync")

Fault = Callable[[str], None]


def _no_fault(step: str) -> None:
    return None


def restore_backup(backup: Path, library_path: Path, *, clock: Clock = datetime.now,
                   fault: Fault = _no_fault) -> Path | None:
    """Put a checked backup in the library's place; return where the old file was kept.

    The backup must pass quick_check and be an rcdesk library, or nothing is touched. Then:
    the library's -wal is folded into it through SQLite (a healthy library only: a damaged
    one is never written to); the backup is copied to a temp file beside the library; the
    current file is kept as `<name>.before-restore-<stamp>` (a hard link, so no byte is
    read, and any -wal SQLite could not fold in is kept beside it); and one `os.replace`
    swaps the copy in. At every moment the library's name holds either the old library
    with all its commits or the restored one. On any failure before the swap everything
    is put back as it was and StorageError says so. The caller makes sure no connection
    to the library is open in this process (see store.lock for other processes).
    """
    folder = library_path.parent
    if not folder.is_dir():
        raise StorageError(f"{library_path}: cannot restore here: the folder {folder} does "
                           "not exist. Nothing was changed.")
    swap = _Swap(library_path, folder / f"{_TEMP_PREFIX}{library_path.name}-restore")
    try:
        fault("check")
        ok, _ = examine(backup) if backup.is_file() else (False, 0)
        if not ok:
            raise StorageError(
                f"{backup.name}: this backup is missing or damaged, so it was not restored; "
                "the library was not changed. Choose another backup."
            )
        fault("checkpoint")
        swap.fold_wal()
        fault("copy")
        _copy_file(backup, swap.temp)
        fault("aside")
        swap.keep_aside(clock())
        fault("wal")
        swap.drop_wal()
        fault("swap")
        os.replace(swap.temp, library_path)
        swap.swapped = True
        fault("sync")
        _fsync_dir(folder)
    except BaseException as exc:
        if swap.swapped:  # the restore itself is done; only the folder's fsync failed
            return swap.aside
        swap.put_back()
        if isinstance(exc, StorageError) or not isinstance(exc, (OSError, sqlite3.Error)):
            raise  # already in words (a damaged backup, a busy library), or a bug
        raise StorageError(
            f"{library_path.name}: could not restore {backup.name} ({exc}). The library was "
            "put back as it was, with every change. Check the disk has free space and the "
            "folder can be written, then try again."
        ) from exc
    return swap.aside


class _Swap:
    """The files a restore moves, and how to put each back."""

    def __init__(self, library_path: Path, temp: Path) -> None:
        self.library = library_path
        self.temp = temp
        self.wal = library_path.with_name(library_path.name + "-wal")
        self.shm = library_path.with_name(library_path.name + "-shm")
        self.aside: Path | None = None
        self.aside_wal: Path | None = None
        self.wal_dropped = False
        self.swapped = False

    def fold_wal(self) -> None:
        """Checkpoint a healthy library's -wal into it, through SQLite."""
        if not self.library.is_file() or _quick_check(self.library) != "ok":
            return  # a damaged (or missing) file is not written to: its -wal goes aside
        conn = sqlite3.connect(f"{self.library.resolve().as_uri()}?mode=rw", uri=True)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            conn.close()
        if busy:
            raise StorageError(
                f"{self.library.name}: another program is reading the library, so it cannot "
                "be restored now. Close other rcdesk windows and commands, then try again.")

    def keep_aside(self, when: datetime) -> None:
        """The current library (and any -wal still holding commits) under a new name."""
        if not self.library.exists():
            return
        base = f"{self.library.name}.before-restore-{when.strftime(_STAMP)}"
        aside, number = self.library.with_name(base), 2
        while aside.exists():
            aside, number = self.library.with_name(f"{base}-{number}"), number + 1
        _link_or_copy(self.library, aside)
        self.aside = aside
        if self.wal.exists() and self.wal.stat().st_size > 0:
            self.aside_wal = aside.with_name(aside.name + "-wal")
            _link_or_copy(self.wal, self.aside_wal)

    def drop_wal(self) -> None:
        """Stale -wal/-shm leave before the restored file arrives (SQLite would replay them)."""
        if self.wal.exists() or self.shm.exists():
            self.wal_dropped = True
        self.wal.unlink(missing_ok=True)
        self.shm.unlink(missing_ok=True)

    def put_back(self) -> None:
        """Undo whatever was done before the swap: the library is as it was."""
        if self.wal_dropped and self.aside_wal is not None and not self.wal.exists():
            _link_or_copy(self.aside_wal, self.wal)
        for extra in (self.aside_wal, self.aside):
            if extra is not None:
                extra.unlink(missing_ok=True)
        self.aside = self.aside_wal = None
        self.temp.unlink(missing_ok=True)


def _link_or_copy(source: Path, target: Path) -> None:
    """A second name for `source` (no byte read); a copy where links are not supported.

    Restore runs with no connection open on the library in this process, so the copy's
    plain read cannot drop any SQLite lock.
    """
    try:
        os.link(source, target)
    except OSError:
        _copy_file(source, target)


def _copy_file(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())
