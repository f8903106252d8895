"""Survey scoring exactly as domain.md §2 says: orders of averaging, bands, suppression,
the sufficiency recode and the change between waves."""

from __future__ import annotations

import math

import pytest

from rcdesk.analysis.rc_scores import (
    ChangeKind,
    change_kind,
    compare_waves,
    recode_sufficiency,
    score_survey,
)
from rcdesk.domain.bands import Band
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.scores import ScoreSource, TieScore, WaveScores
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.domain.survey import SurveyAnswer

_ = None
A, B, C = 1, 2, 3
WORKED = [(4, 4, 5, 3, 4, 4, 5), (3, 2, 3, 3, 2, 3, 4), (5, 5, _, 4, 5, _, 5)]


def answers(source: int, target: int, rows: list[tuple[int | None, ...]],
            prefix: str = "r") -> list[SurveyAnswer]:
    return [SurveyAnswer(f"{prefix}{source}-{i}", source, target, row)
            for i, row in enumerate(rows)]


def score(items: list[SurveyAnswer], k: int = 3, wave_id: int = 1) -> WaveScores:
    return score_survey(items, wave_id=wave_id, settings=WorkshopSettings(anonymity_k=k),
                        role_ids=[A, B, C])


def only_tie(scores: WaveScores) -> TieScore:
    assert len(scores.ties) == 1
    return scores.ties[0]


# -- the worked example of domain.md §2 rule 6 -----------------------------------------------


def test_worked_example_is_the_mean_of_respondent_indices() -> None:
    tie = only_tie(score(answers(A, B, WORKED)))
    assert tie.n == 3
    assert tie.rc is not None and round(tie.rc, 4) == 3.9333
    assert tie.communication is not None and round(tie.communication, 4) == 3.8056
    assert tie.relationship is not None and round(tie.relationship, 4) == 4.1111
    assert tie.band is Band.MODERATE


def test_worked_example_does_not_use_the_other_two_orders() -> None:
    tie = only_tie(score(answers(A, B, WORKED)))
    pooled = [v for row in WORKED for v in row if v is not None]
    pooled_mean = sum(pooled) / len(pooled)
    dimension_means = [
        sum(col) / len(col)
        for col in ([row[i] for row in WORKED if row[i] is not None] for i in range(7))
    ]
    mean_of_means = sum(dimension_means) / 7
    assert round(pooled_mean, 4) == 3.8421 and round(mean_of_means, 4) == 3.8333
    assert tie.rc is not None
    assert round(tie.rc, 4) not in (3.8421, 3.8333)
    assert not math.isclose(tie.rc, pooled_mean) and not math.isclose(tie.rc, mean_of_means)


def test_dimension_scores_are_means_of_answered_values() -> None:
    tie = only_tie(score(answers(A, B, WORKED)))
    assert tie.dimensions["frequent"] == 4.0
    assert tie.dimensions["accurate"] == 4.0  # (5 + 3) / 2: r3's blank is skipped
    assert tie.dimensions["shared_knowledge"] == 3.5


def test_composite_is_the_mean_of_all_items_not_of_the_two_subscales() -> None:
    tie = only_tie(score(answers(A, B, WORKED)))
    assert tie.rc is not None and tie.communication is not None
    assert tie.relationship is not None
    assert not math.isclose(tie.rc, (tie.communication + tie.relationship) / 2)
    # With no missing answers the composite is (4·communication + 3·relationship)/7.
    full = only_tie(score(answers(A, B, WORKED[:2] + [(5, 5, 4, 4, 5, 3, 5)])))
    assert full.rc is not None and full.communication is not None
    assert full.relationship is not None
    assert math.isclose(full.rc, (4 * full.communication + 3 * full.relationship) / 7)


def test_nadolski_students_to_nurses_composite() -> None:
    # Nadolski et al. 2006, Table 1: communication 3.15, relationship 2.75 → 2.98.
    assert round((4 * 3.15 + 3 * 2.75) / 7, 2) == 2.98


def test_a_respondent_with_no_answer_for_a_target_does_not_count() -> None:
    rows = [*WORKED, (_, _, _, _, _, _, _)]
    tie = only_tie(score(answers(A, B, rows)))
    assert tie.n == 3
    assert tie.rc is not None and round(tie.rc, 4) == 3.9333


def test_a_subscale_counts_only_respondents_who_answered_that_group() -> None:
    rows = [(4, 4, 4, 4, _, _, _), (2, 2, 2, 2, 5, 5, 5), (3, 3, 3, 3, 1, 1, 1)]
    tie = only_tie(score(answers(A, B, rows)))
    assert tie.communication == 3.0
    assert tie.relationship == 3.0  # (5 + 1) / 2, the first respondent is not counted


# -- bands -----------------------------------------------------------------------------------


