"""What a start leaves until after the first frame (issue #9, cold start), and that it follows.

The window opened straight into a workshop builds the workshop list only when the
workshop closes; the Overview's panels below the fold (settings, dimension
descriptions) follow its first paint; the look is not applied twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rcdesk.app import build_window, make_application, user_settings
from rcdesk.services.sample import build_sample
from rcdesk.ui.palettes import Theme
from rcdesk.ui.theme import apply_theme


def test_a_window_opened_on_a_workshop_builds_the_list_when_it_closes(
        qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    window = build_window(tmp_path / "library.sqlite", user_settings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    workshop_id = build_sample(window.library)
    page = window.open_workshop(workshop_id)
    assert page is not None and window.central.currentWidget() is page
    assert window._home is None  # nothing is built behind the workshop
    with qtbot.waitExposed(window):
        window.show()
    assert window._home is None and window.central.currentWidget() is page
    window.close_workshop()
    assert window.central.currentWidget() is window.home
    assert [s.id for s in window.home.table_model.records()] == [workshop_id]


def test_a_window_shown_without_a_workshop_shows_the_list(qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    window = build_window(tmp_path / "library.sqlite", user_settings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window._home is not None and window.central.currentWidget() is window.home
    window.actions_by_name["sample"].trigger()  # the menu reaches the list through the window
    assert window.workshop_page is not None


def test_the_overview_builds_its_last_panels_after_its_first_paint(
        qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    window = build_window(tmp_path / "library.sqlite", user_settings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    with qtbot.waitExposed(window):
        window.show()
    window.home.open_sample()
    page = window.workshop_page
    assert page is not None
    overview = page.overview
    assert not overview.complete  # not yet painted: only what the first frame shows
    qtbot.waitUntil(lambda: overview.complete)
    assert overview.settings.isVisibleTo(window) and overview.descriptions.isVisibleTo(window)
    assert overview.grid.indexOf(overview.settings) >= 0
    assert overview.grid.indexOf(overview.descriptions) >= 0


def test_a_panel_asked_for_before_the_paint_is_built_and_placed_at_once(
        qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    window = build_window(tmp_path / "library.sqlite", user_settings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    workshop_id = build_sample(window.library)
    page = window.open_workshop(workshop_id)
    assert page is not None and not page.overview.complete
    settings = page.overview.settings
    assert page.overview.settings is settings  # built once
    assert page.overview.grid.indexOf(settings) >= 0
    assert settings.k.value() == page.model.service.workshop().settings.anonymity_k


def test_the_same_look_is_not_applied_twice(qtbot: QtBot) -> None:
    app = make_application()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.DARK, projector=False)
    sheet, palette = app.styleSheet(), app.palette()
    apply_theme(app, Theme.DARK, projector=False)  # a no-op: nothing to re-polish
    assert app.styleSheet() == sheet and app.palette() == palette
    apply_theme(app, Theme.LIGHT, projector=False)
    assert app.palette() != palette
    apply_theme(app, Theme.LIGHT, projector=False, zoom=2)
    assert app.font().pointSizeF() > 10.5
    apply_theme(app, Theme.LIGHT, projector=False)


def test_the_resume_banner_follows_the_first_paint_and_a_closed_page_builds_nothing(
        qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    window = build_window(tmp_path / "library.sqlite", user_settings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.home.open_sample()
    page = window.workshop_page
    assert page is not None and page._resume_banner is None
    qtbot.waitUntil(lambda: page._resume_banner is not None)
    assert not page.resume_banner.isVisibleTo(page)  # no walkthrough was left running

    workshop_id = page.model.service.workshop_id
    window.close_workshop()
    second = window.open_workshop(workshop_id)
    assert second is not None
    window.close_workshop()  # closed before it ever painted
    QApplication.processEvents()
    assert second._resume_banner is None and not second.overview.complete


def test_the_bundled_fonts_are_registered_only_where_the_system_lacks_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rcdesk.ui import theme

    registered: list[int] = []
    system: list[str] = []

    class FontDatabase:
        @staticmethod
        def styles(family: str) -> list[str]:
            return list(system) if family == theme.FONT_FAMILY else []

        @staticmethod
        def addApplicationFontFromData(data: bytes) -> int:
            registered.append(len(data))
            return len(registered)

    monkeypatch.setattr(theme, "QFontDatabase", FontDatabase)
    assert theme.load_fonts() and len(registered) == 2  # none on the system: ours
    system.extend(["Book", "Oblique"])
    assert theme.load_fonts() and len(registered) == 4  # no bold face: ours again
    system.append("Bold")
    assert theme.load_fonts() and len(registered) == 4  # the system's own are drawn alike
