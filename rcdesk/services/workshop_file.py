"""The `.rcdesk` workshop file: one whole workshop as documented, versioned JSON.

For a co-facilitator or an archive (docs/format.md). It holds everything in the
workshop, raw survey answers included, so it is created readable by its owner
only (0600) and the GUI says so. Ids in the file are the file's own (1, 2, 3… per
table, in library order), so exporting an imported workshop gives the same file
apart from the export time. Import checks the whole file first and writes it in
one transaction: a file from a newer format version, a damaged one, or one with
any value the app's own forms would refuse (services/file_checks.py: a file may
come from a stranger) is refused with a message naming the place
("roles[3].name: …") and changes nothing. A title already in the library gets a
distinct title ("… (2)").

The tables come from WORKSHOP_TABLES: (table, {foreign-key column: parent table}),
parents first. A table added later is included by adding a line there (and, once
files of the earlier format exist, raising FORMAT_VERSION: docs/format.md).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from rcdesk import __version__
from rcdesk.domain.dimensions import dimension
from rcdesk.domain.errors import DomainError, NotFoundError
from rcdesk.domain.names import name_key
from rcdesk.files import JsonReadError, atomic_file, read_json_text
from rcdesk.services.edits import run_in_transaction
from rcdesk.services.file_checks import FileProblem, FileTables, check_workshop, checked_rows
from rcdesk.services.library import LibraryService
from rcdesk.services.workshop_stream import WorkshopText, scan
from rcdesk.store import repository
from rcdesk.store.agenda import list_workshop_agenda
from rcdesk.store.captures import list_captures
from rcdesk.store.connection import Library
from rcdesk.store.gaps import list_experiments, list_gaps, list_measure_values
from rcdesk.store.rows import (
    ID_KEYED_JSON,
    WORKSHOP_TABLES,
    insert_many,
    insert_rows,
    remap_id_keys,
    rows_of_workshop,
    rows_owned,
    table_columns,
    workshop_row,
)

FORMAT = "rcdesk-workshop"
FORMAT_VERSION = 2
SUFFIX = ".rcdesk"
MAX_FILE_BYTES = 512 * 1024 * 1024

#: Columns the file leaves out: the library's ids, and values rebuilt on import.
_WORKSHOP_SKIPPED = ("id", "title_key", "opened_at")
_ROW_SKIPPED = ("workshop_id", "name_key")


class WorkshopFileError(DomainError):
    """A workshop file that cannot be read (damaged, not a workshop file, newer format)."""


# -- export ----------------------------------------------------------------------------------


def workshop_document(library: Library, workshop_id: int,
                      clock: Callable[[], datetime] = datetime.now) -> dict[str, Any]:
    """The whole workshop as the file's JSON object (file-local ids)."""
    header, tables = _document_parts(library, workshop_id, clock)
    return {**header, "tables": {table: list(rows) for table, rows in tables}}


#: Tables other rows point at: their file ids are kept while exporting (the others,
#: survey answers above all, are streamed row by row and never held).
_PARENTS = frozenset(parent for _, foreign in WORKSHOP_TABLES for parent in foreign.values())


def _document_parts(library: Library, workshop_id: int, clock: Callable[[], datetime]
                    ) -> tuple[dict[str, Any], Iterator[tuple[str, Iterator[dict[str, Any]]]]]:
    """The file's header (format … workshop) and, lazily, each table with its rows."""
    db = library.db
    found = workshop_row(db, "workshops", workshop_id, workshop_id)
    if found is None:
        raise NotFoundError("That workshop is no longer in the library.")
    workshop = {k: v for k, v in found.items() if k not in _WORKSHOP_SKIPPED}
    header = {"format": FORMAT, "version": FORMAT_VERSION,
              "exported_at": clock().isoformat(timespec="seconds"),
              "exported_by": f"rcdesk {__version__}", "workshop": workshop}
    return header, _tables(db, workshop_id)


def _tables(db: Any, workshop_id: int) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    id_maps: dict[str, dict[int, int]] = {}
    for table, foreign in WORKSHOP_TABLES:
        rows = _owned_rows(db, table, foreign, workshop_id, id_maps)
        if table not in _PARENTS and table not in ID_KEYED_JSON:
            yield table, (_file_row(row, {row["id"]: number}, foreign, id_maps)
                          for number, row in enumerate(rows, 1))
            continue
        kept = list(rows)
        mapping = {row["id"]: number for number, row in enumerate(kept, 1)}
        id_maps[table] = mapping
        out = [_file_row(row, mapping, foreign, id_maps) for row in kept]
        for column, parent in ID_KEYED_JSON.get(table, {}).items():
            for row in out:
                row[column] = _file_keys(row[column], id_maps[parent])
        yield table, iter(out)


