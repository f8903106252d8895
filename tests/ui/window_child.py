"""The real app window in a process of its own, driven by lines on stdin (no pytest-qt).

    window_child.py LIBRARY SETTINGS.ini

It opens the library as `rcdesk` does (lock, keeper, backup after the first paint),
shows the main window offscreen, opens workshop 1 and prints "ready". Then, one
command per stdin line, each answered on stdout only once done (flushed at once,
since the parent may SIGKILL this process right after):

    preview CSV   open File ▸ Import Survey Results on CSV, wait for its preview (read by
                  the import dialog's background job), cancel it      -> "previewed"
    import CSV    import it through the same dialog (its background job writes on a
                  connection of its own)                   -> "ack import ROWS"
    role NAME     add a role through the window's undoable edit runner -> "ack NAME"
    team TEXT     type TEXT into the Overview's Team field, press Enter -> "ack team TEXT"

Used by tests/ui/test_durability_across_processes.py.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from rcdesk.app import make_application, open_library_window, user_settings  # noqa: E402
from rcdesk.ui.main_window import MainWindow  # noqa: E402


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def wait_until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    """Run Qt's event loop until `condition()` holds (QTest.qWait processes events)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QTest.qWait(10)


def preview_and_cancel(window: MainWindow, csv_path: Path) -> None:
    page = window.workshop_page
    assert page is not None
    window.import_survey(csv_path)
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    wait_until(lambda: dialog.settled and dialog.preview is not None)
    dialog.reject()
    wait_until(lambda: not dialog.busy)  # the background job has closed its connection


def import_survey(window: MainWindow, csv_path: Path) -> int:
    """The number of rows the dialog reports imported."""
    page = window.workshop_page
    assert page is not None
    window.import_survey(csv_path)
    dialog = page.import_dialog
    assert dialog is not None
    # a file of numbers cannot tell its frequency scale: the facilitator says it (issue 18)
    dialog.scale.setCurrentIndex(dialog.scale.findData("monotonic"))
    wait_until(lambda: dialog.settled and dialog.import_button.isEnabled())
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_until(lambda: dialog.import_result is not None and not dialog.busy)
    assert dialog.import_result is not None
    return dialog.import_result.rows


def add_role(window: MainWindow, name: str) -> bool:
    page = window.workshop_page
    assert page is not None
    service = page.model.service
    return page.runner.run(lambda: service.map.add_role(name))


def type_team(window: MainWindow, text: str) -> bool:
    page = window.workshop_page
    assert page is not None
    field = page.overview.details.fields["team"]
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    return page.model.service.workshop().team == text


def main(library: Path, settings: Path) -> None:
    app = make_application(["rcdesk"])
    window = open_library_window(library, user_settings(settings))
    window.resize(1280, 720)
    window.show()
    wait_until(lambda: window.isExposed() if hasattr(window, "isExposed") else True)
    page = window.open_workshop(1)
    assert page is not None
    say("ready")
    for line in sys.stdin:
        command, _, argument = line.rstrip("\n").partition(" ")
        if command == "preview":
            preview_and_cancel(window, Path(argument))
            say("previewed")
        elif command == "import":
            say(f"ack import {import_survey(window, Path(argument))}")
        elif command == "role":
            if add_role(window, argument):
                say(f"ack {argument}")
        elif command == "team":
            if type_team(window, argument):
                say(f"ack team {argument}")
        app.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
