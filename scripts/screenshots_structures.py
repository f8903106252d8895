"""Screenshots of the Structures tab (run under Xvfb at 1280x720).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" \
        python scripts/screenshots_structures.py

Builds the sample workshop in a temporary library and saves the Structures tab on the
follow-up wave with the boundary-spanner structure selected, at laptop type and in
projector mode, an aim's Drivers tab, and the "Our change model" tab, to
docs/screenshots/structures*.png, driver-diagram.png and change-model*.png. Never touches
the user's library.
"""

from __future__ import annotations

import sys

from shots import OUT, sample_window, settle  # scripts/shots.py
from ui import layout_audit_states as states  # tests/ui/, on the path through shots


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-structures-shots-")
    page = window.open_workshop(sample)
    assert page is not None
    gaps = page.show_gaps()
    with states.structures_assessed(window):
        settle(app)
        window.grab().save(str(OUT / "structures.png"))
    window.set_projector_mode(True)
    with states.structures_assessed(window, "huddles"):
        settle(app)
        window.grab().save(str(OUT / "structures-projector.png"))
    window.set_projector_mode(False)
    with states.driver_diagram(window):
        settle(app, 1.5)
        window.grab().save(str(OUT / "driver-diagram.png"))
    gaps.setCurrentWidget(page.change_model)
    settle(app, 1.5)
    window.grab().save(str(OUT / "change-model.png"))
    window.set_projector_mode(True)
    settle(app, 1.5)
    window.grab().save(str(OUT / "change-model-projector.png"))
    window.set_projector_mode(False)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
