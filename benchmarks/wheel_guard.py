"""The cost of the app-wide wheel rule (ui/wheel_guard.py): an application event filter sees
every event of the app. Measured as a full repaint of the sample's Overview (one paint
event per widget, each passing the filter), with the filter against a same-run baseline
without it.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python -m benchmarks.wheel_guard
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

REPAINTS = 30
RUNS = 7


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from rcdesk.app import build_window, make_application, user_settings
    from rcdesk.ui.wheel_guard import WheelGuard

    app = make_application()
    guard = app.findChild(WheelGuard)
    assert guard is not None
    folder = Path(tempfile.mkdtemp(prefix="rcdesk-bench-"))
    window = build_window(folder / "library.sqlite", user_settings(folder / "ui.ini"))
    window.resize(1280, 720)
    window.show()
    window.home.open_sample()
    app.processEvents()

    def repaint() -> float:
        start = time.perf_counter()
        for _ in range(REPAINTS):
            window.grab()
        return time.perf_counter() - start

    with_guard, without = [], []
    for _ in range(RUNS):
        with_guard.append(repaint())
        app.removeEventFilter(guard)
        without.append(repaint())
        app.installEventFilter(guard)
    a, b = statistics.median(with_guard), statistics.median(without)
    print(f"{REPAINTS} full repaints of the Overview: {a * 1000:.0f} ms with the wheel rule, "
          f"{b * 1000:.0f} ms without: {a / b:.2f}x")


if __name__ == "__main__":
    main()
