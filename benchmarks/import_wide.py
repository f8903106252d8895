"""Benchmark: import and score a 100,000-answer WIDE survey file (2,000 respondents, each
rating 50 roles on seven items: 350 answer columns headed `Role 07_timely`).

The figure covers reading the file, telling its layout from the headers, turning each
row into one answer per rated role, writing it in one transaction and scoring the wave.
The baseline, measured in the same run, is the long-layout import of the same answers
(benchmarks/import_scores.py), whose target is the same: under 3 s.

Run alone: `python -m benchmarks.import_wide`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from benchmarks.import_scores import KEYS, ROLES, import_and_score, score_import, survey_csv
from benchmarks.import_scores import survey_rows as long_rows
from benchmarks.timing import RUNS, median_seconds


@cache
def wide_csv() -> bytes:
    """The long benchmark's answers, one row per respondent."""
    by_person: dict[str, tuple[str, dict[str, tuple[int | None, ...]]]] = {}
    for respondent, role, target, values in long_rows():
        by_person.setdefault(respondent, (role, {}))[1][target] = values
    targets = [f"Role {t:02d}" for t in range(ROLES)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["respondent", "role", *(f"{t}_{k}" for t in targets for k in KEYS)])
    for respondent, (role, rated) in by_person.items():
        writer.writerow([respondent, role, *("" if v is None else v
                                             for t in targets for v in rated[t])])
    return buffer.getvalue().encode("utf-8")


def import_wide(folder: Path) -> None:
    score_import(folder, "wide.csv", wide_csv(),
                 roles=[f"Role {t:02d}" for t in range(ROLES)], layout="wide")


IMPORT_WIDE: tuple[str, Callable[[Path], None], str, Callable[[Path], None]] = (
    "import + score a 100,000-answer wide file", import_wide,
    "the same answers in the long layout", import_and_score,
)


def main() -> int:
    wide_csv(), survey_csv()  # generated once, outside the timings
    measured, base = median_seconds(import_wide), median_seconds(import_and_score)
    print(f"{IMPORT_WIDE[0]}: {measured:.3f} s (median of {RUNS}); "
          f"{IMPORT_WIDE[2]}: {base:.3f} s; ratio {measured / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
