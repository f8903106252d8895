"""The psychological-safety pulse of one open workshop (domain.md §4; issues 5 and 15).

One pulse per wave, collected without any network in one of two ways: individual
answers (pass-the-laptop, or an imported CSV: services/pulse_import.py) or counts
per scale point after a show of cards (tallies). No individual answer is ever
returned by this service, and no result of individual answers either, except
through a recorded showing: `show_results` fixes the figures a showing shows (in
`pulse_showings`, off the undo stack, kept for good) and `results`, `state` and
`trend`, which every team-facing surface reads, return the last showing. A new
showing needs k more answers than the last (domain/anonymity.py). A show of cards
is public already, so a tally pulse's result is shown as it is counted.

Every change is an Edit performed through the WorkshopService, so it is one
transaction and (for the UI) one undo step. Item wording and reverse keys are the
workshop's own (workshops.pulse_items) on top of rcdesk's ITEMS: scoring is keyed
to the item, so rewording an item never changes a stored answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from rcdesk.analysis.psych_safety import (
    PulseFigures,
    PulseResult,
    figures_from_answers,
    figures_from_tally,
    result_of,
)
from rcdesk.domain.anonymity import k_for, showing_refusal
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.limits import MAX_TALLY, MAX_WORDING, check_characters
from rcdesk.domain.model import Wave
from rcdesk.domain.psych_safety import DEFAULT_SCALE, ITEM_KEYS, ITEMS, SCALE_SIZES, PulseItem
from rcdesk.services.edits import DeleteRows, Edit, InsertRows, RowUpdate, UpdateRows
from rcdesk.services.records import non_empty
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import cascades
from rcdesk.store import pulse as store
from rcdesk.store.rows import next_id, rows_matching

RESPONDENT_PREFIX = "laptop-"


@dataclass(frozen=True)
class PulseState:
    """What the Pulse tab shows about a wave's pulse, with no individual answer in it."""

    wave_id: int
    exists: bool
    scale_max: int
    method: str | None  # "answers", "tally" or None (no pulse yet)
    responses: int  # answer sets stored, or the tally's n
    result: PulseResult  # what the team sees: the last showing (answers) or the tally's
    #: Why "Show results" is refused now (None: it may be shown; tallies need no showing).
    refusal: str | None = None
    shown: store.ShowingRow | None = None  # the last showing of the wave, if any


def empty_result(scale_max: int = DEFAULT_SCALE) -> PulseResult:
    """The shape of "no pulse in this wave": n 0, suppressed, nothing shown."""
    return PulseResult(0, True, scale_max, None, {key: None for key in ITEM_KEYS})


def _check_scale(scale_max: int) -> int:
    if scale_max not in SCALE_SIZES:
        raise ValidationError("scale", "The pulse scale has 5 or 7 points.")
    return scale_max


