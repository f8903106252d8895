"""Palettes, projector mode, zoom and accessibility."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
)

from rcdesk.ui.palettes import MIN_CONTRAST, PALETTES, Theme, contrast_ratio
from rcdesk.ui.theme import SCALES


def test_contrast_ratio_matches_known_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", list(Theme))
def test_every_text_colour_meets_its_contrast_target(theme):
    palette = PALETTES[theme]
    for what, (fg, bg) in palette.text_pairs().items():
        ratio = contrast_ratio(fg, bg)
        assert ratio >= MIN_CONTRAST[theme], f"{theme.value} {what}: {ratio:.2f}"
    assert MIN_CONTRAST[Theme.PROJECTOR] >= 7.0


def test_projector_mode_makes_text_large_and_high_contrast(qtbot, make_window):
    window = make_window()
    window.home.open_sample()
    app = QApplication.instance()
    normal = app.font().pointSizeF()
    qtbot.keyClick(window, "p", modifier=qtbot_ctrl())
    assert window.actions_by_name["projector"].isChecked()
    assert app.font().pointSizeF() >= 18 > normal
    assert app.palette().window().color().name() == PALETTES[Theme.PROJECTOR].window.lower()
    assert window.settings.get("view/projector") is True
    assert window.workshop_page.overview.columns == 1
    assert SCALES[True].title >= 28 and SCALES[True].prompt >= 40
    window.set_projector_mode(False)
    assert app.font().pointSizeF() == pytest.approx(normal)
    assert window.workshop_page.overview.columns in (1, 2)


def qtbot_ctrl():
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier


def test_zoom_in_out_and_reset(qtbot, make_window):
    window = make_window()
    app = QApplication.instance()
    base = app.font().pointSizeF()
    window.zoom(1)
    window.zoom(1)
    assert app.font().pointSizeF() > base
    window.zoom(-1)
    window.zoom(-1)
    window.zoom(-1)
    assert app.font().pointSizeF() < base
    window.zoom(0)
    assert app.font().pointSizeF() == pytest.approx(base)


def test_dark_theme_is_remembered(qtbot, make_window):
    window = make_window()
    window.actions_by_name["dark"].trigger()
    assert QApplication.instance().palette().window().color().name() == \
        PALETTES[Theme.DARK].window.lower()
    window.close()
    again = make_window()
    assert again.actions_by_name["dark"].isChecked()


def interactive_widgets(root):
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
    from PySide6.QtWidgets import QWidget

    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(root)
            and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
            and w.objectName() not in ("qt_spinbox_lineedit", "qt_scrollarea_viewport")]


def test_every_control_has_an_accessible_name(qtbot, make_window):
    window = make_window()
    window.library.create("Ward 7", roles=["Nurses"])
    window.home.refresh()
    missing = [type(w).__name__ for w in interactive_widgets(window.home)
               if not w.accessibleName()]
    assert missing == []
    window.home.open_selected()
    page = window.workshop_page
    missing = [(type(w).__name__, w.text() if hasattr(w, "text") else "")
               for w in interactive_widgets(page) if not w.accessibleName()]
    assert missing == []


def test_help_windows_explain_the_keys_and_the_scoring_rule(qtbot, make_window):
    window = make_window()
    shortcuts = window.show_help("shortcuts")
    qtbot.addWidget(shortcuts)
    assert "Ctrl+Z" in shortcuts.browser.toPlainText()
    scoring = window.show_help("scoring")
    qtbot.addWidget(scoring)
    text = scoring.browser.toPlainText()
    assert "1, 3, 5, 4, 2" in text and "rounded to two decimals" in text
    about = window.show_help("about")
    qtbot.addWidget(about)
    from rcdesk import __version__

    assert __version__ in about.browser.toPlainText()


def test_full_screen_gives_the_page_the_whole_screen_and_esc_leaves(qtbot, make_window):
    from PySide6.QtCore import Qt

    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    window.actions_by_name["full_screen"].trigger()
    assert not window.menuBar().isVisible() and not page.rail.isVisible()
    assert window.actions_by_name["leave_full_screen"].isEnabled()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.menuBar().isVisible() and page.rail.isVisible()
    assert not window.actions_by_name["leave_full_screen"].isEnabled()


def test_a_disabled_accent_button_drops_the_accent_colour(qtbot, make_window):
    from PySide6.QtGui import QColor

    from rcdesk.ui.widgets import button

    window = make_window()
    start = button("Start walkthrough", "Start walkthrough", lambda: None, accent=True)
    window.home.layout().addWidget(start)
    window.show()
    qtbot.waitExposed(window)
    accent = QColor(PALETTES[Theme.LIGHT].accent)

    def middle() -> QColor:
        image = start.grab().toImage()
        return image.pixelColor(4, image.height() // 2)

    assert middle() == accent
    start.setEnabled(False)
    assert middle() != accent
    start.setEnabled(True)
    assert middle() == accent


def _projector_look(widget_root, role="section"):
    """(a shown label's point size for `role`, a button's point size, the button's padded
    height) inside."""
    from PySide6.QtWidgets import QLabel, QPushButton

    title = next(w for w in widget_root.findChildren(QLabel)
                 if w.property("textRole") == role and w.isVisible())
    push = next(w for w in widget_root.findChildren(QPushButton) if w.isVisible())
    return title.font().pointSizeF(), push.font().pointSizeF(), push.sizeHint().height()


def test_projector_mode_restyles_open_windows_without_a_new_application_sheet(
        qtbot, make_window):
    """Ctrl+P changes type and colours through a window mark, palette and font: the
    application's style sheet (whose every change re-polishes every widget) stays."""
    from rcdesk.ui.theme import SCALES

    window = make_window()
    window.home.open_sample()
    window.show()
    qtbot.waitExposed(window)
    app = QApplication.instance()
    sheet = app.styleSheet()
    normal = _projector_look(window)
    window.set_projector_mode(True)
    assert app.styleSheet() == sheet
    section, body, height = _projector_look(window)
    assert section == pytest.approx(SCALES[True].section)
    assert body == pytest.approx(SCALES[True].body) and height > normal[2]
    page = window.workshop_page
    page.show_stage(4)  # a stage not on screen when the look changed: styled as it shows
    stage = page.pages.currentWidget()
    qtbot.waitUntil(lambda: _projector_look(stage)[0] == pytest.approx(SCALES[True].section))
    page.show_stage(0)
    window.set_projector_mode(False)
    assert app.styleSheet() == sheet
    assert _projector_look(window)[:2] == pytest.approx(normal[:2])
    page.show_stage(4)
    assert _projector_look(page.pages.currentWidget())[0] == pytest.approx(
        SCALES[False].section)


