"""Which wave a map page shows: the one the facilitator is looking at (the header's), unless
it has no map data, and a sentence saying which and why. No Qt.

A wave has map data when it has survey answers or map ratings. A wave made for a pulse
only has neither; defaulting to it would show every tie "not rated" under a header
that names another wave. Then the newest wave with map data is used instead, and the
sentence says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from rcdesk.domain.model import Wave
from rcdesk.services.scores import ScoresService, latest_wave
from rcdesk.store import repository


@dataclass(frozen=True)
class WaveChoice:
    wave: Wave | None
    note: str  # e.g. "Baseline, the header's wave"
    header: Wave | None = None  # the header's wave

    def why(self) -> str:
        """Why this wave, in a few words after its name ("the header's")."""
        if self.header is None or self.wave is None:
            return "the newest with map data"
        if self.wave.id == self.header.id:
            return "the header's"
        return f"the header's {self.header.name} has no map data"


def waves_with_map_data(scores: ScoresService) -> set[int]:
    rated = {r.wave_id for r in repository.list_ratings(scores.library.db, scores.workshop_id)}
    return rated | {w.id for w in scores.waves() if scores.has_survey(w.id)}


def map_wave(scores: ScoresService, header_wave_id: int | None) -> WaveChoice:
    """The header's wave when it has map data, else the newest wave that has some."""
    waves = scores.waves()
    header = next((w for w in waves if w.id == header_wave_id), None)
    with_data = waves_with_map_data(scores)
    if header is not None and header.id in with_data:
        return WaveChoice(header, f"{header.name}, the header's wave", header)
    fallback = latest_wave([w for w in waves if w.id in with_data])
    if fallback is None:
        return WaveChoice(header, "No wave has map data yet", header)
    if header is None:
        return WaveChoice(fallback, f"{fallback.name}, the newest wave with map data")
    return WaveChoice(fallback, f"{fallback.name}: the header's wave, {header.name}, has no map "
                                "data", header)
