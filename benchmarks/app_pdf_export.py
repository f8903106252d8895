"""Benchmark: the app's PDF export of the sample, from the Report page's button to the file.

The app writes the PDF off the UI thread (in a child process), so its figure adds the
child's start-up to the writing itself. The baseline, measured in the same run, is the
writing alone in this (warm) process: benchmarks.pdf_export's snapshot → PDF.

Run alone (offscreen): `QT_QPA_PLATFORM=offscreen python -m benchmarks.app_pdf_export`.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.pdf_export import export_sample_pdf, sample_library, warm_up

RUNS = 3


def app_export_seconds(runs: int = RUNS) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from rcdesk.app import build_window, make_application, user_settings
    from rcdesk.ui import report_page

    make_application()
    report_page.open_file = lambda path: True  # no viewer in a benchmark
    folder = Path(tempfile.mkdtemp(prefix="rcdesk-bench-app-"))
    window = build_window(sample_library(), user_settings(folder / "ui.ini"))
    window.open_workshop(1)
    page = window.workshop_page.report if window.workshop_page else None
    assert page is not None
    times = []
    for run in range(runs):
        loop = QEventLoop()
        page.export_finished.connect(loop.quit)
        page.export_failed.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        out = folder / f"app-{run}.pdf"
        start = time.perf_counter()
        page.export_pdf(str(out))
        loop.exec()
        times.append(time.perf_counter() - start)
        page.export_finished.disconnect(loop.quit)
        page.export_failed.disconnect(loop.quit)
        assert out.stat().st_size > 10_000
    window.close()
    return statistics.median(times)


def main() -> int:
    warm_up()
    base = statistics.median(_in_process() for _ in range(RUNS))
    measured = app_export_seconds()
    print(f"The app's PDF export of the sample: {measured:.2f} s (median of {RUNS}); "
          f"writing it in a warm process: {base:.2f} s; ratio {measured / base:.2f}")
    return 0


def _in_process() -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        export_sample_pdf(Path(folder))
        return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
