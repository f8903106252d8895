"""A page of text drawn a few artists per turn (ui/chart_pieces.py, issue 23): the picture
equals the figure drawn in one go, nothing half-drawn is ever shown, and "Our change
model" is read and drawn only after its tab's first frame."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication


def _figure():
    from rcdesk.reports.figures import new_figure

    figure = new_figure(6, 4, 100)
    figure.set_layout_engine("none")
    for i in range(30):
        figure.text(0.02, 0.97 - i * 0.03, f"Line {i} of a page of text", fontsize=9)
    axes = figure.add_axes((0.55, 0.1, 0.4, 0.8))
    axes.barh(range(7), [3, 1, 4, 1, 5, 2, 6])
    return figure


def _drawing(qtbot):
    """A canvas on screen of the test figure, asked to draw."""
    from rcdesk.ui import chart_pieces

    canvas = chart_pieces.pieces_canvas(_figure())
    qtbot.addWidget(canvas)
    canvas.resize(600, 400)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.draw_idle()
    return canvas


def test_a_figure_drawn_in_pieces_equals_one_drawn_at_once(qtbot) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from rcdesk.ui import chart_pieces
    from rcdesk.ui.scores import chart_queue

    canvas = _drawing(qtbot)
    qtbot.waitUntil(lambda: chart_queue.pending() > 0 or canvas._shown is not None)
    groups = chart_pieces.groups(chart_pieces.draw_order(canvas.figure))
    assert len(groups) >= 3  # thirty lines and an axes: several turns, not one
    assert all(len(g) <= chart_pieces.ARTISTS_PER_PIECE for g in groups)
    qtbot.waitUntil(lambda: canvas._shown is not None and not canvas._drawing)
    at_once = FigureCanvasAgg(_figure())
    at_once.draw()
    assert np.array_equal(np.asarray(canvas._shown.buffer_rgba()),
                          np.asarray(at_once.get_renderer().buffer_rgba()))


def _white(canvas) -> bool:
    image = canvas.grab().toImage()
    return all(image.pixelColor(x, y) == QColor(Qt.GlobalColor.white)
               for x in range(0, 300, 3) for y in range(0, 60, 3))  # the first lines


def test_nothing_half_drawn_is_shown(qtbot) -> None:
    from rcdesk.ui.scores import chart_queue

    canvas = _drawing(qtbot)
    seen = []
    while canvas._shown is None:  # at every turn, what the widget shows
        seen.append(_white(canvas))
        waiting = chart_queue.pending()
        qtbot.waitUntil(lambda: chart_queue.pending() != waiting  # noqa: B023 - this turn's
                        or canvas._shown is not None)
    assert len(seen) >= 3 and all(seen)  # white until the whole drawing is done
    assert not _white(canvas)


def test_the_change_model_is_read_off_the_ui_thread_after_its_tabs_first_frame(
        qtbot, sample_gaps) -> None:
    _, page, gaps = sample_gaps
    tab = page.change_model
    gate = threading.Event()  # the tab's worker busy until the test says
    tab.background.run(gate.wait, lambda _: None, lambda _: None)
    gaps.setCurrentWidget(tab)
    assert tab.chart.canvas is None and tab.note.text() == ""
    QApplication.processEvents()  # its first frame: nothing read or built yet
    assert tab.chart.canvas is None and tab.note.text() == ""
    qtbot.waitUntil(tab.reading)  # waiting its turn on the worker, the window turning
    assert tab.note.text() == "Working out the change model…"
    gate.set()
    qtbot.waitUntil(lambda: tab.chart.canvas is not None and tab.chart.canvas._shown
                    is not None)
    assert page.model.service.wave(tab.wave_id).name in tab.note.text()
    assert any("Our change model" in t for t in tab.chart.texts())
    shown = tab.current()
    assert shown is not None and shown.title == page.model.service.workshop().title


def _heatmap():
    """A 16-role heat-map: the largest with numbers in its cells, some 500 texts of them."""
    from rcdesk.domain.bands import Band
    from rcdesk.domain.scores import OverallScore, ScoreSource, TieScore, WaveScores
    from rcdesk.reports.charts import MAX_LABELLED_ROLES, heatmap_figure

    names = {i: f"Role {i}" for i in range(1, MAX_LABELLED_ROLES + 1)}
    ties = tuple(TieScore(i, j, 5, rc=3.0 + (i + j) % 3 * 0.5,
                          band=(Band.WEAK, Band.MODERATE, Band.STRONG)[(i + j) % 3])
                 for i in names for j in names if (i, j) != (1, 2))
    ties += (TieScore(1, 2, 2, suppressed=True),)
    return heatmap_figure(names, WaveScores(1, ScoreSource.SURVEY, 3, ties, (),
                                            OverallScore(3.0, 3.0, {})), width_in=6, height_in=4)


def test_a_heatmaps_cell_labels_are_drawn_in_pieces_and_the_picture_is_the_same(qtbot) -> None:
    """The cells' own texts come in pieces of their own after the matrix (they were one
    axes, one turn of some 500 texts), and the finished drawing equals one drawn at once."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from rcdesk.ui import chart_pieces

    canvas = chart_pieces.pieces_canvas(_heatmap())
    qtbot.addWidget(canvas)
    canvas.resize(600, 400)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.draw_idle()
    figure = canvas.figure
    groups = chart_pieces.groups(chart_pieces.draw_order(figure))
    matrix = figure.axes[0]
    assert len(matrix.texts) > 400
    assert [g for g in groups if g[0] is matrix] == [[matrix]]
    assert all(len(g) <= chart_pieces.ARTISTS_PER_PIECE for g in groups)
    in_pieces = [a for g in groups for a in g if a in set(matrix.texts)]
    assert in_pieces == list(matrix.texts)  # each once, in the axes' own order
    qtbot.waitUntil(lambda: canvas._shown is not None and not canvas._drawing)
    assert all(t.get_visible() for t in matrix.texts)
    at_once = FigureCanvasAgg(_heatmap())
    at_once.draw()
    assert np.array_equal(np.asarray(canvas._shown.buffer_rgba()),
                          np.asarray(at_once.get_renderer().buffer_rgba()))
