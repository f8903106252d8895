"""Reading a `.rcdesk` workshop file a row at a time.

The file's text is scanned once: the top-level members other than "tables" are parsed
(the header and the workshop row), and for each table only where its list starts is
kept. `rows(table)` then parses that table's rows one by one, so a workshop with
1,000,000 survey answers is never held as a million dicts. Anything unusual (the top
level or "tables" not an object, a syntax error, nesting too deep) falls back to
parsing the whole text as before, so every malformed file fails exactly as it did
(files.parse_json_text), with the JSON error's line and column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rcdesk.files import parse_json_text

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODE = json.JSONDecoder().raw_decode


class _Unusual(Exception):
    """The text is not shaped the way the streaming scan expects (or not JSON at all)."""


@dataclass(frozen=True)
class Place:
    """Where a table's list starts in the text (the offset of its "[")."""

    at: int


@dataclass
class WorkshopText:
    """A scanned workshop file: its top-level members, and each table's rows on demand.

    `document` is the top-level value without "tables" (any JSON value, for a file that
    is not an object); `tables` maps each table to its Place, or to the value itself
    when it is not a list (or when the whole file had to be parsed at once); None when
    "tables" is missing or not an object."""

    text: str
    document: Any = field(default_factory=dict)
    tables: dict[str, Any] | None = None

    def rows(self, table: str) -> Iterator[Any]:
        """The table's rows, parsed one at a time (none when the table is absent)."""
        place = (self.tables or {}).get(table, [])
        if isinstance(place, Place):
            return _elements(self.text, place.at)
        return iter(place) if isinstance(place, list) else iter(())

    def is_list(self, table: str) -> bool:
        return isinstance((self.tables or {}).get(table, []), Place | list)


def scan(text: str) -> WorkshopText:
    """The file scanned (see the module's docstring); JsonReadError when it is not JSON."""
    try:
        return _scan(text)
    except (_Unusual, ValueError, RecursionError, IndexError):
        document = parse_json_text(text)  # raises the error a whole parse gives
        tables = document.pop("tables", None) if isinstance(document, dict) else None
        return WorkshopText("", document, tables if isinstance(tables, dict) else None)


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _expect(text: str, pos: int, char: str) -> int:
    if text[pos] != char:
        raise _Unusual(f"expected {char!r} at {pos}")
    return _skip(text, pos + 1)


def _scan(text: str) -> WorkshopText:
    found = WorkshopText(text)
    pos = _expect(text, _skip(text, 0), "{")
    while text[pos] != "}":
        key, pos = _DECODE(text, pos)
        if not isinstance(key, str):
            raise _Unusual("a key that is not a string")
        pos = _expect(text, _skip(text, pos), ":")
        if key == "tables":
            if text[pos] != "{":
                raise _Unusual("tables is not an object")
            found.tables, pos = _scan_tables(text, _skip(text, pos + 1))
        else:
            found.document[key], pos = _DECODE(text, pos)
        pos = _next(text, _skip(text, pos), "}")
    if _skip(text, pos + 1) != len(text):
        raise _Unusual("extra data after the object")
    return found


def _next(text: str, pos: int, closing: str) -> int:
    """After a member or element: past a comma, or at the closing bracket."""
    if text[pos] == ",":
        pos = _skip(text, pos + 1)
        if text[pos] == closing:
            raise _Unusual("a trailing comma")
        return pos
    if text[pos] != closing:
        raise _Unusual(f"expected ',' or {closing!r} at {pos}")
    return pos


def _scan_tables(text: str, pos: int) -> tuple[dict[str, Any], int]:
    """Each table's Place (its rows parsed once to find the end, then dropped)."""
    tables: dict[str, Any] = {}
    while text[pos] != "}":
        key, pos = _DECODE(text, pos)
        if not isinstance(key, str):
            raise _Unusual("a key that is not a string")
        pos = _expect(text, _skip(text, pos), ":")
        if text[pos] == "[":
            tables[key] = Place(pos)
            pos = _end_of_list(text, pos)
        else:
            tables[key], pos = _DECODE(text, pos)
        pos = _next(text, _skip(text, pos), "}")
    return tables, pos + 1


def _end_of_list(text: str, pos: int) -> int:
    """Past the list whose "[" is at `pos` (each element parsed, then dropped)."""
    pos = _expect(text, pos, "[")
    while text[pos] != "]":
        _, pos = _DECODE(text, pos)
        pos = _next(text, _skip(text, pos), "]")
    return pos + 1


def _elements(text: str, pos: int) -> Iterator[Any]:
    """The elements of the list whose "[" is at `pos`, parsed one at a time."""
    pos = _expect(text, pos, "[")
    while text[pos] != "]":
        value, pos = _DECODE(text, pos)
        yield value
        pos = _next(text, _skip(text, pos), "]")
