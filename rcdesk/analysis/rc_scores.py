"""Scoring survey answers into a wave's RC scores, exactly as domain.md §2 says.

The order of averaging matters once answers are missing, so every figure is
respondent-first:
- a respondent's index for a target is the mean of their answered items (a
  respondent with no answered item does not count, and is not in n); a respondent
  who gave only the single overall rating of the in-room short form (an eighth value
  after the seven) counts with that rating as their index, and takes no part in the
  subscales or the dimensions (as the map's quick rating does, live_scores.py);
- a tie's RC index is the mean of its respondents' indices; its communication and
  relationship subscales are means of each respondent's group means, over the
  respondents who answered at least one item of that group;
- a tie's dimension score is the mean of that item's answered values;
- a tie from fewer than k respondents is suppressed (n kept, nothing else);
- role and overall aggregates are plain means over SHOWN ties only, so no
  suppressed value can be recovered by subtracting one aggregate from another.
Bands are decided by domain band_for on the value rounded to two decimals.
compare_waves() then says per tie what changed between two waves.

Everything is one pass over the answers grouped by tie, then one pass over ties.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from rcdesk.domain.anonymity import group_shown, k_for, shown_parts, spread_shown
from rcdesk.domain.bands import band_for
from rcdesk.domain.dimensions import DIMENSION_KEYS, DIMENSIONS, Group
from rcdesk.domain.scores import (
    OverallScore,
    RoleScore,
    ScoreSource,
    Spread,
    TieScore,
    WaveScores,
)
from rcdesk.domain.settings import MIN_ANONYMITY_K, WorkshopSettings
from rcdesk.domain.survey import SUFFICIENCY_SCORES, SurveyAnswer


def _group_slice(group: Group) -> slice:
    """Where a group's items sit in DIMENSION_KEYS order (each group is contiguous)."""
    indexes = [i for i, d in enumerate(DIMENSIONS) if d.group is group]
    assert indexes == list(range(indexes[0], indexes[-1] + 1)), "groups must be contiguous"
    return slice(indexes[0], indexes[-1] + 1)


_COMMUNICATION = _group_slice(Group.COMMUNICATION)
_RELATIONSHIP = _group_slice(Group.RELATIONSHIP)
#: Where the single overall rating (the in-room short form) sits after the seven items.
_OVERALL = len(DIMENSION_KEYS)


def recode_sufficiency(position: int) -> int:
    """The score of an answer position 1–5 on the sufficiency frequency scale (1,3,5,4,2).

    Both extremes (far too rarely, far too often) are weak; "just right" is strongest.
    """
    try:
        return SUFFICIENCY_SCORES[position]
    except KeyError:
        raise ValueError(f"a frequency answer position is 1 to 5, not {position!r}") from None


def mean(values: Sequence[float]) -> float | None:
    """The mean of the values (math.fsum, so the order of values cannot change it); None
    for no values."""
    return math.fsum(values) / len(values) if values else None


def sample_sd(values: Sequence[float]) -> float:
    """The sample standard deviation (n - 1) of two or more values, in floats with
    math.fsum: statistics.stdev's exact fractions took most of a large wave's scoring."""
    centre = math.fsum(values) / len(values)
    return math.sqrt(math.fsum((v - centre) ** 2 for v in values) / (len(values) - 1))


@dataclass
class _Tie:
    """What one tie's respondents contributed, collected in one pass over the answers.

    Only respondents with at least one answered item are kept (rule 2).
    """

    min_items: int = 1  # the workshop's fewest answered items for a respondent to count
    indices: list[float] = field(default_factory=list)
    communication: list[float] = field(default_factory=list)
    relationship: list[float] = field(default_factory=list)
    rows: list[tuple[int | None, ...]] = field(default_factory=list)

    def add(self, values: tuple[int | None, ...]) -> None:
        communication = [v for v in values[_COMMUNICATION] if v is not None]
        relationship = [v for v in values[_RELATIONSHIP] if v is not None]
        answered = len(communication) + len(relationship)
        if not answered:
            overall = values[_OVERALL] if len(values) > _OVERALL else None
            if overall is not None:
                self.indices.append(float(overall))
            return
        if answered < self.min_items:
            return
        self.indices.append((sum(communication) + sum(relationship)) / answered)
        if communication:
            self.communication.append(sum(communication) / len(communication))
        if relationship:
            self.relationship.append(sum(relationship) / len(relationship))
        self.rows.append(values[:_OVERALL])

    def dimensions(self) -> dict[str, float | None]:
        """Each item's mean over the respondents who answered it (rule 4)."""
        if not self.rows:
            return {key: None for key in DIMENSION_KEYS}
        columns = zip(*self.rows, strict=True)
        return {key: mean([v for v in column if v is not None])
                for key, column in zip(DIMENSION_KEYS, columns, strict=True)}


