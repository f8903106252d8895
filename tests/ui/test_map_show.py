"""Coming back to the Map stage shows the map as it was left: when nothing changed while
another stage was on show, the map is not fitted nor its labels placed again (a stage
switch placed every label, the most of its time on the sample)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from rcdesk.ui.map import view as view_module
from rcdesk.ui.map.view import MapView


def test_back_on_an_unchanged_map_nothing_is_fitted_or_placed(qtbot, make_window,
                                                              monkeypatch) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    mp = page.map
    qtbot.waitUntil(lambda: mp.view.isVisible() and not mp.metrics_busy())
    QApplication.processEvents()
    fits, placed = [], []
    fit, place = MapView.fit, view_module.place_labels
    monkeypatch.setattr(MapView, "fit", lambda view: fits.append(1) or fit(view))
    monkeypatch.setattr(view_module, "place_labels",
                        lambda *a: placed.append(1) or place(*a))
    for stage in (0, 1, 0, 1):
        page.show_stage(stage)
        QApplication.processEvents()
    assert (fits, placed) == ([], [])
    # A change while away (a new role on the Overview) is shown fitted on return.
    page.show_stage(0)
    page.model.session.map.add_role("Porters", at=(900.0, 900.0))
    page.show_stage(1)
    QApplication.processEvents()
    assert fits and placed
    assert mp.view.fitted
