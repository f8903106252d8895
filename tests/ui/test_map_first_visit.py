"""The first visit of Map & Scores (issue 23): the page is made top down, each part in its
place, so each widget is styled about once."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from shiboken6 import getCppPointer

from rcdesk.ui import app_style


def test_the_first_visit_styles_each_widget_about_once(qtbot, make_window) -> None:
    """Made loose and moved up level by level, the Tie panel's 48 buttons were styled 13
    times each (1,453 polishes in the first frame); a style sheet of its own on a widget
    styles it and all below it again at every move."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    app = QApplication.instance()
    app_style.activate(app)
    polished: list[int] = []
    app_style.add_polish_hook(app, "test", lambda w: polished.append(getCppPointer(w)[0]))
    try:
        page.show_stage(1)
        QApplication.processEvents()
    finally:
        app_style.add_polish_hook(app, "test", None)
    assert page.map.panel.isVisible()
    assert len(set(polished)) > 100
    assert len(polished) < 1.5 * len(set(polished))


def test_a_rating_rows_title_is_bold_at_the_size_of_its_text(qtbot, make_window) -> None:
    """The title's bold is its font's weight alone (no style sheet of its own): its size
    still follows the page's text, before and after projector mode."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    row = page.map.panel.rows["overall"]
    assert row.title.font().bold()
    assert row.title.font().pointSizeF() == row.description.font().pointSizeF()
    window.set_projector_mode(True)
    window.set_projector_mode(False)
    qtbot.waitUntil(lambda: page.map.panel.isVisible())
    assert row.title.font().bold()
    assert row.title.font().pointSizeF() == row.description.font().pointSizeF()
