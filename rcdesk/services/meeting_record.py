"""A meeting's own record: who was there (a count per role) and what was decided. No Qt.

The agenda as run and the captures are recorded elsewhere (services.agenda,
services.walkthrough, services.captures); together they are the meeting's record of
domain.md §6. Every change here is one undoable edit; changing one role's count
several times in a row (the arrows of a spin box) is one undo step.
"""

from __future__ import annotations

from rcdesk.domain.attendance import (
    Attendance,
    attendance_text,
    clean_count,
    clean_notes,
    present,
    with_count,
)
from rcdesk.services.edits import Edit
from rcdesk.services.records import stored_row, update_edit
from rcdesk.services.workshop import WorkshopService

GONE = "That meeting is no longer in this workshop."


class MeetingRecordService:
    """Records attendance and decisions for the meetings of one open workshop."""

    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    def present(self, attendance: Attendance) -> int:
        """People present, counting the roles the workshop has now."""
        return present(attendance, [role.id for role in self.workshop.roles()])

    def set_count(self, meeting_id: int, role_id: int, count: object) -> Edit | None:
        """How many people of this role came; None when it was already so."""
        role = self.workshop.role(role_id)
        checked = clean_count(count, role.name)
        before = stored_row(self.workshop, "meetings", meeting_id, GONE)
        counts = with_count(self.workshop.meeting(meeting_id).attendance, role_id, checked)
        return update_edit(self.workshop, "meetings", before,
                           {"attendance": attendance_text(counts)}, {},
                           text=f"Change attendance of {role.name}",
                           merge_key=f"attendance-{meeting_id}-{role_id}")

    def set_notes(self, meeting_id: int, text: str) -> Edit | None:
        """The meeting's decisions and notes; None when unchanged."""
        before = stored_row(self.workshop, "meetings", meeting_id, GONE)
        return update_edit(self.workshop, "meetings", before, {"notes": clean_notes(text)}, {},
                           text="Change the meeting's decisions")
