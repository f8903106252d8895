"""Swapping two people between cross-role pairs keeps everyone in exactly one group."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from rcdesk.analysis.pair_swaps import places, swap_seats
from rcdesk.analysis.pairs import Group, propose_pairs


def test_a_swap_exchanges_two_people() -> None:
    groups = [Group(((1, 1), (2, 1))), Group(((1, 2), (3, 1)))]
    swapped = swap_seats(groups, (0, 1), (1, 0))
    assert [g.seats for g in swapped] == [((1, 1), (1, 2)), ((2, 1), (3, 1))]


@given(st.dictionaries(st.integers(1, 5), st.integers(0, 6), max_size=5), st.data())
def test_any_swap_keeps_every_seat_once_and_the_sizes(present, data) -> None:
    groups = propose_pairs(present)
    seats = places(groups)
    if len(seats) < 2:
        return
    first = data.draw(st.sampled_from(seats))
    second = data.draw(st.sampled_from(seats))
    swapped = swap_seats(groups, first, second)
    assert Counter(s for g in swapped for s in g.seats) == Counter(
        s for g in groups for s in g.seats)
    assert [len(g.seats) for g in swapped] == [len(g.seats) for g in groups]
