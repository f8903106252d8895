"""Scoring a psychological-safety pulse (domain.md §4) under the no-subtraction rules.

Member score = mean of the member's answered items after reverse scoring. What the
team sees is fixed by `PulseFigures`: the raw mean (as answered, before reverse
scoring) and the answer count of each statement that may be shown. A statement is
shown only with k answers, and at a later showing only with k more than when it was
last shown (domain/anonymity.py). The team score is the mean of the statement means
shown, for individual answers and tallies alike, so a hidden statement takes no part
in it and cannot be recovered by subtraction (the rule RC ties follow). When every
member answers every statement this equals the mean of member scores.

Reverse scoring is applied when figures are read (`result_of`), not when they are
fixed: `max + min − mean` is exact for a mean, so changing an item's reverse key
re-scores a showing without any new answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rcdesk.domain.anonymity import group_shown, statement_shown, team_score
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


@dataclass(frozen=True)
class PulseFigures:
    """What may be shown of a collection: n, the scale, and per shown statement its raw
    mean and how many answered it (statements not shown are absent)."""

    n: int
    scale_max: int
    means: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


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


def figures_from_answers(members: Sequence[Answers], scale_max: int, k: int,
                         last_counts: Mapping[str, int] | None = None,
                         items: Sequence[PulseItem] = ITEMS) -> PulseFigures:
    """The figures a showing of these answer sets fixes.

    `last_counts` holds, per statement, how many had answered it at the last showing that
    showed it; a statement needs k answers, and k more than then (domain/anonymity.py)."""
    answered = [m for m in members if any(m.get(item.key) is not None for item in items)]
    figures = PulseFigures(len(answered), scale_max)
    if not group_shown(figures.n, k):
        return figures
    last = last_counts or {}
    for item in items:
        values = [float(v) for m in answered if (v := m.get(item.key)) is not None]
        if statement_shown(len(values), last.get(item.key), k):
            figures.means[item.key] = sum(values) / len(values)
            figures.counts[item.key] = len(values)
    return figures


def figures_from_tally(tally: Tally, scale_max: int, k: int,
                       items: Sequence[PulseItem] = ITEMS) -> PulseFigures:
    """The figures of a show of cards: n = the largest number of answers to any item."""
    totals = {item.key: sum(tally.get(item.key, {}).values()) for item in items}
    figures = PulseFigures(max(totals.values(), default=0), scale_max)
    if not group_shown(figures.n, k):
        return figures
    for item in items:
        counts = tally.get(item.key, {})
        if group_shown(totals[item.key], k):
            figures.means[item.key] = (sum(point * count for point, count in counts.items())
                                       / totals[item.key])
            figures.counts[item.key] = totals[item.key]
    return figures


def result_of(figures: PulseFigures | None, k: int, items: Sequence[PulseItem] = ITEMS,
              scale_min: int = 1, n: int | None = None) -> PulseResult:
    """The team-facing result of fixed figures: reverse-scored statement means and the
    team score (the mean of those shown). None or fewer than k: everything hidden, with
    `n` (or the figures' n) as the count."""
    if figures is None or not group_shown(figures.n, k):
        count = n if n is not None else (figures.n if figures is not None else 0)
        scale = figures.scale_max if figures is not None else 7
        return PulseResult(count, True, scale, None, {item.key: None for item in items})
    top = figures.scale_max
    means: dict[str, float | None] = {}
    for item in items:
        # A threshold raised since the showing hides what fewer than k answered.
        raw = (figures.means.get(item.key) if group_shown(figures.counts.get(item.key, 0), k)
               else None)
        means[item.key] = (None if raw is None
                           else top + scale_min - raw if item.reversed else raw)
    return PulseResult(figures.n, False, top, team_score(means.values()), means)


def team_result(members: Sequence[Answers], scale_max: int, k: int,
                items: Sequence[PulseItem] = ITEMS, scale_min: int = 1) -> PulseResult:
    """The result a first showing of these answers would give (every figure hidden below k)."""
    return result_of(figures_from_answers(members, scale_max, k, None, items), k, items,
                     scale_min)


def tally_result(tally: Tally, scale_max: int, k: int, items: Sequence[PulseItem] = ITEMS,
                 scale_min: int = 1) -> PulseResult:
    """Team score from counts per scale point: the mean of the shown item means."""
    return result_of(figures_from_tally(tally, scale_max, k, items), k, items, scale_min)
