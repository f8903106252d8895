"""The layout checker's own rules, on small widgets built by hand: a page that scrolls
sideways and a list whose item text does not fit are defects; the same widgets with room
enough are not."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QScrollArea, QWidget

from .layout_checker import check_widgets

LONG = "Physiotherapists → Community care and the discharge lounge"


def _problems(root: QWidget) -> list[str]:
    return [d.problem for d in check_widgets(root, "test", "normal")]


def _page(qtbot, content_width: int) -> QScrollArea:
    area = QScrollArea()
    qtbot.addWidget(area)
    content = QWidget()
    content.setMinimumWidth(content_width)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.resize(400, 300)
    area.show()
    qtbot.waitExposed(area)
    return area


def test_a_page_wider_than_its_viewport_is_a_defect(qtbot) -> None:
    assert any("scrolls sideways" in p for p in _problems(_page(qtbot, 700)))


def test_a_page_that_fits_its_viewport_is_not(qtbot) -> None:
    assert not any("scrolls sideways" in p for p in _problems(_page(qtbot, 200)))


def _list(qtbot, wrap: bool) -> QListWidget:
    box = QListWidget()
    qtbot.addWidget(box)
    box.setWordWrap(wrap)
    box.setResizeMode(QListWidget.ResizeMode.Adjust)
    box.addItems(["Nurses", LONG])
    box.resize(180, 200)
    box.show()
    qtbot.waitExposed(box)
    return box


def test_a_list_item_elided_by_its_row_is_a_defect(qtbot) -> None:
    problems = _problems(_list(qtbot, wrap=False))
    assert [p for p in problems if p.startswith("item ")] == [
        p for p in problems if LONG in p]
    assert any(LONG in p for p in problems)
    assert not any("'Nurses'" in p for p in problems)


def test_a_word_wrapped_list_item_with_rows_tall_enough_is_not(qtbot) -> None:
    assert not any(p.startswith("item ") for p in _problems(_list(qtbot, wrap=True)))


def _combo(qtbot, width: int):
    from PySide6.QtWidgets import QComboBox

    box = QComboBox()
    qtbot.addWidget(box)
    box.addItem(LONG)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(4)
    box.resize(width, box.sizeHint().height())
    box.show()
    qtbot.waitExposed(box)
    return box


def test_a_combo_box_whose_chosen_text_is_cut_is_a_defect(qtbot) -> None:
    assert any(p.startswith("chosen ") for p in _problems(_combo(qtbot, 120)))


def test_a_combo_box_wide_enough_for_its_chosen_text_is_not(qtbot) -> None:
    assert not any(p.startswith("chosen ") for p in _problems(_combo(qtbot, 900)))
