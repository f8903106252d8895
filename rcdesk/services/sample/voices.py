"""The sample workshop's "every voice in the room" (issue 20): an in-room rating wave,
"Kick-off ratings" (dated between Baseline and Follow-up 1, so the header's wave stays
Follow-up 1), with 9 anonymous respondents across 4 roles (4 nurses, 3 physicians, one case
manager, one pharmacist, each rating the roles the map ties theirs to, in the full form)
shown once, so the nurses' and physicians' ties show and the case manager's and the
pharmacist's stay hidden below k; and a dot-vote on the open gaps, 3 dots each, 9 people
on the passed laptop, so its totals are shown. Called inside build_sample's transaction,
after the gaps; written with the rules of services/room_ratings.py and dot_votes.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.names import name_key
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.services.room_ratings import RatingForm, record_text, showing_plan, showing_rows
from rcdesk.store import room_ratings as room_store
from rcdesk.store import sample as sample_store
from rcdesk.store.rows import fetch_rows, insert_rows

WAVE = "Kick-off ratings"
WAVE_DATE = "2026-10-05"
SHOWN_AT = "2026-10-05T11:40:00"
#: Each respondent: their role and a leaning per rated role (added to a base of 3, kept in
#: 1–5); the nurses split over the physicians, so the disagreement lens has a story.
PEOPLE: tuple[tuple[str, dict[str, int]], ...] = (
    ("Nurses", {"Physicians": 2, "Case managers": 1, "Pharmacists": 1, "Nurses": 1}),
    ("Nurses", {"Physicians": -2, "Case managers": 1, "Pharmacists": 0, "Nurses": 2}),
    ("Nurses", {"Physicians": 1, "Case managers": 0, "Pharmacists": 1, "Nurses": 1}),
    ("Nurses", {"Physicians": -2, "Case managers": 1, "Pharmacists": 1, "Nurses": 1}),
    ("Physicians", {"Nurses": 1, "Case managers": -1, "Pharmacists": 0, "Physicians": 1}),
    ("Physicians", {"Nurses": 0, "Case managers": -1, "Pharmacists": 1, "Physicians": 1}),
    ("Physicians", {"Nurses": 1, "Case managers": 0, "Pharmacists": 0, "Physicians": 2}),
    ("Case managers", {"Nurses": 1, "Physicians": -1}),
    ("Pharmacists", {"Nurses": 0, "Physicians": -1}),
)
#: Each voter's 3 dots, by gap number in the sample's gap list.
BALLOTS = ((0, 0, 1), (0, 3, 3), (1, 1, 0), (0, 1, 3), (3, 3, 3), (0, 1, 2), (1, 0, 0),
           (2, 3, 0), (0, 1, 1))


def _values(person: int, leaning: int) -> tuple[int, ...]:
    """Seven values around 3 + leaning, varied a little by dimension and person."""
    return tuple(min(5, max(1, 3 + leaning + ((person + d) % 3) - 1))
                 for d in range(len(DIMENSION_KEYS)))


def fill_voices(db: Any, workshop_id: int, roles: Mapping[str, int],
                settings: WorkshopSettings | None = None) -> None:
    """Add the in-room wave and the dot-vote (roles: name key → role id)."""
    # In date order among the waves: after Baseline, before Follow-up 1 (still the last).
    wave = sample_store.insert_wave_by_date(db, workshop_id, WAVE, WAVE_DATE)
    answers = []
    for number, (rater, leanings) in enumerate(PEOPLE, start=1):
        for target, leaning in leanings.items():
            answers.append({
                "wave_id": wave, "respondent": room_store.respondent_name(number),
                "source_id": roles[name_key(rater)], "target_id": roles[name_key(target)],
                **dict(zip(DIMENSION_KEYS, _values(number, leaning), strict=True))})
    insert_rows(db, "survey_responses", answers)
    insert_rows(db, "survey_imports", [{
        "workshop_id": workshop_id, "wave_id": wave, "imported_at": SHOWN_AT,
        "record": record_text(RatingForm.FULL)}])
    plan, _ = showing_plan(room_store.load_numbered_values(db, wave), None, len(PEOPLE),
                           settings or WorkshopSettings())
    insert_rows(db, "room_showings", [
        {k: v for k, v in row.items() if k != "id"}
        for row in showing_rows(plan, first_id=0, workshop_id=workshop_id, wave_id=wave,
                                number=1, shown_at=SHOWN_AT)])
    _dot_vote(db, workshop_id)


def _dot_vote(db: Any, workshop_id: int) -> None:
    gaps = [int(g["id"]) for g in fetch_rows(db, "gaps", "workshop_id = ?", [workshop_id])
            if g["status"] in ("open", "in_progress")]
    if not gaps:
        return
    vote = insert_rows(db, "dot_votes", [{
        "workshop_id": workshop_id, "created_at": SHOWN_AT, "dots": 3,
        "voters": len(BALLOTS), "method": "laptop", "closed_at": None}])[0]
    marks: list[dict[str, Any]] = []
    for voter, ballot in enumerate(BALLOTS, start=1):
        for gap_index in sorted(set(ballot)):
            marks.append({"workshop_id": workshop_id, "vote_id": vote,
                          "gap_id": gaps[gap_index % len(gaps)], "voter": voter,
                          "dots": ballot.count(gap_index)})
    insert_rows(db, "dot_vote_marks", marks)
