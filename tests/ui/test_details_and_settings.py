"""Workshop details and settings: validation beside the field, nothing saved when wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_a_title_already_used_is_refused_beside_the_field_and_the_text_stays(qtbot, make_window):
    window = make_window()
    window.library.create("Ward 7")
    window.home.new_workshop()
    page = window.workshop_page
    details = page.overview.details
    title = details.fields["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "WARD 7")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert page.model.service.workshop().title == "New workshop"
    assert details.error.isVisible()
    assert "Another workshop is already called" in details.error.text()
    assert title.text() == "WARD 7"
    title.selectAll()
    qtbot.keyClicks(title, "Ward 8")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert page.model.service.workshop().title == "Ward 8"
    assert not details.error.isVisible()


def test_team_and_process_are_saved_and_undone(qtbot, workshop):
    window, page = workshop
    team = page.overview.details.fields["team"]
    team.setFocus()
    qtbot.keyClicks(team, "Ward 7 nurses and doctors")
    qtbot.keyClick(team, Qt.Key.Key_Tab)
    assert page.model.service.workshop().team == "Ward 7 nurses and doctors"
    assert window.actions_by_name["undo"].text() == "Undo Change team"
    window.undo_group.undo()
    assert page.model.service.workshop().team == ""
    assert team.text() == ""


def test_cut_points_in_the_wrong_order_are_not_saved(qtbot, workshop):
    window, page = workshop
    panel = page.overview.settings
    panel.weak_below.setValue(4.5)
    settings = page.model.service.workshop().settings
    assert (settings.weak_below, settings.strong_above) == (3.5, 4.0)
    assert panel.error.isVisible()
    assert "must be smaller" in panel.error.text()
    assert panel.weak_below.value() == 4.5

    panel.strong_above.setValue(4.75)
    settings = page.model.service.workshop().settings
    assert (settings.weak_below, settings.strong_above) == (4.5, 4.75)
    assert not panel.error.isVisible()
    window.undo_group.undo()
    assert page.model.service.workshop().settings.strong_above == 4.0
    assert panel.strong_above.value() == 4.0


def test_the_anonymity_threshold_cannot_go_below_three(qtbot, workshop):
    window, page = workshop
    k = page.overview.settings.k
    k.setFocus()
    k.selectAll()
    qtbot.keyClicks(k, "2")
    qtbot.keyClick(k, Qt.Key.Key_Return)
    assert k.value() >= 3
    assert page.model.service.workshop().settings.anonymity_k >= 3
    k.setValue(5)
    assert page.model.service.workshop().settings.anonymity_k == 5


def test_dimension_wording_is_the_workshops_own_and_reaches_the_rating_panel(qtbot, workshop):
    window, page = workshop
    field = page.overview.descriptions.fields["timely"]
    assert field.text() == "" and field.placeholderText()
    field.setFocus()
    qtbot.keyClicks(field, "Information arrives before the patient leaves.")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    workshop_now = page.model.service.workshop()
    assert workshop_now.descriptions == {"timely": "Information arrives before the patient leaves."}
    row = page.map.panel.rows["timely"]
    assert row.description.text() == "Information arrives before the patient leaves."
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert page.model.service.workshop().descriptions == {}
    assert row.description.text() == field.placeholderText()
    window.undo_group.undo()
    assert page.model.service.workshop().description("timely").startswith("Information arrives")


def test_the_fewest_items_setting_is_kept_and_undone(qtbot, workshop):
    """Complete cases only (7): saved, kept when another setting changes, undone by Ctrl+Z."""
    window, page = workshop
    settings = page.overview.settings
    assert settings.min_items.value() == 1
    settings.min_items.setValue(7)
    assert page.model.service.workshop().settings.min_items == 7
    settings.k.setValue(4)
    assert page.model.service.workshop().settings.min_items == 7
    window.undo_group.undo()
    window.undo_group.undo()
    assert page.model.service.workshop().settings.min_items == 1
    assert settings.min_items.value() == 1
