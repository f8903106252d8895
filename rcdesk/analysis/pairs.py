"""Cross-role pairs for humble-inquiry practice (issue 20).

From who came (a count per role) and the map's weakest ties, propose pairs (a trio when
the room is odd) that mix roles: a person is never paired with their own role while
someone of another role is free, and pairs across the weakest ties are made first, so
the people whose roles coordinate worst get to ask each other. People are anonymous
seats ("Nurses 1", "Nurses 2"): rcdesk never records names. A re-roll is the same rule
with another seed, so the facilitator can shuffle until the room is happy.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rcdesk.domain.anonymity import shown_parts
from rcdesk.domain.scores import TieScore

Seat = tuple[int, int]  # (role id, number within the role, from 1)


@dataclass(frozen=True)
class Group:
    seats: tuple[Seat, ...]

    @property
    def roles(self) -> tuple[int, ...]:
        return tuple(role for role, _ in self.seats)

    @property
    def mixed(self) -> bool:
        return len(set(self.roles)) > 1


def weak_ties_of(ties: Iterable[TieScore]) -> list[tuple[int, int]]:
    """(source, target) of the wave's shown ties, weakest first, for `propose_pairs`.

    Only shown ties (domain/anonymity.py): a tie kept private below k must not steer who
    is paired with whom, or the pairs would give its weakness away."""
    shown = [t for t in shown_parts(ties) if t.rc is not None]
    return [(t.source_id, t.target_id)
            for t in sorted(shown, key=lambda t: (t.rc, t.source_id, t.target_id))]


def _weakness(weak_ties: Sequence[tuple[int, int]]) -> dict[frozenset[int], int]:
    """Rank of each role pair by its weakest tie (0 = weakest), either direction."""
    ranks: dict[frozenset[int], int] = {}
    for rank, (source, target) in enumerate(weak_ties):
        if source != target:
            ranks.setdefault(frozenset((source, target)), rank)
    return ranks


def _partner(free: dict[int, int], role: int, ranks: dict[frozenset[int], int],
             rng: random.Random) -> int:
    """The role to pair `role` with: another role with free seats, across the weakest tie
    when there is one, else the role with most free seats (ties broken at random); its
    own role only when no other has a free seat."""
    others = [r for r, count in free.items() if count and r != role]
    if not others:
        return role
    rng.shuffle(others)
    return min(others, key=lambda r: (ranks.get(frozenset((role, r)), len(ranks)), -free[r]))


def propose_pairs(present: Mapping[int, int], weak_ties: Sequence[tuple[int, int]] = (),
                  seed: int = 0) -> list[Group]:
    """Pairs (and one trio for an odd room) of everyone present.

    `present`: people per role id; `weak_ties`: (source, target) role ids, weakest first.
    """
    rng = random.Random(seed)
    free = {role: count for role, count in present.items() if count > 0}
    numbers = {role: 0 for role in free}
    ranks = _weakness(weak_ties)
    groups: list[list[Seat]] = []

    def take(role: int) -> Seat:
        free[role] -= 1
        numbers[role] += 1
        return (role, numbers[role])

    while sum(free.values()) >= 2:
        # the role with most people left goes first, so the largest role is spread widest
        role = max(free, key=lambda r: (free[r], rng.random()))
        first = take(role)
        groups.append([first, take(_partner(free, role, ranks, rng))])
    if sum(free.values()) == 1:
        last = next(r for r, count in free.items() if count)
        seat = take(last)
        home = next((g for g in groups if last not in {r for r, _ in g}), groups[-1]
                    if groups else None)
        if home is None:
            groups.append([seat])
        else:
            home.append(seat)
    return [Group(tuple(g)) for g in groups]
