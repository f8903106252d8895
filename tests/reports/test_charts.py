"""Score charts: what each cell and bar says, in which order, readable without colour."""

from __future__ import annotations

import io
import sys

import pytest

from rcdesk.domain.bands import Band
from rcdesk.domain.scores import OverallScore, ScoreSource, TieScore, WaveScores
from rcdesk.reports import map_style as ms
from rcdesk.reports.chart_layout import COLUMN_LABEL, ROW_LABEL, labels_of
from rcdesk.reports.charts import (
    cell_text,
    heatmap_figure,
    profile_figure,
    profile_order,
    subscale_means,
    tint,
)

NAMES = {1: "Nurses", 2: "Physicians", 3: "Community care workers"}
DIMS = {"frequent": 3.2, "timely": 2.5, "accurate": 4.1, "problem_solving": 3.9,
        "shared_goals": 4.4, "shared_knowledge": None, "mutual_respect": 3.0}


def wave(source: ScoreSource = ScoreSource.SURVEY) -> WaveScores:
    n = (lambda v: v) if source is ScoreSource.SURVEY else (lambda v: None)
    ties = (
        TieScore(1, 2, n(5), rc=3.8567, communication=3.6, relationship=4.1,
                 band=Band.MODERATE, dimensions=DIMS),
        TieScore(2, 1, n(4), rc=2.9, communication=2.8, relationship=3.0, band=Band.WEAK),
        TieScore(1, 1, n(12), rc=4.5, communication=4.4, relationship=4.6, band=Band.STRONG),
        TieScore(3, 1, 2, suppressed=True),
    )
    return WaveScores(1, source, 3, ties, (), OverallScore(3.75, 3.4, DIMS))


def texts_at(figure, row: int, column: int) -> list[str]:
    return [t.get_text() for t in figure.axes[0].texts
            if tuple(int(v) for v in t.get_position()) == (column, row)]


def test_cell_text_says_value_and_n_or_only_n_below_k():
    scores = wave()
    assert cell_text(scores.tie(1, 2), 3) == "3.86\nn=5"
    assert cell_text(scores.tie(3, 1), 3) == "n<3"
    assert cell_text(None, 3) == ""
    assert cell_text(wave(ScoreSource.MAP).tie(1, 2), 0) == "3.86"


def test_heatmap_has_raters_down_rated_across_and_never_a_suppressed_value():
    figure = heatmap_figure(NAMES, wave())
    assert [t.get_text() for t in labels_of(figure, ROW_LABEL)] == list(NAMES.values())
    assert texts_at(figure, 0, 1) == ["3.86", "n=5"]
    assert texts_at(figure, 1, 0) == ["2.90", "n=4"]
    assert texts_at(figure, 2, 0) == ["n<3"]
    assert texts_at(figure, 2, 2) == []
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["strong", "moderate", "weak", "n<3: hidden", "no score"]


def cells(figure) -> dict[tuple[int, int], dict]:
    """Each drawn cell by (row, column): its fill, border width and dash, and hatch."""
    found = {}
    for collection in figure.axes[0].collections:
        faces, widths = collection.get_facecolors(), collection.get_linewidths()
        dashes = collection.get_linestyles()
        for i, path in enumerate(collection.get_paths()):
            column, row = (int(v) for v in path.vertices.min(axis=0))
            found[(row, column)] = {
                "face": tuple(faces[i % len(faces)][:3]), "width": widths[i % len(widths)],
                "dashed": dashes[i % len(dashes)][1] is not None,
                "hatch": collection.get_hatch()}
    return found


def rgb(colour: str) -> tuple[float, ...]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def test_heatmap_pairs_band_colours_with_border_patterns_and_hatches_suppressed_cells():
    drawn = cells(heatmap_figure(NAMES, wave()))
    assert len(drawn) == 9  # every cell, scored or not
    weak, strong, moderate = drawn[(1, 0)], drawn[(0, 0)], drawn[(0, 1)]
    assert weak["dashed"] and not moderate["dashed"] and not strong["dashed"]
    assert strong["width"] > moderate["width"]
    for cell, band in ((weak, Band.WEAK), (moderate, Band.MODERATE), (strong, Band.STRONG)):
        assert cell["face"] == pytest.approx(rgb(tint(ms.BAND_STYLES[band].colour, 0.42)),
                                             abs=0.01)
    assert drawn[(2, 0)]["hatch"] == "///"  # suppressed
    assert drawn[(1, 1)]["hatch"] is None and drawn[(1, 1)]["face"] == pytest.approx(
        (1.0, 1.0, 1.0))  # unscored: blank


def test_a_large_heatmap_is_a_few_artists_with_no_unreadable_numbers_and_blanks_kept():
    """60 roles: the cells are one collection per look, not 3,600 patches; numbers would not fit,
    so none are drawn; a suppressed cell is hatched and says nothing."""
    names = {i: f"Role {i}" for i in range(1, 61)}
    ties = tuple(TieScore(i, j, 5, rc=3.0 + (i + j) % 3 * 0.5,
                          band=(Band.WEAK, Band.MODERATE, Band.STRONG)[(i + j) % 3])
                 for i in names for j in names if (i, j) != (1, 2))
    ties += (TieScore(1, 2, 2, suppressed=True),)
    figure = heatmap_figure(names, WaveScores(1, ScoreSource.SURVEY, 3, ties, (),
                                              OverallScore(3.0, 3.0, {})))
    ax = figure.axes[0]
    assert len(ax.collections) <= 5 and len(ax.patches) == 0  # one per look
    assert len(ax.texts) == 0
    drawn = cells(figure)
    assert len(drawn) == 3600 and drawn[(0, 1)]["hatch"] == "///"
    assert drawn[(0, 2)]["face"] == pytest.approx(rgb(tint(ms.BAND_STYLES[Band.MODERATE].colour,
                                                            0.42)), abs=0.01)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=60)
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_live_ratings_heatmap_has_no_suppression_legend():
    figure = heatmap_figure(NAMES, wave(ScoreSource.MAP))
    assert "n<3: hidden" not in [t.get_text() for t in figure.legends[0].get_texts()]
    assert texts_at(figure, 0, 1) == ["3.86"]


