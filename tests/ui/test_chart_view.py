"""A chart on a tab is built once, at the size the tab gives it (issue 23: the first visit
of Scores built a big heat-map twice, once before the layout and again after)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .survey_csv import WARD_TIES, write_survey
from .test_scores_page import load, ward

__all__ = ["ward"]  # the fixture


def test_the_first_visit_of_scores_builds_the_heatmap_once_at_its_shown_size(
        qtbot, ward, tmp_path, monkeypatch):
    import rcdesk.ui.scores.page as scores_module

    window, page = ward
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)  # the Scores tab hidden while the survey comes in
    built = []
    real = scores_module.heatmap_figure
    monkeypatch.setattr(scores_module, "heatmap_figure",
                        lambda *a, **k: built.append(k["width_in"]) or real(*a, **k))
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    window.show()
    qtbot.waitExposed(window)
    page.show_scores()
    view = page.scores_page.heatmap
    qtbot.waitUntil(lambda: built != [] and view.canvas is not None)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not view._resized.isActive())  # noqa: SLF001 - any rebuild due
    assert len(built) == 1
    assert built[0] * 100 == max(view.width(), 320)  # for the size it is shown at
    assert "n<3: hidden" in view.texts()


def test_chart_pieces_take_turns_and_the_loop_turns_between_them(qtbot):
    """Each queued piece (a chart's build, a canvas's draw) runs in its own turn, after
    what the piece before it left for the event loop (issue 23: the charts of the Scores
    tab built in one turn and drew in the next, a quarter-second stall)."""
    from PySide6.QtCore import QObject, QTimer

    from rcdesk.ui.scores import chart_queue

    order: list[str] = []

    def first() -> None:
        order.append("first")
        QTimer.singleShot(0, lambda: order.append("left by first"))

    owner = QObject()
    chart_queue.enqueue(first, owner)
    chart_queue.enqueue(lambda: order.append("second"), owner)
    qtbot.waitUntil(lambda: "second" in order)
    assert order == ["first", "left by first", "second"]
    assert chart_queue.pending() == 0
    gone = QObject()
    chart_queue.enqueue(lambda: order.append("for a deleted widget"), gone)
    chart_queue.enqueue(lambda: order.append("third"), owner)
    shiboken6.delete(gone)
    qtbot.waitUntil(lambda: "third" in order)
    assert "for a deleted widget" not in order


def _name(piece) -> str:
    return getattr(piece, "func", piece).__name__  # a partial: its function's


def test_the_scores_charts_are_built_and_drawn_one_piece_at_a_time(
        qtbot, ward, tmp_path, monkeypatch):
    """First visit: the heat-map's build, the profile's build and each canvas's draw are
    separate pieces of the chart queue, the heat-map drawn a few artists per piece (its
    text in one turn stalled a big matrix's first visit, issue 23), and both charts end
    up drawn."""
    from rcdesk.ui import chart_pieces
    from rcdesk.ui.scores import chart_queue

    window, page = ward
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    pieces: list[str] = []
    real = chart_queue.enqueue
    monkeypatch.setattr(chart_queue, "enqueue",
                        lambda piece, owner: pieces.append(_name(piece)) or real(piece, owner))
    window.show()
    qtbot.waitExposed(window)
    page.show_scores()
    scores = page.scores_page
    qtbot.waitUntil(lambda: scores.heatmap.canvas is not None
                    and scores.profile.canvas is not None and chart_queue.pending() == 0)
    assert sorted(set(pieces) - {"_draw_group"}) == [
        "_begin", "_draw_idle", "_show_drawn", "_show_if_pending"]
    assert pieces.count("_show_if_pending") == 2 and pieces.count("_draw_idle") == 1
    artists = chart_pieces.draw_order(scores.heatmap.figure)
    assert pieces.count("_draw_group") == len(chart_pieces.groups(artists)) > 2
    for view in (scores.heatmap, scores.profile):
        assert hasattr(view.canvas, "renderer")  # drawn


def settled(qtbot, *views) -> None:
    """Every chart built and drawn at the size its layout gives it."""
    from rcdesk.ui.scores import chart_queue

    for _ in range(2):
        QApplication.processEvents()
        qtbot.waitUntil(lambda: chart_queue.pending() == 0 and not any(
            v._pending or v._resized.isActive() for v in views))  # noqa: SLF001


def test_a_map_rating_keeps_the_survey_heatmap_it_does_not_change(qtbot, ward, tmp_path):
    """A wave showing survey results: rating a tie on the map changes nothing the charts
    show, so they are not built again; renaming a role does rebuild the heat-map."""
    window, page = ward
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    scores = page.scores_page
    service = page.model.service
    roles = service.roles()
    wave = service.waves()[0].id
    page.runner.run(lambda: service.map.add_tie(roles[0].id, roles[1].id))
    tie = service.ties()[0]
    settled(qtbot, scores.heatmap, scores.profile)
    heatmap, profile = scores.heatmap.figure, scores.profile.figure
    assert heatmap is not None and profile is not None
    page.runner.run(lambda: service.map.set_rating(tie.id, wave, "overall", 2))
    settled(qtbot, scores.heatmap, scores.profile)
    assert scores.heatmap.figure is heatmap and scores.profile.figure is profile
    page.runner.run(lambda: service.map.rename_role(roles[0].id, "Charge nurses"))
    assert scores.heatmap.figure is not heatmap
    assert scores.profile.figure is profile
    assert "Charge nurses" in scores.heatmap.texts()


def test_a_heatmap_rebuilt_in_place_keeps_showing_the_last_one_until_the_new_is_drawn(
        qtbot, ward, tmp_path):
    """A role renamed: the heat-map is built anew and drawn over several turns; meanwhile
    the view shows the last finished heat-map, never a white box."""
    from PySide6.QtGui import QColor

    from rcdesk.ui.scores import chart_queue

    window, page = ward
    window.show()
    qtbot.waitExposed(window)
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    view = page.scores_page.heatmap
    settled(qtbot, view)
    old = view.canvas
    service = page.model.service
    role = service.roles()[0]
    page.runner.run(lambda: service.map.rename_role(role.id, "Charge nurses"))
    qtbot.waitUntil(lambda: view.canvas is not old)
    new = view.canvas
    seen = []
    while not hasattr(new, "renderer"):  # until its own drawing is done
        image = new.grab().toImage()
        seen.append(any(image.pixelColor(x, y) != QColor(Qt.GlobalColor.white)
                        for x in range(0, image.width(), 4)
                        for y in range(0, image.height(), 4)))
        waiting = chart_queue.pending()
        qtbot.waitUntil(lambda: chart_queue.pending() != waiting)  # noqa: B023 - this turn's
    assert seen and all(seen)
    assert "Charge nurses" in view.texts()
