"""The attribution lens against figures worked out by hand, a suppressed tie included."""

from __future__ import annotations

import pytest

from rcdesk.analysis.attribution import attribute, describe, touched_pairs
from rcdesk.analysis.rc_scores import compare_waves, score_survey
from rcdesk.domain.interventions import STRUCTURAL_KEYS
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.domain.structures import SCALE, WORKS_WELL, gap_between, scale_label
from rcdesk.domain.survey import SurveyAnswer

NURSES, DOCTORS, PHARMACY, PORTERS = 1, 2, 3, 4


def tie(source: int, target: int, value: int, respondents: int, wave: str) -> list[SurveyAnswer]:
    """`respondents` answers of `source` rating `target`, every item `value`."""
    return [SurveyAnswer(f"{wave}-{source}-{target}-{i}", source, target, (value,) * 7)
            for i in range(respondents)]


def scores(wave_id: int, ties: list[tuple[int, int, int, int]]):  # type: ignore[no-untyped-def]
    answers = [a for s, t, v, n in ties for a in tie(s, t, v, n, f"w{wave_id}")]
    return score_survey(answers, wave_id=wave_id, settings=WorkshopSettings(anonymity_k=3))


BASELINE = scores(1, [
    (NURSES, DOCTORS, 2, 3),    # touched (Doctors named): 2 -> 4, +2
    (DOCTORS, NURSES, 3, 3),    # touched: 3 -> 4, +1
    (PHARMACY, DOCTORS, 3, 2),  # touched, but 2 respondents at baseline: hidden, no change
    (PHARMACY, PORTERS, 3, 3),  # untouched: 3 -> 3, 0
    (PORTERS, PHARMACY, 4, 3),  # untouched: 4 -> 5, +1
    (NURSES, PORTERS, 2, 3),    # named tie: 2 -> 5, +3
])
FOLLOW_UP = scores(2, [
    (NURSES, DOCTORS, 4, 3),
    (DOCTORS, NURSES, 4, 3),
    (PHARMACY, DOCTORS, 5, 4),
    (PHARMACY, PORTERS, 3, 3),
    (PORTERS, PHARMACY, 5, 3),
    (NURSES, PORTERS, 5, 3),
])


def test_touched_ties_against_the_others_by_hand() -> None:
    comparison = compare_waves(BASELINE, FOLLOW_UP)
    found = attribute(comparison, roles={DOCTORS}, ties={(NURSES, PORTERS)})
    # touched: N->D +2, D->N +1, N->P +3 (P->D hidden at baseline: not comparable)
    assert found.touched.ties == 3 and found.touched.not_comparable == 1
    assert found.touched.mean_delta == pytest.approx((2 + 1 + 3) / 3)
    # untouched: Ph->Po 0, Po->Ph +1
    assert found.untouched.ties == 2 and found.untouched.not_comparable == 0
    assert found.untouched.mean_delta == pytest.approx(0.5)
    assert found.difference == pytest.approx(2 - 0.5)


def test_the_hidden_tie_never_enters_a_mean() -> None:
    """Pharmacy→Doctors scored 5 at follow-up but was hidden at baseline: naming only that
    tie gives a group with no change to show, never its follow-up value."""
    comparison = compare_waves(BASELINE, FOLLOW_UP)
    found = attribute(comparison, ties={(PHARMACY, DOCTORS)})
    assert found.touched.ties == 0 and found.touched.mean_delta is None
    assert found.difference is None
    assert "no tie with a score in both waves" in describe(found, "the new huddle")


def test_describe_says_association_not_cause() -> None:
    found = attribute(compare_waves(BASELINE, FOLLOW_UP), roles={DOCTORS})
    text = describe(found, "the boundary-spanner role")
    assert text.startswith("Ties touched by the boundary-spanner role moved +1.50 on average "
                           "(2 ties); the other ties moved +1.33 on average (3 ties).")
    assert "not what caused it" in text


def test_a_tie_is_touched_through_either_end() -> None:
    pairs = [(1, 2), (2, 3), (3, 4), (4, 1)]
    assert touched_pairs(pairs, roles={2}, ties=()) == {(1, 2), (2, 3)}
    assert touched_pairs(pairs, roles=(), ties={(3, 4)}) == {(3, 4)}


def test_the_structures_scale_and_its_words() -> None:
    assert [p.value for p in SCALE] == [1, 2, 3, 4, 5]
    assert scale_label(3) == "3 · Partly there" and scale_label(None) == "not rated"
    with pytest.raises(ValueError):
        scale_label(6)
    assert gap_between(2, 4) == 2 and gap_between(None, 4) is None
    assert all(len(line) <= 90 for line in WORKS_WELL.values())
    assert set(WORKS_WELL) == set(STRUCTURAL_KEYS)  # one line per structural intervention


def test_groups_left_without_a_role() -> None:
    from rcdesk.analysis.connectivity import groups_without

    roles = [1, 2, 3, 4, 5]
    pairs = [(1, 2), (2, 3), (3, 1), (4, 3), (3, 5), (5, 5)]  # 3 links {1,2} with 4 and 5
    assert groups_without(roles, pairs, 3) == [[1, 2], [4], [5]]
    assert groups_without(roles, pairs, 1) == [[2, 3, 4, 5]]
    assert groups_without(roles, [], 9) == [[1], [2], [3], [4], [5]]
