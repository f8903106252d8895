"""Dot-voting on gaps (issue 20): ballots and tallies add up, and results wait until
everyone has voted (and never come from fewer than k people)."""

from __future__ import annotations

import pytest

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.gaps import GapStatus
from rcdesk.services.dot_votes import DotVoteService
from rcdesk.services.gaps import GapsService
from rcdesk.services.workshop import WorkshopService


@pytest.fixture
def voting(sample: WorkshopService) -> tuple[DotVoteService, list[int]]:
    votes = DotVoteService(sample)
    return votes, [gap.id for gap in votes.candidates()][:3]


def test_laptop_ballots_add_up_and_show_only_when_everyone_voted(voting) -> None:
    votes, (a, b, c) = voting
    shown_before = votes.gap_votes()  # the sample's own dot-vote
    votes.start(dots=3, voters=4)
    vote = votes.latest()
    assert vote is not None
    ballots = [{a: 2, b: 1}, {a: 3}, {b: 1, c: 2}]
    for ballot in ballots:
        votes.cast(vote.id, ballot)
    assert votes.results(vote.id) is None and votes.gap_votes() == shown_before
    assert "1 more person" in str(votes.refusal(vote.id))
    votes.cast(vote.id, {c: 1})
    results = votes.results(vote.id)
    assert results is not None
    # By hand: a 2 + 3 = 5, b 1 + 1 = 2, c 2 + 1 = 3.
    assert [(p.gap_id, p.votes) for p in results] == [(a, 5), (c, 3), (b, 2)]
    assert votes.gap_votes() == {a: 5, c: 3, b: 2}
    with pytest.raises(ValidationError):
        votes.cast(vote.id, {a: 1})  # everyone has voted


@pytest.mark.parametrize("ballot", [{}, {"a": 4}, {"a": 2, "b": 2}, {"a": 0}, {"a": -1},
                                    {"a": True}])
def test_a_ballot_places_one_to_n_dots(voting, ballot: dict[str, object]) -> None:
    votes, gaps = voting
    votes.start(dots=3, voters=3)
    vote = votes.latest()
    assert vote is not None
    named = dict(zip("abc", gaps, strict=True))
    with pytest.raises(ValidationError):
        votes.cast(vote.id, {named[k]: v for k, v in ballot.items()})  # type: ignore[misc]
    assert votes.ballots(vote.id) == 0


def test_fewer_than_k_voters_never_show_their_dots(voting) -> None:
    votes, (a, b, _) = voting
    votes.start(dots=2, voters=2)
    vote = votes.latest()
    assert vote is not None
    votes.cast(vote.id, {a: 2})
    votes.cast(vote.id, {b: 2})
    assert votes.results(vote.id) is None
    assert "from 3 voters" in str(votes.refusal(vote.id))


def test_a_tally_of_hands_shows_when_the_facilitator_closes_it(voting) -> None:
    votes, (a, b, c) = voting
    votes.start(dots=2, voters=9, method="tally")
    vote = votes.latest()
    assert vote is not None
    votes.set_hands(vote.id, a, 4)
    votes.set_hands(vote.id, b, 9)
    votes.set_hands(vote.id, a, 5)
    assert votes.results(vote.id) is None
    assert votes.state(vote.id).voted == 14
    votes.close(vote.id)
    results = votes.results(vote.id)
    assert results is not None and [(p.gap_id, p.votes) for p in results] == [(b, 9), (a, 5)]
    with pytest.raises(ValidationError):
        votes.set_hands(vote.id, c, 1)  # closed


def test_fewer_voters_when_someone_left(voting) -> None:
    votes, (a, _, _) = voting
    votes.start(dots=1, voters=5)
    vote = votes.latest()
    assert vote is not None
    for _ in range(3):
        votes.cast(vote.id, {a: 1})
    with pytest.raises(ValidationError):
        votes.set_voters(vote.id, 2)  # three have voted already
    votes.set_voters(vote.id, 3)
    assert votes.gap_votes() == {a: 3}


def test_a_dropped_gap_is_not_voted_on(voting, sample: WorkshopService) -> None:
    votes, (a, b, _) = voting
    votes.start(dots=2, voters=3)
    vote = votes.latest()
    assert vote is not None
    GapsService(sample).set_gap_status(b, GapStatus.DROPPED)
    assert b not in {g.id for g in votes.candidates()}
    with pytest.raises(ValidationError):
        votes.cast(vote.id, {a: 1, b: 1})
    assert votes.ballots(vote.id) == 0
