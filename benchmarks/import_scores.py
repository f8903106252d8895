"""Benchmark: import and score 100,000 survey rows (2,000 respondents × 50 roles).

The figure covers reading and checking the CSV, writing it in one transaction
into a new library (roles created on the way) and scoring the wave. The baseline,
measured in the same run, is a bare sqlite3 executemany of the same 100,000 rows
into a table of the same shape. Target: under 3 s.

Run alone: `python -m benchmarks.import_scores`; benchmarks/__main__.py can add
`IMPORT_SCORES` to its BENCHMARKS.
"""

from __future__ import annotations

import csv
import io
import random
import sqlite3
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from benchmarks.timing import RUNS, median_seconds

RESPONDENTS, ROLES = 2_000, 50
KEYS = ("frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge",
        "mutual_respect")


@cache
def survey_rows() -> tuple[tuple[str, str, str, tuple[int | None, ...]], ...]:
    """Every respondent (role = number mod 50) rates all 50 roles; about 5% blanks."""
    rng = random.Random(7)
    return tuple(
        (f"R{person:04d}", f"Role {person % ROLES:02d}", f"Role {target:02d}",
         tuple(None if rng.random() < 0.05 else rng.randint(1, 5) for _ in KEYS))
        for person in range(RESPONDENTS) for target in range(ROLES)
    )


@cache
def survey_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["respondent", "role", "target", *KEYS])
    for respondent, role, target, values in survey_rows():
        writer.writerow([respondent, role, target, *("" if v is None else v for v in values)])
    return buffer.getvalue().encode("utf-8")


def import_and_score(folder: Path) -> None:
    """The measured action: CSV → checked preview → one transaction → WaveScores."""
    score_import(folder, "survey.csv", survey_csv())


def score_import(folder: Path, name: str, data: bytes, roles: Sequence[str] = (),
                 layout: str | None = None) -> None:
    """Import the file `data` (as `name`) into a new workshop with `roles` and score its wave,
    checking the row count, the layout (when given) and every tie scored."""
    from rcdesk.domain.scores import ScoreSource
    from rcdesk.domain.survey import FrequencyScale
    from rcdesk.services.library import LibraryService
    from rcdesk.services.scores import ScoresService
    from rcdesk.services.survey_import import commit_survey, preview_survey
    from rcdesk.store.connection import open_library

    path = folder / name
    path.write_bytes(data)
    library = open_library(folder / "library.sqlite", create=True)
    try:
        workshop_id = LibraryService(library).create("Benchmark", roles=list(roles))
        preview = preview_survey(library, workshop_id, path,
                                 frequency_scale=FrequencyScale.MONOTONIC)
        assert preview.ok and preview.row_count == RESPONDENTS * ROLES
        assert layout is None or preview.layout == layout
        result = commit_survey(library, preview)
        scores = ScoresService(library, workshop_id).wave_scores(result.wave_ids[0],
                                                                 ScoreSource.SURVEY)
        assert len(scores.ties) == ROLES * ROLES
    finally:
        library.close()


@cache
def parsed_rows() -> list[tuple[object, ...]]:
    roles = {f"Role {i:02d}": i + 1 for i in range(ROLES)}
    return [(1, r, roles[s], roles[t], *v) for r, s, t, v in survey_rows()]


def bare_executemany(folder: Path) -> None:
    """Baseline: the same rows, already parsed, written by bare sqlite3 in one commit
    (a table without the library's indexes, constraints and foreign keys)."""
    rows = parsed_rows()
    conn = sqlite3.connect(folder / "bare.sqlite")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE s (id INTEGER PRIMARY KEY, wave_id INT, respondent TEXT, "
                 "source_id INT, target_id INT, " + ", ".join(f"{k} INT" for k in KEYS) + ")")
    conn.executemany(f"INSERT INTO s VALUES (NULL, {', '.join('?' * (4 + len(KEYS)))})", rows)
    conn.commit()
    conn.close()


IMPORT_SCORES: tuple[str, Callable[[Path], None], str, Callable[[Path], None]] = (
    "import + score 100,000 survey rows", import_and_score,
    "bare sqlite3 executemany, same rows", bare_executemany,
)


def main() -> int:
    survey_csv(), parsed_rows()  # generated once, outside the timings
    measured, base = median_seconds(import_and_score), median_seconds(bare_executemany)
    print(f"{IMPORT_SCORES[0]}: {measured:.3f} s (median of {RUNS}); "
          f"{IMPORT_SCORES[2]}: {base:.3f} s; ratio {measured / base:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
