"""The first visit of Map & Scores (issue 23): the page is made top down, each part in its
place, so each widget is styled about once; and the map's code is imported in idle turns
after the workshop's first frame, so the first visit imports none of it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shiboken6 import getCppPointer

from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.store.connection import open_library
from rcdesk.ui import app_style


def test_the_first_visit_styles_each_widget_about_once(qtbot, make_window) -> None:
    """Made loose and moved up level by level, the Tie panel's 48 buttons were styled 13
    times each (1,453 polishes in the first frame); a style sheet of its own on a widget
    styles it and all below it again at every move."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    app = QApplication.instance()
    app_style.activate(app)
    polished: list[int] = []
    app_style.add_polish_hook(app, "test", lambda w: polished.append(getCppPointer(w)[0]))
    try:
        page.show_stage(1)
        QApplication.processEvents()
    finally:
        app_style.add_polish_hook(app, "test", None)
    assert page.map.panel.isVisible()
    assert len(set(polished)) > 100
    assert len(polished) < 1.5 * len(set(polished))


def test_the_scores_page_is_made_in_its_place(qtbot, make_window) -> None:
    """The Scores page, built in the turn after the map's first frame, was made loose and
    moved into its stack, the stack into the page, the page into its tab: 740 polishes for
    117 widgets. Made in place, what is left is the Change panel's own parts, made loose
    inside it (ui/scores/change_panel.py)."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    QApplication.processEvents()
    app = QApplication.instance()
    app_style.activate(app)
    polished: list[int] = []
    app_style.add_polish_hook(app, "test", lambda w: polished.append(getCppPointer(w)[0]))
    try:
        scores = page.map_tabs.ensure_tab("Scores")
    finally:
        app_style.add_polish_hook(app, "test", None)
    assert scores.parentWidget() is not None
    assert len(set(polished)) > 100
    assert len(polished) < 3.5 * len(set(polished))


def test_a_rating_rows_title_is_bold_at_the_size_of_its_text(qtbot, make_window) -> None:
    """The title's bold is its font's weight alone (no style sheet of its own): its size
    still follows the page's text, before and after projector mode."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    row = page.map.panel.rows["overall"]
    assert row.title.font().bold()
    assert row.title.font().pointSizeF() == row.description.font().pointSizeF()
    window.set_projector_mode(True)
    window.set_projector_mode(False)
    qtbot.waitUntil(lambda: page.map.panel.isVisible())
    assert row.title.font().bold()
    assert row.title.font().pointSizeF() == row.description.font().pointSizeF()


PROBE = """
import sys
from pathlib import Path
from rcdesk.app import build_window, make_application, user_settings
from rcdesk.ui.map import preload
folder, workshop_id = Path(sys.argv[1]), int(sys.argv[2])
app = make_application()
window = build_window(folder / "library.sqlite", user_settings(folder / "ui.ini"))
window.resize(1280, 720)
window.show()
window.open_workshop(workshop_id)
turns = 0
while not preload.done() and turns < 10000:
    app.processEvents()
    turns += 1
print("preloaded:", preload.done())
before = set(sys.modules)
window.workshop_page.show_stage(1)
app.processEvents()
print("imported by the first visit:",
      sorted(m for m in set(sys.modules) - before if m.startswith("rcdesk.ui.map")) or "-")
window.close()
"""


def test_the_map_code_is_imported_before_the_first_visit(tmp_path: Path) -> None:
    """Checked in a fresh interpreter: this test process has long imported everything."""
    library = open_library(tmp_path / "library.sqlite", create=True)
    try:
        workshop_id = build_sample(LibraryService(library))
    finally:
        library.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path), str(workshop_id)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["preloaded: True", "imported by the first visit: -"], \
        done.stdout


def test_a_wave_scored_ahead_brings_a_big_maps_ties_in_pieces(qtbot, make_window, tmp_path,
                                                              monkeypatch) -> None:
    """The workshop scores its big wave ahead, before the map is first shown: its scores
    are then at hand, and the first visit made all 3,600 tie items of the large workshop in
    its first turn (0.2 s). A big map's ties come in pieces whatever their scores' origin:
    the roles first, the ties a few a turn, the finished map as one built at once."""
    from rcdesk.services import scores as scores_module
    from rcdesk.ui.map import page as page_module
    from rcdesk.ui.map import scene_ties
    from rcdesk.ui.map.scene import MapScene

    from .survey_csv import WARD_TIES, write_survey
    from .test_map_scoring import looks, opened
    from .test_scores_page import load

    monkeypatch.setattr(scores_module, "LONG_SCORING_ANSWERS", 1)
    monkeypatch.setattr(scene_ties, "TIES_PER_TURN", 2)
    monkeypatch.setattr(page_module, "TIES_IN_PIECES_FROM", 3)
    window, page = opened(make_window, ["Nurses", "Physicians", "Pharmacists"])
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    window.open_workshop(page.model.service.workshop_id)  # opened again: scored ahead
    page = window.workshop_page
    wave = page.current_wave_id()
    qtbot.waitUntil(lambda: not page.scores.scoring_takes_long(wave), timeout=10_000)
    page.show_stage(1)
    mp = page.map
    assert not mp.scene.pending  # the scores are at hand
    assert mp.scene.item_for_tie == {} and mp.scene.building()  # the roles first
    qtbot.waitUntil(mp.complete, timeout=10_000)
    assert len(mp.scene.item_for_tie) == len(WARD_TIES)
    eager = MapScene(page.model, mp.wave_scores)
    eager.set_wave(mp.scene.wave_id)
    assert looks(eager) == looks(mp.scene)