def test_an_exact_3_5_is_moderate() -> None:
    tie = only_tie(score(answers(A, B, [(3, 4, 3, 4, 3, 4, _), (4, 3, 4, 3, 4, 3, _),
                                        (3, 4, 3, 4, 3, 4, _)])))
    assert tie.rc == 3.5
    assert tie.band is Band.MODERATE


def test_a_3_5_computed_as_3_4999999999999996_is_moderate() -> None:
    # Six respondent indices whose exact mean is 3.5, but a left-to-right float sum
    # gives 3.4999999999999996. Whatever the arithmetic, the tie bands as moderate.
    rows = [(5, 3, 3, 3, _, _, _), (5, 3, 4, 3, 2, 5, _), (5, 3, _, _, _, _, _),
            (4, _, _, _, _, _, _), (5, 2, 3, 2, 3, _, _), (2, 1, 5, 2, 5, 2, _)]
    indices = [sum(v for v in r if v) / sum(1 for v in r if v) for r in rows]
    naive = 0.0
    for index in indices:
        naive += index
    assert naive / len(rows) == 3.4999999999999996
    tie = only_tie(score(answers(A, B, rows)))
    assert tie.rc == pytest.approx(3.5, abs=1e-12)
    assert tie.band is Band.MODERATE


@pytest.mark.parametrize(("rows", "band"), [
    ([(3,) * 7] * 3, Band.WEAK),
    ([(4,) * 7] * 3, Band.MODERATE),  # 4.0 is moderate
    ([(4,) * 7, (4,) * 7, (5, 4, 4, 4, 4, 4, 4)], Band.STRONG),  # 4.0476 → 4.05
    ([(4,) * 7, (4,) * 7, (4, 4, 4, 4, 4, 4, _)], Band.MODERATE),
])
def test_band_edges(rows: list[tuple[int | None, ...]], band: Band) -> None:
    assert only_tie(score(answers(A, B, rows))).band is band


def test_cut_points_come_from_the_settings() -> None:
    items = answers(A, B, [(4,) * 7] * 3)
    strict = score_survey(items, wave_id=1, settings=WorkshopSettings(weak_below=4.2,
                                                                      strong_above=4.6))
    assert only_tie(strict).band is Band.WEAK


# -- the frequency recode --------------------------------------------------------------------


def test_sufficiency_positions_score_1_3_5_4_2() -> None:
    assert [recode_sufficiency(p) for p in (1, 2, 3, 4, 5)] == [1, 3, 5, 4, 2]


@pytest.mark.parametrize("position", [0, 6, -1])
def test_sufficiency_refuses_positions_outside_1_to_5(position: int) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        recode_sufficiency(position)


# -- anonymity -------------------------------------------------------------------------------


def test_a_tie_below_k_is_suppressed_but_keeps_its_n() -> None:
    tie = only_tie(score(answers(A, B, WORKED[:2])))
    assert (tie.n, tie.suppressed, tie.rc, tie.band) == (2, True, None, Band.UNRATED)
    assert tie.communication is None and tie.relationship is None and tie.dimensions == {}
    assert tie.value(None) is None and not tie.shown


def test_exactly_k_respondents_are_shown() -> None:
    assert only_tie(score(answers(A, B, WORKED))).shown
    raised = score(answers(A, B, WORKED), k=4)
    assert only_tie(raised).suppressed
    assert raised.min_respondents == 4


def test_k_is_never_taken_below_3() -> None:
    items = answers(A, B, WORKED[:2])
    lax = score_survey(items, wave_id=1, settings=WorkshopSettings(anonymity_k=1))
    assert only_tie(lax).suppressed and lax.min_respondents == 3


def test_aggregates_use_only_shown_ties_so_nothing_is_recovered_by_subtraction() -> None:
    shown_ab = answers(A, B, [(4,) * 7] * 3)
    shown_ac = answers(A, C, [(2,) * 7] * 3)
    hidden_ba = answers(B, A, [(5,) * 7] * 2)
    shown_aa = answers(A, A, [(3,) * 7] * 3)
    scores = score(shown_ab + shown_ac + hidden_ba + shown_aa)
    assert scores.tie(B, A) is not None and scores.tie(B, A).suppressed  # type: ignore[union-attr]
    assert scores.overall.rc == pytest.approx((4 + 2 + 3) / 3)
    assert scores.overall.between_roles == pytest.approx(3.0)
    assert scores.overall.dimensions["timely"] == pytest.approx(3.0)
    roles = {r.role_id: r for r in scores.roles}
    assert roles[A].given == pytest.approx(3.0) and roles[A].within == 3.0
    assert roles[A].received is None  # only B → A goes to A, and it is hidden
    assert roles[B].given is None and roles[B].received == 4.0
    # Without B → A the aggregates are identical: they carry no trace of it.
    without = score(shown_ab + shown_ac + shown_aa)
    assert without.overall == scores.overall
    assert without.roles == scores.roles


