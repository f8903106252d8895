"""The report's top priorities (issue 20): the latest dot-vote whose results the room has
seen, its gaps with their dots, most first. Nothing while a vote still waits for voters."""

from __future__ import annotations

from typing import Any

from rcdesk.services.dot_votes import DotVoteService
from rcdesk.services.workshop import WorkshopService

TOP = 5


def top_priorities(workshop: WorkshopService, top: int = TOP) -> dict[str, Any]:
    """The snapshot's `priorities` and `priorities_note` (empty when nothing is shown)."""
    votes = DotVoteService(workshop)
    for vote in reversed(votes.votes()):
        found = votes.results(vote.id)
        if found is None:
            continue
        how = "on the passed laptop" if vote.method == "laptop" else "by a show of hands"
        note = (f"{vote.dots} dot{'s' if vote.dots != 1 else ''} each, {vote.voters} "
                f"people, {how} ({vote.created_at[:10]}).")
        return {"priorities": tuple((p.title, p.votes) for p in found[:top]),
                "priorities_note": note}
    return {}
