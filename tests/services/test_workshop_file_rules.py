"""A workshop file from a stranger obeys the rules the app's own forms obey (issue 14).

Each case breaks one value of a valid exported file the way a hand-edited or hostile
file might. The file must be refused with a message naming the field
("waves[0].date: …") and the library left exactly as it was; before these checks
several of them imported and then crashed `show`, `scores`, exports or the window,
and others crashed the import itself.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rcdesk.domain.errors import DomainError
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.services.workshop_file import (
    WorkshopFileError,
    export_workshop_file,
    import_workshop_file,
    workshop_document,
)
from rcdesk.store.connection import Library
from rcdesk.store.rows import TABLES

Document = dict[str, Any]


def dump(library: Library) -> dict[str, list[tuple[object, ...]]]:
    return {table: [tuple(r) for r in library.db.conn.execute(
        f"SELECT * FROM {table} ORDER BY id")] for table in sorted(TABLES)}


@pytest.fixture
def document(library: Library) -> Document:
    return workshop_document(library, build_sample(LibraryService(library)))


def setter(table: str, index: int, column: str, value: object) -> Callable[[Document], None]:
    def change(doc: Document) -> None:
        rows = doc["tables"][table] if table != "workshop" else [doc["workshop"]]
        rows[index][column] = value
    return change


def write(doc: Document, path: Path) -> Path:
    path.write_text(json.dumps(doc, allow_nan=True), encoding="utf-8")
    return path


CASES: list[tuple[str, Callable[[Document], None], str]] = [
    ("role name of 10 MB", setter("roles", 0, "name", "R" * 10_000_000), r"roles\[0\]\.name"),
    ("empty role name", setter("roles", 1, "name", "   "), r"roles\[1\]\.name"),
    ("role name with a lone surrogate", setter("roles", 0, "name", "Nurse\ud800"),
     r"roles\[0\]\.name"),
    ("headcount 2^63", setter("roles", 0, "headcount", 2**63), r"roles\[0\]\.headcount"),
    ("headcount above the form's limit", setter("roles", 0, "headcount", 10**9),
     r"roles\[0\]\.headcount"),
    ("headcount as text", setter("roles", 0, "headcount", "nine"), r"roles\[0\]\.headcount"),
    ("x is NaN", setter("roles", 2, "x", math.nan), r"roles\[2\]\.x"),
    ("y is infinite", setter("roles", 2, "y", math.inf), r"roles\[2\]\.y"),
    ("x far off the map", setter("roles", 2, "x", 1e300), r"roles\[2\]\.x"),
    ("colour not a colour", setter("roles", 0, "colour", "red"), r"roles\[0\]\.colour"),
    ("pinned as 7", setter("roles", 0, "pinned", 7), r"roles\[0\]\.pinned"),
    ("bad wave date", setter("waves", 0, "date", "not a date"), r"waves\[0\]\.date"),
    ("impossible meeting date", setter("meetings", 0, "date", "2024-02-30"),
     r"meetings\[0\]\.date"),
    ("meeting date with a time zone", setter("meetings", 0, "date", "2024-02-03T10:00+02:00"),
     r"meetings\[0\]\.date"),
    ("bad created_at", setter("workshop", 0, "created_at", "yesterday"),
     r"workshop\.created_at"),
    ("rating 3.5", setter("ratings", 0, "value", 3.5), r"ratings\[0\]\.value"),
    ("rating true", setter("ratings", 0, "value", True), r"ratings\[0\]\.value"),
    ("rating 9", setter("ratings", 0, "value", 9), r"ratings\[0\]\.value"),
    ("anonymity k of 2^63 - 1", setter("workshop", 0, "anonymity_k", 2**63 - 1),
     r"workshop\.anonymity_k"),
    ("weak band above strong", setter("workshop", 0, "weak_below", 4.5),
     r"workshop\.weak_below"),
    ("team of 1 MB", setter("workshop", 0, "team", "T" * 1_000_000), r"workshop\.team"),
    ("title empty", setter("workshop", 0, "title", ""), r"workshop\.title"),
    ("descriptions not JSON", setter("workshop", 0, "descriptions", "{oops"),
     r"workshop\.descriptions"),
    ("description too long", setter("workshop", 0, "descriptions",
                                    json.dumps({"timely": "x" * 5000})),
     r"workshop\.descriptions"),
    ("pulse wording not text", setter("workshop", 0, "pulse_items",
                                      json.dumps({"ps1": {"wording": 5}})),
     r"workshop\.pulse_items"),
    ("meeting notes of 1 MB", setter("meetings", 0, "notes", "n" * 1_000_000),
     r"meetings\[0\]\.notes"),
    ("attendance of 5000 people", setter("meetings", 0, "attendance", '{"1": 5000}'),
     r"meetings\[0\]\.attendance"),
    ("gap title empty", setter("gaps", 0, "title", ""), r"gaps\[0\]\.title"),
    ("gap baseline NaN", setter("gaps", 0, "baseline_value", math.nan),
     r"gaps\[0\]\.baseline_value"),
    ("gap due date nonsense", setter("gaps", 0, "due", "soon"), r"gaps\[0\]\.due"),
    ("gap status unknown", setter("gaps", 0, "status", "maybe"), r"gaps\[0\]\.status"),
    ("experiment idea of 1 MB", setter("experiments", 0, "change_idea", "i" * 1_000_000),
     r"experiments\[0\]\.change_idea"),
    ("measure value infinite", setter("measure_values", 0, "value", -math.inf),
     r"measure_values\[0\]\.value"),
    ("measure value date", setter("measure_values", 0, "date", "2024-13-01"),
     r"measure_values\[0\]\.date"),
    ("agenda step seconds NaN", setter("agenda_steps", 0, "seconds", math.nan),
     r"agenda_steps\[0\]\.seconds"),
    ("agenda step with a huge title", setter("agenda_steps", 0, "step", json.dumps(
        {"title": "t" * 100_000, "room": "r", "notes": "", "minutes": 3, "kind": "talk"})),
     r"agenda_steps\[0\]\.step"),
    ("capture of 1 MB", setter("captures", 0, "text", "c" * 1_000_000),
     r"captures\[0\]\.text"),
    ("capture with half a role pair", setter("captures", 0, "target_role_id", None),
     r"captures\[0\]"),
    ("pulse answer 6.5", setter("pulse_answers", 0, "ps1", 6.5), r"pulse_answers\[0\]\.ps1"),
    ("pulse answer beyond a 5-point scale", setter("pulses", 1, "scale_max", 5),
     r"pulse_answers\[\d+\]\.ps\d"),
    ("tally count 2^64", setter("pulse_tallies", 0, "count", 2**64),
     r"pulse_tallies\[0\]\.count"),
    ("tie to a missing role", setter("ties", 0, "target_id", 999), r"ties\[0\]\.target_id"),
    ("duplicate role id", lambda d: d["tables"]["roles"].append(dict(d["tables"]["roles"][0])),
     r"roles\[7\]\.id"),
    ("two roles with one name", setter("roles", 1, "name", "physicians"),
     r"roles\[1\]\.name"),
    ("two ties between the same roles", lambda d: d["tables"]["ties"].append(
        dict(d["tables"]["ties"][0], id=999)), r"ties\[20\]"),
    ("a row that is a list", lambda d: d["tables"]["waves"].__setitem__(0, [1, 2]),
     r"waves\[0\]"),
    ("id as text", setter("waves", 0, "id", "1"), r"waves\[0\]\.id"),
]


@pytest.mark.parametrize(("change", "field"), [(c, f) for _, c, f in CASES],
                         ids=[name for name, _, _ in CASES])
def test_a_file_breaking_a_rule_is_refused_naming_the_field(
        library: Library, document: Document, tmp_path: Path,
        change: Callable[[Document], None], field: str) -> None:
    change(document)
    before = dump(library)
    with pytest.raises(WorkshopFileError, match=field):
        import_workshop_file(library, write(document, tmp_path / "stranger.rcdesk"))
    assert dump(library) == before


def test_a_number_of_5000_digits_is_refused_calmly(library: Library, document: Document,
                                                     tmp_path: Path) -> None:
    """Python refuses to read integers over 4,300 digits (a ValueError, not a JSON error)."""
    text = json.dumps(document).replace('"headcount": 9', '"headcount": ' + "9" * 5000, 1)
    path = tmp_path / "digits.rcdesk"
    path.write_text(text, encoding="utf-8")
    before = dump(library)
    with pytest.raises(DomainError, match="digits.rcdesk"):
        import_workshop_file(library, path)
    assert dump(library) == before


def test_the_apps_own_file_still_imports_and_exports_the_same(
        library: Library, tmp_path: Path) -> None:
    service = LibraryService(library)
    first = export_workshop_file(library, build_sample(service), tmp_path / "a.rcdesk")
    copy = import_workshop_file(library, first)
    again = export_workshop_file(library, copy, tmp_path / "b.rcdesk")
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, again))
    for doc in (a, b):
        doc.pop("exported_at")
        doc["workshop"].pop("title")
        doc["workshop"].pop("created_at")
    assert a == b
