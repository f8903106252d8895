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
