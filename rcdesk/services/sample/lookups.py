"""What the sample's parts look up by the names its file uses (meetings by title)."""

from __future__ import annotations

from typing import Any

from rcdesk.domain.model import Meeting
from rcdesk.store.repository import list_meetings


def meetings_by_title(db: Any, workshop_id: int) -> dict[str, Meeting]:
    """The workshop's meetings by title (the first made, when two share a title)."""
    found: dict[str, Meeting] = {}
    for meeting in sorted(list_meetings(db, workshop_id), key=lambda m: m.id):
        found.setdefault(meeting.title, meeting)
    return found
