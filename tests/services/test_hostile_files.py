"""Hostile files: workshop files and deck files, mangled at random, never crash or write.

Every outcome is either a clean import or a DomainError with a message; the
library is byte-for-byte the same after a refused workshop file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcdesk.domain.errors import DomainError
from rcdesk.services.decks import load_deck_file, shipped_decks, write_deck_file
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.services.workshop_file import export_workshop_file, import_workshop_file
from rcdesk.store.connection import Library, open_library
from rcdesk.store.rows import TABLES

FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def dump(library: Library) -> dict[str, list[tuple[object, ...]]]:
    return {table: [tuple(r) for r in library.db.conn.execute(
        f"SELECT * FROM {table} ORDER BY id")] for table in sorted(TABLES)}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Library, bytes]:
    library = open_library(tmp_path / "library.sqlite", create=True)
    workshop_id = build_sample(LibraryService(library))
    path = export_workshop_file(library, workshop_id, tmp_path / "sample.rcdesk")
    return library, Path(path).read_bytes()


def mangle(data: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, junk in cuts:
        at = position % (len(out) + 1)
        out[at:at + len(junk)] = junk
    return bytes(out)


@FUZZ
@given(cuts=st.lists(st.tuples(st.integers(0, 10**7), st.binary(min_size=1, max_size=8)),
                     min_size=1, max_size=4))
def test_a_mangled_workshop_file_imports_whole_or_not_at_all(
        exported: tuple[Library, bytes], tmp_path: Path,
        cuts: list[tuple[int, bytes]]) -> None:
    library, data = exported
    before = dump(library)
    target = tmp_path / "mangled.rcdesk"
    target.write_bytes(mangle(data, cuts))
    try:
        new_id = import_workshop_file(library, target)
    except DomainError:
        assert dump(library) == before
        return
    summaries = {s.id: s for s in LibraryService(library).summaries()}
    assert new_id in summaries  # it went in whole: a workshop with its own id
    LibraryService(library).delete(new_id)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_are_never_a_workshop(exported: tuple[Library, bytes], tmp_path: Path,
                                           data: bytes) -> None:
    library, _ = exported
    before = dump(library)
    target = tmp_path / "random.rcdesk"
    target.write_bytes(data)
    with pytest.raises(DomainError):
        import_workshop_file(library, target)
    assert dump(library) == before


def test_a_workshop_file_nested_thousands_deep_is_refused_calmly(
        exported: tuple[Library, bytes], tmp_path: Path) -> None:
    """json.loads raises RecursionError (not a ValueError) on brackets nested this deep."""
    library, _ = exported
    before = dump(library)
    target = tmp_path / "deep.rcdesk"
    target.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(DomainError, match="deep.rcdesk.*not valid JSON"):
        import_workshop_file(library, target)
    assert dump(library) == before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 500) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)


@FUZZ
@given(field=st.sampled_from(["format", "version", "id", "title", "steps", "summary"]),
       step_field=st.sampled_from(["title", "room", "notes", "minutes", "kind", "dimension",
                                   "roles", None]),
       value=JSON_VALUES)
def test_a_deck_with_any_field_replaced_loads_or_is_refused_with_a_message(
        tmp_path: Path, field: str, step_field: str | None, value: object) -> None:
    path = tmp_path / "deck.json"
    write_deck_file(shipped_decks()[3], path)
    document = json.loads(path.read_text(encoding="utf-8"))
    if step_field is None:
        document[field] = value
    else:
        document["steps"][0][step_field] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        deck = load_deck_file(path)
    except DomainError as exc:
        assert str(path) in str(exc)
        return
    assert deck.steps and all(step.room for step in deck.steps)


@pytest.mark.parametrize(("table", "column", "value"), [
    ("agenda_steps", "step", "garbage"),
    ("agenda_steps", "step", '{"title": "No room"}'),
    ("agenda_steps", "started_at", "yesterday"),
    ("captures", "dimension", "nonsense"),
    ("captures", "created_at", "not a date"),
])
def test_review_a_damaged_agenda_step_or_capture_is_refused_whole(
        exported: tuple[Library, bytes], tmp_path: Path, table: str, column: str,
        value: str) -> None:
    """Values the columns' types accept but the app cannot read would otherwise import
    and then fail in the Conversations views."""
    library, data = exported
    document = json.loads(data)
    document["tables"][table][0][column] = value
    target = tmp_path / "damaged.rcdesk"
    target.write_text(json.dumps(document), encoding="utf-8")
    before = dump(library)
    with pytest.raises(DomainError, match="damaged"):
        import_workshop_file(library, target)
    assert dump(library) == before
