"""The map, driven with real mouse and keyboard gestures on the view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from rcdesk.domain.bands import Band
from rcdesk.reports import map_style as ms

PLACES = {"Nurses": (-220.0, 0.0), "Physicians": (220.0, 0.0), "Pharmacists": (0.0, 240.0)}


@pytest.fixture
def mapped(qtbot, make_window):
    """A window on a workshop with three placed roles, showing its map at zoom 1."""
    window = make_window()
    window.library.create("Ward 7", roles=list(PLACES))
    window.home.refresh()
    window.home.open_selected()
    page = window.workshop_page
    service = page.model.service
    ids = {r.name: r.id for r in service.roles()}
    service.map.set_role_positions({ids[n]: p for n, p in PLACES.items()})
    page.show_stage(1)
    view = page.map.view
    view.resetTransform()
    view.centerOn(0, 60)
    with qtbot.waitActive(window):
        window.activateWindow()
    view.setFocus()
    return window, page, ids


def at(view, x: float, y: float) -> QPoint:
    return view.mapFromScene(QPointF(x, y))


def drag(view, start: QPoint, end: QPoint) -> None:
    port = view.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(port, start + (end - start) * step / 5)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def tie_pairs(page, ids) -> set[tuple[str, str]]:
    names = {v: k for k, v in ids.items()}
    return {(names[t.source_id], names[t.target_id]) for t in page.model.service.ties()}


def test_double_click_on_empty_canvas_adds_a_role_named_in_place(qtbot, mapped):
    window, page, ids = mapped
    view = page.map.view
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, at(view, 0, -200))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "New role"
    qtbot.keyClicks(editor, "Social workers")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    role = next(r for r in page.model.service.roles() if r.name == "Social workers")
    assert (role.x, role.y) == pytest.approx((0, -200), abs=2)
    assert window.actions_by_name["undo"].text() == "Undo Rename role"
    window.undo_group.undo()
    window.undo_group.undo()
    assert [r.name for r in page.model.service.roles()] == list(PLACES)
    assert "Social workers" not in [i.role.name for i in page.map.scene.item_for_role.values()]


def test_connect_tool_draws_directed_ties_and_loops_with_undo(qtbot, mapped):
    window, page, ids = mapped
    view = page.map.view
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert page.map.connect_button.isChecked()
    drag(view, at(view, -220, 0), at(view, 220, 0))
    drag(view, at(view, 220, 0), at(view, -220, 0))
    drag(view, at(view, 0, 240), at(view, 5, 245))
    assert tie_pairs(page, ids) == {("Nurses", "Physicians"), ("Physicians", "Nurses"),
                                   ("Pharmacists", "Pharmacists")}
    items = page.map.scene.item_for_tie
    assert len(items) == 3
    forward, backward = (items[t.id] for t in page.model.service.ties()[:2])
    assert forward.shape().boundingRect() != backward.shape().boundingRect()  # two curves
    window.undo_group.undo()
    assert ("Pharmacists", "Pharmacists") not in tie_pairs(page, ids)
    window.undo_group.redo()
    assert ("Pharmacists", "Pharmacists") in tie_pairs(page, ids)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not page.map.connect_button.isChecked()


def test_dragging_from_a_rim_draws_a_tie_and_a_plain_drag_moves(qtbot, mapped):
    window, page, ids = mapped
    view = page.map.view
    rim = -220 + ms.NODE_RADIUS * 0.9
    drag(view, at(view, rim, 0), at(view, 0, 240))
    assert tie_pairs(page, ids) == {("Nurses", "Pharmacists")}
    drag(view, at(view, 220, 0), at(view, 300, -100))
    moved = page.model.service.role(ids["Physicians"])
    assert (moved.x, moved.y) == pytest.approx((300, -100), abs=2)
    assert window.actions_by_name["undo"].text() == "Undo Move role"
    window.undo_group.undo()
    back = page.model.service.role(ids["Physicians"])
    assert (back.x, back.y) == (220.0, 0.0)
    assert page.map.scene.item_for_role[ids["Physicians"]].pos() == QPointF(220, 0)


def test_rename_with_f2_and_delete_with_del_and_undo_restores_ties(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Physicians"], ids["Nurses"])
    view = page.map.view
    scene = page.map.scene
    scene.select_only(scene.item_for_role[ids["Physicians"]])
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Doctors")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert service.role(ids["Physicians"]).name == "Doctors"
    assert scene.item_for_role[ids["Physicians"]].label.text() == "Doctors"

    scene.select_only(scene.item_for_role[ids["Physicians"]])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert ids["Physicians"] not in {r.id for r in service.roles()}
    assert service.ties() == [] and scene.item_for_tie == {}
    window.undo_group.undo()
    assert len(service.ties()) == 2 and len(scene.item_for_tie) == 2
    assert service.role(ids["Physicians"]).name == "Doctors"


def test_rate_with_number_keys_and_tab_between_dimensions(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    tie = service.ties()[0]
    wave = service.waves()[0]
    scene, view, panel = page.map.scene, page.map.view, page.map.panel
    scene.select_only(scene.item_for_tie[tie.id])
    assert panel.heading.text() == "Nurses → Physicians"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert page.map.live_values(tie.id) == {"overall": 4}
    assert scene.item_for_tie[tie.id].style == ms.BAND_STYLES[Band.MODERATE]

    panel.focus_row("frequent")
    qtbot.keyClick(panel.rows["frequent"], Qt.Key.Key_2)
    qtbot.keyClick(panel.rows["frequent"], Qt.Key.Key_Tab)
    assert panel.rows["timely"].hasFocus()
    qtbot.keyClick(panel.rows["timely"], Qt.Key.Key_3)
    assert page.map.live_values(tie.id) == {"overall": 4, "frequent": 2, "timely": 3}
    assert scene.item_for_tie[tie.id].style == ms.BAND_STYLES[Band.WEAK]  # mean 2.5
    assert panel.rows["timely"].buttons[3].isChecked()
    qtbot.keyClick(panel.rows["timely"], Qt.Key.Key_0)
    assert "timely" not in page.map.live_values(tie.id)
    window.undo_group.undo()
    assert page.map.live_values(tie.id)["timely"] == 3
    ratings = [(r.wave_id, r.dimension, r.value) for r in service.ratings()]
    assert (wave.id, "frequent", 2) in ratings


def test_n_jumps_to_the_next_unrated_tie(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    for a, b in (("Nurses", "Physicians"), ("Physicians", "Nurses"), ("Nurses", "Pharmacists")):
        service.map.add_tie(ids[a], ids[b])
    first, second, third = service.ties()
    service.map.set_rating(second.id, service.waves()[0].id, "overall", 5)
    view = page.map.view
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert page.map.selected_tie() == first.id
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert page.map.selected_tie() == third.id


def test_layouts_move_unpinned_roles_in_one_step_and_never_pinned_ones(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.set_pinned([ids["Nurses"]], True)
    before = {r.id: (r.x, r.y) for r in service.roles()}
    page.map.apply_layout("circle")
    after = {r.id: (r.x, r.y) for r in service.roles()}
    assert after[ids["Nurses"]] == before[ids["Nurses"]]
    assert after != before
    assert window.actions_by_name["undo"].text() == "Undo Apply circle layout"
    window.undo_group.undo()
    assert {r.id: (r.x, r.y) for r in service.roles()} == before
    page.map.apply_layout("spring")
    assert {r.id: (r.x, r.y) for r in service.roles()}[ids["Nurses"]] == before[ids["Nurses"]]


def test_a_big_maps_force_directed_layout_is_worked_out_off_the_ui_thread(
        qtbot, mapped, monkeypatch):
    from rcdesk.ui.map import arrange

    window, page, ids = mapped
    service = page.model.service
    monkeypatch.setattr(arrange, "BACKGROUND_TIES", -1)  # these three roles count as a big map
    before = {r.id: (r.x, r.y) for r in service.roles()}
    page.map.apply_layout("spring")
    assert page.map.arranger.busy()
    assert window.status.message.text() == "Arranging the roles…"
    qtbot.waitUntil(lambda: not page.map.arranger.busy(), timeout=20000)
    assert {r.id: (r.x, r.y) for r in service.roles()} != before
    assert window.actions_by_name["undo"].text() == "Undo Apply force-directed layout"
    window.undo_group.undo()
    assert {r.id: (r.x, r.y) for r in service.roles()} == before
    # The roles change while the layout is being worked out: nothing moves, and it says so.
    page.map.apply_layout("spring")
    service.map.add_role("Porters")
    qtbot.waitUntil(lambda: not page.map.arranger.busy(), timeout=20000)
    assert "changed while the roles were being arranged" in window.status.message.text()
    assert {r.id: (r.x, r.y) for r in service.roles() if r.name != "Porters"} == before


def _held_spring(monkeypatch):
    """The force-directed layout, held in its worker until the test lets it go."""
    import threading

    from rcdesk.analysis import layouts

    release = threading.Event()
    real = layouts.spring_layout

    def held(*args, **kwargs):
        assert release.wait(20), "the test never let the layout go"
        return real(*args, **kwargs)

    monkeypatch.setattr(layouts, "spring_layout", held)
    return release


def test_a_layout_asked_for_while_another_is_worked_out_wins(qtbot, mapped, monkeypatch):
    from rcdesk.ui.map import arrange

    window, page, _ = mapped
    service = page.model.service
    monkeypatch.setattr(arrange, "BACKGROUND_TIES", -1)
    release = _held_spring(monkeypatch)
    page.map.apply_layout("spring")
    page.map.apply_layout("circle")  # applied at once
    circle = {r.id: (r.x, r.y) for r in service.roles()}
    assert not page.map.arranger.busy()
    release.set()
    page.map.arranger.background.wait(20000)
    QApplication.processEvents()
    assert {r.id: (r.x, r.y) for r in service.roles()} == circle
    assert window.actions_by_name["undo"].text() == "Undo Apply circle layout"


def test_a_role_moved_or_pinned_while_the_layout_is_worked_out_stays_put(
        qtbot, mapped, monkeypatch):
    from rcdesk.ui.map import arrange

    window, page, ids = mapped
    service = page.model.service
    monkeypatch.setattr(arrange, "BACKGROUND_TIES", -1)
    release = _held_spring(monkeypatch)
    page.map.apply_layout("spring")
    service.map.set_role_positions({ids["Nurses"]: (999.0, 999.0)})
    service.map.set_pinned([ids["Nurses"]], True)
    placed = {r.id: (r.x, r.y) for r in service.roles()}
    release.set()
    qtbot.waitUntil(lambda: not page.map.arranger.busy(), timeout=20000)
    assert {r.id: (r.x, r.y) for r in service.roles()} == placed
    assert "changed while the roles were being arranged" in window.status.message.text()


def test_an_unexpected_failure_in_a_worker_is_reported_and_leaves_the_map_usable(
        qtbot, mapped, monkeypatch):
    import sys
    import threading

    from rcdesk.analysis import layouts
    from rcdesk.ui.map import arrange

    window, page, _ = mapped
    monkeypatch.setattr(arrange, "BACKGROUND_TIES", -1)
    reported: list[tuple[str, bool]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: reported.append(
        (str(value), threading.current_thread() is threading.main_thread())))

    def broken(*args, **kwargs):
        raise RuntimeError("the layout broke")

    monkeypatch.setattr(layouts, "spring_layout", broken)
    page.map.apply_layout("spring")
    qtbot.waitUntil(lambda: not page.map.arranger.busy(), timeout=20000)
    assert reported == [("the layout broke", True)]  # on the UI thread, for the app's hook
    monkeypatch.undo()
    page.map.apply_layout("circle")
    assert window.actions_by_name["undo"].text() == "Undo Apply circle layout"


def test_a_layout_the_map_is_too_big_for_says_so_and_moves_nothing(qtbot, mapped, monkeypatch):
    from rcdesk.analysis import layouts

    window, page, _ = mapped
    service = page.model.service
    monkeypatch.setattr(layouts, "SPRING_MAX_ROLES", 2)
    before = {r.id: (r.x, r.y) for r in service.roles()}
    page.map.apply_layout("spring")
    assert "force-directed layout handles up to 2 roles" in window.status.message.text()
    assert {r.id: (r.x, r.y) for r in service.roles()} == before


def test_hidden_scores_show_no_colours_until_revealed_one_tie_at_a_time(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    wave = service.waves()[0].id
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Physicians"], ids["Nurses"])
    weak, strong = service.ties()
    service.map.set_rating(weak.id, wave, "overall", 2)
    service.map.set_rating(strong.id, wave, "overall", 5)
    scene = page.map.scene
    page.map.hide_scores.setChecked(True)
    assert {i.style for i in scene.item_for_tie.values()} == {ms.HIDDEN_STYLE}
    assert all(i.value_text() == "" for i in scene.item_for_tie.values())
    page.map.reveal_next_tie()
    assert scene.item_for_tie[strong.id].style == ms.BAND_STYLES[Band.STRONG]
    assert scene.item_for_tie[strong.id].value_text() == "5.00"
    assert scene.item_for_tie[weak.id].value_text() == ""
    assert scene.item_for_tie[weak.id].style == ms.HIDDEN_STYLE
    page.map.hide_scores.setChecked(False)
    assert scene.item_for_tie[weak.id].style == ms.BAND_STYLES[Band.WEAK]


def test_the_ties_table_lists_weakest_first_and_edits_ratings(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    wave = service.waves()[0].id
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Physicians"], ids["Nurses"])
    first, second = service.ties()
    service.map.set_rating(first.id, wave, "overall", 5)
    service.map.set_rating(second.id, wave, "overall", 3)
    model = page.map.table_model
    assert [model.record(r).source for r in range(model.rowCount())] == ["Physicians", "Nurses"]
    column = model.column_index("Timely")
    assert model.setData(model.index(0, column), "2")
    assert (second.id, "timely", 2) in {(r.tie_id, r.dimension, r.value)
                                        for r in service.ratings()}
    assert not model.setData(model.index(0, column), "7")
    assert "1–5" in window.status.message.text()


def test_map_keys_do_not_fire_while_typing_in_a_field(qtbot, mapped):
    window, page, ids = mapped
    field = page.overview.roles.new_name
    page.show_stage(0)
    field.setFocus()
    qtbot.keyClicks(field, "cn")
    assert field.text() == "cn"
    assert not page.map.connect_button.isChecked()


def test_export_map_writes_the_shown_map_as_png_and_svg(qtbot, mapped, tmp_path, monkeypatch):
    from rcdesk.ui import messages

    window, page, ids = mapped
    page.model.service.map.add_tie(ids["Nurses"], ids["Physicians"])
    for name in ("map.png", "map.svg"):
        target = tmp_path / name
        monkeypatch.setattr(messages, "choose_save_file", lambda *args, t=target: str(t))
        with qtbot.waitSignal(page.map.image_exported, timeout=60_000) as written:
            window.actions_by_name["export_map"].trigger()
            # drawn in a child process: the window goes on at once (a big map took
            # seconds on the UI thread)
            assert not target.exists() and "Saving the map" in window.status.message.text()
        assert written.args == [target]
        assert target.exists() and target.stat().st_size > 1000
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "Pharmacists" in svg and "Ward 7" in svg
    assert "Map saved to" in window.status.message.text()
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(tmp_path / "map.gif"))
    window.actions_by_name["export_map"].trigger()
    assert ".png" in window.status.message.text() and not (tmp_path / "map.gif").exists()


def test_a_big_map_works_out_its_metrics_off_the_ui_thread(qtbot, make_window):
    from rcdesk.ui.map import arrange

    window = make_window()
    names = [f"Role {i}" for i in range(20)]
    workshop_id = window.library.create("Big", roles=names)
    service = window.library.open(workshop_id)
    ids = [r.id for r in service.roles()]
    pairs = [(a, b) for a in ids for b in ids if a != b][: arrange.BACKGROUND_TIES + 20]
    with service.library.db.atomic():
        service.library.db.conn.executemany(
            "INSERT INTO ties (workshop_id, source_id, target_id) VALUES (?, ?, ?)",
            [(workshop_id, a, b) for a, b in pairs])
    window.home.refresh()
    with qtbot.waitSignal(window.workshop_opened):
        window.open_workshop(workshop_id)
    page = window.workshop_page.map
    with qtbot.waitSignal(page.metrics_ready, timeout=20000):
        page.refresh_tables()
    assert page.roles_model.rowCount() == 20
    assert page.roles_model.record(0).given == 19


def test_the_change_lens_colours_ties_by_what_changed_since_an_earlier_wave(qtbot, make_window):
    from rcdesk.services.scores import ScoresService

    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    service = page.model.service
    baseline, kickoff, follow_up = service.waves()  # the in-room "Kick-off ratings" between
    page.wave_picker.setCurrentIndex(page.wave_picker.findData(follow_up.id))
    page.show_stage(1)
    map_page = page.map
    picker = map_page.compare_picker
    assert [picker.itemData(i) for i in range(picker.count())] == [None, baseline.id,
                                                                   kickoff.id]
    picker.setCurrentIndex(1)
    expected = ScoresService(service.library, service.workshop_id).compare(baseline.id,
                                                                           follow_up.id)
    scene = map_page.scene
    assert scene.comparison == expected
    for change in expected.ties:
        tie = next(t for t in service.ties()
                   if (t.source_id, t.target_id) == (change.source_id, change.target_id))
        item = scene.item_for_tie[tie.id]
        assert item.style == ms.CHANGE_STYLES[change.kind.value]
        if change.delta is not None:
            assert item.value_text() == f"{change.delta:+.2f}"
    assert {c.kind.value for c in expected.ties} >= {"improved"}
    assert map_page.legend.change and map_page.legend.title == "Change since Baseline"
    picker.setCurrentIndex(0)
    assert scene.comparison is None
    assert not map_page.legend.change


def test_closing_the_workshop_lets_a_map_export_under_way_finish(qtbot, mapped, tmp_path):
    window, page, ids = mapped
    target = tmp_path / "closing.png"
    assert page.map.export_image(str(target))
    window.close_workshop()
    assert target.exists() and target.stat().st_size > 1000
