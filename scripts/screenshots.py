"""Take the README's screenshots from a real window (run under Xvfb at 1280x720).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots.py

Uses a temporary library and settings file; never touches the user's library.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from shots import OUT, sample_window, settle  # scripts/shots.py
from ui import layout_audit_states as states  # tests/ui/, on the path through shots


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-")
    window.library.create("Emergency department flow", team="ED and acute medicine",
                          roles=["Triage nurses", "ED physicians", "Bed managers", "Porters"])
    window.home.refresh()
    shots: list[tuple[str, object]] = []

    def shoot(name: str) -> None:
        settle(app)
        window.grab().save(str(OUT / f"{name}.png"))
        shots.append((name, None))

    sample = window.library.find("Hospital discharge (sample)")
    window.open_workshop(sample)
    window.close_workshop()
    shoot("home")
    page = window.open_workshop(sample)
    assert page is not None
    page.overview.roles.select_role(page.model.service.roles()[1].id)
    shoot("overview")
    window.set_projector_mode(True)
    shoot("overview-projector")
    window.set_projector_mode(False)
    window.set_dark(True)
    shoot("overview-dark")
    window.set_dark(False)
    page.show_stage(1)
    mp = page.map
    names = {r.name: r.id for r in page.model.service.roles()}
    tie = next(t for t in page.model.service.ties()
               if (t.source_id, t.target_id) == (names["Nurses"], names["Physicians"]))
    mp.scene.select_only(mp.scene.item_for_tie[tie.id])
    settle(app)
    mp.view.fit()
    shoot("map")
    window.set_projector_mode(True)
    settle(app)
    mp.view.fit()
    shoot("map-projector")
    window.set_projector_mode(False)
    mp.scene.clearSelection()
    for name, state in (("map-hidden-scores", states.map_hidden_scores),
                        ("map-lens-timely", states.map_lens_timely),
                        ("map-change", states.map_change)):
        with state(window):
            shoot(name)
    page.show_stage(4)
    shoot("report")
    window.close()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("\n".join(str(OUT / f"{n}.png") for n, _ in shots))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
