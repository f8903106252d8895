"""The layout audit: every screen at 1280×720, normal and projector, and the map and Scores at
2× — failing on what a person would see as a defect (see layout_checker.py). Besides each
stage, tab and dialog as it opens, the sample's arranged states (layout_audit_states.py: a
chart with its measure, a PDSA cycle filled, a walkthrough under way, the room's rating
grid mid-session, results shown…), the screens the screenshot scripts show.

Screenshots of every screen audited go to a temporary folder, or to the folder named by
RCDESK_AUDIT_SHOTS (scripts/screenshots_map_audit.py sets docs/screenshots/audit/).

2× scale: Qt's QT_SCALE_FACTOR is fixed when the application starts, so the 2× audit runs
layout_audit.py in a child process with QT_SCALE_FACTOR=2 on the same 1280×720 logical
window (a 2560×1440 screen at 200 %): the layout in logical pixels is the one a 2× screen
gets, and labels, pixmap caches and fonts are drawn at devicePixelRatio 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .layout_audit import audit_window, build_stress
from .layout_audit_states import STATES
from .layout_checker import Defect

#: Defects the audit finds that are known and not yet mended, listed so the lead sees them:
#: (page starts with, widget contains, problem contains, why it is here). A new entry needs
#: a reason and an owner.
KNOWN_DEFECTS: tuple[tuple[str, str, str, str], ...] = (
)


#: Arranged states also audited at 2×: the P chart in its panel and shown large, and pulse
#: results (not the locked laptop screens: they fill the laptop's screen, which the
#: offscreen platform fixes at 800×800 pixels, 400×400 at 2×).
TWICE_STATES = ("state-gaps-p-chart", "state-pulse-results-shown")


def _unexpected(defects: list[Defect]) -> list[str]:
    def known(d: Defect) -> bool:
        return any(d.page.startswith(page) and widget in d.widget and problem in d.problem
                   for page, widget, problem, _ in KNOWN_DEFECTS)
    return [str(d) for d in defects if not known(d)]


def _folder(tmp_path: Path) -> Path:
    return Path(os.environ.get("RCDESK_AUDIT_SHOTS") or tmp_path / "audit")


def test_the_map_and_scores_pages_carry_no_known_defects_for_the_sample():
    owned = [entry for entry in KNOWN_DEFECTS
             if entry[0].startswith(("sample:map", "sample:scores", "stress:scores"))]
    assert owned == []


def test_every_screen_of_the_sample_passes_the_audit(qtbot, make_window, tmp_path):
    from rcdesk.services.sample import build_sample

    window = make_window()
    sample = build_sample(window.library)
    window.open_workshop(sample)
    app = qtbot  # noqa: F841 - the application is made by make_window
    from PySide6.QtWidgets import QApplication

    defects = audit_window(window, QApplication.instance(), "sample", _folder(tmp_path))
    assert _unexpected(defects) == []
    assert any(_folder(tmp_path).glob("sample-map-projector.png"))
    # Every arranged state was reached and checked, in both modes.
    shots = {p.name for p in _folder(tmp_path).glob("sample-state-*.png")}
    assert {f"sample-state-{name}-{mode}.png" for name, _ in STATES
            for mode in ("normal", "projector")} <= shots


def test_the_stress_workshop_passes_the_audit(qtbot, make_window, tmp_path):
    """20 long non-ASCII role names, 150 ties, 3 waves: the pages that show role names."""
    from PySide6.QtWidgets import QApplication

    window = make_window()
    window.open_workshop(build_stress(window))
    defects = audit_window(window, QApplication.instance(), "stress", _folder(tmp_path),
                           only=("overview", "map", "scores"))
    assert _unexpected(defects) == []


def test_the_map_scores_and_some_states_pass_the_audit_at_twice_the_scale(tmp_path):
    audit = Path(__file__).with_name("layout_audit.py")
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, str(audit), "--workshop", "sample", "--scale", "2x",
         "--folder", str(_folder(tmp_path)), "--only", "map", "scores", *TWICE_STATES],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    defects = [Defect(**json.loads(line)) for line in done.stdout.splitlines() if line]
    assert _unexpected(defects) == []
    assert any(_folder(tmp_path).glob("sample-map-projector-2x.png"))
    assert any(_folder(tmp_path).glob("sample-state-gaps-p-chart-projector-2x.png"))


@pytest.mark.parametrize("projector", [False, True])
def test_opening_the_sample_map_shows_every_role_clear_of_the_legend_with_no_label_overlap(
        qtbot, make_window, projector):
    from PySide6.QtWidgets import QApplication

    from rcdesk.services.sample import build_sample

    from .layout_checker import check_map, role_circles, visible_area

    window = make_window()
    window.set_projector_mode(projector)
    window.open_workshop(build_sample(window.library))
    page = window.workshop_page
    page.show_stage(1)
    for _ in range(3):
        QApplication.processEvents()
    view = page.map.view
    assert [str(d) for d in check_map(view, "sample:map", "open")] == []
    # Fitted, not just inside: the roles span most of the free width or height.
    circles = role_circles(view).values()
    area = visible_area(view)
    span_x = max(x + r for x, _, r in circles) - min(x - r for x, _, r in circles)
    span_y = max(y + r for _, y, r in circles) - min(y - r for _, y, r in circles)
    assert span_x > area.width() * 0.55 or span_y > area.height() * 0.55
    if projector:
        labels = [item.label for item in page.map.scene.item_for_role.values()]
        assert min(label.point_size() for label in labels) >= 18


def _spans_free_area(view) -> bool:
    from .layout_checker import role_circles, visible_area

    circles = role_circles(view).values()
    area = visible_area(view)
    span_x = max(x + r for x, _, r in circles) - min(x - r for x, _, r in circles)
    span_y = max(y + r for _, y, r in circles) - min(y - r for _, y, r in circles)
    return span_x > area.width() * 0.55 or span_y > area.height() * 0.55


@pytest.mark.parametrize("size", [(1000, 640), (1280, 720)])
def test_the_map_keeps_its_fit_when_the_window_changes_size(qtbot, make_window, size):
    from PySide6.QtWidgets import QApplication

    from rcdesk.services.sample import build_sample

    from .layout_checker import check_map

    window = make_window()
    window.resize(900, 600)
    window.open_workshop(build_sample(window.library))
    page = window.workshop_page
    page.show_stage(1)
    QApplication.processEvents()
    window.resize(*size)
    for _ in range(3):
        QApplication.processEvents()
    outside = [str(d) for d in check_map(page.map.view, "sample:map", "resized")
               if "outside" in d.problem]
    assert outside == []
    assert _spans_free_area(page.map.view)


def test_fit_after_adding_a_role_far_out_shows_every_role(qtbot, make_window):
    from PySide6.QtWidgets import QApplication

    from rcdesk.services.sample import build_sample

    from .layout_checker import check_map

    window = make_window()
    window.set_projector_mode(True)
    window.open_workshop(build_sample(window.library))
    page = window.workshop_page
    page.show_stage(1)
    page.model.service.map.add_role("Community pharmacists", at=(2600.0, 900.0))
    page.map.view.fit()
    for _ in range(3):
        QApplication.processEvents()
    outside = [str(d) for d in check_map(page.map.view, "sample:map", "fit")
               if "outside" in d.problem]
    assert outside == []


def test_the_selected_ties_number_always_shows(qtbot, make_window):
    """In projector mode the sample's Nurses → Physicians number had no free place."""
    from PySide6.QtWidgets import QApplication

    from rcdesk.services.sample import build_sample

    window = make_window()
    window.set_projector_mode(True)
    window.open_workshop(build_sample(window.library))
    page = window.workshop_page
    page.show_stage(1)
    scene = page.map.scene
    for item in scene.item_for_tie.values():
        scene.select_only(item)
        for _ in range(2):
            QApplication.processEvents()
        label = item.value_label
        if label is not None and label.text():
            assert not label.crowded, label.text()
