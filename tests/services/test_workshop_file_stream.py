"""The workshop file written a row at a time: the same document as before, one row a line,
and files in the earlier layout (format 2, every value indented) still import."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from rcdesk.files import parse_json_text
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.services.workshop_file import (
    FORMAT_VERSION,
    WorkshopFileError,
    export_workshop_file,
    import_workshop_file,
    workshop_document,
    workshop_file_text,
)
from rcdesk.store.connection import Library


def clock() -> datetime:
    return datetime(2026, 12, 7, 12, 0)


def test_the_streamed_file_holds_the_whole_document_one_row_a_line(
        library: Library, tmp_path: Path) -> None:
    workshop_id = build_sample(LibraryService(library))
    document = workshop_document(library, workshop_id, clock)
    out = export_workshop_file(library, workshop_id, tmp_path / "w.rcdesk", clock)
    text = out.read_text(encoding="utf-8")
    assert json.loads(text) == document and text == workshop_file_text(document)
    assert document["version"] == FORMAT_VERSION == 2
    assert text.endswith("\n }\n}\n") and '\n   {"id": 1, "name": ' in text
    answers = document["tables"]["ratings"]  # streamed: no table points at ratings
    assert answers and text.count('\n   {"id": ') >= len(answers)


def test_a_file_in_the_earlier_layout_still_imports(library: Library, tmp_path: Path) -> None:
    workshop_id = build_sample(LibraryService(library))
    document = workshop_document(library, workshop_id, clock)
    old = tmp_path / "old.rcdesk"
    old.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    copy = import_workshop_file(library, old, clock)
    again = workshop_document(library, copy, clock)
    assert again["tables"] == document["tables"]


def test_the_scan_reads_tables_in_any_order_and_rows_one_at_a_time() -> None:
    from rcdesk.services.workshop_stream import Place, scan

    text = ('{"tables": {"ratings": [ {"id": 1}, {"id": 2} ], "roles": []},\n'
            ' "format": "rcdesk-workshop", "version": 2, "workshop": {"title": "T"}}')
    found = scan(text)
    assert found.document == {"format": "rcdesk-workshop", "version": 2,
                              "workshop": {"title": "T"}}
    assert found.tables is not None and isinstance(found.tables["ratings"], Place)
    assert list(found.rows("ratings")) == [{"id": 1}, {"id": 2}]
    assert list(found.rows("roles")) == [] and list(found.rows("waves")) == []


@pytest.mark.parametrize("text", [
    '{"tables": {"ratings": [{"id": 1},]}}',  # a trailing comma
    '{"tables": {"ratings": [{"id": 1}}}',
    '{"format": 1} extra',
    '{"tables": {"ratings": [' + "[" * 100_000 + "]" * 100_000 + "]}}",
])
def test_a_damaged_file_fails_as_a_whole_parse_does(text: str) -> None:
    from rcdesk.files import JsonReadError
    from rcdesk.services.workshop_stream import scan

    with pytest.raises(JsonReadError) as streamed:
        scan(text)
    with pytest.raises(JsonReadError) as whole:
        parse_json_text(text)
    assert (streamed.value.kind, streamed.value.detail) == (whole.value.kind,
                                                             whole.value.detail)


def test_a_bad_answer_deep_in_the_file_changes_nothing(library: Library,
                                                       tmp_path: Path) -> None:
    workshop_id = build_sample(LibraryService(library))
    document = workshop_document(library, workshop_id, clock)
    document["tables"]["ratings"][-1]["value"] = 9
    bad = tmp_path / "bad.rcdesk"
    bad.write_text(workshop_file_text(document), encoding="utf-8")
    before = library.db.conn.execute("SELECT count(*) FROM ratings").fetchone()
    count = library.db.conn.execute("SELECT count(*) FROM workshops").fetchone()
    with pytest.raises(WorkshopFileError, match=r"ratings\[\d+\]\.value"):
        import_workshop_file(library, bad, clock)
    assert library.db.conn.execute("SELECT count(*) FROM ratings").fetchone() == before
    assert library.db.conn.execute("SELECT count(*) FROM workshops").fetchone() == count
