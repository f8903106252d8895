"""Selecting a tie places the map's labels again (its number first): the role names go
where they went, without a search, and every label lands where a placement from scratch
puts it (issue 23)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from rcdesk.ui.map.labels import RolePlaces, place_labels


def _where(scene) -> dict[str, tuple[float, float, bool]]:
    spots = {f"role {i}": (item.label.pos().x(), item.label.pos().y(), True)
             for i, item in scene.item_for_role.items()}
    for i, tie in scene.item_for_tie.items():
        label = tie.value_label
        if label is not None and label.isVisible() and label.text():
            spots[f"tie {i}"] = (label.pos().x(), label.pos().y(), label.crowded)
    return spots


def sample_map(qtbot, make_window):
    """The sample workshop's map, shown and settled (its labels placed)."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    mp = page.map
    qtbot.waitUntil(lambda: mp.view.isVisible() and not mp.metrics_busy())
    QApplication.processEvents()
    return mp


def test_selecting_a_tie_places_its_number_first_and_the_names_as_before(qtbot, make_window):
    mp = sample_map(qtbot, make_window)
    scene, view = mp.scene, mp.view
    numbered = [t for t in scene.item_for_tie.values() if t.value_text()]
    assert len(numbered) >= 3
    searches = view.role_places.searches
    for tie in numbered[:3]:
        scene.select_only(tie)
        QApplication.processEvents()  # the labels are placed in the next turn
        assert view.role_places.searches == searches  # nothing moved the names
        assert not tie.value_label.crowded  # the selected tie's number always shows
        placed = _where(scene)
        place_labels(scene, view, view.reserved_below, RolePlaces())  # from scratch
        assert _where(scene) == placed


def test_a_zoom_places_the_names_anew(qtbot, make_window):
    mp = sample_map(qtbot, make_window)
    view = mp.view
    searches = view.role_places.searches
    view.zoom(1)
    view.place_labels()
    assert view.role_places.searches == searches + 1
    placed = _where(mp.scene)
    place_labels(mp.scene, view, view.reserved_below, RolePlaces())
    assert _where(mp.scene) == placed


def test_projector_mode_on_and_off_again_places_the_names_as_the_last_time(
        qtbot, make_window):
    mp = sample_map(qtbot, make_window)
    window, view = mp.window(), mp.view
    looks = {}
    for on in (True, False, True, False):
        window.set_projector_mode(on)
        qtbot.waitUntil(lambda: not view._labels_timer.isActive())
        QApplication.processEvents()
        view.place_labels()
        looks.setdefault(on, []).append((view.role_places.searches, _where(mp.scene)))
    for on in (True, False):
        (_, placed), (_, placed_again) = looks[on]
        assert placed_again == placed
    # The second time round (on, then off) the names' places were kept: no search.
    assert looks[False][1][0] == looks[False][0][0]
