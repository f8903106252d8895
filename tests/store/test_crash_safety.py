"""Killed at any moment, the library stays whole and keeps every acknowledged edit.

A child process (crash_child.py) edits a real library through the services and
prints each edit once it is committed; the parent kills it with SIGKILL at a random
moment, then checks integrity_check, that every acknowledged edit is there, and that
no edit is there in part. The same for a survey import: all of it or none of it.

Multi-process scenarios: the editor also reads the library from a background thread (as
the app's jobs and checks do) while another process keeps opening and closing it (as
exports, `rcdesk show` and writing commands do); then the editor is killed. A non-SQLite
access to the library in the editor's process would drop its locks, the other process
would then delete the -wal on close, and acknowledged edits would be lost.
"""

from __future__ import annotations

import os
import random
import selectors
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rcdesk.services.library import LibraryService
from rcdesk.store.connection import open_library

CHILD = Path(__file__).with_name("crash_child.py")
ROLES = 6
EDIT_TRIALS = 50
MULTI_PROCESS_TRIALS = 4
IMPORT_TRIALS = 12
RESPONDENTS, TARGETS = 150, 20


def start(*args: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, bufsize=1, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    assert first == "ready\n", child.stderr.read() if child.stderr else first
    return child


def kill(child: subprocess.Popen[str]) -> None:
    if hasattr(signal, "SIGKILL"):
        os.kill(child.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows: TerminateProcess is as abrupt
        child.kill()


def lines_until(child: subprocess.Popen[str], seconds: float) -> Iterator[str]:
    """The child's stdout lines until `seconds` have passed (then kill it) or it exits."""
    assert child.stdout is not None
    deadline = time.monotonic() + seconds
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(timeout=left):
                kill(child)
                break
            line = child.stdout.readline()
            if not line:
                break
            yield line.rstrip("\n")
    rest, _ = child.communicate(timeout=30)
    yield from rest.splitlines()


def check_integrity(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return conn


def run_edit_trials(path: Path, trials: int, seed: int, multi_process: bool = False) -> int:
    """Trials on one library, one after another; returns the number of acknowledged edits.

    `multi_process`: the editor reads from a background thread too, and another process
    opens and closes the library all along (killed after the editor)."""
    rng = random.Random(seed)
    acknowledged: list[str] = []
    for trial in range(trials):
        other = start("other", str(path)) if multi_process else None
        extra = ("jobs",) if multi_process else ()
        child = start("edits", str(path), f"s{seed}t{trial}", str(ROLES), *extra)
        span = rng.uniform(0.3, 0.8) if multi_process else rng.uniform(0.02, 0.2)
        acks = [line.split(" ", 1)[1] for line in lines_until(child, span)
                if line.startswith("ack ")]
        if other is not None:
            kill(other)
            other.communicate(timeout=30)
        acknowledged += acks
        conn = check_integrity(path)
        try:
            rows = conn.execute(
                "SELECT w.title, w.team, (SELECT count(*) FROM roles r WHERE r.workshop_id = w.id),"
                " (SELECT count(*) FROM waves v WHERE v.workshop_id = w.id) FROM workshops w"
            ).fetchall()
        finally:
            conn.close()
        found = {title: (team, roles, waves) for title, team, roles, waves in rows}
        missing = [title for title in acknowledged if title not in found]
        assert missing == [], f"trial {trial}: acknowledged edits lost"
        assert all(found[t][0] == f"team of {t}" for t in acknowledged)
        # No workshop exists in part: each create wrote all its roles and its wave, or nothing.
        assert {(roles, waves) for _, roles, waves in found.values()} <= {(ROLES, 1)}
    return len(acknowledged)


def new_library(path: Path) -> Path:
    library = open_library(path, create=True)
    library.close()
    return path


def test_killed_editors_never_lose_an_acknowledged_edit_or_leave_half_of_one(
    tmp_path: Path,
) -> None:
    libraries = [new_library(tmp_path / f"lib{n}.sqlite") for n in range(2)]
    seed = random.randrange(1_000_000)
    with ThreadPoolExecutor(max_workers=2) as pool:  # one chain of trials per core
        counts = list(pool.map(run_edit_trials, libraries,
                               [EDIT_TRIALS // 2] * 2, [seed, seed + 1]))
    assert sum(counts) > 0, "no edit was ever acknowledged: the test proved nothing"


def test_killed_editors_keep_every_edit_beside_background_readers_and_other_processes(
    tmp_path: Path,
) -> None:
    path = new_library(tmp_path / "lib.sqlite")
    seed = random.randrange(1_000_000)
    acknowledged = run_edit_trials(path, MULTI_PROCESS_TRIALS, seed, multi_process=True)
    assert acknowledged > 0, "no edit was ever acknowledged: the test proved nothing"


# -- a survey import killed mid-way ----------------------------------------------------------


@pytest.fixture
def survey_setup(tmp_path: Path) -> tuple[Path, Path]:
    base = tmp_path / "base.sqlite"
    library = open_library(base, create=True)
    LibraryService(library).create("Ward", roles=["Role 0"])
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    lines = ["respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals,"
             "shared_knowledge,mutual_respect"]
    for r in range(RESPONDENTS):
        lines += [f"p{r},Role {r % TARGETS},Role {t},{1 + (r + t) % 5},4,3,4,5,2,4"
                  for t in range(TARGETS)]
    csv_path = tmp_path / "survey.csv"
    csv_path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return base, csv_path


def import_trial(base: Path, csv_path: Path, work: Path,
                 delay: float | None) -> tuple[bool, float]:
    """One import on a fresh copy of `base`: (the child acknowledged the commit, seconds from
    "ready" to its end)."""
    path = work / "lib.sqlite"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    shutil.copyfile(base, path)
    child = start("import", str(path), str(csv_path))
    began = time.monotonic()
    lines = list(lines_until(child, 60.0 if delay is None else delay))
    took = time.monotonic() - began
    committed = f"committed {RESPONDENTS * TARGETS}" in lines
    conn = check_integrity(path)
    try:
        answers = conn.execute("SELECT count(*) FROM survey_responses").fetchone()[0]
        roles = conn.execute("SELECT count(*) FROM roles").fetchone()[0]
    finally:
        conn.close()
    assert (answers, roles) in {(0, 1), (RESPONDENTS * TARGETS, TARGETS)}, "a partial import"
    if committed:
        assert answers == RESPONDENTS * TARGETS, "an acknowledged import was lost"
    return committed, took


def test_a_killed_import_leaves_all_of_it_or_none(
    tmp_path: Path, survey_setup: tuple[Path, Path]
) -> None:
    base, csv_path = survey_setup
    committed, span = import_trial(base, csv_path, tmp_path / "calibrate", None)
    assert committed  # not killed: all of it, and it survives the process ending
    rng = random.Random()
    # Kill anywhere in the commit, and a little after it.
    outcomes = [import_trial(base, csv_path, tmp_path / f"t{n}", rng.uniform(0.0, span * 1.3))
                for n in range(IMPORT_TRIALS)]
    assert len(outcomes) == IMPORT_TRIALS
