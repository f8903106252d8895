"""Screenshots of the survey import preview and the Scores view (run under Xvfb at 1280x720).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_scores.py

Builds the sample workshop in a temporary library, writes a generated survey CSV
for its two waves (some ties from only two respondents, so they are suppressed),
imports it through the real dialog and saves docs/screenshots/import-preview.png,
scores.png and scores-change.png. Never touches the user's library.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT, sample_window, settle  # scripts/shots.py

KEYS = ("frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge",
        "mutual_respect")
#: Ties answered by only two respondents of the rater role: suppressed at k = 3.
THIN = {("Community care", "Pharmacists"), ("Pharmacists", "Physiotherapists"),
        ("Social workers", "Pharmacists")}


def write_survey_csv(path: Path, roles: list[str]) -> None:
    """Two waves; the follow-up better between some roles and worse between others."""
    rng = random.Random(11)
    base = {(a, b): 2.6 + rng.random() * 2.0 for a in roles for b in roles}
    shift = {pair: rng.choice((-0.6, 0.0, 0.0, 0.5, 0.8)) for pair in base}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "role", "target", *KEYS, "wave"])
        for wave, moved in (("Baseline", False), ("Follow-up 1", True)):
            for role_index, role in enumerate(roles):
                for person in range(5 + role_index % 3):
                    for target in roles:
                        if (role, target) in THIN and person >= 2:
                            continue
                        centre = base[(role, target)] + (shift[(role, target)] if moved else 0)
                        values = [min(5, max(1, round(rng.gauss(centre, 0.7)))) for _ in KEYS]
                        writer.writerow([f"{wave[:1]}{role_index}-{person}", role, target,
                                         *values, wave])


def wait_for(app: QApplication, done: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the import did not finish in time")
        app.processEvents()




def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-scores-shots-")
    page = window.open_workshop(sample)
    assert page is not None
    survey = folder / "discharge-survey.csv"
    write_survey_csv(survey, [r.name for r in page.model.service.roles()])
    window.import_survey(survey)
    dialog = page.import_dialog
    assert dialog is not None
    wait_for(app, lambda: dialog.settled)
    # numbers alone cannot tell the frequency scale: chosen as a facilitator would
    dialog.scale.setCurrentIndex(dialog.scale.findData("monotonic"))
    wait_for(app, lambda: dialog.settled)
    dialog.adjustSize()
    settle(app)
    dialog.grab().save(str(OUT / "import-preview.png"))
    dialog.start_import()
    wait_for(app, lambda: dialog.import_result is not None)
    waves = {w.name: w.id for w in page.model.service.waves()}
    page.show_scores(waves["Follow-up 1"])
    settle(app)
    window.grab().save(str(OUT / "scores.png"))
    picker = page.scores_page.compare_picker
    picker.setCurrentIndex(picker.findText("Baseline"))
    settle(app)
    window.grab().save(str(OUT / "scores-change.png"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
