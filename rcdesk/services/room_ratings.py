"""Rate the map, each person alone (issue 20): in-room anonymous ratings of the map's ties.

A participant says which role they are and rates the roles they work with, in the short
form (one overall rating per role) or the full form (the seven dimensions). Done stores
ONE anonymous respondent for the wave, `in-room-<number>`, in the same storage and the
same scoring as imported survey answers (`survey_responses`, analysis/rc_scores.py); the
wave's provenance records the source "in the room". "I don't work with this role" stores
nothing for that role.

What the room sees follows the pulse's rule (domain/anonymity.py): a deliberate,
recorded showing, per tie. At a showing a tie shows its figures when `statement_shown`
allows it (k respondents, and k more than at its last showing); any other tie keeps what
it showed last time, or stays hidden. A showing is refused, with the reason, while no tie
would change. Every surface that scores the wave (ScoresService) reads the last showing.
The answers are written off the undo stack (as pass-the-laptop pulse answers are): a
later Ctrl+Z must never silently drop someone's ratings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from rcdesk.analysis.rc_scores import score_tie_values
from rcdesk.domain.anonymity import k_for, more_needed, statement_shown
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.model import Role
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.services.edits import Edit, InsertRows
from rcdesk.services.records import non_empty
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import room_ratings as store
from rcdesk.store import survey as survey_store
from rcdesk.store.rows import next_id

#: The provenance record's source for answers given in the room.
IN_THE_ROOM = "in the room"


class RatingForm(Enum):
    SHORT = "short"  # one overall rating per role
    FULL = "full"  # the seven dimensions per role


#: One rated role: an overall rating (short form), the seven values in DIMENSION_KEYS
#: order with None for "not answered" (full form), or None: "I don't work with this role".
RoleAnswer = int | Sequence[int | None] | None


@dataclass(frozen=True)
class RoomState:
    """What the facilitator sees of a wave's in-room ratings: counts, never a figure."""

    respondents: int
    showings: int
    refusal: str | None  # why "Show results" is refused now (None: it may be shown)


