"""Rows of the agenda_steps table ⇄ AgendaStep (the step itself is stored as its JSON)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.domain.decks import step_from_dict, step_to_dict

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database


def agenda_step_row(item: AgendaStep) -> dict[str, Any]:
    """Every column, id and workshop included, so an edit can insert and restore it."""
    return {
        "id": item.id, "workshop_id": item.workshop_id, "meeting_id": item.meeting_id,
        "position": item.position, "deck_title": item.deck_title,
        "step": json.dumps(step_to_dict(item.step), ensure_ascii=False),
        "planned_minutes": item.planned_minutes, "state": item.state.value,
        "started_at": item.started_at.isoformat(timespec="seconds") if item.started_at else None,
        "seconds": item.seconds,
    }


def agenda_step_from_row(row: dict[str, Any]) -> AgendaStep:
    return AgendaStep(
        id=row["id"], workshop_id=row["workshop_id"], meeting_id=row["meeting_id"],
        position=row["position"], deck_title=row["deck_title"],
        step=step_from_dict(json.loads(row["step"]), f"agenda step {row['id']}"),
        planned_minutes=row["planned_minutes"], state=StepState(row["state"]),
        started_at=datetime.fromisoformat(row["started_at"]) if row["started_at"] else None,
        seconds=row["seconds"],
    )


def list_agenda(db: Database, meeting_id: int) -> list[AgendaStep]:
    """A meeting's agenda in order."""
    rows = db.query("SELECT * FROM agenda_steps WHERE meeting_id = ? ORDER BY position, id",
                    [meeting_id])
    return [agenda_step_from_row(dict(row)) for row in rows]


def list_workshop_agenda(db: Database, workshop_id: int) -> list[AgendaStep]:
    """Every agenda step of a workshop, by meeting and position."""
    rows = db.query("SELECT * FROM agenda_steps WHERE workshop_id = ? "
                    "ORDER BY meeting_id, position, id", [workshop_id])
    return [agenda_step_from_row(dict(row)) for row in rows]
