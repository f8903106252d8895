"""Workshops from hostile files that the import accepted open in the window (issue 14).

The files come from the same mutations as tests/test_file_fuzz.py. Each accepted
workshop is opened in the real window, and every stage of the rail and every tab
inside it is shown and painted, with each wave picked in turn; any exception in
Qt's code (a view reading a value it cannot show) fails the test through pytest-qt.
RCDESK_FUZZ_WINDOW sets how many accepted workshops are opened (2 by default).
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from file_fuzz import mutate, rich_document
from PySide6.QtWidgets import QApplication, QTabWidget
from pytestqt.qtbot import QtBot

from rcdesk.domain.errors import DomainError
from rcdesk.services.workshop_file import import_workshop_file
from rcdesk.store.connection import open_library
from rcdesk.ui.workshop_page import WorkshopPage

from .conftest import WindowFactory

WORKSHOPS = int(os.environ.get("RCDESK_FUZZ_WINDOW", "2"))


def accepted_workshops(library: Path, tmp_path: Path, wanted: int) -> list[int]:
    """Import mutated files until `wanted` of them were accepted; their ids."""
    opened = open_library(library, create=True)
    base = rich_document(opened)
    ids: list[int] = []
    path = tmp_path / "stranger.rcdesk"
    seed = 0
    while len(ids) < wanted:
        path.write_bytes(mutate(base, random.Random(seed)))
        seed += 1
        try:
            ids.append(import_workshop_file(opened, path))
        except DomainError:
            continue
    opened.close()
    return ids


def show_everything(page: WorkshopPage) -> int:
    """Every stage, then every tab, then every wave shown and painted; how many views."""
    shown = 0
    for stage in range(page.rail.count()):
        page.show_stage(stage)
        QApplication.processEvents()
        page.grab()
        shown += 1
    for stage in range(page.rail.count()):
        page.show_stage(stage)
        for tabs in page.pages.currentWidget().findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                tabs.grab()
                shown += 1
    picker = page.wave_picker
    for index in range(picker.count()):
        picker.setCurrentIndex(index)
        QApplication.processEvents()
        page.grab()
        shown += 1
    return shown


def test_accepted_hostile_workshops_open_in_the_window(
        qtbot: QtBot, make_window: WindowFactory, library_path: Path, tmp_path: Path) -> None:
    ids = accepted_workshops(library_path, tmp_path, WORKSHOPS)
    window = make_window()
    total = 0
    for workshop_id in ids:
        page = window.open_workshop(workshop_id)
        assert page is not None, f"workshop {workshop_id} did not open"
        total += show_everything(page)
    sys.stderr.write(f"opened {len(ids)} accepted hostile workshops, {total} views shown\n")
    assert total >= len(ids) * 5
