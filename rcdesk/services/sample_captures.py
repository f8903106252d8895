"""The sample workshop's captures: what the room said at the kick-off and the first huddle
(resources/sample/, "captures").

Meetings, agenda steps, roles and gaps are named by title in the file and looked
up here, so the sample reads like a real workshop in the Captures tab and in the
report's conversation highlights (two captures already became gaps).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from rcdesk.domain.captures import Capture, CaptureKind
from rcdesk.domain.names import name_key
from rcdesk.store.captures import capture_row
from rcdesk.store.rows import fetch_rows, insert_rows

Spec = dict[str, Any]


def _pair(spec: Spec, roles: dict[str, int]) -> tuple[int | None, int | None]:
    if "pair" not in spec:
        return None, None
    source, target = (roles[name_key(part)] for part in spec["pair"].split(">"))
    return source, target


def fill_captures(db: Any, workshop_id: int, specs: list[Spec] | None,
                  roles: dict[str, int]) -> None:
    """Insert the captures; `roles` maps name keys to role ids."""
    if not specs:
        return
    meetings = {m["title"]: m for m in fetch_rows(db, "meetings", "workshop_id = ?",
                                                  [workshop_id])}
    steps = {(s["meeting_id"], s["title"]): s["id"] for s in db.query(
        "SELECT id, meeting_id, json_extract(step, '$.title') AS title FROM agenda_steps "
        "WHERE workshop_id = ?", [workshop_id])}
    gaps = {g["title"]: g["id"] for g in fetch_rows(db, "gaps", "workshop_id = ?",
                                                    [workshop_id])}
    rows = []
    for spec in specs:
        meeting = meetings[spec["meeting"]]
        day = datetime.fromisoformat(meeting["date"]).date()
        source, target = _pair(spec, roles)
        speaker = roles[name_key(spec["speaker"])] if "speaker" in spec else None
        row = capture_row(Capture(
            id=0, workshop_id=workshop_id, text=spec["text"],
            created_at=datetime.combine(day, time.fromisoformat(spec["at"])),
            kind=CaptureKind(spec["kind"]), meeting_id=meeting["id"],
            agenda_step_id=steps.get((meeting["id"], spec.get("step"))),
            speaker_role_id=speaker, dimension=spec.get("dimension"),
            source_role_id=source, target_role_id=target, gap_id=gaps.get(spec.get("gap", ""))))
        rows.append({k: v for k, v in row.items() if k != "id"})
    insert_rows(db, "captures", rows)
