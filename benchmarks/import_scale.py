"""Scale curve: `rcdesk import` + `rcdesk scores` of a long survey CSV at 10,000, 100,000
and (with --large) 1,000,000 rows, each a whole process, against its floor measured in
the same run: a bare Python process reading the same CSV with csv.reader (all rows in a
list) and writing them with one sqlite3 executemany into a table of the same shape.

Targets (issue 23): the import within 2× its floor in time, and its peak memory bounded
independent of the file's size (under 300 MB at 1,000,000 rows).

Run alone: `python -m benchmarks.import_scale [--large]`.
"""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

from benchmarks.child_run import Run, curve_main, ratio_row, run_child

ROLES = 50
KEYS = ("frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge",
        "mutual_respect")
SIZES = (10_000, 100_000)
LARGE = 1_000_000

FLOOR = """
import csv, sqlite3, sys
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    reader = csv.reader(handle)
    next(reader)
    rows = [(1, r[0], r[1], r[2], *(int(v) if v else None for v in r[3:])) for r in reader]
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE s (id INTEGER PRIMARY KEY, wave_id INT, respondent TEXT, "
             "source TEXT, target TEXT, a INT, b INT, c INT, d INT, e INT, f INT, g INT)")
conn.executemany("INSERT INTO s VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
conn.commit()
"""


def write_csv(path: Path, rows: int) -> None:
    """`rows` answers: every respondent rates all 50 roles; about 5% blanks."""
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "role", "target", *KEYS])
        for number in range(rows):
            person, target = divmod(number, ROLES)
            writer.writerow([f"R{person:06d}", f"Role {person % ROLES:02d}",
                             f"Role {target:02d}",
                             *("" if rng.random() < 0.05 else rng.randint(1, 5) for _ in KEYS)])


def measure(rows: int, folder: Path) -> tuple[Run, Run, Run]:
    """(import, scores, floor) of one file size."""
    data = folder / f"survey-{rows}.csv"
    write_csv(data, rows)
    library = str(folder / f"library-{rows}.sqlite")
    run_child(["-m", "rcdesk", "--library", library, "new", "Bench"])
    imported = run_child(["-m", "rcdesk", "--library", library, "import", str(data),
                          "--workshop", "Bench", "--frequency-scale", "monotonic",
                          "--confirm-new-roles"])
    scored = run_child(["-m", "rcdesk", "--library", library, "scores", "Bench",
                        "--format", "csv"])
    floor = run_child(["-c", FLOOR, str(data), str(folder / f"floor-{rows}.sqlite")])
    return imported, scored, floor


def rows_of_curve(large: bool) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="rcdesk-scale-") as folder:
        for rows in (*SIZES, *((LARGE,) if large else ())):
            imported, scored, floor = measure(rows, Path(folder))
            lines += [ratio_row(f"`rcdesk import` {rows:,} survey rows", imported,
                                "floor: csv.reader + executemany", floor),
                      ratio_row(f"`rcdesk scores` of those {rows:,} rows", scored,
                                "floor: csv.reader + executemany", floor)]
            print("\n".join(lines[-2:]), flush=True)
    return lines


if __name__ == "__main__":
    raise SystemExit(curve_main(rows_of_curve))
