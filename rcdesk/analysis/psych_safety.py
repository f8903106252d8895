"""Scoring a psychological-safety pulse (domain.md §4).

Member score = mean of the member's answered items after reverse scoring;
team score = mean of member scores. From tallies alone (counts per scale point,
no individual rows): team score = mean of the item means, n = the largest number
of answers to any item. Results are shown only with n >= k, and each item's mean
only when that item itself has k answers (an item most people skipped would
otherwise show the one or two answers it has); a tally's score then averages the
shown item means only, so no hidden item mean can be recovered by subtraction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rcdesk.domain.psych_safety import ITEMS, PulseItem

Answers = Mapping[str, int | None]
Tally = Mapping[str, Mapping[int, int]]  # item key → scale point → how many chose it


@dataclass(frozen=True)
class PulseResult:
    n: int
    suppressed: bool
    scale_max: int
    score: float | None
    items: dict[str, float | None]  # item means after reverse scoring


def scored(item: PulseItem, value: int, scale_min: int, scale_max: int) -> int:
    """An answer on the item's own direction: reversed items become max + min − value."""
    if not scale_min <= value <= scale_max:
        raise ValueError(f"{value} is outside the scale {scale_min}–{scale_max}")
    return scale_max + scale_min - value if item.reversed else value


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def member_score(answers: Answers, scale_max: int, items: Sequence[PulseItem] = ITEMS,
                 scale_min: int = 1) -> float | None:
    """The mean of a member's answered items after reverse scoring (None if none answered)."""
    return _mean([scored(item, value, scale_min, scale_max)
                  for item in items if (value := answers.get(item.key)) is not None])


def team_result(members: Sequence[Answers], scale_max: int, k: int,
                items: Sequence[PulseItem] = ITEMS, scale_min: int = 1) -> PulseResult:
    """Team score from individual answers; every figure hidden below k members."""
    scores = [s for m in members
              if (s := member_score(m, scale_max, items, scale_min)) is not None]
    n = len(scores)
    if n < k:
        return PulseResult(n, True, scale_max, None, {item.key: None for item in items})
    item_means: dict[str, float | None] = {}
    for item in items:
        values = [float(scored(item, v, scale_min, scale_max)) for m in members
                  if (v := m.get(item.key)) is not None]
        item_means[item.key] = _mean(values) if len(values) >= k else None
    return PulseResult(n, False, scale_max, _mean(scores), item_means)


def tally_result(tally: Tally, scale_max: int, k: int, items: Sequence[PulseItem] = ITEMS,
                 scale_min: int = 1) -> PulseResult:
    """Team score from counts per scale point: the mean of item means."""
    item_means: dict[str, float | None] = {}
    n = 0
    for item in items:
        counts = tally.get(item.key, {})
        total = sum(counts.values())
        n = max(n, total)
        weighted = sum(scored(item, point, scale_min, scale_max) * count
                       for point, count in counts.items())
        item_means[item.key] = weighted / total if total and total >= k else None
    if n < k:
        return PulseResult(n, True, scale_max, None, {item.key: None for item in items})
    return PulseResult(n, False, scale_max,
                       _mean([m for m in item_means.values() if m is not None]), item_means)
