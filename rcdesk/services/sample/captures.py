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
from rcdesk.services.sample.lookups import meetings_by_title
from rcdesk.store import sample as rows
from rcdesk.store.agenda import list_workshop_agenda
from rcdesk.store.gaps import list_gaps

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
    meetings = meetings_by_title(db, workshop_id)
    steps: dict[tuple[int, str | None], int] = {
        (s.meeting_id, s.step.title): s.id for s in list_workshop_agenda(db, workshop_id)}
    gaps = {g.title: g.id for g in list_gaps(db, workshop_id)}
    captures = []
    for spec in specs:
        meeting = meetings[spec["meeting"]]
        source, target = _pair(spec, roles)
        speaker = roles[name_key(spec["speaker"])] if "speaker" in spec else None
        captures.append(Capture(
            id=0, workshop_id=workshop_id, text=spec["text"],
            created_at=datetime.combine(meeting.date, time.fromisoformat(spec["at"])),
            kind=CaptureKind(spec["kind"]), meeting_id=meeting.id,
            agenda_step_id=steps.get((meeting.id, spec.get("step"))),
            speaker_role_id=speaker, dimension=spec.get("dimension"),
            source_role_id=source, target_role_id=target, gap_id=gaps.get(spec.get("gap", ""))))
    rows.add_captures(db, captures)