def test_a_window_opened_in_projector_mode_has_the_projector_look(qtbot, make_window):
    from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

    from rcdesk.ui.theme import SCALES
    from rcdesk.ui.widgets import label

    window = make_window()
    window.set_projector_mode(True)

    def dialog() -> QDialog:
        made = QDialog()
        qtbot.addWidget(made)
        layout = QVBoxLayout(made)
        layout.addWidget(label("A title", "title"))
        layout.addWidget(QPushButton("Close"))
        made.show()
        qtbot.waitExposed(made)
        return made

    title, body, projector_height = _projector_look(dialog(), "title")
    assert title == pytest.approx(SCALES[True].title) and body == pytest.approx(SCALES[True].body)
    window.set_projector_mode(False)
    title, body, normal_height = _projector_look(dialog(), "title")
    assert title == pytest.approx(SCALES[False].title) and body == pytest.approx(SCALES[False].body)
    assert normal_height < projector_height


def test_the_stage_rail_fits_its_names_after_projector_mode_on_a_stage_deep_in(
        qtbot, make_window):
    """Projector mode re-styles only what is on screen: the rail must still grow to its
    longest name at projector type (it stayed at normal width, cutting "Conversations")."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    rail = page.rail
    for on in (True, False, True):
        window.set_projector_mode(on)
        qtbot.waitUntil(lambda: rail.width() >= rail.sizeHintForColumn(0) + 8)
        widest = max(rail.fontMetrics().horizontalAdvance(rail.item(i).text())
                     for i in range(rail.count()))
        assert rail.viewport().width() >= widest, (on, rail.viewport().width(), widest)
        assert not rail.horizontalScrollBar().isVisible()


def test_projector_mode_shows_the_status_bar_only_while_it_has_something_to_say(
        qtbot, make_window):
    """An empty status bar was an empty band under the room's view in projector mode."""
    window = make_window()
    window.home.open_sample()
    bar = window.statusBar()
    window.set_projector_mode(True)
    qtbot.waitUntil(lambda: not bar.isVisible())
    window.status.note("Click the role the tie starts from")
    assert bar.isVisible()
    window.status._expiry.timeout.emit()  # the note's time is up
    assert not bar.isVisible()
    window.status.deleted("Deleted the role Nurses")
    assert bar.isVisible() and window.status.undo_button.isVisible()
    window.set_projector_mode(False)
    window.status._expiry.timeout.emit()
    assert bar.isVisible()  # the laptop's normal window keeps its status bar


def test_projector_mode_enlarges_check_boxes_with_their_text(qtbot, make_window):
    """An 18 pt line beside a 13-pixel box: the room could not tell ticked from not."""
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(4)  # the Report's sections are check boxes
    box = next(b for b in page.findChildren(QCheckBox) if b.isVisible())

    def indicator() -> int:
        option = QStyleOptionButton()
        box.initStyleOption(option)
        return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option,
                                          box).height()

    normal = indicator()
    window.set_projector_mode(True)
    assert indicator() >= 20 > normal
    window.set_projector_mode(False)
    assert indicator() == normal
