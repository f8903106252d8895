"""Editing one workshop: details, settings, roles, waves and meetings.

Every public command checks the rules, builds an Edit, applies it in one
transaction and returns it, so the UI can put it on its undo stack. Listeners
hear which kinds of records changed after every apply, undo and redo.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from rcdesk.domain.dimensions import DIMENSION_KEYS, RATING_KEYS
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.limits import (  # noqa: F401 - MAX_HEADCOUNT re-exported for callers
    MAX_DESCRIPTION,
    MAX_HEADCOUNT,
    check_coordinate,
    check_date,
    check_headcount,
    check_length,
    clean_detail,
    clean_meeting_title,
    is_hex_colour,
)
from rcdesk.domain.model import Meeting, MeetingKind, Rating, Role, Tie, Wave, Workshop
from rcdesk.domain.names import clean_name, name_key
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.services.edits import (
    TAKEN_PLACE,
    Change,
    DeleteRows,
    Edit,
    InsertRows,
    RowGroup,
    RowUpdate,
    UpdateRows,
    run_in_transaction,
)
from rcdesk.store import repository
from rcdesk.store.connection import Library
from rcdesk.store.rows import fetch_rows

Listener = Callable[[Change], None]

DETAIL_FIELDS = {"title": "title", "team": "team", "process": "focal process",
                 "facilitator": "facilitator"}


class WorkshopService:
    """The use cases of one open workshop."""

    def __init__(self, library: Library, workshop_id: int,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.library = library
        self.workshop_id = workshop_id
        self.clock = clock
        self._listeners: list[Listener] = []
        if repository.get_workshop(library.db, workshop_id) is None:
            raise NotFoundError(f"There is no workshop with id {workshop_id}.")

    # -- observing ---------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, changes: Change) -> None:
        for listener in list(self._listeners):
            listener(changes)

    def announce(self, changes: Change) -> None:
        """Tell the listeners about changes made outside this service's Edits.

        Writes such as a survey import (services/survey_import.py) run in their own
        transaction, sometimes on another thread's connection; the caller announces
        them here, on the thread that owns the listeners, once they are committed.
        """
        self._notify(changes)

    # -- reading -----------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock().date()

    @property
    def read_only(self) -> bool:
        return self.library.read_only

    def workshop(self) -> Workshop:
        found = repository.get_workshop(self.library.db, self.workshop_id)
        if found is None:
            raise NotFoundError("This workshop no longer exists in the library.")
        return found

    def roles(self) -> list[Role]:
        return repository.list_roles(self.library.db, self.workshop_id)

    def waves(self) -> list[Wave]:
        return repository.list_waves(self.library.db, self.workshop_id)

    def ties(self) -> list[Tie]:
        return repository.list_ties(self.library.db, self.workshop_id)

    def ratings(self) -> list[Rating]:
        return repository.list_ratings(self.library.db, self.workshop_id)

    def meetings(self) -> list[Meeting]:
        return repository.list_meetings(self.library.db, self.workshop_id)

    def meeting(self, meeting_id: int) -> Meeting:
        for meeting in self.meetings():
            if meeting.id == meeting_id:
                return meeting
        raise NotFoundError("That meeting is no longer in this workshop.")

    def role(self, role_id: int) -> Role:
        for role in self.roles():
            if role.id == role_id:
                return role
        raise NotFoundError("That role is no longer in this workshop.")

    def wave(self, wave_id: int) -> Wave:
        for wave in self.waves():
            if wave.id == wave_id:
                return wave
        raise NotFoundError("That wave is no longer in this workshop.")

    # -- applying edits ----------------------------------------------------------------------

    def perform(self, edit: Edit) -> Edit:
        run_in_transaction(self.library.db, self.read_only, _action(edit.text), edit.apply)
        self._notify(edit.changes)
        return edit

    def undo(self, edit: Edit) -> None:
        run_in_transaction(self.library.db, self.read_only, "undo " + edit.text, edit.revert,
                           clash=TAKEN_PLACE)
        self._notify(edit.changes)

    def redo(self, edit: Edit) -> None:
        run_in_transaction(self.library.db, self.read_only, "redo " + edit.text, edit.apply,
                           clash=TAKEN_PLACE)
        self._notify(edit.changes)

    def _next_id(self, table: str) -> int:
        """An id never used before in this table, so undoing an old deletion can always
        restore its rows with their own ids (tables are AUTOINCREMENT: deleted ids are
        not handed out again)."""
        rows = list(self.library.db.query(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), "
            f"coalesce((SELECT max(id) FROM {table}), 0)) + 1 AS n", [table]))
        return int(rows[0]["n"])

    def _update(self, text: str, table: str, row_id: int, after: dict[str, Any],
                merge_key: str | None = None) -> Edit | None:
        # Only rows of this workshop: an id from another workshop must not be edited here.
        scope = "id" if table == "workshops" else "workshop_id"
        rows = fetch_rows(self.library.db, table, f"id = ? AND {scope} = ?",
                          [row_id, self.workshop_id])
        if not rows:
            raise NotFoundError("That record is no longer in this workshop.")
        before = {column: rows[0][column] for column in after}
        if before == after:
            return None
        return self.perform(
            UpdateRows(text, (RowUpdate(table, row_id, before, after),), merge_key)
        )

    # -- workshop details and settings ---------------------------------------------------------

    def update_detail(self, field: str, value: str) -> Edit | None:
        """Change the title, team, focal process or facilitator; None when nothing changed."""
        if field not in DETAIL_FIELDS:
            raise ValidationError(field, f"Unknown workshop detail {field!r}.")
        label = DETAIL_FIELDS[field]
        if field == "title":
            title = clean_name(value, "title")
            other = repository.find_workshop_id(self.library.db, name_key(title))
            if other is not None and other != self.workshop_id:
                raise ValidationError(
                    "title", f"Another workshop is already called “{title}”. Choose another title."
                )
            after: dict[str, Any] = {"title": title, "title_key": name_key(title)}
        else:
            try:
                after = {field: clean_detail(value, label)}
            except ValidationError as exc:  # named by its key, so the form can focus it
                raise ValidationError(field, str(exc)) from None
        return self._update(f"Change {label}", "workshops", self.workshop_id, after)

    def update_settings(self, settings: WorkshopSettings) -> Edit | None:
        settings.validate()
        after = {
            "weak_below": settings.weak_below,
            "strong_above": settings.strong_above,
            "anonymity_k": settings.anonymity_k,
            "paper_size": settings.paper_size.value,
            "min_items": settings.min_items,
        }
        return self._update("Change settings", "workshops", self.workshop_id, after)

    # -- roles -------------------------------------------------------------------------------

    def _check_role_name(self, name: str, except_id: int | None = None) -> str:
        cleaned = clean_name(name, "role name")
        key = name_key(cleaned)
        for role in self.roles():
            if role.id != except_id and name_key(role.name) == key:
                raise ValidationError(
                    "role name", f"There is already a role called “{role.name}” in this workshop."
                )
        return cleaned

    def add_role(self, name: str, headcount: int | None = None, colour: str | None = None,
                 at: tuple[float, float] | None = None) -> Edit:
        """Add a role at the end of the order (and, from the map, at a place on it)."""
        cleaned = self._check_role_name(name)
        check_headcount(headcount)
        if colour is not None and not is_hex_colour(colour):
            raise ValidationError("colour", "A colour must look like #1F77B4.")
        roles = self.roles()
        row = {
            "id": self._next_id("roles"),
            "workshop_id": self.workshop_id,
            "name": cleaned,
            "name_key": name_key(cleaned),
            "position": (max((r.position for r in roles), default=-1) + 1),
            "headcount": headcount,
            "colour": colour,
            "x": check_coordinate(at[0], "x") if at else None,
            "y": check_coordinate(at[1], "y") if at else None,
        }
        return self.perform(InsertRows("Add role", (("roles", (row,)),)))

    def free_role_name(self, base: str = "New role") -> str:
        """`base`, or `base 2`, `base 3`… whichever no role of this workshop uses."""
        keys = {name_key(r.name) for r in self.roles()}
        candidate, number = base, 2
        while name_key(candidate) in keys:
            candidate = f"{base} {number}"
            number += 1
        return candidate

    def rename_role(self, role_id: int, name: str) -> Edit | None:
        cleaned = self._check_role_name(name, except_id=role_id)
        after = {"name": cleaned, "name_key": name_key(cleaned)}
        return self._update("Rename role", "roles", role_id, after)

    def set_role_headcount(self, role_id: int, headcount: int | None) -> Edit | None:
        check_headcount(headcount)
        return self._update("Change headcount", "roles", role_id, {"headcount": headcount})

    def set_role_colour(self, role_id: int, colour: str | None) -> Edit | None:
        if colour is not None and not is_hex_colour(colour):
            raise ValidationError("colour", "A colour must look like #1F77B4.")
        return self._update("Change role colour", "roles", role_id, {"colour": colour})

    def delete_role(self, role_id: int) -> Edit:
        """Delete a role with its ties, ratings and survey answers; undo restores them all."""
        db = self.library.db
        roles = fetch_rows(db, "roles", "id = ? AND workshop_id = ?", [role_id, self.workshop_id])
        if not roles:
            raise NotFoundError("That role is no longer in this workshop.")
        ties = fetch_rows(db, "ties", "source_id = ? OR target_id = ?", [role_id, role_id])
        ratings = fetch_rows(
            db, "ratings", "tie_id IN (SELECT id FROM ties WHERE source_id = ? OR target_id = ?)",
            [role_id, role_id])
        answers = fetch_rows(db, "survey_responses", "source_id = ? OR target_id = ?",
                             [role_id, role_id])
        groups = _non_empty(("roles", roles), ("ties", ties), ("ratings", ratings),
                            ("survey_responses", answers))
        return self.perform(DeleteRows("Delete role", groups))

    def move_role(self, role_id: int, new_index: int) -> Edit | None:
        """Move a role to a new place in the workshop's order of roles."""
        roles = self.roles()
        ids = [r.id for r in roles]
        if role_id not in ids:
            raise NotFoundError("That role is no longer in this workshop.")
        new_index = max(0, min(new_index, len(ids) - 1))
        ids.remove(role_id)
        ids.insert(new_index, role_id)
        updates = tuple(
            RowUpdate("roles", r.id, {"position": r.position}, {"position": ids.index(r.id)})
            for r in roles
            if r.position != ids.index(r.id)
        )
        if not updates:
            return None
        return self.perform(UpdateRows("Reorder roles", updates))

    # -- the map: positions, pins, ties and ratings ------------------------------------------

    def set_role_positions(self, positions: dict[int, tuple[float, float]],
                           text: str = "Move role", merge_key: str | None = None) -> Edit | None:
        """Place roles on the map (one drag or one layout = one edit)."""
        roles = {r.id: r for r in self.roles()}
        updates = []
        for role_id, (x, y) in positions.items():
            role = roles.get(role_id)
            if role is None:
                raise NotFoundError("That role is no longer in this workshop.")
            x, y = check_coordinate(x, "x"), check_coordinate(y, "y")
            if (role.x, role.y) != (x, y):
                updates.append(RowUpdate("roles", role_id, {"x": role.x, "y": role.y},
                                         {"x": x, "y": y}))
        if not updates:
            return None
        return self.perform(UpdateRows(text, tuple(updates), merge_key))

    def set_pinned(self, role_ids: list[int], pinned: bool) -> Edit | None:
        roles = {r.id: r for r in self.roles()}
        updates = tuple(
            RowUpdate("roles", rid, {"pinned": int(roles[rid].pinned)}, {"pinned": int(pinned)})
            for rid in role_ids if rid in roles and roles[rid].pinned != pinned
        )
        if not updates:
            return None
        return self.perform(UpdateRows("Pin position" if pinned else "Unpin position", updates))

    def add_tie(self, source_id: int, target_id: int) -> Edit:
        """A directed tie source → target (a role may have a tie to itself)."""
        role_ids = {r.id for r in self.roles()}
        if source_id not in role_ids or target_id not in role_ids:
            raise NotFoundError("That role is no longer in this workshop.")
        if any((t.source_id, t.target_id) == (source_id, target_id) for t in self.ties()):
            raise ValidationError("tie", "These two roles already have a tie in this direction.")
        row = {"id": self._next_id("ties"), "workshop_id": self.workshop_id,
               "source_id": source_id, "target_id": target_id}
        return self.perform(InsertRows("Add tie", (("ties", (row,)),)))

    def delete_ties(self, tie_ids: list[int]) -> Edit:
        """Delete ties with their ratings; undo restores them."""
        if not tie_ids:
            raise ValidationError("tie", "Select the ties to delete first.")
        marks = ", ".join("?" for _ in tie_ids)
        db = self.library.db
        ties = fetch_rows(db, "ties", f"workshop_id = ? AND id IN ({marks})",
                          [self.workshop_id, *tie_ids])
        if len(ties) != len(set(tie_ids)):
            raise NotFoundError("That tie is no longer in this workshop.")
        ratings = fetch_rows(db, "ratings", f"tie_id IN ({marks})", tie_ids)
        text = "Delete tie" if len(ties) == 1 else "Delete ties"
        return self.perform(DeleteRows(text, _non_empty(("ties", ties), ("ratings", ratings))))

    def set_rating(self, tie_id: int, wave_id: int, key: str, value: int | None) -> Edit | None:
        """Rate a tie on one dimension (or "overall") in a wave; None clears the rating."""
        if key not in RATING_KEYS:
            raise ValidationError("dimension", f"Unknown dimension {key!r}.")
        if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
            raise ValidationError("rating", "A rating is a whole number from 1 to 5.")
        if not any(t.id == tie_id for t in self.ties()):
            raise NotFoundError("That tie is no longer in this workshop.")
        self.wave(wave_id)
        existing = fetch_rows(self.library.db, "ratings",
                              "tie_id = ? AND wave_id = ? AND dimension = ?",
                              [tie_id, wave_id, key])
        text = "Clear rating" if value is None else "Rate tie"
        if existing and value is None:
            return self.perform(DeleteRows(text, (("ratings", tuple(existing)),)))
        if existing:
            if existing[0]["value"] == value:
                return None
            return self.perform(UpdateRows(text, (RowUpdate(
                "ratings", existing[0]["id"], {"value": existing[0]["value"]},
                {"value": value}),)))
        if value is None:
            return None
        row = {"id": self._next_id("ratings"), "tie_id": tie_id, "wave_id": wave_id,
               "dimension": key, "value": value}
        return self.perform(InsertRows(text, (("ratings", (row,)),)))

    def set_description(self, key: str, text: str) -> Edit | None:
        """The workshop's own description of a dimension; empty text restores the default."""
        if key not in DIMENSION_KEYS:
            raise ValidationError("dimension", f"Unknown dimension {key!r}.")
        descriptions = dict(self.workshop().descriptions)
        cleaned = check_length(" ".join(text.split()), "description", MAX_DESCRIPTION)
        if cleaned:
            descriptions[key] = cleaned
        else:
            descriptions.pop(key, None)
        return self._update("Change description", "workshops", self.workshop_id,
                            {"descriptions": json.dumps(descriptions, ensure_ascii=False,
                                                        sort_keys=True)})

    # -- waves -------------------------------------------------------------------------------

    def _check_wave_name(self, name: str, except_id: int | None = None) -> str:
        cleaned = clean_name(name, "wave name")
        for wave in self.waves():
            if wave.id != except_id and name_key(wave.name) == name_key(cleaned):
                raise ValidationError(
                    "wave name", f"There is already a wave called “{wave.name}”."
                )
        return cleaned

    def add_wave(self, name: str, when: date | None = None) -> Edit:
        cleaned = self._check_wave_name(name)
        check_date(when, "wave date")
        waves = self.waves()
        row = {
            "id": self._next_id("waves"),
            "workshop_id": self.workshop_id,
            "name": cleaned,
            "name_key": name_key(cleaned),
            "position": max((w.position for w in waves), default=-1) + 1,
            "date": when.isoformat() if when else None,
        }
        return self.perform(InsertRows("Add wave", (("waves", (row,)),)))

    def rename_wave(self, wave_id: int, name: str) -> Edit | None:
        cleaned = self._check_wave_name(name, except_id=wave_id)
        return self._update(
            "Rename wave", "waves", wave_id, {"name": cleaned, "name_key": name_key(cleaned)}
        )

    def set_wave_date(self, wave_id: int, when: date | None) -> Edit | None:
        check_date(when, "wave date")
        value = when.isoformat() if when else None
        return self._update("Change wave date", "waves", wave_id, {"date": value})

    def delete_wave(self, wave_id: int) -> Edit:
        db = self.library.db
        waves = fetch_rows(db, "waves", "id = ? AND workshop_id = ?", [wave_id, self.workshop_id])
        if not waves:
            raise NotFoundError("That wave is no longer in this workshop.")
        ratings = fetch_rows(db, "ratings", "wave_id = ?", [wave_id])
        answers = fetch_rows(db, "survey_responses", "wave_id = ?", [wave_id])
        # The wave's pulse goes with it (foreign-key cascade); keep its rows for undo.
        pulses = fetch_rows(db, "pulses", "wave_id = ?", [wave_id])
        of_pulse = "pulse_id IN (SELECT id FROM pulses WHERE wave_id = ?)"
        # So do its structure ratings (issue 19), kept for undo the same way.
        structures = fetch_rows(db, "structure_ratings", "wave_id = ?", [wave_id])
        imports = fetch_rows(db, "survey_imports", "wave_id = ?", [wave_id])  # provenance
        return self.perform(DeleteRows("Delete wave", _non_empty(
            ("waves", waves), ("ratings", ratings), ("survey_responses", answers),
            ("survey_imports", imports),
            ("room_showings", fetch_rows(db, "room_showings", "wave_id = ?", [wave_id])),
            ("structure_ratings", structures),
            ("pulses", pulses), ("pulse_answers", fetch_rows(db, "pulse_answers", of_pulse,
                                                             [wave_id])),
            ("pulse_tallies", fetch_rows(db, "pulse_tallies", of_pulse, [wave_id])),
            ("pulse_showings", fetch_rows(db, "pulse_showings", "wave_id = ?", [wave_id])))))

    # -- meetings ----------------------------------------------------------------------------

    def add_meeting(self, kind: MeetingKind, when: date, title: str = "") -> Edit:
        check_date(when, "meeting date")
        row = {
            "id": self._next_id("meetings"),
            "workshop_id": self.workshop_id,
            "kind": kind.value,
            "date": when.isoformat(),
            "title": clean_meeting_title(title),
            "notes": "",
        }
        return self.perform(InsertRows("Add meeting", (("meetings", (row,)),)))

    def set_meeting_date(self, meeting_id: int, when: date) -> Edit | None:
        check_date(when, "meeting date")
        return self._update("Change meeting date", "meetings", meeting_id,
                            {"date": when.isoformat()})

    def set_meeting_title(self, meeting_id: int, title: str) -> Edit | None:
        return self._update("Change meeting title", "meetings", meeting_id,
                            {"title": clean_meeting_title(title)})

    def delete_meeting(self, meeting_id: int) -> Edit:
        rows = fetch_rows(self.library.db, "meetings", "id = ? AND workshop_id = ?",
                          [meeting_id, self.workshop_id])
        if not rows:
            raise NotFoundError("That meeting is no longer in this workshop.")
        # The agenda cascades with the meeting; capture it so undo restores it too.
        agenda = fetch_rows(self.library.db, "agenda_steps", "meeting_id = ?", [meeting_id])
        return self.perform(DeleteRows("Delete meeting", _non_empty(
            ("meetings", rows), ("agenda_steps", agenda))))

    def with_settings(self, **changes: Any) -> WorkshopSettings:
        """The current settings with some values replaced (not yet saved)."""
        return replace(self.workshop().settings, **changes)


def _non_empty(*groups: tuple[str, list[dict[str, Any]]]) -> tuple[RowGroup, ...]:
    """Row groups for an edit, leaving out empty ones so the change flags stay precise."""
    return tuple((table, tuple(rows)) for table, rows in groups if rows)


def _action(text: str) -> str:
    return text[0].lower() + text[1:] if text else "save the change"

