"""Reading library rows into domain objects."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rcdesk.domain.attendance import read_attendance
from rcdesk.domain.model import (
    Meeting,
    MeetingKind,
    Rating,
    Role,
    Tie,
    Wave,
    Workshop,
    WorkshopSummary,
)
from rcdesk.domain.settings import PaperSize, WorkshopSettings

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def workshop_from_row(row: dict[str, Any]) -> Workshop:
    return Workshop(
        id=row["id"],
        title=row["title"],
        team=row["team"],
        process=row["process"],
        facilitator=row["facilitator"],
        created_at=_datetime(row["created_at"]),
        opened_at=_datetime(row["opened_at"]),
        settings=WorkshopSettings(
            weak_below=row["weak_below"],
            strong_above=row["strong_above"],
            anonymity_k=row["anonymity_k"],
            paper_size=PaperSize(row["paper_size"]),
            min_items=row["min_items"] if "min_items" in row.keys() else 1,
        ),
        descriptions=_descriptions(row["descriptions"]),
        change_threshold=row["change_threshold"],
    )


def _descriptions(text: str) -> dict[str, str]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}


def get_workshop(db: Database, workshop_id: int) -> Workshop | None:
    rows = list(db.query("SELECT * FROM workshops WHERE id = ?", [workshop_id]))
    return workshop_from_row(rows[0]) if rows else None


def delete_workshop(db: Database, workshop_id: int) -> None:
    """Delete a workshop; its rows in every other table go with it (foreign-key cascade)."""
    db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id])


def mark_opened(db: Database, workshop_id: int, stamp: str) -> None:
    db.execute("UPDATE workshops SET opened_at = ? WHERE id = ?", [stamp, workshop_id])


def find_workshop_id(db: Database, title_key: str) -> int | None:
    rows = list(db.query("SELECT id FROM workshops WHERE title_key = ?", [title_key]))
    return int(rows[0]["id"]) if rows else None


def list_summaries(db: Database, today: date) -> list[WorkshopSummary]:
    """All workshops, most recently opened first, with their counts and next meeting."""
    sql = """
        SELECT w.id, w.title, w.team, w.opened_at, w.created_at,
            (SELECT count(*) FROM roles r WHERE r.workshop_id = w.id) AS role_count,
            (SELECT group_concat(name, char(31)) FROM
                (SELECT name FROM waves v WHERE v.workshop_id = w.id ORDER BY position))
                AS wave_names,
            (SELECT min(date) FROM meetings m WHERE m.workshop_id = w.id AND m.date >= ?)
                AS next_meeting
        FROM workshops w
        ORDER BY coalesce(w.opened_at, w.created_at) DESC, w.id DESC
    """
    return [
        WorkshopSummary(
            id=row["id"],
            title=row["title"],
            team=row["team"],
            role_count=row["role_count"],
            wave_names=tuple(row["wave_names"].split("\x1f")) if row["wave_names"] else (),
            opened_at=_datetime(row["opened_at"]),
            next_meeting=_date(row["next_meeting"]),
        )
        for row in db.query(sql, [today.isoformat()])
    ]


def list_roles(db: Database, workshop_id: int) -> list[Role]:
    sql = "SELECT * FROM roles WHERE workshop_id = ? ORDER BY position, id"
    return [
        Role(
            id=row["id"],
            workshop_id=row["workshop_id"],
            name=row["name"],
            position=row["position"],
            headcount=row["headcount"],
            colour=row["colour"],
            x=row["x"],
            y=row["y"],
            pinned=bool(row["pinned"]),
        )
        for row in db.query(sql, [workshop_id])
    ]


def list_waves(db: Database, workshop_id: int) -> list[Wave]:
    sql = "SELECT * FROM waves WHERE workshop_id = ? ORDER BY position, id"
    return [
        Wave(
            id=row["id"],
            workshop_id=row["workshop_id"],
            name=row["name"],
            position=row["position"],
            date=_date(row["date"]),
        )
        for row in db.query(sql, [workshop_id])
    ]


def list_ties(db: Database, workshop_id: int) -> list[Tie]:
    sql = "SELECT * FROM ties WHERE workshop_id = ? ORDER BY id"
    return [
        Tie(
            id=row["id"],
            workshop_id=row["workshop_id"],
            source_id=row["source_id"],
            target_id=row["target_id"],
        )
        for row in db.query(sql, [workshop_id])
    ]


def list_ratings(db: Database, workshop_id: int) -> list[Rating]:
    sql = """
        SELECT r.tie_id, r.wave_id, r.dimension, r.value FROM ratings r
        JOIN ties t ON t.id = r.tie_id WHERE t.workshop_id = ? ORDER BY r.id
    """
    return [
        Rating(row["tie_id"], row["wave_id"], row["dimension"], row["value"])
        for row in db.query(sql, [workshop_id])
    ]


def list_meetings(db: Database, workshop_id: int) -> list[Meeting]:
    sql = "SELECT * FROM meetings WHERE workshop_id = ? ORDER BY date, id"
    return [
        Meeting(
            id=row["id"],
            workshop_id=row["workshop_id"],
            kind=MeetingKind(row["kind"]),
            date=date.fromisoformat(row["date"]),
            title=row["title"],
            notes=row["notes"],
            attendance=_attendance(row["attendance"]),
        )
        for row in db.query(sql, [workshop_id])
    ]


def _attendance(text: str | None) -> dict[int, int]:
    """A meeting's counts; a value damaged outside rcdesk reads as none recorded."""
    try:
        return read_attendance(text)
    except ValueError:
        return {}
