"""Who was at a meeting: a count per role, never names (domain.md §6).

A meeting keeps its counts by role id. Like a capture's role, the id is a plain id:
a role deleted later leaves its count behind, unseen, so undoing the deletion
brings the count back with the role; totals count the roles that exist.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.limits import check_characters

#: More people of one role than any room holds: a typing slip.
MAX_PRESENT = 999
#: A meeting's decisions and notes, in characters.
MAX_MEETING_NOTES = 4000

Attendance = Mapping[int, int]


def clean_count(value: object, role: str) -> int:
    """A role's count as a whole number from 0 to MAX_PRESENT; names the role when not."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("attendance", f"The number of {role} present must be a whole "
                                            "number.")
    if not 0 <= value <= MAX_PRESENT:
        raise ValidationError("attendance", f"The number of {role} present must be between 0 "
                                            f"and {MAX_PRESENT}.")
    return value


def clean_notes(text: str) -> str:
    if not isinstance(text, str):
        raise ValidationError("notes", "The meeting's decisions and notes must be text.")
    cleaned = text.strip()
    if len(cleaned) > MAX_MEETING_NOTES:
        raise ValidationError("notes", "The meeting's decisions and notes are too long: keep "
                                       f"them under {MAX_MEETING_NOTES} characters.")
    return check_characters(cleaned, "notes")


def with_count(attendance: Attendance, role_id: int, count: int) -> dict[int, int]:
    """The counts with this role's changed (a zero is not kept)."""
    changed = {key: value for key, value in attendance.items() if key != role_id}
    if count:
        changed[role_id] = count
    return changed


def present(attendance: Attendance, role_ids: Iterable[int]) -> int:
    """How many people were there, counting only these (existing) roles."""
    return sum(attendance.get(role_id, 0) for role_id in role_ids)


def attendance_text(attendance: Attendance) -> str:
    """The stored form: a JSON object of role id → count, in id order."""
    return json.dumps({str(key): attendance[key] for key in sorted(attendance) if attendance[key]},
                      separators=(",", ":"))


def read_attendance(text: str | None) -> dict[int, int]:
    """Counts from their stored form; raises ValueError when it is not one."""
    value = json.loads(text or "{}")
    if not isinstance(value, dict):
        raise ValueError("attendance is not a JSON object")
    counts: dict[int, int] = {}
    for key, count in value.items():
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_PRESENT:
            raise ValueError(f"attendance of role {key} is not a count")
        counts[int(key)] = count
    return counts
