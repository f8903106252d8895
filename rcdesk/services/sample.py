"""The sample workshop (a hospital discharge process), built from resources/sample/.

The GUI's "Open the sample workshop" and `rcdesk demo` both call build_sample, so
they give the same content. Meeting dates are relative to today so the sample
always has a recent kick-off and a next huddle.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from rcdesk.domain.attendance import attendance_text
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.names import name_key
from rcdesk.resource_files import read_text
from rcdesk.services.edits import run_in_transaction
from rcdesk.services.library import LibraryService
from rcdesk.services.sample_agenda import fill_agenda
from rcdesk.services.sample_captures import fill_captures
from rcdesk.services.sample_gaps import fill_gaps
from rcdesk.services.sample_pulse import fill_pulse
from rcdesk.services.sample_structures import fill_aim_data, fill_structures
from rcdesk.services.sample_voices import fill_voices
from rcdesk.store.rows import fetch_rows, insert_rows

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
    roles = {r["name_key"]: r["id"] for r in fetch_rows(db, "roles", "workshop_id = ?",
                                                        [workshop_id])}
    for spec in data["roles"]:
        db.execute("UPDATE roles SET headcount = ?, colour = ?, x = ?, y = ? WHERE id = ?",
                   [spec["headcount"], spec["colour"], spec.get("x"), spec.get("y"),
                    roles[name_key(spec["name"])]])
    db.execute("DELETE FROM waves WHERE workshop_id = ?", [workshop_id])
    waves = {}
    for position, spec in enumerate(data["waves"]):
        waves[spec["name"]] = insert_rows(db, "waves", [{
            "workshop_id": workshop_id, "name": spec["name"], "name_key": name_key(spec["name"]),
            "position": position, "date": spec["date"]}])[0]
    ties: dict[tuple[int, int], int] = {}
    for wave_name, by_tie in data["ratings"].items():
        for pair, values in by_tie.items():
            source, target = (roles[name_key(part)] for part in pair.split(">"))
            if (source, target) not in ties:
                ties[(source, target)] = insert_rows(db, "ties", [{
                    "workshop_id": workshop_id, "source_id": source, "target_id": target}])[0]
            insert_rows(db, "ratings", [
                {"tie_id": ties[(source, target)], "wave_id": waves[wave_name],
                 "dimension": key, "value": value}
                for key, value in zip(DIMENSION_KEYS, values, strict=True)
            ])
    insert_rows(db, "meetings", [
        {"workshop_id": workshop_id, "kind": m["kind"], "title": m["title"],
         "notes": m.get("notes", ""),
         "attendance": attendance_text({roles[name_key(name)]: count for name, count
                                        in m.get("attendance", {}).items()}),
         "date": (today + timedelta(days=m["offset_days"])).isoformat()}
        for m in data["meetings"]
    ])
    fill_gaps(db, workshop_id, data.get("gaps", []) + data.get("aims", []), today, roles, ties)
    fill_aim_data(db, workshop_id, data, today, roles, ties)
    fill_structures(db, workshop_id, data.get("structures"), roles, ties, waves)
    fill_agenda(db, workshop_id, data.get("agenda"))
    fill_captures(db, workshop_id, data.get("captures"), roles)
    fill_pulse(db, workshop_id, data.get("pulse"), waves)
    fill_voices(db, workshop_id, roles)  # issue 20: an in-room wave and a dot-vote
