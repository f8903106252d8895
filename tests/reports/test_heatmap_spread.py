"""The spread beside each cell of the heat-map (issue 20): "±0.8" beside the n where the cell
is wide enough, a corner triangle (filled: high, hollow: some) at every size, only for a
tie shown from k + 2 respondents (anonymity.spread_shown), never for a hidden one."""

from __future__ import annotations

import pytest

from rcdesk.domain.bands import Band
from rcdesk.domain.scores import OverallScore, ScoreSource, Spread, TieScore, WaveScores
from rcdesk.reports.charts import cell_text, heatmap_figure, spread_text

NAMES = {1: "Nurses", 2: "Physicians", 3: "Pharmacists"}
K = 3


def spread(sd: float, full: bool) -> Spread:
    return Spread(sd, 1.0 if full else None, 5.0 if full else None,
                  (1, 1, 1, 1, 1) if full else None)


def wave(ties: tuple[TieScore, ...]) -> WaveScores:
    return WaveScores(1, ScoreSource.SURVEY, K, ties, (), OverallScore(3.5, 3.5, {}))


HAND = wave((
    TieScore(1, 2, 5, rc=3.2, band=Band.WEAK, spread=spread(1.24, True)),  # k + 2: high
    TieScore(2, 1, 4, rc=3.9, band=Band.MODERATE, spread=spread(1.5, False)),  # k + 1
    TieScore(1, 1, 6, rc=4.1, band=Band.STRONG, spread=spread(0.71, True)),  # some
    TieScore(2, 3, 8, rc=3.8, band=Band.MODERATE, spread=spread(0.3, True)),  # low
    TieScore(3, 1, 2, suppressed=True, spread=spread(1.9, True)),  # hidden
))


def texts_at(figure, row: int, column: int) -> list[str]:
    return [t.get_text() for t in figure.axes[0].texts
            if tuple(int(v) for v in t.get_position()) == (column, row)]


def marks(figure) -> dict[tuple[int, int], bool]:
    """The corner triangles by (row, column): filled (True) or hollow (False)."""
    found = {}
    for collection in figure.axes[0].collections:
        faces = collection.get_facecolors()
        for i, path in enumerate(collection.get_paths()):
            if len(path.vertices) != 4:  # cells are squares; marks are triangles
                continue
            column, row = (int(v) for v in path.vertices.min(axis=0))
            found[(row, column)] = tuple(faces[i % len(faces)][:3]) != (1.0, 1.0, 1.0)
    return found


def test_only_ties_from_k_plus_two_respondents_carry_a_spread():
    assert [spread_text(t, K) for t in HAND.ties] == ["±1.2", "", "±0.7", "±0.3", ""]
    assert cell_text(HAND.tie(1, 2), K, spread=True) == "3.20\nn=5 ±1.2"
    assert cell_text(HAND.tie(2, 1), K, spread=True) == "3.90\nn=4"
    assert cell_text(HAND.tie(3, 1), K, spread=True) == "n<3"
    assert cell_text(HAND.tie(1, 2), K) == "3.20\nn=5"  # exports and tables unchanged


def test_the_heatmap_shows_the_spread_in_its_cells_and_marks_wide_ones():
    figure = heatmap_figure(NAMES, HAND)
    assert texts_at(figure, 0, 1) == ["3.20", "n=5 ±1.2"]
    assert texts_at(figure, 1, 0) == ["3.90", "n=4"]
    assert texts_at(figure, 0, 0) == ["4.10", "n=6 ±0.7"]
    assert texts_at(figure, 1, 2) == ["3.80", "n=8 ±0.3"]
    assert texts_at(figure, 2, 0) == ["n<3"]
    assert marks(figure) == {(0, 1): True, (0, 0): False}
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend[-2:] == ["spread ≥ 1.0", "spread ≥ 0.6"]


