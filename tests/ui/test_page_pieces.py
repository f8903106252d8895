"""A page built in pieces (ui/page_pieces.py): the pieces wait for the page's first frame,
then come one a turn of the event loop; `finish` builds what is left at once; a page
deleted before its turn builds nothing more."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from rcdesk.ui.page_pieces import Pieces
from rcdesk.ui.scores import chart_queue


def _owner(qtbot) -> QWidget:
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.resize(200, 100)
    return owner


def test_the_pieces_wait_for_the_first_frame_then_come_one_a_turn(qtbot) -> None:
    owner = _owner(qtbot)
    pieces = Pieces(owner)
    built: list[str] = []

    def first() -> None:
        built.append("first")
        QTimer.singleShot(0, lambda: built.append("a turn"))  # runs before the next piece

    pieces.add(first)
    pieces.add(lambda: built.append("second"))
    QApplication.processEvents()
    assert built == [] and not pieces.done()  # not shown: nothing built
    owner.show()
    qtbot.waitUntil(lambda: pieces.done())
    assert built == ["first", "a turn", "second"]
    pieces.add(lambda: built.append("third"))  # handed over after the first frame
    qtbot.waitUntil(lambda: pieces.done())
    assert built[-1] == "third"


def test_finish_builds_what_is_left_now_in_order(qtbot) -> None:
    owner = _owner(qtbot)
    pieces = Pieces(owner)
    built: list[int] = []
    for number in range(3):
        pieces.add(lambda number=number: built.append(number))
    pieces.finish()
    assert built == [0, 1, 2] and pieces.done()
    owner.show()
    qtbot.waitExposed(owner)
    QApplication.processEvents()
    assert built == [0, 1, 2]  # nothing runs twice


def test_a_page_deleted_before_its_turn_builds_nothing_more(qtbot) -> None:
    owner = QWidget()  # deleted by the test itself
    owner.resize(200, 100)
    pieces = Pieces(owner)
    built: list[str] = []
    pieces.add(lambda: built.append("first"))
    owner.show()
    qtbot.waitUntil(lambda: pieces.done())
    pieces.add(lambda: built.append("late"))  # queued for a later turn
    shiboken6.delete(owner)  # the page goes (its workshop closed) before that turn
    qtbot.waitUntil(lambda: chart_queue.pending() == 0)
    assert built == ["first"]
