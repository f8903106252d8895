"""What a new set of wave scores changes on the map: which ties come or go, which look new.

A rating changes one tie's score (or none, when the wave shows its survey results), so the
scene restyles only the ties whose score differs instead of placing and styling every tie
again (issue 23: 3,600 ties took a tenth of a second per key press).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from rcdesk.domain.bands import score_text
from rcdesk.domain.scores import ScoreSource, TieScore, WaveScores
from rcdesk.domain.settings import WorkshopSettings


class _TieLike(Protocol):
    tie_id: int
    source_id: int
    target_id: int


T = TypeVar("T", bound=_TieLike)


def survey_only_pairs(scores: WaveScores | None, drawn: Iterable[tuple[int, int]],
                      role_ids: Iterable[int]) -> set[tuple[int, int]]:
    """The (source, target) of the ties the wave's survey rated that nobody drew (see
    MapScene.shown_ties), for ties between roles on the map."""
    if scores is None or scores.source is not ScoreSource.SURVEY:
        return set()
    pairs, roles = set(drawn), set(role_ids)
    return {(s.source_id, s.target_id) for s in scores.ties
            if (s.source_id, s.target_id) not in pairs
            and s.source_id in roles and s.target_id in roles}


def changed_ties(items: Iterable[T], before: WaveScores | None,
                 after: WaveScores | None) -> list[T]:
    """The items whose tie scores differently in `after` than in `before`, with the ties
    the other way (an asymmetry mark compares both directions)."""
    items = list(items)
    if before is None or after is None:
        return items
    changed = {(i.source_id, i.target_id) for i in items
               if before.tie(i.source_id, i.target_id) != after.tie(i.source_id, i.target_id)}
    changed |= {(target, source) for source, target in changed}
    return [i for i in items if (i.source_id, i.target_id) in changed]


def value_text(score: TieScore | None, value: float | None, hidden: bool,
               settings: WorkshopSettings, decimals: int, k: int) -> str:
    """The number a tie shows: its score, "n<k" when suppressed, nothing when hidden."""
    if hidden:
        return ""
    if score is not None and score.suppressed:
        return f"n<{k}"
    return "" if value is None else score_text(
        value, decimals, settings.weak_below, settings.strong_above)
