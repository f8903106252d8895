"""Start-up stays lazy: the window, with a workshop open, loads no matplotlib, reportlab, networkx.

Each costs 0.15-0.8 s to import; they are loaded when a chart, a report or the
map's metrics first need them. Checked in a fresh interpreter, since this test
process has long imported them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LAZY = ("matplotlib", "reportlab", "networkx")

PROBE = f"""
import sys
from pathlib import Path
folder = Path(sys.argv[1])
import rcdesk.app
from rcdesk.app import build_window, make_application, user_settings
print("after import:", ",".join(m for m in {LAZY!r} if m in sys.modules) or "-")
app = make_application()
window = build_window(folder / "library.sqlite", user_settings(folder / "ui.ini"))
window.resize(1280, 720)
window.show()
app.processEvents()
print("window shown:", ",".join(m for m in {LAZY!r} if m in sys.modules) or "-")
window.home.open_sample()
app.processEvents()
print("workshop open:", ",".join(m for m in {LAZY!r} if m in sys.modules) or "-")
window.close()
window.library.library.close()
"""


def test_start_up_does_not_import_matplotlib_reportlab_or_networkx(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "after import: -", "window shown: -", "workshop open: -"], done.stdout