def _tie_score(key: tuple[int, int], tie: _Tie, k: int, settings: WorkshopSettings) -> TieScore:
    n = len(tie.indices)
    if not group_shown(n, k):
        return TieScore(source_id=key[0], target_id=key[1], n=n, suppressed=True)
    rc = mean(tie.indices)
    return TieScore(
        source_id=key[0],
        target_id=key[1],
        n=n,
        rc=rc,
        communication=mean(tie.communication),
        relationship=mean(tie.relationship),
        dimensions=tie.dimensions(),
        band=band_for(rc, settings.weak_below, settings.strong_above),
        spread=spread_of(tie.indices, k),
    )


def spread_of(indices: Sequence[float], k: int = MIN_ANONYMITY_K) -> Spread | None:
    """How far the respondents' indices lie apart (None for fewer than two). The standard
    deviation is always given; the range and the strip only from k + SPREAD_MARGIN
    respondents, so no respondent's own index can be worked out from them."""
    if len(indices) < 2:
        return None
    sd = sample_sd(indices)
    if not spread_shown(len(indices), k):
        return Spread(sd=sd, low=None, high=None, strip=None)
    strip = [0] * 5
    for value in indices:
        strip[min(4, max(0, int(value + 0.5) - 1))] += 1  # nearest point, halves up
    return Spread(sd=sd, low=min(indices), high=max(indices),
                  strip=(strip[0], strip[1], strip[2], strip[3], strip[4]))


#: (rater role id, rated role id, values in DIMENSION_KEYS order): all scoring needs.
TieValues = tuple[int, int, tuple[int | None, ...]]


def score_survey(answers: Iterable[SurveyAnswer], *, wave_id: int,
                 settings: WorkshopSettings, role_ids: Sequence[int] = ()) -> WaveScores:
    """The wave's scores from its survey answers.

    `role_ids` gives the order of roles (the workshop's); roles met only in the
    answers follow in id order. Ties come in that order (rater, then rated). Ties
    with no counted respondent are left out. k is never taken below 3.
    """
    return score_tie_values(((a.source_id, a.target_id, a.values) for a in answers),
                            wave_id=wave_id, settings=settings, role_ids=role_ids)


def score_tie_values(rows: Iterable[TieValues], *, wave_id: int, settings: WorkshopSettings,
                     role_ids: Sequence[int] = ()) -> WaveScores:
    """score_survey for bare (rater, rated, values) rows, which a big wave loads faster."""
    collected: dict[tuple[int, int], _Tie] = {}
    for source_id, target_id, values in rows:
        tie = collected.get((source_id, target_id))
        if tie is None:
            tie = collected[(source_id, target_id)] = _Tie(settings.min_items)
        tie.add(values)
    k = k_for(settings)
    order = _role_order(role_ids, collected)
    ties = tuple(
        _tie_score(key, collected[key], k, settings)
        for key in sorted(collected, key=lambda t: (order[t[0]], order[t[1]]))
        if collected[key].indices
    )
    roles, overall = summarise(ties, list(order))
    return WaveScores(wave_id=wave_id, source=ScoreSource.SURVEY, min_respondents=k,
                      ties=ties, roles=roles, overall=overall)


def _role_order(role_ids: Sequence[int], ties: Iterable[tuple[int, int]]) -> dict[int, int]:
    order = {role_id: i for i, role_id in enumerate(dict.fromkeys(role_ids))}
    extra = sorted({r for key in ties for r in key} - order.keys())
    order.update((role_id, len(order) + i) for i, role_id in enumerate(extra))
    return order


def summarise(ties: Sequence[TieScore],
              role_ids: Sequence[int]) -> tuple[tuple[RoleScore, ...], OverallScore]:
    """Role and overall aggregates over the shown ties only (domain.md §2 rule 7).

    given/received count ties to and from OTHER roles; within is the role's own tie.
    """
    given: dict[int, list[float]] = {}
    received: dict[int, list[float]] = {}
    within: dict[int, list[float]] = {}
    shown = shown_parts(ties)  # never a hidden tie: it cannot be found by subtraction
    for t in shown:
        if t.rc is None:
            continue
        if t.source_id == t.target_id:
            within.setdefault(t.source_id, []).append(t.rc)
        else:
            given.setdefault(t.source_id, []).append(t.rc)
            received.setdefault(t.target_id, []).append(t.rc)
    roles = tuple(
        RoleScore(role_id, mean(given.get(role_id, [])), mean(received.get(role_id, [])),
                  mean(within.get(role_id, [])))
        for role_id in role_ids
    )
    overall = OverallScore(
        rc=mean([t.rc for t in shown if t.rc is not None]),
        between_roles=mean([t.rc for t in shown
                            if t.rc is not None and t.source_id != t.target_id]),
        dimensions={key: mean([v for t in shown if (v := t.dimensions.get(key)) is not None])
                    for key in DIMENSION_KEYS},
    )
    return roles, overall


