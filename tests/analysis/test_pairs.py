"""Cross-role pairs: everyone placed once, no same-role pair while another role is free,
the weakest ties' roles paired first, an odd room makes one trio."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from rcdesk.analysis.pairs import propose_pairs, weak_ties_of
from rcdesk.domain.scores import TieScore

NURSES, DOCTORS, PHARMACY, PORTERS = 1, 2, 3, 4


def test_the_weakest_ties_roles_are_paired_first() -> None:
    groups = propose_pairs({NURSES: 2, DOCTORS: 1, PHARMACY: 1},
                           weak_ties=[(PHARMACY, NURSES), (DOCTORS, NURSES)])
    assert {frozenset(g.roles) for g in groups} == {frozenset({NURSES, PHARMACY}),
                                                     frozenset({NURSES, DOCTORS})}


def test_an_odd_room_makes_one_trio_and_nobody_is_left_out() -> None:
    groups = propose_pairs({NURSES: 3, DOCTORS: 2, PHARMACY: 2})
    sizes = sorted(len(g.seats) for g in groups)
    assert sizes == [2, 2, 3]
    assert all(g.mixed for g in groups)


def test_one_role_only_pairs_within_it() -> None:
    groups = propose_pairs({NURSES: 4})
    assert [g.roles for g in groups] == [(NURSES, NURSES), (NURSES, NURSES)]


def test_a_re_roll_changes_the_pairs_but_keeps_the_rules() -> None:
    room = {NURSES: 4, DOCTORS: 4, PHARMACY: 2, PORTERS: 2}
    rolls = {tuple(g.seats for g in propose_pairs(room, seed=s)) for s in range(6)}
    assert len(rolls) > 1
    for seed in range(6):
        assert all(g.mixed for g in propose_pairs(room, seed=seed))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(1, 6), st.integers(0, 9), min_size=1, max_size=6),
       st.integers(0, 1000))
def test_everyone_once_and_no_avoidable_same_role_pair(present, seed) -> None:  # type: ignore[no-untyped-def]
    groups = propose_pairs(present, seed=seed)
    seats = [s for g in groups for s in g.seats]
    assert len(seats) == len(set(seats)) == sum(present.values())
    assert Counter(role for role, _ in seats) == Counter(
        {r: c for r, c in present.items() if c})
    total = sum(present.values())
    largest = max(present.values())
    if total >= 2:
        assert all(2 <= len(g.seats) <= 3 for g in groups)
    # a same-role group is unavoidable only when one role has more than everyone else
    same = [g for g in groups if not g.mixed]
    if largest <= total - largest:
        assert same == [], (present, groups)


def test_only_shown_ties_steer_the_pairs_weakest_first() -> None:
    """A tie kept private below k (suppressed) takes no part in the order of weak ties."""
    ties = [TieScore(NURSES, DOCTORS, n=5, rc=3.2), TieScore(PHARMACY, NURSES, n=4, rc=2.1),
            TieScore(DOCTORS, PHARMACY, n=2, suppressed=True),
            TieScore(PORTERS, NURSES, n=6, rc=4.4)]
    assert weak_ties_of(ties) == [(PHARMACY, NURSES), (NURSES, DOCTORS), (PORTERS, NURSES)]
