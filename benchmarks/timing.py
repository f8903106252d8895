"""The one timing rule of the benchmarks: the median of several runs, each in a fresh folder."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 5


def median_seconds(action: Callable[[Path], None], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            action(Path(folder))
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine_pace(runs: int = 3) -> float:
    """Seconds for a fixed pure-Python loop (ten million additions), median of `runs`: how
    fast this machine runs Python right now. Printed above the figures, so runs on different
    machines, or on one shared machine at different loads, can be told apart."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        total = 0
        for number in range(10_000_000):
            total += number
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pace_line() -> str:
    return (f"machine pace: {machine_pace():.2f} s for ten million pure-Python additions "
            "(lower is faster; benchmarks/timing.py)")
