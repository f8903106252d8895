"""Cross-role pairs for the room (issue 20): who came (a meeting's attendance per role) and
the map's weakest shown ties, through analysis/pairs.py, in words the projector shows.

People are anonymous seats ("Nurses 2"): rcdesk never records names. The weakest ties are
the wave's shown ties, weakest first (a tie hidden below k plays no part, so the pairs
cannot tell its score). With no attendance recorded, nobody is paired: the facilitator
records who came first (Conversations › Agenda, "Who was there").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rcdesk.analysis.pairs import Group, propose_pairs
from rcdesk.domain.model import Meeting
from rcdesk.services.scores import ScoresService
from rcdesk.services.workshop import WorkshopService


@dataclass(frozen=True)
class PairsPlan:
    """Groups and how to name their seats; `meeting` is whose attendance was used."""

    groups: tuple[Group, ...]
    names: dict[int, str]  # role id -> role name
    meeting: Meeting | None

    def seat_name(self, seat: tuple[int, int]) -> str:
        return f"{self.names.get(seat[0], '?')} {seat[1]}"

    def lines(self) -> list[str]:
        return [" + ".join(self.seat_name(s) for s in group.seats) for group in self.groups]


def attended(meetings: Sequence[Meeting], meeting_id: int | None = None) -> Meeting | None:
    """The meeting asked for, else the latest with attendance recorded."""
    if meeting_id is not None:
        return next((m for m in meetings if m.id == meeting_id), None)
    with_counts = [m for m in meetings if any(m.attendance.values())]
    return max(with_counts, key=lambda m: (m.date, m.id)) if with_counts else None


class PairsService:
    def __init__(self, workshop: WorkshopService, scores: ScoresService | None = None) -> None:
        self.workshop = workshop
        self.scores = scores or ScoresService(workshop.library, workshop.workshop_id)

    def weakest_ties(self, wave_id: int | None) -> list[tuple[int, int]]:
        if wave_id is None:
            return []
        shown = [t for t in self.scores.wave_scores(wave_id).ties
                 if t.shown and t.rc is not None]
        return [(t.source_id, t.target_id) for t in sorted(shown, key=lambda t: t.rc or 0.0)]

    def propose(self, wave_id: int | None, seed: int = 0,
                meeting_id: int | None = None) -> PairsPlan:
        roles = {r.id: r.name for r in self.workshop.roles()}
        meeting = attended(self.workshop.meetings(), meeting_id)
        present = {} if meeting is None else {
            role: count for role, count in meeting.attendance.items() if role in roles}
        groups = propose_pairs(present, self.weakest_ties(wave_id), seed)
        return PairsPlan(tuple(groups), roles, meeting)
