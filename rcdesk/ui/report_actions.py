"""File ▸ Export PDF…, Export Workshop… and Import Workshop…: the menu side of reports.

The exports delegate to the open workshop's Report page (which runs them on its
worker); the import reads a .rcdesk file into the library after a backup, then
opens the imported workshop. Errors become calm status messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from rcdesk.domain.errors import DomainError
from rcdesk.ui import messages
from rcdesk.ui.report_page import ReportPage

if TYPE_CHECKING:
    from rcdesk.ui.main_window import MainWindow

REPORT_STAGE = 4


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


def import_workshop(window: MainWindow, path: str | bool | None = None) -> int | None:
    """Ask for a .rcdesk file (unless given), import it and open it; its new id.

    (A menu action's `checked` flag may arrive as `path`: only a string is a path.)"""
    from rcdesk.services.importing import import_workshop

    chosen = path if isinstance(path, str) and path else messages.choose_open_file(
        window, "Import workshop file", "rcdesk workshop file (*.rcdesk);;All files (*)")
    if not chosen:
        return None
    library = window.library.library
    try:
        workshop_id = import_workshop(library, Path(chosen))  # checked, backed up, written
    except DomainError as exc:
        window.status.error(exc)
        return None
    window.status.note(f"Imported the workshop from {Path(chosen).name}.")
    window.home.refresh()
    window.open_workshop(workshop_id)
    return workshop_id


def _enable(actions: Sequence[QAction], on: bool, *args: object) -> None:
    for action in actions:
        action.setEnabled(on)


def follow_workshop(window: MainWindow, actions: Sequence[QAction]) -> None:
    """Enable `actions` only while a workshop is open."""
    window.workshop_opened.connect(partial(_enable, actions, True))
    window.workshop_closed.connect(partial(_enable, actions, False))
    _enable(actions, window.workshop_page is not None)
