"""Dot-voting on gaps (issue 20): which gaps the room wants to work on first.

The facilitator starts a vote: N dots per person, how many people vote, and how: on the
passed laptop (each person alone on the locked screen places their dots; a ballot is
written off the undo stack, as pulse answers are) or as a tally of a show of hands (the
facilitator types the count per gap; a show of hands is public, each count one undo
step). Results reach the room only when everyone has voted: on the laptop, when as many
ballots as voters are in (and never from fewer than k people, so totals cannot be read
back to one person); for a tally, when the facilitator says everyone has voted. Only
totals per gap are ever returned, never a ballot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rcdesk.domain.anonymity import k_for
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.gaps import Gap
from rcdesk.domain.limits import MAX_TALLY
from rcdesk.services.edits import Edit, InsertRows, RowUpdate, UpdateRows
from rcdesk.services.gaps import GapsService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.rows import fetch_rows, next_id

MAX_DOTS = 20
MAX_VOTERS = 1000
METHODS = ("laptop", "tally")


@dataclass(frozen=True)
class DotVote:
    id: int
    created_at: str
    dots: int
    voters: int
    method: str  # "laptop" | "tally"
    closed_at: str | None


@dataclass(frozen=True)
class VoteState:
    """What the facilitator sees of a vote: how many voted, and why results wait."""

    vote: DotVote
    voted: int  # ballots in (laptop) or dots counted (tally)
    refusal: str | None  # why the results are not shown yet (None: they are)


@dataclass(frozen=True)
class Priority:
    """A gap with the dots it received, for the gap log, the tab and the PDF."""

    gap_id: int
    title: str
    votes: int


def _vote(row: Mapping[str, Any]) -> DotVote:
    return DotVote(int(row["id"]), str(row["created_at"]), int(row["dots"]),
                   int(row["voters"]), str(row["method"]), row["closed_at"])


def _whole(value: object, low: int, high: int, field: str, words: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(field, f"{words} is a whole number from {low} to {high}.")
    return value


class DotVoteService:
    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop
        self.gaps = GapsService(workshop)

    @property
    def _db(self) -> Any:
        return self.workshop.library.db

    @property
    def k(self) -> int:
        return k_for(self.workshop.workshop().settings)

    # -- reading -----------------------------------------------------------------------------

    def votes(self) -> list[DotVote]:
        return [_vote(r) for r in fetch_rows(self._db, "dot_votes", "workshop_id = ?",
                                             [self.workshop.workshop_id])]

    def latest(self) -> DotVote | None:
        found = self.votes()
        return found[-1] if found else None

    def vote(self, vote_id: int) -> DotVote:
        for found in self.votes():
            if found.id == vote_id:
                return found
        raise ValidationError("vote", "That dot-vote is no longer in this workshop.")

    def candidates(self) -> list[Gap]:
        """The gaps one may vote on: those not done or dropped, in the log's order."""
        return [gap for gap in self.gaps.gaps() if not gap.status.finished]

    def _marks(self, vote_id: int) -> list[dict[str, Any]]:
        return fetch_rows(self._db, "dot_vote_marks", "vote_id = ?", [vote_id])

    def ballots(self, vote_id: int) -> int:
        """How many people have voted on the laptop (a count, never whose dots)."""
        return len({m["voter"] for m in self._marks(vote_id) if m["voter"] is not None})

    def refusal(self, vote_id: int) -> str | None:
        """Why the vote's results are not shown yet, in plain words (None: they are)."""
        vote = self.vote(vote_id)
        if vote.method == "tally":
            return None if vote.closed_at else (
                "Count the hands for each gap, then say that everyone has voted.")
        done = self.ballots(vote_id)
        if done < vote.voters:
            more = vote.voters - done
            return (f"{more} more {'person' if more == 1 else 'people'} to vote (of "
                    f"{vote.voters}): results are shown when everyone has voted.")
        if done < self.k:
            return f"Results are shown from {self.k} voters, so no one's dots can be told."
        return None

    def state(self, vote_id: int) -> VoteState:
        vote = self.vote(vote_id)
        voted = self.ballots(vote_id) if vote.method == "laptop" else sum(
            int(m["dots"]) for m in self._marks(vote_id))
        return VoteState(vote, voted, self.refusal(vote_id))

    def results(self, vote_id: int) -> list[Priority] | None:
        """Dots per gap, most first (gaps with none left out); None until shown."""
        if self.refusal(vote_id) is not None:
            return None
        totals: dict[int, int] = {}
        for mark in self._marks(vote_id):
            if mark["gap_id"] is not None:
                totals[int(mark["gap_id"])] = totals.get(int(mark["gap_id"]), 0) + int(
                    mark["dots"])
        titles = {gap.id: gap.title for gap in self.gaps.gaps()}
        found = [Priority(gap_id, titles[gap_id], dots) for gap_id, dots in totals.items()
                 if dots and gap_id in titles]
        return sorted(found, key=lambda p: (-p.votes, p.title.casefold(), p.gap_id))

    def gap_votes(self) -> dict[int, int]:
        """Each gap's dots in the latest vote whose results are shown (the gap log's column)."""
        for vote in reversed(self.votes()):
            found = self.results(vote.id)
            if found is not None:
                return {p.gap_id: p.votes for p in found}
        return {}

    # -- changing ----------------------------------------------------------------------------

    def start(self, dots: int, voters: int, method: str = "laptop") -> Edit:
        """A new vote; one undo step."""
        _whole(dots, 1, MAX_DOTS, "dots", "The number of dots each person has")
        _whole(voters, 1, MAX_VOTERS, "voters", "The number of people voting")
        if method not in METHODS:
            raise ValidationError("method", "Vote on the laptop or count a show of hands.")
        if not self.candidates():
            raise ValidationError("gaps", "There are no open gaps to vote on yet.")
        row = {"id": next_id(self._db, "dot_votes"), "workshop_id": self.workshop.workshop_id,
               "created_at": self.workshop.clock().isoformat(timespec="seconds"),
               "dots": dots, "voters": voters, "method": method, "closed_at": None}
        return self.workshop.perform(InsertRows("Start a dot-vote", (("dot_votes", (row,)),)))

    def _open_vote(self, vote_id: int, method: str) -> DotVote:
        vote = self.vote(vote_id)
        if vote.method != method:
            raise ValidationError("method", "This vote is counted another way.")
        if vote.closed_at is not None:
            raise ValidationError("vote", "This vote is closed.")
        return vote

    def cast(self, vote_id: int, dots: Mapping[int, int]) -> Edit:
        """One person's dots on the laptop, as one ballot (off the undo stack)."""
        vote = self._open_vote(vote_id, "laptop")
        if self.ballots(vote_id) >= vote.voters:
            raise ValidationError("vote", "Everyone has voted already.")
        open_gaps = {gap.id for gap in self.candidates()}
        placed = {gap_id: _whole(count, 0, vote.dots, "dots", "Dots on a gap")
                  for gap_id, count in dots.items()}
        if set(placed) - open_gaps:
            raise ValidationError("gaps", "A gap voted on is no longer open.")
        total = sum(placed.values())
        if not 1 <= total <= vote.dots:
            raise ValidationError("dots", f"Place from 1 to {vote.dots} dots.")
        voter = max((int(m["voter"]) for m in self._marks(vote_id) if m["voter"]), default=0)
        first = next_id(self._db, "dot_vote_marks")
        rows = tuple({"id": first + i, "workshop_id": self.workshop.workshop_id,
                      "vote_id": vote_id, "gap_id": gap_id, "voter": voter + 1, "dots": count}
                     for i, (gap_id, count) in enumerate(
                         (g, c) for g, c in sorted(placed.items()) if c))
        return self.workshop.perform(InsertRows("Cast dot-vote", (("dot_vote_marks", rows),)))

    def set_hands(self, vote_id: int, gap_id: int, count: int) -> Edit | None:
        """A tally: how many dots a show of hands gave a gap (one undo step)."""
        self._open_vote(vote_id, "tally")
        _whole(count, 0, MAX_TALLY, "count", "A count of hands")
        if gap_id not in {gap.id for gap in self.candidates()}:
            raise ValidationError("gaps", "That gap is no longer open.")
        found = [m for m in self._marks(vote_id) if m["gap_id"] == gap_id]
        if found:
            if int(found[0]["dots"]) == count:
                return None
            return self.workshop.perform(UpdateRows("Count hands", (RowUpdate(
                "dot_vote_marks", int(found[0]["id"]), {"dots": found[0]["dots"]},
                {"dots": count}),), merge_key=f"dot-hands-{vote_id}-{gap_id}"))
        row = {"id": next_id(self._db, "dot_vote_marks"),
               "workshop_id": self.workshop.workshop_id, "vote_id": vote_id,
               "gap_id": gap_id, "voter": None, "dots": count}
        return self.workshop.perform(InsertRows("Count hands", (("dot_vote_marks", (row,)),)))

    def hands(self, vote_id: int) -> dict[int, int]:
        """A tally's counts per gap (public: the room counted them aloud)."""
        if self.vote(vote_id).method != "tally":
            return {}
        return {int(m["gap_id"]): int(m["dots"]) for m in self._marks(vote_id)
                if m["gap_id"] is not None}

    def close(self, vote_id: int) -> Edit:
        """A tally: everyone has voted, show the results (one undo step)."""
        self._open_vote(vote_id, "tally")
        when = self.workshop.clock().isoformat(timespec="seconds")
        return self.workshop.perform(UpdateRows("Everyone has voted", (RowUpdate(
            "dot_votes", vote_id, {"closed_at": None}, {"closed_at": when}),)))

    def set_voters(self, vote_id: int, voters: int) -> Edit | None:
        """How many people vote (someone left, or joined); never below the ballots in."""
        vote = self.vote(vote_id)
        _whole(voters, max(1, self.ballots(vote_id)), MAX_VOTERS, "voters",
               "The number of people voting")
        if voters == vote.voters:
            return None
        return self.workshop.perform(UpdateRows("Change the number of voters", (RowUpdate(
            "dot_votes", vote_id, {"voters": vote.voters}, {"voters": voters}),)))
