"""The schedule of one workshop: its waves (when the team was surveyed) and meetings.

Each command checks the rules, builds an Edit and applies it through the workshop's
`WorkshopService.perform` (one transaction, heard by its listeners), returning it for
the undo stack. The window reaches it as `model.session.schedule`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.limits import check_date, clean_meeting_title
from rcdesk.domain.model import MeetingKind
from rcdesk.domain.names import clean_name, name_key
from rcdesk.services.edits import DeleteRows, Edit, InsertRows
from rcdesk.services.records import non_empty
from rcdesk.store import cascades
from rcdesk.store.rows import next_id

if TYPE_CHECKING:
    from sqlite_utils import Database

    from rcdesk.services.workshop import WorkshopService


class ScheduleService:
    """The waves and meetings of one workshop."""

    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    @property
    def _db(self) -> Database:
        return self.workshop.library.db

    # -- waves -------------------------------------------------------------------------------

    def _check_wave_name(self, name: str, except_id: int | None = None) -> str:
        cleaned = clean_name(name, "wave name")
        for wave in self.workshop.waves():
            if wave.id != except_id and name_key(wave.name) == name_key(cleaned):
                raise ValidationError(
                    "wave name", f"There is already a wave called “{wave.name}”."
                )
        return cleaned

    def add_wave(self, name: str, when: date | None = None) -> Edit:
        cleaned = self._check_wave_name(name)
        check_date(when, "wave date")
        waves = self.workshop.waves()
        row = {
            "id": next_id(self._db, "waves"),
            "workshop_id": self.workshop.workshop_id,
            "name": cleaned,
            "name_key": name_key(cleaned),
            "position": max((w.position for w in waves), default=-1) + 1,
            "date": when.isoformat() if when else None,
        }
        return self.workshop.perform(InsertRows("Add wave", (("waves", (row,)),)))

    def rename_wave(self, wave_id: int, name: str) -> Edit | None:
        cleaned = self._check_wave_name(name, except_id=wave_id)
        return self.workshop.update(
            "Rename wave", "waves", wave_id, {"name": cleaned, "name_key": name_key(cleaned)}
        )

    def set_wave_date(self, wave_id: int, when: date | None) -> Edit | None:
        check_date(when, "wave date")
        value = when.isoformat() if when else None
        return self.workshop.update("Change wave date", "waves", wave_id, {"date": value})

    def delete_wave(self, wave_id: int) -> Edit:
        # The wave's pulse, structure ratings (issue 19) and survey provenance go with it
        # (foreign-key cascade); keep their rows for undo.
        groups = cascades.wave_with_records(self._db, self.workshop.workshop_id, wave_id)
        if not groups[0][1]:
            raise NotFoundError("That wave is no longer in this workshop.")
        return self.workshop.perform(DeleteRows("Delete wave", non_empty(*groups)))

    # -- meetings ----------------------------------------------------------------------------

    def add_meeting(self, kind: MeetingKind, when: date, title: str = "") -> Edit:
        check_date(when, "meeting date")
        row = {
            "id": next_id(self._db, "meetings"),
            "workshop_id": self.workshop.workshop_id,
            "kind": kind.value,
            "date": when.isoformat(),
            "title": clean_meeting_title(title),
            "notes": "",
        }
        return self.workshop.perform(InsertRows("Add meeting", (("meetings", (row,)),)))

    def set_meeting_date(self, meeting_id: int, when: date) -> Edit | None:
        check_date(when, "meeting date")
        return self.workshop.update("Change meeting date", "meetings", meeting_id,
                            {"date": when.isoformat()})

    def set_meeting_title(self, meeting_id: int, title: str) -> Edit | None:
        return self.workshop.update("Change meeting title", "meetings", meeting_id,
                            {"title": clean_meeting_title(title)})

    def delete_meeting(self, meeting_id: int) -> Edit:
        # The agenda cascades with the meeting; capture it so undo restores it too.
        groups = cascades.meeting_with_agenda(self._db, self.workshop.workshop_id, meeting_id)
        if not groups[0][1]:
            raise NotFoundError("That meeting is no longer in this workshop.")
        return self.workshop.perform(DeleteRows("Delete meeting", non_empty(*groups)))
