"""The map's legend lies over the map: it is repainted only when what it shows changes,
and drawn anew only then (issue 23: every rating repainted and redrew it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from .test_map import mapped

__all__ = ["mapped"]  # the fixture


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _settled(qtbot, legend) -> None:
    legend.repaint()
    QApplication.processEvents()


def test_a_rating_neither_repaints_nor_redraws_the_legend(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    tie = service.ties()[0]
    mp = page.map
    service.map.set_rating(tie.id, service.waves()[0].id, "overall", 3)  # live ratings now
    legend = mp.legend
    _settled(qtbot, legend)
    paints = Paints()
    legend.installEventFilter(paints)
    title = legend.title
    mp._place_legend()  # what the page does after every change to the workshop
    QApplication.processEvents()
    assert paints.count == 0  # the same legend: nothing to paint
    drawn = legend.drawn
    mp.scene.select_only(mp.scene.item_for_tie[tie.id])
    mp.view.setFocus()
    qtbot.keyClick(mp.view, Qt.Key.Key_4)
    QApplication.processEvents()
    assert mp.live_values(tie.id) == {"overall": 4}
    assert legend.title == title
    legend.repaint()  # even painted again (the map beneath changed), it is a copy
    assert legend.drawn == drawn
    legend.removeEventFilter(paints)


def test_the_legend_is_drawn_anew_when_what_it_shows_changes(qtbot, mapped):
    window, page, ids = mapped
    mp = page.map
    legend = mp.legend
    _settled(qtbot, legend)
    before = legend.grab().toImage()
    drawn = legend.drawn
    mp.hide_scores.setChecked(True)  # one neutral entry while scores are hidden
    qtbot.waitUntil(lambda: legend.drawn > drawn)
    assert legend.hidden_scores
    after = legend.grab().toImage()
    assert after != before
    mp.hide_scores.setChecked(False)
    assert legend.grab().toImage() == before  # the same state looks the same ...
    assert legend.drawn == drawn + 1  # ... copied from the image kept for it (two are)