class PulseService:
    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    @property
    def _db(self) -> Any:
        return self.workshop.library.db

    @property
    def k(self) -> int:
        return k_for(self.workshop.workshop().settings)

    # -- items -------------------------------------------------------------------------------

    def items(self) -> tuple[PulseItem, ...]:
        """rcdesk's seven items with the workshop's own wording and reverse keys on top."""
        overrides = store.item_overrides(self._db, self.workshop.workshop_id)
        merged = []
        for item in ITEMS:
            own = overrides.get(item.key, {})
            wording = own.get("wording")
            flag = own.get("reversed")
            merged.append(replace(
                item,
                wording=wording if isinstance(wording, str) and wording.strip() else item.wording,
                reversed=flag if isinstance(flag, bool) else item.reversed))
        return tuple(merged)

    def customised(self) -> bool:
        return bool(store.item_overrides(self._db, self.workshop.workshop_id))

    def set_item(self, key: str, *, wording: str | None = None,
                 reversed_: bool | None = None) -> Edit | None:
        """Reword an item or change its reverse key; stored answers never change."""
        default = next((item for item in ITEMS if item.key == key), None)
        if default is None:
            raise ValidationError("item", f"Unknown pulse item {key!r}.")
        overrides = store.item_overrides(self._db, self.workshop.workshop_id)
        own = dict(overrides.get(key, {}))
        if wording is not None:
            cleaned = " ".join(wording.split())
            if not cleaned:
                raise ValidationError("wording", "An item needs some wording; use “Use "
                                      "rcdesk's wording” to go back to ours.")
            if len(cleaned) > MAX_WORDING:
                raise ValidationError("wording", f"Keep an item under {MAX_WORDING} characters.")
            own["wording"] = check_characters(cleaned, "wording")
            if cleaned == default.wording:
                own.pop("wording")
        if reversed_ is not None:
            own["reversed"] = reversed_
            if reversed_ == default.reversed:
                own.pop("reversed")
        if own:
            overrides[key] = own
        else:
            overrides.pop(key, None)
        text = "Change pulse item wording" if wording is not None else "Change reverse scoring"
        return self._store_overrides(overrides, text)

    def reset_items(self) -> Edit | None:
        """Back to rcdesk's wording and reverse keys for every item."""
        return self._store_overrides({}, "Use rcdesk's pulse wording")

    def _store_overrides(self, overrides: dict[str, dict[str, Any]], text: str) -> Edit | None:
        wid = self.workshop.workshop_id
        before = rows_matching(self._db, "workshops", id=wid)[0]["pulse_items"]
        after = store.overrides_text(overrides)
        if before == after:
            return None
        return self.workshop.perform(UpdateRows(
            text, (RowUpdate("workshops", wid, {"pulse_items": before},
                             {"pulse_items": after}),)))

    # -- reading -----------------------------------------------------------------------------

    def pulse(self, wave_id: int) -> store.PulseRow | None:
        return store.get_pulse(self._db, self.workshop.workshop_id, wave_id)

    def response_count(self, wave_id: int) -> int:
        """Answer sets stored for the wave (pass-the-laptop shows this number only)."""
        found = self.pulse(wave_id)
        return 0 if found is None else store.count_answers(self._db, found.id)

    def results(self, wave_id: int) -> PulseResult:
        """What the team may see of the wave's pulse: a tally's result, or the last showing
        of its answers (hidden until the first); the empty shape when it has no pulse."""
        found = self.pulse(wave_id)
        if found is None:
            return empty_result()
        return self._result(found, self.items(), self.k)

    def _result(self, found: store.PulseRow, items: tuple[PulseItem, ...], k: int) -> PulseResult:
        if found.method == "tally":
            return result_of(figures_from_tally(self._tally(found), found.scale_max, k, items),
                             k, items)
        shown = self.last_showing(found.wave_id)
        if shown is None:
            return result_of(PulseFigures(0, found.scale_max), k, items,
                             n=store.count_answers(self._db, found.id))
        return result_of(PulseFigures(shown.n, shown.scale_max, shown.means, shown.counts),
                         k, items)

    def showings(self, wave_id: int) -> list[store.ShowingRow]:
        return store.list_showings(self._db, self.workshop.workshop_id, wave_id)

    def last_showing(self, wave_id: int) -> store.ShowingRow | None:
        found = self.showings(wave_id)
        return found[-1] if found else None

    def refusal(self, wave_id: int) -> str | None:
        """Why the wave's answers cannot be shown now, in plain words (None: they can, or
        the pulse is a tally, which needs no showing)."""
        found = self.pulse(wave_id)
        if found is not None and found.method == "tally":
            return None
        collected = 0 if found is None else store.count_answered(self._db, found.id)
        last = self.last_showing(wave_id)
        if found is None and last is None:
            return "Nothing has been collected in this wave yet."
        return showing_refusal(collected, None if last is None else last.n, self.k)

    def show_results(self, wave_id: int) -> PulseResult:
        """Show the results of the wave's answers: record the showing, return what it shows.

        Refused (ValidationError, the reason in plain words) until k more answers came in
        than at the last showing. Written off the undo stack (the room has seen it)."""
        found = self.pulse(wave_id)
        reason = self.refusal(wave_id)
        if found is None or found.method != "answers":
            raise ValidationError("pulse", reason or "A show of cards is shown as it is "
                                  "counted; it needs no showing.")
        if reason is not None:
            raise ValidationError("pulse", reason)
        last_counts: dict[str, int] = {}
        for showing in self.showings(wave_id):
            last_counts.update(showing.counts)
        figures = figures_from_answers(store.load_answers(self._db, found.id), found.scale_max,
                                       self.k, last_counts)
        row = {"id": next_id(self._db, "pulse_showings"),
               "workshop_id": self.workshop.workshop_id, "wave_id": wave_id,
               "shown_at": self.workshop.clock().isoformat(timespec="seconds"),
               "n": figures.n, "scale_max": figures.scale_max,
               "figures": store.figures_text(figures.means, figures.counts)}
        self.workshop.perform(InsertRows("Show pulse results", (("pulse_showings", (row,)),)))
        return self.results(wave_id)

    def state(self, wave_id: int) -> PulseState:
        found = self.pulse(wave_id)
        if found is None:
            return PulseState(wave_id, False, DEFAULT_SCALE, None, 0, empty_result(),
                              self.refusal(wave_id), self.last_showing(wave_id))
        result = self._result(found, self.items(), self.k)
        responses = (result.n if found.method == "tally"
                     else store.count_answers(self._db, found.id))
        shown = self.last_showing(wave_id) if found.method == "answers" else None
        return PulseState(wave_id, True, found.scale_max, found.method, responses, result,
                          self.refusal(wave_id), shown)

    def tally(self, wave_id: int) -> dict[str, dict[int, int]]:
        """The counts entered for a tally pulse (the facilitator's own input, not answers)."""
        found = self.pulse(wave_id)
        if found is None or found.method != "tally":
            return {}
        return self._tally(found)

    def _tally(self, found: store.PulseRow) -> dict[str, dict[int, int]]:
        """The stored counts on the pulse's scale (zero cells left from a wider scale drop)."""
        return {item: {p: c for p, c in counts.items() if p <= found.scale_max}
                for item, counts in store.load_tally(self._db, found.id).items()}

    def _wave_pulses(self) -> list[tuple[Wave, store.PulseRow]]:
        """Each wave that has a pulse, in wave order, with it."""
        with_pulse = store.waves_with_pulse(self._db, self.workshop.workshop_id)
        found = [(wave, self.pulse(wave.id)) for wave in self.workshop.waves()
                 if wave.id in with_pulse]
        return [(wave, p) for wave, p in found if p is not None]

    def waves_answered(self) -> list[Wave]:
        """The waves whose pulse holds answers or tallies, in wave order: what a change of an
        item's reverse key scores differently."""
        return [wave for wave, p in self._wave_pulses()
                if store.count_answers(self._db, p.id)
                or any(any(c.values()) for c in self._tally(p).values())]

    def trend(self) -> list[tuple[Wave, PulseResult]]:
        """Each wave that has a pulse, in wave order, with its (possibly suppressed) result."""
        items, k = self.items(), self.k
        return [(wave, self._result(p, items, k)) for wave, p in self._wave_pulses()]

    # -- answers -----------------------------------------------------------------------------

    def _new_pulse_row(self, wave_id: int, scale_max: int, method: str) -> dict[str, Any]:
        self.workshop.wave(wave_id)  # NotFoundError when the wave is gone
        return {"id": next_id(self._db, "pulses"), "workshop_id": self.workshop.workshop_id,
                "wave_id": wave_id, "scale_max": _check_scale(scale_max), "method": method}

    def record_answers(self, wave_id: int, answers: Mapping[str, int | None],
                       scale_max: int = DEFAULT_SCALE) -> Edit:
        """Save one participant's answers (None = skipped) in one transaction.

        The first answers of a wave create its pulse on `scale_max`; later ones use
        the pulse's own scale. The respondent gets a generated id ("laptop-7").
        """
        found = self.pulse(wave_id)
        pulse_rows: list[dict[str, Any]] = []
        if found is None:
            pulse_rows.append(self._new_pulse_row(wave_id, scale_max, "answers"))
            pulse_id, scale = int(pulse_rows[0]["id"]), int(pulse_rows[0]["scale_max"])
            taken: set[str] = set()
        elif found.method != "answers":
            raise ValidationError("method", "This wave's pulse was entered as tallies. Clear "
                                  "this wave's pulse first to collect answers instead.")
        else:
            pulse_id, scale = found.id, found.scale_max
            taken = store.respondents(self._db, pulse_id)
        unknown = set(answers) - set(ITEM_KEYS)
        if unknown:
            raise ValidationError("item", f"Unknown pulse items: {', '.join(sorted(unknown))}.")
        values = {key: answers.get(key) for key in ITEM_KEYS}
        for key, value in values.items():
            if value is not None and not (isinstance(value, int) and 1 <= value <= scale):
                raise ValidationError(key, f"Answers are points 1–{scale} of the scale.")
        number = len(taken) + 1
        while f"{RESPONDENT_PREFIX}{number}" in taken:
            number += 1
        row = {"id": next_id(self._db, "pulse_answers"),
               "workshop_id": self.workshop.workshop_id, "pulse_id": pulse_id,
               "respondent": f"{RESPONDENT_PREFIX}{number}", **values}
        return self.workshop.perform(InsertRows("Record pulse answers", non_empty(
            ("pulses", pulse_rows), ("pulse_answers", [row]))))

    # -- tallies -----------------------------------------------------------------------------

    def set_tally(self, wave_id: int, item: str, point: int, count: int,
                  scale_max: int = DEFAULT_SCALE) -> Edit | None:
        """How many people chose `point` for `item`; the first count creates a tally pulse."""
        if item not in ITEM_KEYS:
            raise ValidationError("item", f"Unknown pulse item {item!r}.")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_TALLY:
            raise ValidationError("count", f"A count is a whole number from 0 to {MAX_TALLY}.")
        found = self.pulse(wave_id)
        if found is not None and found.method != "tally":
            raise ValidationError("method", "This wave's pulse holds individual answers. Clear "
                                  "this wave's pulse first to enter tallies instead.")
        scale = found.scale_max if found is not None else _check_scale(scale_max)
        if not 1 <= point <= scale:
            raise ValidationError("point", f"The scale has points 1–{scale}.")
        text = "Change pulse tally"
        if found is not None:
            cells = rows_matching(self._db, "pulse_tallies", pulse_id=found.id, item=item,
                                  point=point)
            if cells:
                if cells[0]["count"] == count:
                    return None
                return self.workshop.perform(UpdateRows(text, (RowUpdate(
                    "pulse_tallies", int(cells[0]["id"]), {"count": cells[0]["count"]},
                    {"count": count}),), merge_key=f"pulse-tally-{found.id}-{item}-{point}"))
        if count == 0 and found is not None:
            return None
        pulse_rows = [] if found is not None else [self._new_pulse_row(wave_id, scale, "tally")]
        pulse_id = found.id if found is not None else int(pulse_rows[0]["id"])
        cell = {"id": next_id(self._db, "pulse_tallies"),
                "workshop_id": self.workshop.workshop_id, "pulse_id": pulse_id,
                "item": item, "point": point, "count": count}
        return self.workshop.perform(InsertRows(text, non_empty(
            ("pulses", pulse_rows), ("pulse_tallies", [cell]))))

    # -- scale and clearing ------------------------------------------------------------------

    def is_empty(self, wave_id: int) -> bool:
        found = self.pulse(wave_id)
        if found is None:
            return True
        if found.method == "tally":
            return not any(c for counts in self._tally(found).values()
                           for c in counts.values())
        return store.count_answers(self._db, found.id) == 0

    def set_scale(self, wave_id: int, scale_max: int) -> Edit | None:
        """Change the scale of a wave's pulse while it holds nothing.

        With no pulse yet there is nothing to store (the scale is fixed when the first
        answer or count is saved), so None is returned.
        """
        _check_scale(scale_max)
        found = self.pulse(wave_id)
        if found is None or found.scale_max == scale_max:
            return None
        if not self.is_empty(wave_id):
            raise ValidationError("scale", "The scale can only change while this wave's pulse "
                                  "is empty: clear this wave's pulse first.")
        return self.workshop.perform(UpdateRows("Change pulse scale", (RowUpdate(
            "pulses", found.id, {"scale_max": found.scale_max}, {"scale_max": scale_max}),)))

    def clear(self, wave_id: int) -> Edit | None:
        """Delete the wave's pulse (answers or tallies); undo brings it back."""
        found = self.pulse(wave_id)
        if found is None:
            return None
        groups = cascades.pulse_with_records(self._db, self.workshop.workshop_id, found.id)
        return self.workshop.perform(DeleteRows("Clear pulse", non_empty(*groups)))
