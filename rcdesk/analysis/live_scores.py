"""Scores of one wave from the map's live ratings (consensus ratings made in the room).

Live ratings have no respondents, so every tie has n=None and nothing is ever
suppressed (domain.md §2, Anonymity). The result has the same WaveScores shape as
survey scores (rc_scores.py), so the map, reports and the CLI read either alike.

Rules for one tie in one wave:
- rc is the mean of its rated dimensions (the seven keys); when none of the seven is
  rated but the single "overall" quick rating is, rc is that quick rating;
- communication / relationship are the means of the rated items of each group
  (None when the group has no rated item, and always None for a quick rating);
- the band is decided on rc with the workshop's cut points (domain band_for).
A tie with no rating in the wave gets no TieScore (WaveScores.tie() returns None).
Role and overall aggregates are means over shown ties, as for survey scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rcdesk.analysis.rc_scores import summarise
from rcdesk.domain.bands import band_for
from rcdesk.domain.dimensions import DIMENSION_KEYS, DIMENSIONS, OVERALL, Group
from rcdesk.domain.model import Rating, Role, Tie
from rcdesk.domain.scores import (
    ScoreSource,
    TieScore,
    WaveScores,
)

_GROUP_KEYS: dict[Group, tuple[str, ...]] = {
    group: tuple(d.key for d in DIMENSIONS if d.group is group) for group in Group
}


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def live_wave_scores(roles: Sequence[Role], ties: Sequence[Tie], ratings: Iterable[Rating],
                     wave_id: int, weak_below: float, strong_above: float) -> WaveScores:
    """Score every rated tie of `wave_id`, then each role and the whole map.

    Ratings of other waves, of ties not in `ties` and with unknown keys are ignored.
    """
    by_tie = _ratings_by_tie(ties, ratings, wave_id)
    tie_scores = tuple(
        _tie_score(tie, by_tie[tie.id], weak_below, strong_above)
        for tie in ties if by_tie.get(tie.id)
    )
    role_scores, overall = summarise(tie_scores, [role.id for role in roles])
    return WaveScores(
        wave_id=wave_id,
        source=ScoreSource.MAP,
        min_respondents=0,  # live ratings are never suppressed
        ties=tie_scores,
        roles=role_scores,
        overall=overall,
    )


def _ratings_by_tie(ties: Sequence[Tie], ratings: Iterable[Rating],
                    wave_id: int) -> dict[int, dict[str, float]]:
    known = {tie.id for tie in ties}
    by_tie: dict[int, dict[str, float]] = {}
    for rating in ratings:
        if rating.wave_id == wave_id and rating.tie_id in known and (
            rating.dimension in DIMENSION_KEYS or rating.dimension == OVERALL
        ):
            by_tie.setdefault(rating.tie_id, {})[rating.dimension] = float(rating.value)
    return by_tie


def _tie_score(tie: Tie, values: dict[str, float], weak_below: float,
               strong_above: float) -> TieScore:
    if OVERALL in values and len(values) == 1:  # a quick rating only (fast mapping)
        return TieScore(
            source_id=tie.source_id, target_id=tie.target_id, n=None, rc=values[OVERALL],
            communication=None, relationship=None, dimensions=dict.fromkeys(DIMENSION_KEYS),
            band=band_for(values[OVERALL], weak_below, strong_above))
    dimensions: dict[str, float | None] = {key: values.get(key) for key in DIMENSION_KEYS}
    rc = mean(dimensions.values())
    if rc is None:
        rc = values.get(OVERALL)
    return TieScore(
        source_id=tie.source_id,
        target_id=tie.target_id,
        n=None,
        rc=rc,
        communication=mean(dimensions[k] for k in _GROUP_KEYS[Group.COMMUNICATION]),
        relationship=mean(dimensions[k] for k in _GROUP_KEYS[Group.RELATIONSHIP]),
        dimensions=dimensions,
        band=band_for(rc, weak_below, strong_above),
    )
