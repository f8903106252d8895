"""Run a command as a child process and measure it: wall-clock seconds and the child's
peak resident memory (from `os.wait4`, so each child is measured on its own).

Used by the scale curves (benchmarks/import_scale.py, workshop_file_scale.py,
map_export_scale.py), whose figures are whole processes, as a user runs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_child(args: Sequence[str]) -> Run:
    """Run `python ARGS...` with rcdesk importable; its seconds and peak RSS in MB
    (ru_maxrss is in KB on Linux). A failing child raises with its error output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, *args], env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=errors)
        _, status, rusage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(args)} failed ({child.returncode}): {text}")
    return Run(seconds, rusage.ru_maxrss / 1024)


def ratio_row(name: str, run: Run, base_name: str, base: Run) -> str:
    """One printed line: the figure, its same-run floor or baseline, and both ratios."""
    return (f"{name:44} {run.seconds:7.2f} s {run.peak_mb:6.0f} MB | {base_name:34} "
            f"{base.seconds:7.2f} s {base.peak_mb:6.0f} MB | ×{run.seconds / base.seconds:5.2f} "
            f"time ×{run.peak_mb / base.peak_mb:5.2f} memory")


def curve_main(curve: Callable[[bool], object]) -> int:
    """`python -m benchmarks.X [--large]` for a scale curve that prints as it goes."""
    curve("--large" in sys.argv[1:])
    return 0
