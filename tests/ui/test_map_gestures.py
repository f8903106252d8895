"""Map gestures from issue 16: connect by two clicks, Esc, no phantom undo steps, hidden
scores everywhere the room can see, and a clean close."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from .test_map import at, mapped, tie_pairs

__all__ = ["mapped"]  # the fixture


def click(view, point) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, point)


def test_connect_click_source_then_target_draws_one_tie(qtbot, mapped):
    window, page, ids = mapped
    view = page.map.view
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert "click" in window.status.message.text().lower()
    click(view, at(view, -220, 0))  # Nurses
    click(view, at(view, 220, 0))  # Physicians
    assert tie_pairs(page, ids) == {("Nurses", "Physicians")}
    assert view.mode.name == "connect"  # the tool stays on for the next tie


def test_escape_cancels_a_started_connection_and_the_tool(qtbot, mapped):
    window, page, ids = mapped
    view = page.map.view
    qtbot.keyClick(view, Qt.Key.Key_C)
    click(view, at(view, -220, 0))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    click(view, at(view, 220, 0))
    assert tie_pairs(page, ids) == set()


def test_a_plain_click_on_empty_canvas_after_a_layout_adds_no_undo_step(qtbot, mapped):
    window, page, ids = mapped
    stack = window.undo_group.activeStack()
    page.map.apply_layout("circle")
    animation = page.map.scene.glide()
    qtbot.waitUntil(lambda: animation.state() == animation.State.Stopped, timeout=3000)
    steps = stack.count()
    view = page.map.view
    empty = view.viewport().rect().topLeft() + view.viewport().rect().center() / 8
    click(view, empty)
    assert stack.count() == steps
    window.undo_group.undo()
    assert stack.index() == steps - 1  # the layout itself was undone


def test_hide_scores_hides_them_in_the_ties_table_and_role_metrics_too(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    tie = service.ties()[0]
    service.map.set_rating(tie.id, service.waves()[0].id, "overall", 2)
    mp = page.map
    qtbot.waitUntil(lambda: mp.roles_model.rowCount() == 3, timeout=3000)

    def texts(model) -> set[str]:
        return {str(model.index(r, c).data() or "") for r in range(model.rowCount())
                for c in range(model.columnCount())}

    assert "2.00" in texts(mp.table_model)
    mp.hide_scores.setChecked(True)
    assert "2.00" not in texts(mp.table_model) and "weak" not in texts(mp.table_model)
    assert "2.00" not in texts(mp.roles_model)
    mp.reveal_next_tie()
    assert "2.00" in texts(mp.table_model)  # revealed ties show again
    mp.hide_scores.setChecked(False)
    assert "2.00" in texts(mp.roles_model)


def test_closing_the_workshop_with_a_map_selection_raises_nothing(qtbot, mapped):
    """The scene clears its selection as it is destroyed: that must not reach the page."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    scene = page.map.scene
    scene.select_only(scene.item_for_tie[service.ties()[0].id])
    destroyed = []
    page.map.destroyed.connect(lambda: destroyed.append(True))
    from PySide6.QtCore import SIGNAL

    listening = scene.receivers(SIGNAL("selectionChanged()"))
    window.close_workshop()
    # Only the scene's own handler is left: nothing reaches the page being deleted.
    assert scene.receivers(SIGNAL("selectionChanged()")) == listening - 1
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert destroyed
    scene.clearSelection()  # what the scene does as it is destroyed after the page


@pytest.mark.parametrize("kind", ["circle", "spring"])
def test_a_plain_click_after_a_layout_of_a_new_map_adds_no_undo_step(qtbot, make_window, kind):
    window = make_window()
    window.library.create("Ward 9", roles=["Nurses", "Physicians", "Pharmacists", "Porters",
                                            "Case managers", "Social workers"])
    window.home.refresh()
    window.home.open_selected()
    page = window.workshop_page
    page.show_stage(1)
    view = page.map.view
    stack = window.undo_group.activeStack()
    click(view, view.viewport().rect().topLeft() + QPoint(5, 5))
    assert stack.count() == 0  # nothing moved yet
    page.map.apply_layout(kind)
    qtbot.waitUntil(lambda: stack.count() == 1, timeout=5000)
    # A click while the roles glide lands them where the layout put them: no move of its own.
    click(view, view.viewport().rect().topLeft() + QPoint(5, 5))
    assert stack.count() == 1
    click(view, view.viewport().rect().topLeft() + QPoint(5, 5))
    assert stack.count() == 1


def test_the_tidy_layout_is_one_undo_step_and_leaves_pinned_roles(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    for a, b in (("Nurses", "Physicians"), ("Physicians", "Pharmacists")):
        service.map.add_tie(ids[a], ids[b])
    service.map.set_pinned([ids["Nurses"]], True)
    stack = window.undo_group.activeStack()
    steps = stack.count()
    before = {r.id: (r.x, r.y) for r in service.roles()}
    page.map.apply_layout("stress")
    assert stack.count() == steps + 1
    after = {r.id: (r.x, r.y) for r in service.roles()}
    assert after[ids["Nurses"]] == before[ids["Nurses"]]
    assert after != before
    window.undo_group.undo()
    assert {r.id: (r.x, r.y) for r in service.roles()} == before
