"""The first visit of Gaps & Experiments is built in pieces (issue 23): its first turn makes
what the first frame shows (the log and the side panel's tabs), the Gap panel's form comes
in a turn after that frame, and each widget is styled about once, made in its place."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import getCppPointer

from rcdesk.ui import app_style


def _open_sample(make_window):
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    row = next(i for i in range(page.rail.count())
               if page.rail.item(i).text() == "Gaps & Experiments")
    return window, page, row


def test_the_gap_form_comes_after_the_first_frame(qtbot, make_window) -> None:
    from rcdesk.ui.gaps.gap_form import GapForm

    window, page, row = _open_sample(make_window)
    page.show_stage(row)
    gaps = page.current_page()
    area = gaps.side.widget(0)
    assert gaps.table_model.rowCount() > 0  # the log is there at once
    assert area.findChild(GapForm) is None
    QApplication.processEvents()  # the first frame is painted: the form is not built yet
    assert area.findChild(GapForm) is None
    qtbot.waitUntil(lambda: area.findChild(GapForm) is not None)
    form = area.findChild(GapForm)
    assert form is gaps.form
    assert form.title.text() == gaps.selected_gap().title
    assert form.isVisible()


def test_asking_for_the_form_before_its_turn_builds_it_at_once(qtbot, make_window) -> None:
    _, page, row = _open_sample(make_window)
    page.show_stage(row)
    gaps = page.current_page()
    gaps.select(gaps.proxy.record_at(1).id)
    assert gaps.form.title.text() == gaps.selected_gap().title  # on the gap selected now


def test_the_first_visit_styles_each_widget_about_once(qtbot, make_window) -> None:
    """Made loose and added later, a widget was styled again with every container it moved
    into: six times each on average (1,159 polishes for 201 widgets)."""
    window, page, row = _open_sample(make_window)
    app = QApplication.instance()
    app_style.activate(app)
    polished: list[int] = []
    app_style.add_polish_hook(app, "test", lambda w: polished.append(getCppPointer(w)[0]))
    try:
        page.show_stage(row)
        page.gaps.form  # noqa: B018 - and the form, built now
        QApplication.processEvents()
    finally:
        app_style.add_polish_hook(app, "test", None)
    assert len(set(polished)) > 100
    assert len(polished) < 1.5 * len(set(polished))
    assert isinstance(page.gaps.form, QWidget)


def test_the_structures_panel_comes_after_the_tabs_first_frame(qtbot, make_window) -> None:
    from rcdesk.ui.gaps.structure_panel import StructurePanel

    _, page, row = _open_sample(make_window)
    page.show_stage(row)
    gaps = page.current_page()
    app = QApplication.instance()
    app_style.activate(app)
    polished: list[int] = []
    app_style.add_polish_hook(app, "test", lambda w: polished.append(getCppPointer(w)[0]))
    try:
        gaps.setCurrentIndex(gaps.count() - 2)  # Structures
        view = gaps.currentWidget()
        assert view.table_model.rowCount() >= 10  # the table is there at once
        assert view.findChild(StructurePanel) is None
        QApplication.processEvents()  # its first frame
        assert view.findChild(StructurePanel) is None
        qtbot.waitUntil(lambda: view.findChild(StructurePanel) is not None)
        panel = view.findChild(StructurePanel)
        qtbot.waitUntil(lambda: panel.heading.text() == view.selected().name)
    finally:
        app_style.add_polish_hook(app, "test", None)
    assert panel is view.panel and panel.isVisible()
    assert len(polished) < 1.5 * len(set(polished))  # made in place: styled about once


def test_a_side_panel_is_made_in_its_place(qtbot, sample_gaps) -> None:
    """The PDSA panel was made loose, then moved into its scroll area and the area into
    its tab: 286 polishes for its 105 widgets."""
    _, _, gaps = sample_gaps
    app = QApplication.instance()
    app_style.activate(app)
    polished: list[int] = []
    app_style.add_polish_hook(app, "test", lambda w: polished.append(getCppPointer(w)[0]))
    try:
        gaps.side.setCurrentIndex(1)  # PDSA
        QApplication.processEvents()
    finally:
        app_style.add_polish_hook(app, "test", None)
    assert gaps.side.currentWidget().widget() is gaps.experiments
    assert gaps.experiments.isVisible() and gaps.experiments.form.isVisible()
    assert len(set(polished)) > 80
    assert len(polished) < 1.5 * len(set(polished))
