"""Run every benchmark and print one table (figures are medians of several runs).

Each figure is shown with its ratio to a baseline measured in the same run, so the
numbers mean something on any machine. Tests never assert these timings. The scale
curves (whole processes: time and peak memory) follow; `--large` adds their biggest
points (1,000,000 survey rows and answers, a 1,000-role map), about 10 minutes more.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks import (
    cold_start,
    import_scale,
    interactions,
    map_export_scale,
    map_view,
    workshop_file_scale,
)
from benchmarks.import_scores import IMPORT_SCORES
from benchmarks.import_wide import IMPORT_WIDE
from benchmarks.map_layout import BENCHMARKS as LAYOUT_BENCHMARKS
from benchmarks.map_view import FRAMES
from benchmarks.pdf_export import PDF_EXPORT
from benchmarks.spc_chart import SPC_CHART
from benchmarks.timing import RUNS, median_seconds, pace_line


def build_sample_library(folder: Path) -> None:
    from rcdesk.services.library import LibraryService
    from rcdesk.services.sample import build_sample
    from rcdesk.store.connection import open_library

    library = open_library(folder / "library.sqlite", create=True)
    try:
        build_sample(LibraryService(library))
    finally:
        library.close()


def bare_sqlite_rows(folder: Path) -> None:
    """Baseline: the same number of rows (about 300) written by bare sqlite3 in one commit."""
    conn = sqlite3.connect(folder / "bare.sqlite")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, d TEXT, v INT)")
    conn.executemany("INSERT INTO r (a, b, d, v) VALUES (?, ?, ?, ?)",
                     [(i, i, "timely", 3) for i in range(300)])
    conn.commit()
    conn.close()


def cli_list(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "rcdesk", "--library", str(folder / "l.sqlite"),
                    "new", "Bench"], check=True, capture_output=True)


def bare_python(folder: Path) -> None:
    subprocess.run([sys.executable, "-c", "pass"], check=True, capture_output=True)


BENCHMARKS: tuple[tuple[str, Callable[[Path], None], str, Callable[[Path], None]], ...] = (
    ("create the sample workshop in a new library", build_sample_library,
     "bare sqlite3, 300 rows", bare_sqlite_rows),
    ("`rcdesk new` from cold (headless, no Qt)", cli_list,
     "python -c pass", bare_python),
    IMPORT_SCORES,
    IMPORT_WIDE,
    PDF_EXPORT,
    SPC_CHART,
    *LAYOUT_BENCHMARKS,
)


def row(name: str, measured: float, base_name: str, base: float) -> str:
    return f"{name:48} {measured:8.3f}  {base_name:36} {base:8.4f} {measured / base:8.1f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--large", action="store_true",
                        help="add the scale curves' biggest points (1,000,000 survey rows and "
                             "answers, a 1,000-role map): about 10 minutes more")
    large = parser.parse_args(argv).large
    print(f"rcdesk benchmarks on {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores; medians of {RUNS} runs (map view: of {FRAMES} frames)")
    print(pace_line(), flush=True)
    print(f"{'benchmark':48} {'seconds':>8}  {'baseline':36} {'seconds':>8} {'ratio':>8}")
    for name, action, base_name, baseline in BENCHMARKS:
        print(row(name, median_seconds(action), base_name, median_seconds(baseline)), flush=True)
    for measured_row in (*map_view.run(), *cold_start.run(), *interactions.run()):
        print(row(*measured_row), flush=True)
    print("scale curves (whole processes; ratios to a floor or baseline of the same run)")
    for curve in (import_scale, workshop_file_scale, map_export_scale):
        curve.rows_of_curve(large)  # each prints its lines as it goes
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
