"""Take the Conversations screenshots of the deck library and a meeting's agenda.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_decks.py

Uses a temporary library and settings file (with the sample workshop); never
touches the user's library. Writes docs/screenshots/conversations-decks.png and
conversations-agenda.png.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from shots import OUT, sample_window, settle  # scripts/shots.py
from ui import layout_audit_states as states  # tests/ui/, on the path through shots


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-")
    page = window.open_workshop(window.library.find("Hospital discharge (sample)"))
    assert page is not None
    names = []
    for name, state in (("conversations-decks", states.deck_copy_selected),
                        ("conversations-agenda", states.agenda_as_run)):
        with state(window):
            settle(app)
            window.grab().save(str(OUT / f"{name}.png"))
        names.append(name)
    window.close()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("\n".join(str(OUT / f"{n}.png") for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
