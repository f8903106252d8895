"""Take the README's screenshots from a real window (run under Xvfb at 1280x720).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots.py

Uses a temporary library and settings file; never touches the user's library.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from shots import OUT, sample_window, settle  # scripts/shots.py


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
    mp.hide_scores.setChecked(True)
    mp.reveal_next_tie()
    mp.scene.clearSelection()
    shoot("map-hidden-scores")
    mp.hide_scores.setChecked(False)
    mp.lens_picker.setCurrentIndex(mp.lens_picker.findData("timely"))
    mp.asymmetry.setChecked(True)
    shoot("map-lens-timely")
    mp.lens_picker.setCurrentIndex(0)
    mp.asymmetry.setChecked(False)
    page.wave_picker.setCurrentIndex(1)
    mp.compare_picker.setCurrentIndex(1)
    shoot("map-change")
    page.show_stage(4)
    shoot("report")
    window.close()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("\n".join(str(OUT / f"{n}.png") for n, _ in shots))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
