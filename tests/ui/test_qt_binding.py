"""The Qt binding itself must not corrupt Python's reference counts.

PySide6 6.12.0 drops a reference to None on every void call; on Python 3.11
that kills the app ("none_dealloc") once a large map has been drawn a few
times. pyproject.toml excludes that release; this test catches a regression.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsRectItem, QWidget


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    item = QGraphicsRectItem()
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.setEnabled(True)
        item.setZValue(1.0)
    assert abs(sys.getrefcount(None) - before) < 50
