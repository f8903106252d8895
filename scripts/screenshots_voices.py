"""Take the "every voice in the room" screenshots (issue 20): the rating grid on the
passed laptop in the short and the full form, at 1280x720 and in projector mode, and the
Rate the map tab after a showing.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_voices.py

Uses a temporary library and settings file (with the sample workshop); never touches the
user's library. Writes docs/screenshots/rate-the-map-short.png, rate-the-map-full.png,
rate-the-map-short-projector.png, rate-the-map-full-projector.png and
rate-the-map-tab.png.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from shots import OUT, sample_window, settle  # scripts/shots.py
from ui import layout_audit_states as states  # tests/ui/, on the path through shots


def disagreement_shots(app: QApplication, window: object) -> list[str]:
    """The map's "Where we disagree" lens on the sample's in-room wave (normal, projector)."""
    names = []
    with states.map_disagreement(window):
        for projector in (False, True):
            window.set_projector_mode(projector)  # type: ignore[attr-defined]
            settle(app)
            name = f"disagreement-lens{'-projector' if projector else ''}.png"
            window.grab().save(str(OUT / name))  # type: ignore[attr-defined]
            names.append(name)
        window.set_projector_mode(False)  # type: ignore[attr-defined]
    return names


def pairs_shots(app: QApplication, window: object) -> list[str]:
    """Cross-role pairs on the projector, one person picked for a swap."""
    with states.pairs_picked(window) as shown:
        settle(app)
        shown.grab().save(str(OUT / "pairs-projector.png"))
    return ["pairs-projector.png"]


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-voices-")
    page = window.open_workshop(sample)
    assert page is not None
    written = []
    for projector in (False, True):
        window.set_projector_mode(projector)
        for form, state in (("short", states.rating_grid_short),
                            ("full", states.rating_grid_full)):
            with state(window) as lock:  # someone has started rating
                settle(app)
                name = f"rate-the-map-{form}{'-projector' if projector else ''}.png"
                lock.grab().save(str(OUT / name))
                written.append(name)
            settle(app, 0.2)
    window.set_projector_mode(False)
    with states.room_shown(window):
        settle(app)
        window.grab().save(str(OUT / "rate-the-map-tab.png"))
    written.append("rate-the-map-tab.png")
    written += disagreement_shots(app, window)
    written += pairs_shots(app, window)
    print("wrote", ", ".join(written), "to", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
