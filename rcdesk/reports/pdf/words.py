"""How every section of the report words a score, the wave and its source.

Numbers show two decimals with their band label beside them, so nothing depends on colour.
"""

from __future__ import annotations

from rcdesk.domain.bands import band_for
from rcdesk.reports.snapshot import ReportSnapshot


def with_band(snapshot: ReportSnapshot, value: float | None) -> str:
    """"3.85 moderate", or "–" when there is no value that may be shown."""
    if value is None:
        return "–"
    s = snapshot.workshop.settings
    return f"{value:.2f} {band_for(value, s.weak_below, s.strong_above).value}"


def source_text(snapshot: ReportSnapshot) -> str:
    if snapshot.scores is None:
        return "no scores"
    text = snapshot.scores.source.label
    if snapshot.respondents:
        text += f", {snapshot.respondents} respondents"
    return text


def wave_text(snapshot: ReportSnapshot) -> str:
    wave = snapshot.wave
    if wave is None:
        return "no wave yet"
    when = f" ({wave.date.isoformat()})" if wave.date else ""
    return f"{wave.name}{when}, {source_text(snapshot)}"
