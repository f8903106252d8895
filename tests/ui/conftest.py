"""Factories that build the real main window on a temporary library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from rcdesk.app import build_window, make_application, user_settings
from rcdesk.ui.main_window import MainWindow
from rcdesk.ui.workshop_page import WorkshopPage

if TYPE_CHECKING:  # a type only: the gaps page is imported when a test opens it
    from rcdesk.ui.gaps.page import GapsPage

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path, library_path: Path) -> WindowFactory:
    """Build (and show) a main window; call again to "reopen the app" on the same library."""
    make_application()

    def factory(path: Path | None = None, show: bool = True) -> MainWindow:
        window = build_window(path or library_path, user_settings(tmp_path / "ui.ini"))
        qtbot.addWidget(window)
        window.resize(1280, 720)
        if show:
            with qtbot.waitExposed(window):
                window.show()
        return window

    return factory


@pytest.fixture
def workshop(make_window: WindowFactory) -> tuple[MainWindow, WorkshopPage]:
    """A window with a new, empty workshop open on its Overview."""
    window = make_window()
    window.home.new_workshop()
    page = window.workshop_page
    assert page is not None
    return window, page


@pytest.fixture
def sample_gaps(qtbot: QtBot, make_window: WindowFactory) -> tuple[MainWindow, WorkshopPage,
                                                                       GapsPage]:
    """The sample workshop open on its Gaps & Experiments page, the window active."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    assert page is not None
    page.show_gaps()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window, page, page.gaps
