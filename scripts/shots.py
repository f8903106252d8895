"""What every screenshot script shares: a real window at 1280×720 on a temporary library
holding the sample workshop, and a way to let it settle before a grab.

Run the scripts under Xvfb, for example:

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots.py

They never touch the user's library or settings. A screen in a state a workshop in use
shows (a chart with its measure, a walkthrough under way…) is arranged by the function of
tests/ui/layout_audit_states.py the layout audit checks, so the picture and the audit see
the same screen.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

#: The arranged states (tests/ui/layout_audit_states.py) live with the layout audit, which
#: checks each of them: the scripts import them as `ui.layout_audit_states`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from rcdesk.app import build_window, make_application, user_settings
from rcdesk.services.sample import build_sample
from rcdesk.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def settle(app: QApplication, seconds: float = 0.6) -> None:
    """Let layouts settle and charts rebuild for their final size (and every chart queued
    to be built or drawn, one per turn, get its turn: ui/scores/chart_queue.py)."""
    from rcdesk.ui.scores import chart_queue

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline or chart_queue.pending():
        app.processEvents()


def sample_window(prefix: str = "rcdesk-shots-") -> tuple[QApplication, MainWindow, Path, int]:
    """The application, a shown main window on a new library with the sample workshop, the
    temporary folder holding that library, and the sample's id."""
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    window = build_window(folder / "library.sqlite", user_settings(folder / "ui.ini"))
    sample = build_sample(window.library)
    window.home.refresh()
    window.resize(1280, 720)
    window.show()
    return app, window, folder, sample
