"""Scale curve: the `.rcdesk` workshop file of a workshop with 100,000 survey answers (and
1,000,000 with --large), exported and imported by `rcdesk export` / `rcdesk import`, each
a whole process. Floors, measured in the same run: a bare Python process writing the same
answers from the library as JSON, one row a line (export), and one reading those lines
back with json.loads into a bare sqlite3 table with executemany (import).

Target (issue 23): export and import streamed, under 500 MB at 1,000,000 answers.

Run alone: `python -m benchmarks.workshop_file_scale [--large]`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.child_run import curve_main, ratio_row, run_child
from benchmarks.import_scale import write_csv

SIZES = (100_000,)
LARGE = 1_000_000

WRITE_FLOOR = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
cursor = conn.execute("SELECT * FROM survey_responses ORDER BY id")
names = [d[0] for d in cursor.description]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row in cursor:
        out.write(json.dumps(dict(zip(names, row))) + "\\n")
"""
READ_FLOOR = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE s (id INTEGER PRIMARY KEY, wave_id INT, respondent TEXT, "
             "source_id INT, target_id INT, a INT, b INT, c INT, d INT, e INT, f INT, g INT)")
with open(sys.argv[1], encoding="utf-8") as lines:
    conn.executemany("INSERT INTO s VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (tuple(json.loads(line).values()) for line in lines))
conn.commit()
"""


def rows_of_curve(large: bool) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="rcdesk-filescale-") as name:
        folder = Path(name)
        for answers in (*SIZES, *((LARGE,) if large else ())):
            data, library = folder / f"s-{answers}.csv", folder / f"lib-{answers}.sqlite"
            write_csv(data, answers)
            run_child(["-m", "rcdesk", "--library", str(library), "new", "Bench"])
            run_child(["-m", "rcdesk", "--library", str(library), "import", str(data),
                       "--workshop", "Bench", "--frequency-scale", "monotonic",
                       "--confirm-new-roles"])
            out = folder / f"w-{answers}.rcdesk"
            exported = run_child(["-m", "rcdesk", "--library", str(library), "export", "Bench",
                                  str(out)])
            plain = folder / f"plain-{answers}.jsonl"
            write_floor = run_child(["-c", WRITE_FLOOR, str(library), str(plain)])
            other = folder / f"other-{answers}" / "library.sqlite"
            other.parent.mkdir()
            run_child(["-m", "rcdesk", "--library", str(other), "new", "Empty"])
            imported = run_child(["-m", "rcdesk", "--library", str(other), "import", str(out)])
            read_floor = run_child(["-c", READ_FLOOR, str(plain),
                                    str(folder / f"bare-{answers}.sqlite")])
            lines += [ratio_row(f"`.rcdesk` export, {answers:,} answers", exported,
                                "floor: rows → JSON lines", write_floor),
                      ratio_row(f"`.rcdesk` import, {answers:,} answers", imported,
                                "floor: JSON lines → executemany", read_floor)]
            print("\n".join(lines[-2:]), flush=True)
    return lines


if __name__ == "__main__":
    raise SystemExit(curve_main(rows_of_curve))