def test_many_roles_keep_colours_but_drop_numbers():
    names = {i: f"Role {i}" for i in range(1, 21)}
    ties = tuple(TieScore(i, j, 5, rc=3.0, band=Band.WEAK) for i in names for j in names)
    figure = heatmap_figure(names, WaveScores(1, ScoreSource.SURVEY, 3, ties, (),
                                              OverallScore(3.0, 3.0, {})))
    assert len(figure.axes[0].texts) == 0
    assert len(cells(figure)) == 400


def test_profile_is_weakest_first_with_missing_dimensions_last():
    order = [key for key, _ in profile_order(wave())]
    assert order == ["timely", "mutual_respect", "frequent", "problem_solving", "accurate",
                     "shared_goals", "shared_knowledge"]
    figure = profile_figure(wave())
    labels = [t.get_text().replace("\n", " ") for t in figure.axes[0].get_yticklabels()]
    assert labels[0] == "Timely communication" and labels[-1] == "Shared knowledge"
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "2.50" in texts and "no data" in texts


def test_profile_marks_both_subscale_means_and_hatches_relationship_bars():
    scores = wave()
    means = subscale_means(scores)
    assert list(means.values()) == [pytest.approx((3.6 + 2.8 + 4.4) / 3),
                                    pytest.approx((4.1 + 3.0 + 4.6) / 3)]
    figure = profile_figure(scores)
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["Communication item", "Relationship item", "Communication mean 3.60",
                      "Relationship mean 3.90"]
    bars = [p for p in figure.axes[0].patches if p.get_width() > 0]
    hatches = {round(p.get_y() + p.get_height() / 2): p.get_hatch() for p in bars}
    assert hatches[1] == "//"  # mutual respect: a relationship item
    assert not hatches[0]  # timely: communication, solid


def test_charts_render_to_png_without_pyplot():
    for figure in (heatmap_figure(NAMES, wave()), profile_figure(wave())):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100)
        assert buffer.getvalue().startswith(b"\x89PNG")
    assert "matplotlib.pyplot" not in sys.modules


def _overlapping(labels) -> list[tuple[str, str]]:
    boxes = [(t.get_text(), t.get_window_extent()) for t in labels if t.get_text()]
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:]
            if box_a.overlaps(box_b) and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 2
            and min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 2]


def test_a_projected_heatmap_of_twenty_long_names_keeps_its_labels_apart_and_on_the_figure():
    """The projector's 20 pt type in a 1280x720 window: the labels were a smear."""
    names = {i: f"Pflegefachpersonen Station {i}B und Entlassung" for i in range(1, 21)}
    ties = tuple(TieScore(i, j, 5, rc=3.0, band=Band.WEAK) for i in names for j in names)
    scores = WaveScores(1, ScoreSource.SURVEY, 3, ties, (), OverallScore(3.0, 3.0, {}))
    figure = heatmap_figure(names, scores, width_in=10.0, height_in=4.6, dpi=96, font_pt=20)
    figure.canvas.draw()
    rows, columns = labels_of(figure, ROW_LABEL), labels_of(figure, COLUMN_LABEL)
    assert _overlapping(rows) == []
    assert _overlapping(columns) == []
    width, height = figure.bbox.width, figure.bbox.height
    for label in rows + columns:
        box = label.get_window_extent()
        assert box.x0 >= -1 and box.x1 <= width + 1 and box.y0 >= -1 and box.y1 <= height + 1, \
            label.get_text()


def test_a_sixty_role_heatmap_labels_every_row_it_can_keep_apart():
    """60 roles in the Scores tab: 120 labels on 5-pt rows overlapped (and laying them out
    was most of the tab's first visit, issue 23): every second row and column is labelled,
    short names, none overlapping; 12 roles keep every label."""
    names = {i: f"Role {i} of the discharge ward team" for i in range(1, 61)}
    ties = tuple(TieScore(i, j, 5, rc=3.0, band=Band.WEAK) for i in names for j in names)
    scores = WaveScores(1, ScoreSource.SURVEY, 3, ties, (), OverallScore(3.0, 3.0, {}))
    figure = heatmap_figure(names, scores, width_in=8.9, height_in=5.6)
    figure.canvas.draw()
    rows = [t.get_text() for t in labels_of(figure, ROW_LABEL)]
    columns = [t.get_text() for t in labels_of(figure, COLUMN_LABEL)]
    assert rows[:2] == ["1  Role 1 of the dis…", "3  Role 3 of the dis…"]
    assert len(rows) == 30 and columns[:3] == ["1", "3", "5"]
    assert _overlapping(labels_of(figure, ROW_LABEL)) == []
    assert _overlapping(labels_of(figure, COLUMN_LABEL)) == []
    few = {i: f"Role {i}" for i in range(1, 13)}
    small = heatmap_figure(few, WaveScores(1, ScoreSource.SURVEY, 3, ties, (),
                                           OverallScore(3.0, 3.0, {})), width_in=8.9,
                           height_in=5.6)
    assert len(labels_of(small, ROW_LABEL)) == 12
