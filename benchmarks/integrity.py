"""Benchmark: `PRAGMA integrity_check` against `PRAGMA quick_check` on a big library.

The library holds 1,000,000 survey answers (rows of `survey_responses`: 5,000
respondents × 200 roles in one wave, each with seven 1–5 ratings), written with
bare SQL into a real rcdesk library (same schema, same indexes). Each check is run
on a closed file through a fresh read-only connection, as opening a library does;
the figure printed is integrity_check's median time as a ratio to quick_check's,
measured in the same run. This decides what runs when a library is opened for
writing (see store/connection.py `_inspect` and docs/your-data.md).

Run: `PYTHONPATH=$PWD python -m benchmarks.integrity [ANSWERS]`
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ANSWERS = 1_000_000
RUNS = 3


def build(path: Path, answers: int) -> None:
    from rcdesk.store.connection import open_library

    roles = 200
    respondents = max(1, answers // roles)
    library = open_library(path, create=True)
    conn = library.db.conn
    rng = random.Random(7)
    with library.db.atomic():
        conn.execute("INSERT INTO workshops (title, title_key, created_at) "
                     "VALUES ('Bench', 'bench', '2026-01-01')")
        conn.executemany("INSERT INTO roles (workshop_id, name, name_key, position) "
                         "VALUES (1, ?, ?, ?)",
                         [(f"Role {r}", f"role {r}", r) for r in range(roles)])
        conn.execute("INSERT INTO waves (workshop_id, name, name_key, position) "
                     "VALUES (1, 'W1', 'w1', 0)")
        conn.executemany(
            "INSERT INTO survey_responses (wave_id, respondent, source_id, target_id, frequent, "
            "timely, accurate, problem_solving, shared_goals, shared_knowledge, mutual_respect) "
            "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((f"R{p:05d}", 1 + p % roles, 1 + t, *(rng.randint(1, 5) for _ in range(7)))
             for p in range(respondents) for t in range(roles)))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()


def check_seconds(path: Path, pragma: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        verdict = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        conn.close()
        times.append(time.perf_counter() - start)
        assert verdict == "ok", verdict
    return statistics.median(times)


def main(answers: int = ANSWERS) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.sqlite"
        build(path, answers)
        size = path.stat().st_size / 1e6
        quick = check_seconds(path, "quick_check")
        full = check_seconds(path, "integrity_check")
    print(f"library: {answers:,} survey answers, {size:.0f} MB")
    print(f"quick_check      {quick:7.2f} s  (baseline)")
    print(f"integrity_check  {full:7.2f} s  = {full / quick:.1f}x quick_check")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ANSWERS)