def _value(value: object, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(field, "Ratings are whole numbers from 1 to 5.")
    return value


def answer_values(answer: RoleAnswer, field: str) -> tuple[tuple[int | None, ...], int | None]:
    """(the seven values, the overall rating) of one rated role; ValidationError if bad."""
    if answer is None or isinstance(answer, int):
        return (None,) * len(DIMENSION_KEYS), _value(answer, field)
    values = tuple(answer)
    if len(values) != len(DIMENSION_KEYS):
        raise ValidationError(field, f"The full form rates {len(DIMENSION_KEYS)} dimensions.")
    return tuple(_value(v, field) for v in values), None


class RoomRatingsService:
    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    @property
    def _db(self) -> Any:
        return self.workshop.library.db

    @property
    def k(self) -> int:
        return k_for(self.workshop.workshop().settings)

    # -- who rates whom ----------------------------------------------------------------------

    def present_roles(self) -> list[Role]:
        """The roles a participant may say they are: those present at the latest meeting
        with attendance recorded (services/pairs.attended), else every role."""
        from rcdesk.services.pairs import attended

        roles = self.workshop.roles()
        meeting = attended(self.workshop.meetings())
        came = [r for r in roles if meeting is not None and meeting.attendance.get(r.id, 0)]
        return came or roles

    def partners(self, role_id: int) -> list[Role]:
        """The roles a participant of `role_id` rates: those the map ties it to (its own
        role included when the map has that tie); every role when the map has none."""
        roles = self.workshop.roles()
        targets = {t.target_id for t in self.workshop.ties() if t.source_id == role_id}
        return [r for r in roles if r.id in targets] or roles

    # -- collecting --------------------------------------------------------------------------

    def respondents(self, wave_id: int) -> int:
        return store.count_respondents(self._db, wave_id)

    def record(self, wave_id: int, role_id: int, answers: Mapping[int, RoleAnswer],
               form: RatingForm = RatingForm.SHORT) -> Edit:
        """Store one participant's ratings as one anonymous respondent of the wave."""
        self.workshop.wave(wave_id)  # NotFoundError when the wave is gone
        known = {r.id: r.name for r in self.workshop.roles()}
        if role_id not in known:
            raise ValidationError("role", "That role is no longer in this workshop.")
        rated = []
        for target_id, answer in answers.items():
            if target_id not in known:
                raise ValidationError("role", "A rated role is no longer in this workshop.")
            values, overall = answer_values(answer, known[target_id])
            if overall is not None or any(v is not None for v in values):
                rated.append((target_id, values, overall))
        if not rated:
            raise ValidationError("answers", "Rate at least one role, or pass the laptop on "
                                  "without pressing Done.")
        respondent = store.respondent_name(store.last_number(self._db, wave_id) + 1)
        first = next_id(self._db, "survey_responses")
        rows = [{"id": first + i, "wave_id": wave_id, "respondent": respondent,
                 "source_id": role_id, "target_id": target_id,
                 **dict(zip(DIMENSION_KEYS, values, strict=True)), "overall": overall}
                for i, (target_id, values, overall) in enumerate(rated)]
        return self.workshop.perform(InsertRows("Record in-room ratings", non_empty(
            ("survey_responses", rows), ("survey_imports", self._provenance(wave_id, form)))))

    def _provenance(self, wave_id: int, form: RatingForm) -> list[dict[str, Any]]:
        """The wave's provenance row for in-room ratings in this form (once per form)."""
        for record in survey_store.import_records(self._db, wave_id):
            if record.get("source") == IN_THE_ROOM and record.get("form") == form.value:
                return []
        return [{"id": next_id(self._db, "survey_imports"),
                 "workshop_id": self.workshop.workshop_id, "wave_id": wave_id,
                 "imported_at": self.workshop.clock().isoformat(timespec="seconds"),
                 "record": record_text(form)}]

    # -- showing -----------------------------------------------------------------------------

    def _plan(self, wave_id: int) -> tuple[dict[tuple[int, int], store.ShownTie], int]:
        db = self._db
        return showing_plan(store.load_numbered_values(db, wave_id),
                            store.last_showing(db, wave_id), store.last_number(db, wave_id),
                            self.workshop.workshop().settings)

    def refusal(self, wave_id: int) -> str | None:
        """Why the wave's in-room ratings cannot be shown now, in plain words."""
        if not self.respondents(wave_id):
            return "Nobody has rated the map in the room in this wave yet."
        need = self._plan(wave_id)[1]
        if need == 0:
            return None
        people = "person needs" if need == 1 else "people need"
        return (f"{need} more {people} to rate a tie before any result can be shown or "
                f"change (a tie is shown from {self.k} people, and each showing needs "
                f"{self.k} more for that tie).")

    def state(self, wave_id: int) -> RoomState:
        return RoomState(self.respondents(wave_id), store.count_showings(self._db, wave_id),
                         self.refusal(wave_id))

    def show(self, wave_id: int) -> int:
        """Record a showing of the wave's in-room ratings; return how many ties it shows.

        Refused (ValidationError, the reason in plain words) while no tie would change.
        Written off the undo stack: the room has seen it."""
        reason = self.refusal(wave_id)
        if reason is not None:
            raise ValidationError("showing", reason)
        plan, _ = self._plan(wave_id)
        rows = showing_rows(plan, first_id=next_id(self._db, "room_showings"),
                            workshop_id=self.workshop.workshop_id, wave_id=wave_id,
                            number=store.count_showings(self._db, wave_id) + 1,
                            shown_at=self.workshop.clock().isoformat(timespec="seconds"))
        self.workshop.perform(InsertRows("Show in-room ratings", (("room_showings",
                                                                   tuple(rows)),)))
        return sum(1 for tie in plan.values() if tie.n >= self.k)


def visible_rows(rows: Sequence[store.NumberedValues], showing: store.Showing | None,
                 ) -> list[store.NumberedValues]:
    """The answers every surface may count and score: imported answers (an import replaces
    the wave's answers, so they came before any in-room rating), and per tie the in-room
    answers up to the number it was last shown at (none before the first showing)."""
    ties = {} if showing is None else showing.ties
    kept = []
    for row in rows:
        number, source, target, _ = row
        shown = ties.get((source, target))
        if number is None or (shown is not None and number <= shown.through):
            kept.append(row)
    return kept


def shown_counts(rows: Sequence[store.NumberedValues], last: store.Showing | None,
                 settings: WorkshopSettings) -> dict[tuple[int, int], int]:
    """Per tie shown now, from how many respondents (imported answers and the room's part
    up to its last showing)."""
    scores = score_tie_values(((s, t, v) for _, s, t, v in visible_rows(rows, last)),
                              wave_id=0, settings=settings)
    return {(t.source_id, t.target_id): t.n or 0 for t in scores.ties if t.shown}


def showing_plan(rows: list[store.NumberedValues], last: store.Showing | None, through: int,
                 settings: WorkshopSettings) -> tuple[dict[tuple[int, int], store.ShownTie],
                                                      int]:
    """What a showing now would record per tie, and how many more respondents the nearest
    tie needs before anything would change (0: a showing may happen now). Each tie follows
    the pulse's rule (anonymity.statement_shown): k respondents, and k more than the tie
    shows now (its last showing, or its imported answers); any other tie keeps what it
    showed, or stays hidden."""
    k = k_for(settings)
    scores = score_tie_values(((s, t, v) for _, s, t, v in rows), wave_id=0,
                              settings=settings)
    shown_now = shown_counts(rows, last, settings)
    plan: dict[tuple[int, int], store.ShownTie] = {}
    need: list[int] = []
    for tie in scores.ties:
        key = (tie.source_id, tie.target_id)
        last_n = shown_now.get(key)
        n = tie.n or 0
        if statement_shown(n, last_n, k):
            plan[key] = store.ShownTie(n, through)
            need.append(0)
            continue
        plan[key] = _kept(None if last is None else last.ties.get(key), last_n, n, through)
        need.append(more_needed(n, last_n, k))
    return plan, min(need, default=k)


def _kept(before: store.ShownTie | None, shown_n: int | None, n: int,
          through: int) -> store.ShownTie:
    """A tie a showing does not change: what it showed last; its imported answers alone
    (none of the room's) when only they are shown; else all it has, below k (hidden)."""
    if before is not None:
        return before
    return store.ShownTie(shown_n, 0) if shown_n is not None else store.ShownTie(n, through)


def showing_rows(plan: dict[tuple[int, int], store.ShownTie], *, first_id: int,
                 workshop_id: int, wave_id: int, number: int,
                 shown_at: str) -> list[dict[str, Any]]:
    """The `room_showings` rows of one showing (ids from `first_id`)."""
    return [{"id": first_id + i, "workshop_id": workshop_id, "wave_id": wave_id,
             "showing": number, "shown_at": shown_at, "source_id": key[0],
             "target_id": key[1], "n": tie.n, "through": tie.through}
            for i, (key, tie) in enumerate(sorted(plan.items()))]


def record_text(form: RatingForm) -> str:
    """The provenance record of in-room ratings in this form."""
    return json.dumps({"source": IN_THE_ROOM, "form": form.value})
