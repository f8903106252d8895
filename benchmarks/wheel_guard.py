"""The cost of the app-wide wheel rule (ui/wheel_guard.py). The rule's filter sits on each
combo box and spin box (installed as Qt polishes them, ui/app_style.py), so the events of
every other widget never cross into Python; an application event filter, as the rule was
first built, sees every event of the app. Measured as full repaints of the sample's Overview
(one paint event per widget) with the rule as it is, against the same run with the same
filter also installed on the application (the old way) and with no Python filter at all.

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
    from rcdesk.ui import app_style
    from rcdesk.ui.wheel_guard import WheelGuard

    app = make_application()
    folder = Path(tempfile.mkdtemp(prefix="rcdesk-bench-"))
    window = build_window(folder / "library.sqlite", user_settings(folder / "ui.ini"))
    window.resize(1280, 720)
    window.show()
    window.home.open_sample()
    app.processEvents()
    app_style.activate(app)
    app_wide = WheelGuard()

    def repaint() -> float:
        start = time.perf_counter()
        for _ in range(REPAINTS):
            window.grab()
        return time.perf_counter() - start

    now, old = [], []
    for _ in range(RUNS):
        now.append(repaint())
        app.installEventFilter(app_wide)
        old.append(repaint())
        app.removeEventFilter(app_wide)
    a, b = statistics.median(now), statistics.median(old)
    print(f"{REPAINTS} full repaints of the Overview: {a * 1000:.0f} ms with the wheel rule on "
          f"its controls, {b * 1000:.0f} ms with it on the application: {a / b:.2f}x")


if __name__ == "__main__":
    main()
