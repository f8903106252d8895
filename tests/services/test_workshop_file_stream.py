"""The workshop file written a row at a time: the same document as before, one row a line,
and files in the earlier layout (format 2, every value indented) still import."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.services.workshop_file import (
    FORMAT_VERSION,
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
