"""The Structures tab, driven as a facilitator would: assess the ten structures by keyboard
for the header's wave, link one to two ties, make its gap and plan a PDSA cycle there;
every step is saved at once and undone by Ctrl+Z."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rcdesk.domain.interventions import STRUCTURAL_KEYS
from rcdesk.domain.structures import StructureStatus
from rcdesk.services.sample import build_sample


@pytest.fixture
def structures_tab(qtbot, make_window):
    window = make_window()
    workshop_id = build_sample(window.library)
    window.home.refresh()
    window.open_workshop(workshop_id)
    page = window.workshop_page
    gaps = page.show_gaps()
    view = page.structures
    gaps.setCurrentWidget(view)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window, page, view


def stored_ratings(view) -> dict[str, tuple[int | None, int | None]]:
    ratings = view.service.ratings(view.wave_id)
    return {s.key: (ratings[s.id].current, ratings[s.id].desired)
            for s in view.service.structures() if s.id in ratings}


def test_assess_the_ten_structures_by_keyboard_and_undo(qtbot, structures_tab) -> None:
    window, page, view = structures_tab
    assert view.wave_id == page.current_wave_id()
    for row, key in enumerate(STRUCTURAL_KEYS):
        view.table.selectRow(row)
        assert view.selected().key == key
        now, wanted = view.panel.rows["current"], view.panel.rows["desired"]
        now.setFocus()
        qtbot.keyClick(now, Qt.Key.Key_1 + row % 3)
        qtbot.keyClick(now, Qt.Key.Key_Tab)
        assert wanted.hasFocus()
        qtbot.keyClick(wanted, Qt.Key.Key_5)
        assert view.panel.rows["current"].buttons[1 + row % 3].isChecked()
    assert stored_ratings(view) == {key: (1 + row % 3, 5)
                                    for row, key in enumerate(STRUCTURAL_KEYS)}
    table_now = view.table_model.column_index("Now")
    assert view.table_model.index(0, table_now).data() == "1"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # the sample rated it (2, 4) at follow-up: Ctrl+Z takes back the last key, wanted 5
    assert stored_ratings(view)["information_systems"] == (1, 4)


def test_link_two_ties_make_the_gap_and_plan_its_cycle(qtbot, structures_tab) -> None:
    window, page, view = structures_tab
    assert view.select_structure("boundary_spanner")
    assert "Candidate boundary spanners" in view.panel.notes.text()
    assert view.select_structure("training")  # assessed at baseline, nothing linked yet
    ties = view.panel.ties
    for row in (0, 1):
        ties.item(row).setCheckState(Qt.CheckState.Checked)
    training = view.selected()
    chosen = {int(ties.item(r).data(Qt.ItemDataRole.UserRole)) for r in (0, 1)}
    assert view.service.links(training.id).tie_ids == chosen
    assert view.panel.ties.item(0).checkState() == Qt.CheckState.Checked  # shown again

    qtbot.mouseClick(view.panel.make_gap, Qt.MouseButton.LeftButton)
    (gap_id,) = view.service.links(training.id).gap_ids
    assert view.panel.gaps.count() == 1
    view.panel.gaps.itemActivated.emit(view.panel.gaps.item(0))
    gaps = page.gaps
    assert gaps.currentIndex() == 0 and gaps.selected_gap().id == gap_id
    assert gaps.selected_gap().interventions == ("training",)
    qtbot.mouseClick(gaps.experiments.add, Qt.MouseButton.LeftButton)
    assert [e.gap_id for e in gaps.service.experiments()].count(gap_id) == 1

    for _ in range(2):  # the cycle, then the gap with its link
        page.stack.undo()
    assert view.service.links(training.id).gap_ids == frozenset()
    page.stack.undo()  # the second tie
    assert len(view.service.links(training.id).tie_ids) == 1


def test_owner_status_and_evidence_from_the_panel(qtbot, structures_tab) -> None:
    window, page, view = structures_tab
    assert view.select_structure("conflict_resolution")
    panel = view.panel
    before = panel.evidence.value()
    assert before.startswith("Delays are argued")  # the sample's baseline evidence
    panel.status.setCurrentIndex(list(StructureStatus).index(StructureStatus.PLANNED))
    panel.status.activated.emit(panel.status.currentIndex())
    panel.evidence.setFocus()
    panel.evidence.selectAll()
    qtbot.keyClicks(panel.evidence, "Raised at the huddle now")
    panel.rows["current"].setFocus()  # leaving the box saves it
    structure = view.selected()
    assert structure.status is StructureStatus.PLANNED
    assert view.service.ratings(view.wave_id)[structure.id].evidence == (
        "Raised at the huddle now")
    page.stack.undo()
    assert view.service.ratings(view.wave_id)[structure.id].evidence == before
    assert panel.evidence.value() == before
    assert view.selected().status is StructureStatus.PLANNED


def test_a_structure_of_the_teams_own(qtbot, structures_tab) -> None:
    window, page, view = structures_tab
    view.new_name.setFocus()
    qtbot.keyClicks(view.new_name, "Handover board")
    qtbot.keyClick(view.new_name, Qt.Key.Key_Return)
    assert view.table_model.records()[-1].structure.name == "Handover board"
    assert view.selected().name == "Handover board"
    assert view.panel.name.isVisibleTo(view.panel)


def test_the_header_wave_is_the_assessed_wave(qtbot, structures_tab) -> None:
    window, page, view = structures_tab
    waves = page.model.service.waves()
    page.wave_picker.setCurrentIndex(page.wave_picker.findData(waves[0].id))
    assert view.wave_id == waves[0].id
    assert waves[0].name in view.wave_label.text()


def test_our_change_model_tab_shows_and_exports_the_page(qtbot, structures_tab, tmp_path,
                                                         monkeypatch) -> None:
    from rcdesk.ui import messages

    window, page, view = structures_tab
    tab = page.change_model
    page.gaps.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.chart.figure is not None)
    texts = [t.get_text() for t in tab.chart.figure.findobj(
        match=lambda artist: hasattr(artist, "get_text"))]
    assert any("Our change model" in t for t in texts)
    target = tmp_path / "wall.pdf"
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(target))
    tab.page.setCurrentIndex(tab.page.findData("A3"))
    tab.export()
    assert target.read_bytes().startswith(b"%PDF")
    # a later wave in the header shows that wave's coordination
    first = page.model.service.waves()[0]
    page.wave_picker.setCurrentIndex(page.wave_picker.findData(first.id))
    qtbot.waitUntil(lambda: first.name in tab.note.text())  # read off the UI thread


def test_drivers_of_an_aim_and_its_diagram(qtbot, structures_tab, tmp_path,
                                           monkeypatch) -> None:
    from rcdesk.ui import messages

    window, page, view = structures_tab
    gaps = page.gaps
    aim = next(g for g in gaps.service.gaps() if g.title.startswith("Less overtime"))
    gaps.show_gap(aim.id)
    gaps.show_side(gaps.drivers)
    panel = gaps.drivers
    qtbot.waitUntil(lambda: panel.chart.figure is not None)
    checked = [panel.dimensions.item(i).data(Qt.ItemDataRole.UserRole)
               for i in range(panel.dimensions.count())
               if panel.dimensions.item(i).checkState() == Qt.CheckState.Checked]
    assert checked == ["timely", "problem_solving"]  # the sample's drivers
    respect = next(i for i in range(panel.dimensions.count())
                   if panel.dimensions.item(i).data(Qt.ItemDataRole.UserRole)
                   == "mutual_respect")
    panel.dimensions.item(respect).setCheckState(Qt.CheckState.Checked)
    assert "mutual_respect" in panel.service.drivers(aim.id).dimensions
    words = " ".join(t.get_text() for t in panel.chart.figure.findobj(
        match=lambda artist: hasattr(artist, "get_text")))  # boxes wrap their words
    assert "Mutual respect" in words and "Shared meetings / huddles" in words
    page.stack.undo()
    assert "mutual_respect" not in panel.service.drivers(aim.id).dimensions
    target = tmp_path / "drivers.svg"
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(target))
    panel.export()
    assert target.read_text().lstrip().startswith("<?xml")


def test_a_structure_of_the_teams_own_can_be_deleted_and_brought_back(qtbot,
                                                                       structures_tab) -> None:
    window, page, view = structures_tab
    assert view.select_structure("huddles")
    assert not view.panel.delete.isVisibleTo(view.panel)  # one of the ten: never deleted
    view.new_name.setText("Handover board")
    view.add_structure()
    assert view.panel.delete.isVisibleTo(view.panel)
    qtbot.mouseClick(view.panel.delete, Qt.MouseButton.LeftButton)
    assert "Handover board" not in [r.structure.name for r in view.table_model.records()]
    page.stack.undo()
    assert view.table_model.records()[-1].structure.name == "Handover board"


def test_a_refresh_fills_the_structure_panel_once(qtbot, structures_tab) -> None:
    """The panel lists every role and tie to link: filled once per refresh (a large map has
    thousands of ties), still on the structure that was selected."""
    _, page, view = structures_tab
    view.table.selectRow(3)
    chosen = view.selected()
    view.table.clearSelection()  # as after a reload that changed the rows
    shown = []
    fill = view.panel.show_structure
    view.panel.show_structure = lambda structure: (shown.append(structure), fill(structure))
    view.refresh()
    assert [s.key for s in shown] == [chosen.key]
    assert view.panel.structure.key == chosen.key
