"""The sample workshop's psychological-safety pulse (resources/sample/discharge.json "pulse").

One wave counted from a show of cards (tallies), one answered by passing the
laptop (answer sets with generated respondent ids), both above the default
anonymity threshold, so the Pulse tab, the scores JSON and the report have
something to show; the answered wave's results were shown once (a recorded showing,
issue 15), as the facilitator would have done in the room. Called inside
build_sample's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rcdesk.analysis.psych_safety import figures_from_answers
from rcdesk.services.pulse import RESPONDENT_PREFIX
from rcdesk.store import pulse as pulse_store
from rcdesk.store import sample as rows


def fill_pulse(db: Any, workshop_id: int, data: Mapping[str, Any] | None,
               waves: Mapping[str, int], k: int = 3, shown_at: str = "") -> None:
    """Write each wave's pulse: {"scale_max", "tally": {item: counts}} or {"answers": [...]}."""
    for wave_name, spec in (data or {}).items():
        method = "tally" if "tally" in spec else "answers"
        wave_id = waves[wave_name]
        pulse_id = rows.add_pulse(db, workshop_id, wave_id, spec["scale_max"], method)
        if method == "tally":
            rows.add_tallies(db, workshop_id, pulse_id, spec["tally"])
        else:
            pulse_store.insert_answers(db, workshop_id, pulse_id, [
                (f"{RESPONDENT_PREFIX}{number}", tuple(values))
                for number, values in enumerate(spec["answers"], start=1)])
            figures = figures_from_answers(pulse_store.load_answers(db, pulse_id),
                                           spec["scale_max"], k)
            rows.add_showing(db, workshop_id, wave_id, shown_at or "2026-01-01T00:00:00",
                             n=figures.n, scale_max=figures.scale_max, means=figures.means,
                             counts=figures.counts)