# -- change between two waves ----------------------------------------------------------------

DEFAULT_CHANGE_THRESHOLD = 0.25


class ChangeKind(Enum):
    IMPROVED = "improved"
    WORSE = "worse"
    UNCHANGED = "unchanged"
    NEW = "new"  # shown in the later wave only
    LOST = "lost"  # shown in the earlier wave only
    SUPPRESSED = "suppressed"  # suppressed in either wave: it gets no change value


@dataclass(frozen=True)
class TieChange:
    source_id: int
    target_id: int
    before: float | None  # the tie's RC in the earlier wave, when shown there
    after: float | None
    delta: float | None  # after − before, unrounded; None unless shown in both waves
    kind: ChangeKind


@dataclass(frozen=True)
class RoleChange:
    """Deltas (later − earlier) of a role's aggregates; None where either is missing."""

    role_id: int
    given: float | None
    received: float | None
    within: float | None


@dataclass(frozen=True)
class WaveComparison:
    before_wave_id: int
    after_wave_id: int
    threshold: float
    ties: tuple[TieChange, ...]
    roles: tuple[RoleChange, ...]
    rc: float | None  # delta of the overall RC (all shown ties)
    between_roles: float | None
    dimensions: dict[str, float | None]


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def change_kind(before: float, after: float, threshold: float) -> ChangeKind:
    """Improved or worse when the shown (two-decimal) values differ by at least the
    threshold, so what the user reads and the verdict always agree."""
    step = round(round(after, 2) - round(before, 2), 2)
    if step >= threshold:
        return ChangeKind.IMPROVED
    if step <= -threshold:
        return ChangeKind.WORSE
    return ChangeKind.UNCHANGED


def _tie_change(before: TieScore | None, after: TieScore | None,
                threshold: float) -> TieChange | None:
    known = after or before
    assert known is not None
    b = before.rc if before is not None and before.shown else None
    a = after.rc if after is not None and after.shown else None
    if (before is not None and before.suppressed) or (after is not None and after.suppressed):
        kind = ChangeKind.SUPPRESSED
    elif b is not None and a is not None:
        kind = change_kind(b, a, threshold)
    elif a is not None:
        kind = ChangeKind.NEW
    elif b is not None:
        kind = ChangeKind.LOST
    else:
        return None  # present but unrated in both: nothing to compare
    delta = _delta(b, a) if kind is not ChangeKind.SUPPRESSED else None
    return TieChange(known.source_id, known.target_id, b, a, delta, kind)


def compare_waves(before: WaveScores, after: WaveScores,
                  threshold: float = DEFAULT_CHANGE_THRESHOLD) -> WaveComparison:
    """What changed from `before` to `after`: each tie, each role, the overall figures."""
    if threshold <= 0:
        raise ValueError("the change threshold must be positive")
    earlier = {(t.source_id, t.target_id): t for t in before.ties}
    later = {(t.source_id, t.target_id): t for t in after.ties}
    keys = list(dict.fromkeys([*later, *earlier]))
    changes = [_tie_change(earlier.get(key), later.get(key), threshold) for key in keys]
    old_roles = {r.role_id: r for r in before.roles}
    roles = tuple(
        RoleChange(r.role_id, _delta(old.given, r.given), _delta(old.received, r.received),
                   _delta(old.within, r.within))
        for r in after.roles if (old := old_roles.get(r.role_id)) is not None
    )
    return WaveComparison(
        before_wave_id=before.wave_id,
        after_wave_id=after.wave_id,
        threshold=threshold,
        ties=tuple(c for c in changes if c is not None),
        roles=roles,
        rc=_delta(before.overall.rc, after.overall.rc),
        between_roles=_delta(before.overall.between_roles, after.overall.between_roles),
        dimensions={key: _delta(before.overall.dimensions.get(key),
                                after.overall.dimensions.get(key)) for key in DIMENSION_KEYS},
    )
