"""The small builders that keep the first frame free of the Qt namespace still do their job."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from rcdesk.ui.widgets import (
    CheckText,
    ElidedLabel,
    elide,
    set_enum_property,
    widget_shortcut,
    wrapped_check,
)


def metrics() -> QFontMetrics:
    return QFontMetrics(QFont("DejaVu Sans", 11))


@given(text=st.text(min_size=0, max_size=60), width=st.integers(min_value=0, max_value=400))
def test_elide_fits_the_width_and_keeps_a_prefix(qapp, text: str, width: int) -> None:
    font_metrics = metrics()
    shown = elide(font_metrics, text, width)
    if font_metrics.horizontalAdvance(text) <= width:
        assert shown == text
        return
    if shown:
        assert shown.endswith("…")
        assert text.startswith(shown[:-1])
        assert font_metrics.horizontalAdvance(shown) <= width


def test_elide_keeps_as_much_as_fits(qapp) -> None:
    font_metrics = metrics()
    text = "Hospital discharge (sample) with a much longer name than the header has room for"
    width = font_metrics.horizontalAdvance(text[:30] + "…")
    shown = elide(font_metrics, text, width)
    assert shown.startswith(text[:25]) and shown.endswith("…")
    kept = len(shown) - 1
    assert font_metrics.horizontalAdvance(text[:kept + 1].rstrip() + "…") > width


def test_elided_label_paints_the_shortened_title(qtbot) -> None:
    """The long title paints exactly as its elided text would, not clipped mid-letter."""
    long = "A workshop whose name is far too long for the header of this window"
    labels = [ElidedLabel(text) for text in (long, "")]
    for label in labels:
        qtbot.addWidget(label)
        label.resize(160, 30)
    shortened = elide(labels[0].fontMetrics(), long, labels[0].contentsRect().width())
    assert shortened != long and shortened.endswith("…")
    labels[1].setText(shortened)  # it fits: drawn as it is
    grabs = [label.grab().toImage() for label in labels]
    assert grabs[0] == grabs[1]


def test_enum_properties_are_set_by_key_and_a_bad_key_is_refused(qtbot) -> None:
    label = QLabel("Centred")
    qtbot.addWidget(label)
    set_enum_property(label, "alignment", "AlignCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    action = QAction(label)
    set_enum_property(action, "shortcutContext", "WidgetShortcut")
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    with pytest.raises(ValueError, match="shortcutContext"):
        set_enum_property(action, "shortcutContext", "EverywhereShortcut")
    with pytest.raises(ValueError, match="noSuchProperty"):
        set_enum_property(action, "noSuchProperty", "WidgetShortcut")


def test_a_widget_shortcut_acts_only_while_its_widget_has_the_focus(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    table, field = QTableView(), QLineEdit()
    layout.addWidget(table)
    layout.addWidget(field)
    pressed: list[str] = []
    widget_shortcut(table, "Alt+Down", lambda: pressed.append("down"))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert pressed == []
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert pressed == ["down"]


def test_a_standard_key_gets_every_binding_of_the_platform(qtbot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    action = widget_shortcut(table, QKeySequence.StandardKey.Delete, lambda: None)
    assert action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Delete)
    assert action in table.actions()


def test_a_wrapped_check_boxs_text_toggles_it_like_its_own_text(qtbot) -> None:
    box = QCheckBox()
    box.setToolTip("Why it matters")
    row = wrapped_check(box, "A long sentence that wraps in a narrow column at projector type")
    qtbot.addWidget(row)
    row.resize(120, 200)
    row.show()
    qtbot.waitExposed(row)
    text = row.findChild(CheckText)
    assert text is not None and text.wordWrap() and text.toolTip() == "Why it matters"
    assert text.height() > text.fontMetrics().height()  # wrapped onto more lines
    qtbot.mouseClick(text, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    qtbot.mouseClick(text, Qt.MouseButton.LeftButton)
    assert not box.isChecked()
    qtbot.mouseClick(text, Qt.MouseButton.RightButton)
    assert not box.isChecked()
