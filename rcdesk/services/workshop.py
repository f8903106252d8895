"""One open workshop: its reads, how its edits are applied and undone, its details.

Every public command checks the rules, builds an Edit, applies it in one
transaction and returns it, so the UI can put it on its undo stack. Listeners
hear which kinds of records changed after every apply, undo and redo. The edits
of the workshop's other aggregates are in their own services, built on this one:
roles, ties and ratings in `MapService` (services/workshop_map.py, `service.map`),
waves and meetings in `ScheduleService` (services/schedule.py, `service.schedule`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.limits import (  # noqa: F401 - MAX_HEADCOUNT re-exported for callers
    MAX_DESCRIPTION,
    MAX_HEADCOUNT,
    check_length,
    clean_detail,
)
from rcdesk.domain.model import Meeting, Rating, Role, Tie, Wave, Workshop
from rcdesk.domain.names import clean_name, name_key
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.services.edits import (
    TAKEN_PLACE,
    Change,
    Edit,
    RowGroup,
    RowUpdate,
    UpdateRows,
    run_in_transaction,
)
from rcdesk.store import repository

if TYPE_CHECKING:
    from rcdesk.services.schedule import ScheduleService
    from rcdesk.services.workshop_map import MapService
from rcdesk.store.connection import Library
from rcdesk.store.rows import next_id, rows_matching, workshop_row

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

    @cached_property
    def map(self) -> MapService:
        """The edits of this workshop's roles, ties and ratings."""
        from rcdesk.services.workshop_map import MapService

        return MapService(self)

    @cached_property
    def schedule(self) -> ScheduleService:
        """The edits of this workshop's waves and meetings."""
        from rcdesk.services.schedule import ScheduleService

        return ScheduleService(self)

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

    def tie_ratings(self, tie_id: int, wave_id: int) -> dict[str, int]:
        """One tie's live ratings in one wave, by dimension (the rating panel's; reading
        every rating of a big workshop cost a key press a seventh of its budget)."""
        rows = rows_matching(self.library.db, "ratings", tie_id=tie_id, wave_id=wave_id)
        return {str(row["dimension"]): int(row["value"]) for row in rows}

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
        return next_id(self.library.db, table)

    def update(self, text: str, table: str, row_id: int, after: dict[str, Any],
               merge_key: str | None = None) -> Edit | None:
        """Change some columns of one row of this workshop (one undo step); None when
        nothing changed."""
        # Only rows of this workshop: an id from another workshop must not be edited here.
        row = workshop_row(self.library.db, table, row_id, self.workshop_id)
        if row is None:
            raise NotFoundError("That record is no longer in this workshop.")
        before = {column: row[column] for column in after}
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
        return self.update(f"Change {label}", "workshops", self.workshop_id, after)

    def update_settings(self, settings: WorkshopSettings) -> Edit | None:
        settings.validate()
        after = {
            "weak_below": settings.weak_below,
            "strong_above": settings.strong_above,
            "anonymity_k": settings.anonymity_k,
            "paper_size": settings.paper_size.value,
            "min_items": settings.min_items,
        }
        return self.update("Change settings", "workshops", self.workshop_id, after)

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
        return self.update("Change description", "workshops", self.workshop_id,
                            {"descriptions": json.dumps(descriptions, ensure_ascii=False,
                                                        sort_keys=True)})

    def with_settings(self, **changes: Any) -> WorkshopSettings:
        """The current settings with some values replaced (not yet saved)."""
        return replace(self.workshop().settings, **changes)


def _non_empty(*groups: tuple[str, list[dict[str, Any]]]) -> tuple[RowGroup, ...]:
    """Row groups for an edit, leaving out empty ones so the change flags stay precise."""
    return tuple((table, tuple(rows)) for table, rows in groups if rows)


def _action(text: str) -> str:
    return text[0].lower() + text[1:] if text else "save the change"