def _owned_rows(db: Any, table: str, foreign: dict[str, str], workshop_id: int,
                id_maps: dict[str, dict[int, int]]) -> Iterator[dict[str, Any]]:
    """The workshop's rows of a table, ordered by id, read as they are written."""
    if "workshop_id" in table_columns(db, table):
        return rows_of_workshop(db, table, workshop_id)
    column, parent = next(iter(foreign.items()))
    return rows_owned(db, table, column, list(id_maps[parent]))


def _file_row(row: dict[str, Any], mapping: dict[int, int], foreign: dict[str, str],
              id_maps: dict[str, dict[int, int]]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": mapping[row["id"]]}
    for column, value in row.items():
        if column == "id" or column in _ROW_SKIPPED:
            continue
        parent = foreign.get(column)
        out[column] = id_maps[parent].get(value) if parent and value is not None else value
    return out


def _file_keys(text: str | None, ids: dict[int, int]) -> str:
    """A JSON object keyed by library ids (a meeting's attendance), keyed by file ids."""
    try:
        return remap_id_keys(text, ids)
    except (ValueError, TypeError):  # damaged outside rcdesk: nothing readable to keep
        return "{}"


def workshop_file_text(document: dict[str, Any]) -> str:
    """The file's text: the header indented by one space, each row on a line of its own."""
    header = {k: v for k, v in document.items() if k != "tables"}
    return "".join(_file_chunks(header, ((t, iter(r)) for t, r in document["tables"].items())))


def _file_chunks(header: dict[str, Any], tables: Iterable[tuple[str, Iterator[dict[str, Any]]]]
                 ) -> Iterator[str]:
    """The file's text in pieces, a row at a time (valid JSON, format 2 as before)."""
    yield json.dumps(header, ensure_ascii=False, indent=1)[:-2] + ',\n "tables": {'
    for number, (table, rows) in enumerate(tables):
        yield f'{"," if number else ""}\n  {json.dumps(table)}: ['
        first = True
        for row in rows:
            yield ("\n   " if first else ",\n   ") + _ROW.encode(row)
            first = False
        yield "]" if first else "\n  ]"
    yield "\n }\n}\n"


_ROW = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def export_workshop_file(library: Library, workshop_id: int, path: str | os.PathLike[str],
                         clock: Callable[[], datetime] = datetime.now) -> Path:
    """Write the workshop file, readable by its owner only, a row at a time; return the path."""
    header, tables = _document_parts(library, workshop_id, clock)
    target = Path(path)
    with atomic_file(target, "the workshop file", 0o600) as handle:
        buffer: list[str] = []
        for chunk in _file_chunks(header, tables):
            buffer.append(chunk)
            if len(buffer) >= 4096:
                handle.write("".join(buffer).encode("utf-8"))
                buffer.clear()
        handle.write("".join(buffer).encode("utf-8"))
    return target


# -- import ----------------------------------------------------------------------------------


def read_workshop_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The file's top-level members but its tables (format, version, workshop …),
    checked for format and version, not yet for content; the whole file is read as JSON
    (a damaged one refused) but its rows are not kept."""
    document = read_workshop_text(path).document
    assert isinstance(document, dict)
    return document


def read_workshop_text(path: str | os.PathLike[str]) -> WorkshopText:
    """The file scanned (workshop_stream), checked for format and version."""
    source = Path(path)
    try:
        found = scan(read_json_text(source, MAX_FILE_BYTES))
    except JsonReadError as exc:
        if exc.kind == "unreadable":
            raise WorkshopFileError(f"Cannot read {source.name}: {exc.detail}.") from exc
        if exc.kind == "too large":
            raise WorkshopFileError(
                f"{source.name} is too large to be an rcdesk workshop file.") from exc
        raise _damaged(source.name, "it is not valid JSON") from exc
    document = found.document
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise WorkshopFileError(f"{source.name} is not an rcdesk workshop file. Nothing was "
                                "imported.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _damaged(source.name, "its format version is missing")
    if version > FORMAT_VERSION:
        raise WorkshopFileError(
            f"{source.name} was written by a newer rcdesk (workshop file format {version}); "
            f"this version reads format {FORMAT_VERSION} and older. Update rcdesk to import "
            "it. Nothing was imported.")
    return found


def _damaged(name: str, why: str) -> WorkshopFileError:
    return WorkshopFileError(f"{name} is damaged and cannot be imported ({why}). Nothing "
                             "was imported.")


def import_workshop_file(library: Library, path: str | os.PathLike[str],
                         clock: Callable[[], datetime] = datetime.now) -> int:
    """Add the file's workshop to the library (all or nothing); return its new id.

    The rows are checked and written table by table, a row at a time, inside one
    transaction: the first value that breaks a rule rolls everything back."""
    name = Path(path).name
    found = read_workshop_text(path)
    workshop = _checked_workshop(found, name)
    service = LibraryService(library, clock)
    title = service.unique_title(workshop["title"])
    created: list[int] = []

    def write(db: Any) -> None:
        row = dict(workshop, title=title, title_key=name_key(title), opened_at=None)
        if row["created_at"] is None:
            row["created_at"] = clock().isoformat(timespec="seconds")
        try:
            created.extend(insert_rows(db, "workshops", [row]))
            _insert_tables(db, found, created[0])
        except (sqlite3.IntegrityError, sqlite3.InterfaceError) as exc:
            raise _damaged(name, f"the library refused its data: {exc}") from exc
        except FileProblem as problem:
            raise _problem(name, problem) from None
        _check_readable(db, created[0], name)

    run_in_transaction(library.db, library.read_only, "import the workshop", write)
    return created[0]


def _checked_workshop(found: WorkshopText, name: str) -> dict[str, Any]:
    """The workshop row checked, and the tables' names (services/file_checks.py)."""
    workshop, tables = found.document.get("workshop"), found.tables
    if not isinstance(workshop, dict) or tables is None:
        raise _damaged(name, "the workshop or its tables are missing")
    unknown = set(tables) - set(dict(WORKSHOP_TABLES))
    if unknown:
        raise _damaged(name, f"unknown tables: {', '.join(sorted(map(ascii, unknown)))}")
    try:
        return check_workshop(workshop)
    except FileProblem as problem:
        raise _problem(name, problem) from None


def _problem(name: str, problem: FileProblem) -> WorkshopFileError:
    # lone surrogates from the file become "?", so the message is safe to print or show
    message = f"{name} cannot be imported: {problem} Nothing was imported."
    return WorkshopFileError(message.encode("utf-8", "replace").decode("utf-8"))


def _insert_tables(db: Any, found: WorkshopText, workshop_id: int) -> None:
    """Check and insert the file's rows table by table (FileProblem at the first value
    that breaks a rule), mapping the file's ids to the library's as rows go in."""
    id_maps: dict[str, dict[int, int]] = {}
    seen = FileTables({})
    for table, foreign in WORKSHOP_TABLES:
        if not found.is_list(table):
            raise FileProblem(table, "must be a list of rows.")
        columns = table_columns(db, table)
        keep = table in _PARENTS
        rows = checked_rows(table, found.rows(table), foreign, seen, keep=keep)
        if not keep:  # nothing points at these rows: no ids to keep, one executemany
            insert_many(db, table, (_library_values(table, row, columns, foreign, id_maps,
                                                    workshop_id) for row in rows))
            continue
        # Filled as rows go in, so a row may point at an earlier row of its own table.
        mapping: dict[int, int] = id_maps.setdefault(table, {})
        for row in rows:
            value = _library_values(table, row, columns, foreign, id_maps, workshop_id)
            mapping[row["id"]] = insert_rows(db, table, [value])[0]


def _library_values(table: str, row: dict[str, Any], columns: set[str],
                    foreign: dict[str, str], id_maps: dict[str, dict[int, int]],
                    workshop_id: int) -> dict[str, Any]:
    """A checked file row as the library stores it: library ids, workshop, name key."""
    values = {k: v for k, v in row.items() if k != "id"}
    if "workshop_id" in columns:
        values["workshop_id"] = workshop_id
    if "name_key" in columns:
        values["name_key"] = name_key(str(values.get("name", "")))
    for column, parent in foreign.items():
        value = values.get(column)
        values[column] = None if value is None else id_maps[parent][value]
    for column, parent in ID_KEYED_JSON.get(table, {}).items():
        values[column] = remap_id_keys(values.get(column), id_maps[parent])
    return values


def _check_readable(db: Any, workshop_id: int, name: str) -> None:
    """Read the workshop back as the app will, every table, so that anything the checks
    above missed fails here, inside the transaction, and not later in a view."""
    try:
        for read in _READERS:
            read(db, workshop_id)
        for capture in list_captures(db, workshop_id):
            if capture.dimension is not None:
                dimension(capture.dimension)
    except (ValueError, KeyError, TypeError, DomainError) as exc:
        raise _damaged(name, f"part of it cannot be read: {exc}") from exc


_READERS = (repository.get_workshop, repository.list_roles, repository.list_waves,
            repository.list_ties, repository.list_ratings, repository.list_meetings,
            list_gaps, list_experiments, list_measure_values, list_workshop_agenda,
            list_captures)