def test_a_heatmap_without_wide_spreads_has_no_marks_and_no_mark_legend():
    calm = wave((TieScore(1, 2, 5, rc=3.2, band=Band.WEAK, spread=spread(0.2, True)),))
    figure = heatmap_figure(NAMES, calm)
    assert marks(figure) == {}
    assert not any("spread" in t.get_text() for t in figure.legends[0].get_texts())


def test_a_large_heatmap_keeps_the_marks_without_numbers():
    names = {i: f"Role {i}" for i in range(1, 31)}
    ties = tuple(TieScore(i, i % 30 + 1, 6, rc=3.0, band=Band.MODERATE,
                          spread=spread(1.2 if i % 2 else 0.1, True)) for i in range(1, 31))
    hidden = TieScore(1, 1, 2, suppressed=True, spread=spread(1.9, True))
    figure = heatmap_figure(names, wave((*ties, hidden)), width_in=9, height_in=6)
    assert not any("±" in t.get_text() for t in figure.axes[0].texts)
    assert len(marks(figure)) == 15 and all(marks(figure).values())
    assert (0, 0) not in marks(figure)


@pytest.mark.parametrize("roles", [3, 5, 7, 9])
@pytest.mark.parametrize("size", [(7.0, 5.5, 10.0), (6.3, 4.9, 10.0), (6.3, 4.9, 11.0)])
def test_no_cell_text_runs_over_its_cell(roles: int, size: tuple[float, float, float]) -> None:
    """The spread joins the n only where the pair fits the cell: "n=7 ±0.2" ran over the
    borders of the sample's seven-role matrix on the Scores tab."""
    names = {i: f"Role {i}" for i in range(1, roles + 1)}
    ties = tuple(TieScore(s, t, 7, rc=3.5, band=Band.MODERATE, spread=spread(0.2, True))
                 for s in names for t in names)
    figure = heatmap_figure(names, wave(ties), width_in=size[0], height_in=size[1],
                            font_pt=size[2])
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    ax = figure.axes[0]
    (left, _), (right, _) = ax.transData.transform([(0, 0), (1, 0)])
    cell = right - left
    for text in ax.texts:
        width = text.get_window_extent(renderer).width
        assert width <= 0.9 * cell, (roles, text.get_text(), width, cell)  # inside the frame


SAMPLE_NAMES = ("Physicians", "Nurses", "Case managers", "Pharmacists", "Physiotherapists",
                "Social workers", "Community care")


@pytest.mark.parametrize("source", [ScoreSource.MAP, ScoreSource.SURVEY])
@pytest.mark.parametrize("size", [(9.65, 3.95, 18.0), (9.65, 3.95, 20.0), (7.0, 5.5, 10.0)])
def test_every_cell_text_stays_inside_its_frame_at_projector_type(
        size: tuple[float, float, float], source: ScoreSource) -> None:
    """At projector type (18-20 pt) the slanted names of the sample's seven roles leave the
    matrix short rows: the values were drawn at 20 pt in 23-point cells and ran over the
    frames above and below. Each text (both lines of a survey cell) fits its cell."""
    names = dict(enumerate(SAMPLE_NAMES, start=1))
    ties = tuple(TieScore(s, t, 7, rc=3.57, band=Band.MODERATE, spread=spread(0.2, True))
                 for s in names for t in names)
    scores = WaveScores(1, source, K, ties, (), OverallScore(3.5, 3.5, {}))
    figure = heatmap_figure(names, scores, width_in=size[0], height_in=size[1],
                            font_pt=size[2])
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    ax = figure.axes[0]
    assert ax.texts
    for text in ax.texts:
        column, row = (int(v) for v in text.get_position())
        (x0, y0), (x1, y1) = ax.transData.transform([(column, row + 1), (column + 1, row)])
        box = text.get_window_extent(renderer)
        assert x0 <= box.x0 and box.x1 <= x1, (text.get_text(), box, (x0, x1))
        assert y0 <= box.y0 and box.y1 <= y1, (text.get_text(), box, (y0, y1))
