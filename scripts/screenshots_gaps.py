"""Screenshots of the Gaps & Experiments page (run under Xvfb at 1280x720).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_gaps.py

Builds the sample workshop in a temporary library and saves the gap log, an
experiment's PDSA form with the timeline of cycles, the run chart and the huddle
follow-up to docs/screenshots/gaps*.png. Never touches the user's library.
"""

from __future__ import annotations

import sys

from shots import OUT, sample_window, settle  # scripts/shots.py

from rcdesk.domain.model import next_meeting


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-gaps-shots-")
    page = window.open_workshop(sample)
    assert page is not None
    gaps = page.gaps
    page.show_gaps()
    first = min(g.id for g in gaps.service.gaps())
    gaps.select(first)
    settle(app)
    window.grab().save(str(OUT / "gaps.png"))
    gaps.side.setCurrentIndex(1)
    settle(app)
    window.grab().save(str(OUT / "gaps-experiment.png"))
    gaps.side.setCurrentIndex(2)
    settle(app, 1.0)
    window.grab().save(str(OUT / "gaps-run-chart.png"))
    service = page.model.service
    upcoming = next_meeting(service.meetings(), service.today())
    assert upcoming is not None
    page.overview.meetings.huddle_started.emit(upcoming.id)
    settle(app)
    window.grab().save(str(OUT / "gaps-follow-up.png"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
