"""Backups: one checked, self-contained file each; only when changed; Anki-like retention;
restore keeps the current file aside; damaged backups are never chosen."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from rcdesk.domain.errors import StorageError
from rcdesk.services.library import LibraryService
from rcdesk.store import backups
from rcdesk.store.backups import (
    backup_folder,
    backups_to_keep,
    list_backups,
    newest_good_backup,
    prune,
    restore_backup,
    take_backup,
)
from rcdesk.store.connection import Library, open_library

from .conftest import corrupt, file_state, quick_check


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 10, 1, 9, 30))


@pytest.fixture
def library(populated_library: Path) -> Iterator[Library]:
    opened = open_library(populated_library, create=False)
    yield opened
    opened.close()


def titles(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT title FROM workshops ORDER BY id")]
    finally:
        conn.close()


def test_a_backup_is_one_checked_file_holding_the_newest_commits(
    library: Library, clock: Clock
) -> None:
    LibraryService(library).create("Ward 7")  # still only in the -wal file
    assert library.path.with_name(library.path.name + "-wal").stat().st_size > 0
    target = take_backup(library, "open", clock=clock)
    assert target is not None and target.parent == backup_folder(library.path)
    assert target.name == "library-20261001-093000-open.db"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no -wal, no temp
    assert quick_check(target) == "ok"
    assert "Ward 7" in titles(target)
    conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_unchanged_library_gets_no_new_backup_even_after_reopening(
    populated_library: Path, clock: Clock
) -> None:
    library = open_library(populated_library, create=False)
    first = take_backup(library, "open", clock=clock)
    assert first is not None
    clock.now += timedelta(minutes=30)
    assert take_backup(library, "periodic", clock=clock) is None
    library.close()
    library = open_library(populated_library, create=False)  # a new session: content compared
    try:
        clock.now += timedelta(minutes=30)
        assert take_backup(library, "open", clock=clock) is None
        LibraryService(library).create("Ward 7")
        second = take_backup(library, "periodic", clock=clock)
        assert second is not None and "Ward 7" in titles(second)
        assert take_backup(library, "quit", clock=clock) is None
        assert take_backup(library, "before-import", clock=clock) is not None  # forced
    finally:
        library.close()
    assert [b.reason for b in list_backups(populated_library)] == [
        "before-import", "periodic", "open"]


def test_a_copy_that_fails_quick_check_never_becomes_a_backup(
    library: Library, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = take_backup(library, "manual", clock=clock)
    assert good is not None
    real_copy = backups._copy_into

    def damaged_copy(conn: sqlite3.Connection, temp: Path) -> None:
        real_copy(conn, temp)
        corrupt(temp)

    monkeypatch.setattr(backups, "_copy_into", damaged_copy)
    clock.now += timedelta(hours=1)
    with pytest.raises(StorageError, match="failed its check") as raised:
        take_backup(library, "manual", clock=clock)
    assert "library" in str(raised.value)
    assert sorted(backup_folder(library.path).iterdir()) == [good]
    assert newest_good_backup(library.path).path == good  # type: ignore[union-attr]


def test_a_backup_is_fsynced_before_it_is_renamed_into_place(
    library: Library, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        proc = f"/proc/self/fd/{fd}"
        events.append(f"fsync {os.readlink(proc) if os.path.exists(proc) else fd}")
        real_fsync(fd)

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        events.append(f"replace {source}")
        real_replace(source, target)

    monkeypatch.setattr(backups.os, "fsync", fsync)
    monkeypatch.setattr(backups.os, "replace", replace)
    take_backup(library, "manual", clock=clock)
    replaced = next(i for i, e in enumerate(events) if e.startswith("replace"))
    temp = events[replaced].split(" ", 1)[1]
    synced = [i for i, e in enumerate(events) if e.startswith("fsync") and
              (e.endswith(temp) or not os.path.exists("/proc"))]
    assert synced and synced[0] < replaced


def test_a_write_failure_is_a_calm_error_naming_the_library(
    library: Library, clock: Clock
) -> None:
    folder = backup_folder(library.path)
    folder.write_text("in the way")  # a file where the folder should be
    with pytest.raises(StorageError) as raised:
        take_backup(library, "manual", clock=clock)
    message = str(raised.value)
    assert message.startswith("library.sqlite: could not write a backup")
    assert "Traceback" not in message and "\n" not in message


# -- retention -------------------------------------------------------------------------------


def test_retention_keeps_today_yesterday_then_daily_weekly_monthly() -> None:
    today = date(2026, 10, 1)
    start = datetime(2026, 10, 1, 23, 0)
    times = [start - timedelta(hours=6 * n) for n in range(4 * 400)]  # every 6 h for 400 days
    kept = backups_to_keep(times, today)
    recent = {t for t in times if t.date() >= today - timedelta(days=1)}
    assert recent <= kept and len(recent) == 8  # four a day, today and yesterday
    older = sorted((t for t in kept if t not in recent), reverse=True)
    days = [t.date() for t in older[:12]]
    assert days == [today - timedelta(days=d) for d in range(2, 14)]  # 12 daily
    assert all(t.hour == 23 for t in older[:12])  # the newest of each day
    weeks = older[12:22]
    assert len({t.isocalendar()[:2] for t in weeks}) == 10
    months = older[22:]
    assert len(months) == 9 and len({(t.year, t.month) for t in months}) == 9
    assert len(kept) == 8 + 12 + 10 + 9


def test_pruning_on_a_fake_clock_deletes_only_what_retention_drops(
    library: Library, clock: Clock
) -> None:
    service = LibraryService(library)
    made: list[Path] = []
    for day in range(40):
        clock.now = datetime(2026, 8, 1, 12, 0) + timedelta(days=day)
        service.create(f"Workshop {day}")
        made.append(take_backup(library, "periodic", clock=clock))  # type: ignore[arg-type]
    remaining = {b.path for b in list_backups(library.path)}
    assert made[-1] in remaining and made[-2] in remaining  # today and yesterday
    expected = backups_to_keep([b.taken_at for b in list_backups(library.path)],
                               clock.now.date())
    assert {b.taken_at for b in list_backups(library.path)} == expected
    assert made[0] not in remaining or len(remaining) < 40
    assert len(remaining) < 40


def test_pruning_never_deletes_the_newest_good_backup(
    library: Library, clock: Clock
) -> None:
    clock.now = datetime(2025, 6, 1, 12, 0)
    good = take_backup(library, "manual", clock=clock)
    assert good is not None
    clock.now = datetime(2025, 6, 1, 13, 0)
    LibraryService(library).create("Ward 7")
    newer = take_backup(library, "manual", clock=clock)
    assert newer is not None
    corrupt(newer)
    # Retention keeps one backup of that day: the newest, which is damaged.
    assert backups_to_keep([good_time := datetime(2025, 6, 1, 12), clock.now],
                           date(2027, 1, 1)) == {clock.now}
    assert prune(library.path, date(2027, 1, 1)) == []
    assert good.exists() and newer.exists()
    assert newest_good_backup(library.path).taken_at == good_time  # type: ignore[union-attr]


# -- damaged backups and restoring -----------------------------------------------------------


def test_damaged_backups_are_listed_but_never_chosen(library: Library, clock: Clock) -> None:
    first = take_backup(library, "manual", clock=clock)
    LibraryService(library).create("Ward 7")
    clock.now += timedelta(hours=1)
    second = take_backup(library, "manual", clock=clock)
    assert first is not None and second is not None
    corrupt(second)
    listed = list_backups(library.path)
    assert [(b.path, b.ok) for b in listed] == [(second, False), (first, True)]
    assert listed[1].workshop_count == 1 and listed[1].taken_at == datetime(2026, 10, 1, 9, 30)
    best = newest_good_backup(library.path)
    assert best is not None and best.path == first


def test_restore_keeps_the_damaged_file_aside_and_brings_the_data_back(
    populated_library: Path, clock: Clock
) -> None:
    library = open_library(populated_library, create=False)
    backup = take_backup(library, "manual", clock=clock)
    assert backup is not None
    LibraryService(library).create("Written after the backup")
    library.close()  # leaves no -wal: simulate one left by a crash below
    corrupt(populated_library)
    wal = populated_library.with_name(populated_library.name + "-wal")
    wal.write_bytes(b"stale wal frames")
    damaged = file_state(populated_library)

    clock.now += timedelta(hours=1)
    aside = restore_backup(backup, populated_library, clock=clock)
    assert aside is not None and aside.name == "library.sqlite.before-restore-20261001-103000"
    assert file_state(aside)[:2] == damaged[:2]
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"stale wal frames"
    assert not wal.exists()
    assert quick_check(populated_library) == "ok"
    assert titles(populated_library) == ["Hospital discharge (sample)"]
    reopened = open_library(populated_library, create=False)  # and it opens for writing
    reopened.close()
    # A second restore keeps both earlier files: nothing is ever overwritten.
    again = restore_backup(backup, populated_library, clock=clock)
    assert again is not None and again != aside and aside.exists()


def test_a_damaged_backup_is_refused_and_the_library_is_untouched(
    library: Library, clock: Clock, populated_library: Path
) -> None:
    backup = take_backup(library, "manual", clock=clock)
    assert backup is not None
    library.close()
    corrupt(backup)
    before = file_state(populated_library)
    with pytest.raises(StorageError, match="missing or damaged") as raised:
        restore_backup(backup, populated_library)
    assert backup.name in str(raised.value)
    assert file_state(populated_library) == before
    assert sorted(p.name for p in populated_library.parent.iterdir()) == [
        "library.sqlite", "library.sqlite.backups"]


def test_a_migration_copy_lives_with_the_other_backups(
    populated_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rcdesk.store import connection, migrations

    steps = (*migrations.STEPS, "CREATE TABLE extra (id INTEGER PRIMARY KEY)")
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(connection, "SCHEMA_VERSION", len(steps))
    library = open_library(populated_library, create=False)
    library.close()
    listed = list_backups(populated_library)
    assert [(b.reason, b.ok, b.path) for b in listed] == [
        ("before-migration", True, library.pre_migration_copy)]

