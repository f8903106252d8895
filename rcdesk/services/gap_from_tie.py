"""A gap drafted from a tie on the map: its area and current state come from the scores.

The current state is written in calm words from the tie's scores in the chosen wave;
the measure starts as the tie's RC index with the wave's value as baseline and the
"strong" cut point as target. A suppressed tie (too few respondents) gives no values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rcdesk.domain.anonymity import k_for
from rcdesk.domain.bands import Band, band_for
from rcdesk.domain.dimensions import DIMENSION_KEYS, dimension
from rcdesk.domain.errors import NotFoundError
from rcdesk.domain.gaps import AreaKind, Direction, Gap, Measure
from rcdesk.domain.scores import TieScore
from rcdesk.services.edits import Edit
from rcdesk.services.gap_text import tie_text
from rcdesk.services.gaps import GapsService
from rcdesk.services.scores import ScoresService
from rcdesk.services.suggestions import Suggestion, suggest


@dataclass(frozen=True)
class TieGapDraft:
    gap: Gap
    weak_dimensions: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]


def _weak(score: TieScore | None, weak_below: float, strong_above: float) -> list[str]:
    if score is None or not score.shown:
        return []
    return [k for k in DIMENSION_KEYS
            if band_for(score.dimensions.get(k), weak_below, strong_above) is Band.WEAK]


def _current_state(pair: str, wave: str, score: TieScore | None, weak: list[str],
                   k: int) -> str:
    if score is None or score.rc is None and not score.suppressed:
        return f"{pair} has no scores in the {wave} wave yet."
    if score.suppressed:
        return (f"{pair}: the {wave} scores are kept private (fewer than {k} respondents).")
    text = f"In the {wave} wave, {pair} scored {score.rc:.2f} overall ({score.band.label})."
    if weak:
        parts = [f"{dimension(key).name.lower()} {score.dimensions[key]:.2f}" for key in weak]
        text += " Weakest: " + ", ".join(parts) + "."
    return text


def draft_from_tie(service: GapsService, tie_id: int, wave_id: int) -> TieGapDraft:
    """An unsaved gap about this tie, pre-filled from its scores in the wave."""
    ws = service.workshop
    tie = next((t for t in ws.ties() if t.id == tie_id), None)
    if tie is None:
        raise NotFoundError("That tie is no longer on the map.")
    wave = ws.wave(wave_id)
    settings = ws.workshop().settings
    scores = ScoresService(ws.library, ws.workshop_id).wave_scores(wave_id)
    score = scores.tie(tie.source_id, tie.target_id)
    pair = tie_text(tie, ws.roles())
    weak = _weak(score, settings.weak_below, settings.strong_above)
    focus = min(weak, key=lambda key: score.dimensions[key] or 0.0) if weak and score else None
    shown = score is not None and score.shown and score.rc is not None
    measure = Measure(
        name=f"RC index {pair}", unit="score 1–5", direction=Direction.HIGHER,
        baseline_value=round(score.rc, 2) if shown and score and score.rc else None,
        baseline_date=wave.date if shown else None,
        target_value=settings.strong_above if shown else None)
    gap = replace(service.draft(f"Coordination {pair}"), area_kind=AreaKind.TIE, tie_id=tie_id,
                  area_key=focus, area_label=pair, measure=measure,
                  current_state=_current_state(pair, wave.name, score, weak,
                                               k_for(settings)))
    return TieGapDraft(gap, tuple(weak), tuple(suggest(weak)))


def create_gap_from_tie(service: GapsService, tie_id: int, wave_id: int) -> Edit:
    """Save the drafted gap at once (one undo step)."""
    return service.create_gap(draft_from_tie(service, tie_id, wave_id).gap)


def tie_weak_dimensions(service: GapsService, tie_id: int, wave_id: int | None) -> list[str]:
    """The dimensions on which the tie is weak in the wave (none when hidden or unscored)."""
    ws = service.workshop
    tie = next((t for t in ws.ties() if t.id == tie_id), None)
    if tie is None or wave_id is None:
        return []
    settings = ws.workshop().settings
    scores = ScoresService(ws.library, ws.workshop_id).wave_scores(wave_id)
    return _weak(scores.tie(tie.source_id, tie.target_id), settings.weak_below,
                 settings.strong_above)
