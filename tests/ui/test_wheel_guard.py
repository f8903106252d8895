"""One app-wide rule: a wheel turned over a combo box, spin box or date field inside a scroll
area scrolls the area and never changes a saved value, unless that control has focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from rcdesk.domain.gaps import Priority


def wheel(widget: QWidget, steps: int = -1) -> None:
    """A real wheel event (one notch down by default) over the middle of `widget`."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_the_gap_forms_priority_scrolls_and_changes_nothing(
        qtbot, make_window) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_gaps()
    gaps = page.gaps
    gaps.select(gaps.service.gaps()[0].id)
    form = gaps.form
    area = form.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    window.resize(1280, 480)  # the form is taller than its area: there is something to scroll
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    before = (form.priority.currentData(), gaps.service.gaps()[0].priority)
    area.verticalScrollBar().setValue(0)
    form.priority.clearFocus()
    assert not form.priority.hasFocus()
    wheel(form.priority)
    assert (form.priority.currentData(), gaps.service.gaps()[0].priority) == before
    assert area.verticalScrollBar().value() > 0  # the wheel scrolled the form instead
    assert isinstance(before[0], Priority)


def test_a_focused_control_still_takes_the_wheel(qtbot, make_window) -> None:
    make_window()  # the app installs its rule
    outer = QScrollArea()
    qtbot.addWidget(outer)
    inner = QWidget()
    column = QVBoxLayout(inner)
    combo, spin = QComboBox(), QSpinBox()
    combo.addItems(["Yes", "No", "Not known yet"])
    column.addWidget(combo)
    column.addWidget(spin)
    outer.setWidget(inner)
    with qtbot.waitExposed(outer):
        outer.show()
    combo.clearFocus()
    spin.clearFocus()
    wheel(combo)
    wheel(spin, 1)
    assert combo.currentIndex() == 0 and spin.value() == 0
    with qtbot.waitActive(outer):
        outer.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert combo.currentIndex() == 1  # asked for: it has focus
