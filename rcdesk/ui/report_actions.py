"""File ▸ Export PDF…, Export Workshop… and Import Workshop…: the menu side of reports.

The exports delegate to the open workshop's Report page (which runs them off the UI
thread); the import reads a .rcdesk file into the library through the one import use
case (services/importing: checked, then the before-import backup, then written), off
the UI thread, then opens the imported workshop. Errors become calm status messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from rcdesk.services.jobs import in_library
from rcdesk.ui import messages
from rcdesk.ui.background import Background, Op
from rcdesk.ui.report_page import ReportPage

if TYPE_CHECKING:
    from rcdesk.ui.main_window import MainWindow

REPORT_STAGE = 4
IMPORTS = "imports"


def report_page(window: MainWindow) -> ReportPage | None:
    """The open workshop's Report page, shown; None without an open workshop."""
    page = window.workshop_page
    if page is None:
        return None
    page.show_stage(REPORT_STAGE)
    return page.report


def export_pdf(window: MainWindow, *_: object) -> None:
    page = report_page(window)
    if page is not None:
        page.export_pdf()


def export_workshop(window: MainWindow, *_: object) -> None:
    page = report_page(window)
    if page is not None:
        page.export_workshop_file()


def import_workshop(window: MainWindow, path: str | bool | None = None) -> Op | None:
    """Ask for a .rcdesk file (unless given), import it off the UI thread (checked, backed
    up, written: services/importing) and open it; None when no file was chosen.

    (A menu action's `checked` flag may arrive as `path`: only a string is a path.)"""
    from rcdesk.services.importing import import_workshop as write_import

    chosen = path if isinstance(path, str) and path else messages.choose_open_file(
        window, "Import workshop file", "rcdesk workshop file (*.rcdesk);;All files (*)")
    if not chosen:
        return None
    source = Path(chosen)
    window.status.note(f"Importing {source.name}…")
    work = in_library(window.library.library.path,
                      lambda library: write_import(library, source), write=True)
    return background(window).run(work, partial(_on_workshop_imported, window, source.name),
                                  window.status.error)


def background(window: MainWindow) -> Background:
    """The window's helper for imports from the File menu (made on first use)."""
    found = window.findChild(Background, IMPORTS)
    if found is None:
        found = Background(window)
        found.setObjectName(IMPORTS)
    return found


def _on_workshop_imported(window: MainWindow, name: str, workshop_id: object) -> None:
    assert isinstance(workshop_id, int)
    window.status.note(f"Imported the workshop from {name}.")
    window.home.refresh()
    window.open_workshop(workshop_id)


def _enable(actions: Sequence[QAction], on: bool, *args: object) -> None:
    for action in actions:
        action.setEnabled(on)


def follow_workshop(window: MainWindow, actions: Sequence[QAction]) -> None:
    """Enable `actions` only while a workshop is open."""
    window.workshop_opened.connect(partial(_enable, actions, True))
    window.workshop_closed.connect(partial(_enable, actions, False))
    _enable(actions, window.workshop_page is not None)
