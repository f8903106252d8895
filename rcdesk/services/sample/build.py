"""The sample workshop (a hospital discharge process), built from resources/sample/.

The GUI's "Open the sample workshop" and `rcdesk demo` both call build_sample, so
they give the same content. Meeting dates are relative to today so the sample
always has a recent kick-off and a next huddle.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.model import Meeting, MeetingKind
from rcdesk.domain.names import name_key
from rcdesk.resource_files import read_text
from rcdesk.services.edits import run_in_transaction
from rcdesk.services.library import LibraryService
from rcdesk.services.sample.agenda import fill_agenda
from rcdesk.services.sample.captures import fill_captures
from rcdesk.services.sample.gaps import fill_gaps
from rcdesk.services.sample.pulse import fill_pulse
from rcdesk.services.sample.structures import fill_aim_data, fill_structures
from rcdesk.services.sample.voices import fill_voices
from rcdesk.store import sample as rows
from rcdesk.store.repository import list_roles

SAMPLE_FILE = ("sample", "discharge.json")


def load_sample_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read_text(*SAMPLE_FILE))
    return data


def build_sample(service: LibraryService) -> int:
    """Add a fresh copy of the sample workshop under a free title; return its id."""
    data = load_sample_data()
    today = service.today()
    created: list[int] = []

    def write(db: Any) -> None:
        workshop_id = service.create(
            service.unique_title(data["title"]),
            team=data["team"],
            process=data["process"],
            facilitator=data["facilitator"],
            roles=[r["name"] for r in data["roles"]],
        )
        created.append(workshop_id)
        _fill(db, workshop_id, data, today)

    run_in_transaction(service.db, service.library.read_only, "add the sample workshop", write)
    return created[0]


def _fill(db: Any, workshop_id: int, data: dict[str, Any], today: date) -> None:
    roles = {name_key(r.name): r.id for r in list_roles(db, workshop_id)}
    for spec in data["roles"]:
        rows.place_role(db, roles[name_key(spec["name"])], headcount=spec["headcount"],
                        colour=spec["colour"], x=spec.get("x"), y=spec.get("y"))
    rows.clear_waves(db, workshop_id)
    waves = {spec["name"]: rows.add_wave(db, workshop_id, spec["name"], position, spec["date"])
             for position, spec in enumerate(data["waves"])}
    ties: dict[tuple[int, int], int] = {}
    for wave_name, by_tie in data["ratings"].items():
        for pair, values in by_tie.items():
            source, target = (roles[name_key(part)] for part in pair.split(">"))
            if (source, target) not in ties:
                ties[(source, target)] = rows.add_tie(db, workshop_id, source, target)
            rows.add_ratings(db, ties[(source, target)], waves[wave_name],
                             dict(zip(DIMENSION_KEYS, values, strict=True)))
    rows.add_meetings(db, [
        Meeting(id=0, workshop_id=workshop_id, kind=MeetingKind(m["kind"]),
                date=today + timedelta(days=m["offset_days"]), title=m["title"],
                notes=m.get("notes", ""),
                attendance={roles[name_key(name)]: count
                            for name, count in m.get("attendance", {}).items()})
        for m in data["meetings"]])
    fill_gaps(db, workshop_id, data.get("gaps", []) + data.get("aims", []), today, roles, ties)
    fill_aim_data(db, workshop_id, data, today, roles, ties)
    fill_structures(db, workshop_id, data.get("structures"), roles, ties, waves)
    fill_agenda(db, workshop_id, data.get("agenda"))
    fill_captures(db, workshop_id, data.get("captures"), roles)
    fill_pulse(db, workshop_id, data.get("pulse"), waves)
    fill_voices(db, workshop_id, roles)  # issue 20: an in-room wave and a dot-vote
