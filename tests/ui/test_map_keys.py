"""The map's keyboard: F1 lists every key, rating keys and Tab from the map, N, and T
(tie to…) for drawing a tie without the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .test_map import mapped, tie_pairs

__all__ = ["mapped"]  # the fixture


def test_f1_lists_every_menu_shortcut_and_the_map_keys(qtbot, make_window):
    from PySide6.QtGui import QKeySequence

    from rcdesk.ui.help_texts import shortcuts_html

    window = make_window()
    html = shortcuts_html()
    for name, action in window.actions_by_name.items():
        if name.startswith("stage"):
            continue  # listed as one range, Ctrl+1 … Ctrl+5
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        assert keys in html, (name, keys)
    for key in ("C (map)", "T (map", "1–5", "N (map)", "Del (map)", "Space + drag"):
        assert key in html


def test_tab_from_the_map_goes_to_the_next_dimension_with_a_tie_selected(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    tie = service.ties()[0]
    scene, view, panel = page.map.scene, page.map.view, page.map.panel
    scene.select_only(scene.item_for_tie[tie.id])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert panel.rows["frequent"].hasFocus()  # one press: from Quick rating to the first
    qtbot.keyClick(panel.rows["frequent"], Qt.Key.Key_4)
    assert page.map.live_values(tie.id) == {"frequent": 4}
    assert panel.rows["frequent"].buttons[4].isChecked()
    assert panel.rows["frequent"].property("focused") is True  # drawn with a focus frame
    qtbot.keyClick(panel, Qt.Key.Key_5)  # the panel itself passes keys to its row
    assert page.map.live_values(tie.id)["frequent"] == 5


def test_the_tie_panel_shows_the_current_rating_as_a_selected_button(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    tie = service.ties()[0]
    service.map.set_rating(tie.id, service.waves()[0].id, "overall", 3)
    scene, panel = page.map.scene, page.map.panel
    scene.select_only(scene.item_for_tie[tie.id])
    button = panel.rows["overall"].buttons[3]
    assert button.isChecked()
    other = panel.rows["overall"].buttons[4]
    # Visibly so: the checked button is drawn in another colour than an unchecked one.
    assert button.grab().toImage().pixelColor(button.width() // 2, 4) != \
        other.grab().toImage().pixelColor(other.width() // 2, 4)


def test_n_scrolls_the_panel_back_to_the_selected_ties_name(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    for a, b in (("Nurses", "Physicians"), ("Physicians", "Nurses")):
        service.map.add_tie(ids[a], ids[b])
    panel = page.map.panel
    page.map.scene.select_only(page.map.scene.item_for_tie[service.ties()[0].id])
    panel.resize(panel.width(), 300)
    panel.focus_row("mutual_respect")  # far down: the panel scrolls to it
    QApplication.processEvents()
    assert panel.verticalScrollBar().value() > 0
    page.map.view.setFocus()
    qtbot.keyClick(page.map.view, Qt.Key.Key_N)
    QApplication.processEvents()
    top = panel.heading.mapTo(panel.viewport(), panel.heading.rect().topLeft()).y()
    assert top >= 0  # the name of the tie now selected is in sight


def test_t_opens_a_tie_to_chooser_that_filters_by_typing(qtbot, mapped):
    window, page, ids = mapped
    scene, view = page.map.scene, page.map.view
    scene.select_only(scene.item_for_role[ids["Nurses"]])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_T)
    chooser = page.map.view.chooser
    assert chooser is not None and chooser.isVisible()
    qtbot.keyClicks(chooser.filter, "pharm")
    assert chooser.choices() == ["Pharmacists"]
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    assert tie_pairs(page, ids) == {("Nurses", "Pharmacists")}
    assert not chooser.isVisible()


def test_the_all_ties_to_column_shows_whole_role_names(qtbot, make_window):
    from PySide6.QtGui import QFontMetrics

    from rcdesk.services.sample import build_sample

    window = make_window()
    window.open_workshop(build_sample(window.library))
    page = window.workshop_page
    page.show_stage(1)
    mp = page.map
    mp.tabs.setCurrentWidget(mp.table)
    QApplication.processEvents()
    metrics = QFontMetrics(mp.table.font())
    names = {row.target for row in mp.table_model.records()}
    widest = max(metrics.horizontalAdvance(n) for n in names)
    assert mp.table.columnWidth(1) >= widest + 6  # "Case managers", not "Case …" (3 px margins)
