"""Rows of the captures table ⇄ Capture."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rcdesk.domain.captures import Capture, CaptureKind

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database


def capture_row(c: Capture) -> dict[str, Any]:
    """Every column, id and workshop included, so an edit can insert and restore it."""
    return {
        "id": c.id, "workshop_id": c.workshop_id, "meeting_id": c.meeting_id,
        "agenda_step_id": c.agenda_step_id,
        "created_at": c.created_at.isoformat(timespec="seconds"), "kind": c.kind.value,
        "text": c.text, "speaker_role_id": c.speaker_role_id, "dimension": c.dimension,
        "source_role_id": c.source_role_id, "target_role_id": c.target_role_id,
        "gap_id": c.gap_id,
    }


def capture_from_row(row: dict[str, Any]) -> Capture:
    return Capture(
        id=row["id"], workshop_id=row["workshop_id"], text=row["text"],
        created_at=datetime.fromisoformat(row["created_at"]), kind=CaptureKind(row["kind"]),
        meeting_id=row["meeting_id"], agenda_step_id=row["agenda_step_id"],
        speaker_role_id=row["speaker_role_id"], dimension=row["dimension"],
        source_role_id=row["source_role_id"], target_role_id=row["target_role_id"],
        gap_id=row["gap_id"],
    )


def list_captures(db: Database, workshop_id: int) -> list[Capture]:
    """A workshop's captures, oldest first."""
    rows = db.query("SELECT * FROM captures WHERE workshop_id = ? ORDER BY created_at, id",
                    [workshop_id])
    return [capture_from_row(dict(row)) for row in rows]
