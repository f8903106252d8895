"""Swapping two people between groups of cross-role pairs (issue 20), by the facilitator's
keyboard: pure, so the rules are tested without a screen.

A seat is (group index, place in the group). Swapping two seats of one group changes
nothing; swapping seats of two groups exchanges the people, so every person is still in
exactly one group and the group sizes stay as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

from rcdesk.analysis.pairs import Group

Place = tuple[int, int]  # (group index, place within the group)


def places(groups: Sequence[Group]) -> list[Place]:
    """Every seat in reading order: group by group, place by place."""
    return [(g, p) for g, group in enumerate(groups) for p in range(len(group.seats))]


def swap_seats(groups: Sequence[Group], first: Place, second: Place) -> list[Group]:
    """The groups with the people at `first` and `second` exchanged."""
    seats = [list(group.seats) for group in groups]
    (g1, p1), (g2, p2) = first, second
    seats[g1][p1], seats[g2][p2] = seats[g2][p2], seats[g1][p1]
    return [Group(tuple(s)) for s in seats]
