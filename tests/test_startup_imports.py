"""Start-up stays lazy: what the app imports before its first frame (issue #9, cold start).

Checked in a fresh interpreter, since this test process has long imported everything.
The window with a workshop open on its Overview loads none of:
- matplotlib, reportlab, networkx (0.15-0.8 s each), loaded when a chart, a report or the
  map's metrics first need them;
- sqlite-utils and what it pulls in (numpy, click, pluggy, dateutil: 0.2 s), since the
  library's `db` answers rcdesk's calls itself (store/connection.py LibraryDatabase);
- the other stages' pages (map, scores, conversations, gaps, report), the survey import
  dialog and the help window, built when first shown; the tables' date delegate, set on a
  table when it first edits a cell; the home page's module, imported
  when the list of workshops is first needed.
The look is applied without asking PySide for the style object (the app is created with
`-style Fusion`), and no Python style exists before the first frame (the polish hooks'
proxy style is set after it, ui/app_style.py): PySide's QStyle type costs 12 enum types of
577 members, 47 M instructions. And the
first frame is painted without the `Qt` namespace, whose first use makes PySide build
its 93 enum types (22 ms): see widgets.set_enum_property and table_model.
The app's Qt-free core is imported before PySide, which reads the source of every module
imported after it (its __feature__ check); hashlib (and OpenSSL) waits for a file write
or backup check.
Importing rcdesk.app alone also leaves out the backups module, the sample workshop and
platformdirs (the backup at open follows the first paint; a path is asked for later).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.store.connection import open_library

NEVER = (
    "matplotlib", "reportlab", "networkx",
    "sqlite_utils", "numpy", "click", "pluggy", "dateutil",
    "rcdesk.ui.map.page", "rcdesk.ui.scores.page", "rcdesk.ui.conversations.page",
    "rcdesk.ui.gaps.page", "rcdesk.ui.report_page", "rcdesk.ui.scores.import_dialog",
    "rcdesk.services.survey_import", "rcdesk.ui.help_window", "rcdesk.ui.home",
    "hashlib", "secrets", "rcdesk.store.backups", "rcdesk.ui.date_delegate",
)
#: After the first frame a worker thread imports matplotlib (ui/warm_up.py), and with it
#: numpy and dateutil (which sqlite-utils would pull in too: sqlite_utils itself stays here).
#: The backup at open (after the first frame) brings hashlib and the backups module (opening
#: the library removes an interrupted backup's leftovers with store/leftovers.py alone).
STILL_NEVER = tuple(m for m in NEVER if m not in ("matplotlib", "numpy", "dateutil",
                                                  "hashlib", "secrets", "rcdesk.store.backups"))
NOT_AT_IMPORT = ("rcdesk.store.backups", "rcdesk.services.sample", "platformdirs")

PROBE = f"""
import sys
from pathlib import Path
folder, workshop_id = Path(sys.argv[1]), int(sys.argv[2])

def loaded(names):
    return ",".join(m for m in names if m in sys.modules) or "-"

import rcdesk.app
from rcdesk.app import make_application, open_library_window, shutdown_keepers, user_settings
print("after import:", loaded({NEVER + NOT_AT_IMPORT!r}))
order = list(sys.modules)
print("core before Qt:", order.index("rcdesk.services.library") < order.index("PySide6"))
app = make_application()
from PySide6.QtWidgets import QApplication
style_asked = []
real_style = QApplication.style
QApplication.style = staticmethod(lambda: style_asked.append(1) or real_style())
window = open_library_window(folder / "library.sqlite", user_settings(folder / "ui.ini"))
window.open_workshop(workshop_id)
window.resize(1280, 720)
import PySide6.QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstFrame(QObject):
    # Looks once the whole first frame is painted (the window's first Paint, then every
    # child's in the same pass), before the work left until after it (posted after this).
    qt_namespace = None
    loaded_then = None
    seen = False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.look)
        return False
    def look(self):
        self.qt_namespace = "Qt" in vars(PySide6.QtCore)  # made by the first use of Qt.*
        self.qstyle = "QStyle" in vars(PySide6.QtWidgets)  # made by any style in Python
        self.loaded_then = loaded({NEVER!r})
first_frame = FirstFrame()
window.installEventFilter(first_frame)
window.show()
for _ in range(5):  # the first frame, then the work left until after it
    app.processEvents()
print("at the first frame:", first_frame.loaded_then)
# After it, matplotlib (with numpy) is imported on a worker thread for the charts
# (ui/warm_up.py); nothing else of NEVER is.
print("workshop open:", loaded({STILL_NEVER!r}))
print("after the first frame:", window.workshop_page.overview.complete)
app.setStyleSheet("")  # (the sheet's style hides the one under it)
made = real_style()  # the polish hooks' proxy of Fusion since the first frame (app_style.py)
style_made = made.baseStyle().name() if hasattr(made, "baseStyle") else made.name()
print("style asked for:", len(style_asked), "style:", style_made)
print("Qt namespace at the first frame:", first_frame.qt_namespace)
print("QStyle at the first frame:", first_frame.qstyle)
window.close()
shutdown_keepers(app)
"""


def test_start_up_imports_nothing_the_first_frame_does_not_need(tmp_path: Path) -> None:
    library = open_library(tmp_path / "library.sqlite", create=True)
    try:
        workshop_id = build_sample(LibraryService(library))
    finally:
        library.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path), str(workshop_id)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "after import: -", "core before Qt: True", "at the first frame: -", "workshop open: -",
        "after the first frame: True",
        "style asked for: 0 style: fusion", "Qt namespace at the first frame: False",
        "QStyle at the first frame: False"], \
        done.stdout