def test_ties_follow_the_role_order_and_ignore_answer_order() -> None:
    items = answers(C, A, WORKED) + answers(A, B, WORKED) + answers(A, A, WORKED)
    scores = score(list(reversed(items)))
    assert [(t.source_id, t.target_id) for t in scores.ties] == [(A, A), (A, B), (C, A)]
    assert scores.source is ScoreSource.SURVEY and scores.wave_id == 1
    assert [r.role_id for r in scores.roles] == [A, B, C]


def test_all_blank_answers_give_no_tie() -> None:
    assert score(answers(A, B, [(_,) * 7] * 4)).ties == ()


# -- comparing waves -------------------------------------------------------------------------


def wave(wave_id: int, **ties: list[tuple[int | None, ...]]) -> WaveScores:
    """Ties named like "AB" (A → B) with their answer rows."""
    ids = {"A": A, "B": B, "C": C}
    items = [a for name, rows in ties.items()
             for a in answers(ids[name[0]], ids[name[1]], rows, prefix=f"w{wave_id}")]
    return score(items, wave_id=wave_id)


def test_change_kinds_per_tie() -> None:
    before = wave(1, AB=[(3,) * 7] * 3, AC=[(4,) * 7] * 3, BA=[(4,) * 7] * 3,
                  BC=[(3,) * 7] * 3, CA=[(3,) * 7] * 3, CB=[(3,) * 7] * 2)
    after = wave(2, AB=[(4,) * 7] * 3, AC=[(3,) * 7] * 3, BA=[(4,) * 7] * 3,
                 BC=[(3,) * 7] * 2, CB=[(5,) * 7] * 3, CC=[(4,) * 7] * 3)
    found = {(c.source_id, c.target_id): c for c in compare_waves(before, after).ties}
    assert found[(A, B)].kind is ChangeKind.IMPROVED and found[(A, B)].delta == 1.0
    assert found[(A, C)].kind is ChangeKind.WORSE and found[(A, C)].delta == -1.0
    assert found[(B, A)].kind is ChangeKind.UNCHANGED
    assert found[(C, A)].kind is ChangeKind.LOST and found[(C, A)].after is None
    assert found[(C, C)].kind is ChangeKind.NEW and found[(C, C)].before is None
    # Suppressed in either wave: no change value at all.
    for key in ((B, C), (C, B)):
        assert found[key].kind is ChangeKind.SUPPRESSED and found[key].delta is None
    assert found[(B, C)].after is None and found[(C, B)].before is None


@pytest.mark.parametrize(("before", "after", "kind"), [
    (3.5, 3.75, ChangeKind.IMPROVED),  # exactly the threshold counts
    (3.55, 3.8, ChangeKind.IMPROVED),  # 3.8 − 3.55 is 0.24999999999999956 in floats
    (3.5, 3.74, ChangeKind.UNCHANGED),
    (3.75, 3.5, ChangeKind.WORSE),
    (3.504, 3.746, ChangeKind.IMPROVED),  # shown as 3.50 → 3.75
])
def test_change_threshold_is_decided_on_the_shown_values(before: float, after: float,
                                                          kind: ChangeKind) -> None:
    assert change_kind(before, after, 0.25) is kind


def test_threshold_is_a_setting() -> None:
    before = wave(1, AB=[(3,) * 7] * 3)
    after = wave(2, AB=[(3, 3, 3, 3, 3, 3, 4)] * 3)  # +0.14
    assert compare_waves(before, after).ties[0].kind is ChangeKind.UNCHANGED
    assert compare_waves(before, after, threshold=0.1).ties[0].kind is ChangeKind.IMPROVED
    with pytest.raises(ValueError):
        compare_waves(before, after, threshold=0)


def test_dimension_role_and_overall_deltas() -> None:
    before = wave(1, AB=[(3,) * 7] * 3, BA=[(4,) * 7] * 3)
    after = wave(2, AB=[(4, 4, 4, 4, 3, 3, 3)] * 3, BA=[(4,) * 7] * 3)
    change = compare_waves(before, after)
    assert (change.before_wave_id, change.after_wave_id) == (1, 2)
    assert change.dimensions["frequent"] == pytest.approx(0.5)
    assert change.dimensions["shared_goals"] == pytest.approx(0.0)
    assert set(change.dimensions) == set(DIMENSION_KEYS)
    roles = {r.role_id: r for r in change.roles}
    assert roles[A].given == pytest.approx(4 / 7) and roles[A].received == 0.0
    assert roles[A].within is None and roles[C].given is None
    assert change.rc == pytest.approx(2 / 7)
    assert change.between_roles == pytest.approx(2 / 7)
