"""Projector mode on and off: the window is laid out before the frame that shows it
(main_window.settle_layouts), so the map is painted (and its ties drawn again) once, at
its final size, not first at a size a later layout round changes (issue 23: a 2-pixel
change after projector mode off started the big map's re-render over)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QApplication

from .test_map_labels_again import sample_map


class Sizes(QObject):
    """The size of the widget at each of its paints."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[QSize] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.append(watched.size())
        return False


def test_the_map_is_painted_only_at_its_final_size(qtbot, make_window):
    mp = sample_map(qtbot, make_window)
    window = mp.window()
    port = mp.view.viewport()
    for on in (True, False, True, False):
        sizes = Sizes()
        port.installEventFilter(sizes)
        window.set_projector_mode(on)
        QApplication.processEvents()  # the gesture's frame
        final = QSize(port.size())
        qtbot.waitUntil(lambda: not mp.view._labels_timer.isActive())  # noqa: B023
        for _ in range(5):
            QApplication.processEvents()  # later turns: nothing is laid out again
        port.removeEventFilter(sizes)
        assert port.size() == final, on
        assert sizes.painted and set(map(QSize.toTuple, sizes.painted)) == {final.toTuple()}, on
        assert mp.view.fitted
