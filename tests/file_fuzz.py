"""Structured mutations of valid workshop and deck files, shared by the fuzz tests.

A mutation starts from a valid file the app itself wrote (the sample workshop, with
survey answers, own dimension wording and pulse wording added so every table and
JSON column is present; or a shipped deck) and breaks it the ways a stranger's file
can be broken: a value replaced by one of the wrong type, out of range, huge, not a
number, with lone surrogates or an impossible date; a key dropped or added; a row
repeated, a table emptied, a reference pointed elsewhere; and, on the raw bytes,
truncation, spliced random bytes, brackets nested thousands deep and integers of
5,000 digits. Every mutation is drawn from a seeded random.Random, so a failing
seed reproduces exactly: `mutate_workshop(base, random.Random(seed))`.
"""

from __future__ import annotations

import copy
import json
import math
import random
from typing import Any

from rcdesk.domain.decks import deck_to_dict
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.services.decks import shipped_decks
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.services.workshop_file import workshop_document
from rcdesk.store.connection import Library

Document = dict[str, Any]

HUGE_TEXTS = ["x" * 121, "y" * 201, "z" * 2_001, "w" * 4_001, "v" * 100_001]
SURROGATES = ["\ud800", "Nurse\udfff", "\udc80\ud800", "a\ud83d", "\x00", "ok\x00nul"]
DATES = ["2024-02-30", "2024-13-01", "20240101", "2024-W01-1", "0001-01-01", "9999-12-31",
         "1899-12-31", "2200-01-01", "2026-09-14T09:30:00", "2026-09-14T09:30:00+05:00",
         "2026-09-14 09:30", "2026-09-14T25:00:00", "", " ", "tomorrow", "2026-9-4"]
JSON_TEXTS = ['{"1": 5000}', '{"1": -1}', '{"x": 1}', '{"1": 2.5}', '{"1": true}', "[]",
              "{", "[" * 5_000 + "]" * 5_000, '{"ps1": {"wording": ""}}',
              '{"ps9": {"wording": "x"}}', '{"ps1": {"reversed": "yes"}}',
              '{"timely": 3}', '{"nonsense": "x"}', '["huddles", "nonsense"]', '[1, 2]',
              '{"title": "T", "room": "R", "minutes": 0, "kind": "talk"}',
              '{"title": "T", "room": "R", "minutes": 3, "kind": "dance"}',
              '{"title": "", "room": "R", "minutes": 3, "kind": "talk"}', "null", '"text"']
NUMBERS: list[Any] = [0, -1, 1, 2, 3, 5, 6, 7, 8, 9, 50, 51, 999, 1000, 10_001, 100_001,
                      2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**30,
                      0.5, 3.5, 1e-9, 1e300, -1e300, 1e7, math.nan, math.inf, -math.inf]
WORDS: list[Any] = ["kickoff", "huddle", "tie", "dimension", "outcome", "timely", "overall",
                    "answers", "tally", "ps1", "ps8", "decided", "adapt", "open", "done",
                    "A4", "Letter", "A3", "#12AB9F", "#12ab9", "red", "higher", "planned",
                    "current", "run", "skipped", "quote", "insight", "laptop-1", "Nurses",
                    "physicians", "Baseline", "baseline", "‮evil", "é" * 60, "名前", "🙂"]


def rich_document(library: Library) -> Document:
    """The sample workshop's file with every table and JSON column holding something."""
    document = workshop_document(library, build_sample(LibraryService(library)))
    workshop = document["workshop"]
    workshop["descriptions"] = json.dumps({"timely": "News reaches us in time to act."})
    workshop["pulse_items"] = json.dumps({"ps2": {"wording": "We can raise hard things.",
                                                  "reversed": False}})
    roles = [row["id"] for row in document["tables"]["roles"]]
    answers = []
    for number in range(6):
        source = roles[number % len(roles)]
        for target in roles[:3]:
            values = {key: 1 + (number + i + target) % 5 for i, key in enumerate(DIMENSION_KEYS)}
            answers.append({"id": len(answers) + 1, "wave_id": 1, "respondent": f"r{number}",
                            "source_id": source, "target_id": target, **values})
    document["tables"]["survey_responses"] = answers
    return document


def deck_documents() -> list[Document]:
    return [deck_to_dict(deck) for deck in shipped_decks()]


# -- values ----------------------------------------------------------------------------------


#: Values at (not beyond) the limits: a file holding them is accepted and must then
#: survive every view and export.
LIMITS: list[Any] = ["N" * 120, "é" * 120, "\u202e" + "ש" * 119, "🙂" * 120, "W" * 200,
                     "t" * 4000, "line\n" * 800, "名" * 120, "a\u0301" * 60, "\u200b" * 5 + "z",
                     1_000_000.0, -1_000_000.0, 999_999.5, 100_000, 0, 1, 5, 7, 50, 3, 999,
                     10_000, 1e12, -1e12, 4, 0.001, 120, "1900-01-01", "2199-12-31",
                     "2026-09-14T09:30:00.123456", "2199-12-31T23:59:59", "#ffffff", "Letter"]


def _plain(rng: random.Random, current: Any) -> Any:
    return rng.choice(NUMBERS + WORDS + DATES + LIMITS)


def _nudged(rng: random.Random, current: Any) -> Any:
    if isinstance(current, int | float) and not isinstance(current, bool):
        return current + rng.choice([-1, 1, 0.5, -0.5, 1e-12])
    return _plain(rng, current)


def _reworded(rng: random.Random, current: Any) -> Any:
    if isinstance(current, str) and current.startswith(("{", "[")):
        return _mutated_json_text(rng, current)
    if isinstance(current, str):
        return rng.choice([current.upper(), f"  {current}  ", current[: len(current) // 2],
                           current * 50, "\n".join([current] * 3)])
    return _plain(rng, current)


def _surrogate(rng: random.Random, current: Any) -> Any:
    return rng.choice(SURROGATES) if rng.random() < 0.7 else f"{current}{rng.choice(SURROGATES)}"


_KINDS = (
    lambda rng, current: rng.choice(NUMBERS),
    lambda rng, current: rng.choice(HUGE_TEXTS),
    _surrogate,
    lambda rng, current: rng.choice(DATES),
    lambda rng, current: rng.choice(JSON_TEXTS),
    lambda rng, current: rng.choice([None, True, False, [], {}, [1, "a"], {"a": {"b": []}}, ""]),
    lambda rng, current: rng.choice(WORDS),
    lambda rng, current: rng.randint(-3, 45),  # often another row's id
    lambda rng, current: rng.choice(LIMITS),
    lambda rng, current: rng.choice(LIMITS),
    _nudged,
    _reworded,
    _reworded,
)


def hostile_value(rng: random.Random, current: Any) -> Any:
    """A value that a file might hold where `current` stood."""
    return rng.choice(_KINDS)(rng, current)


def _mutated_json_text(rng: random.Random, text: str) -> Any:
    """A JSON text column (a step, the attendance…) with one of its own values broken."""
    try:
        inner = json.loads(text)
    except ValueError:
        return text[:-1]
    if isinstance(inner, dict) and inner:
        key = rng.choice(list(inner))
        if rng.random() < 0.2:
            del inner[key]
        else:
            inner[key] = hostile_value(rng, inner[key])
    elif isinstance(inner, list):
        inner.append(hostile_value(rng, None))
    return json.dumps(inner, allow_nan=True)


# -- structured mutations ----------------------------------------------------------------------


def _some_row(rng: random.Random, document: Document) -> tuple[str, list[Any], int] | None:
    tables = document.get("tables")
    if not isinstance(tables, dict):
        return None
    names = [name for name, rows in tables.items() if isinstance(rows, list) and rows]
    if not names or rng.random() < 0.12:
        return ("workshop", [document.get("workshop")], 0)
    name = rng.choice(names)
    return name, tables[name], rng.randrange(len(tables[name]))


def _change_value(rng: random.Random, document: Document) -> None:
    found = _some_row(rng, document)
    if found is None:
        return
    _, rows, index = found
    row = rows[index]
    if not isinstance(row, dict) or not row:
        return
    key = rng.choice([*row, "id"] if rng.random() < 0.1 else list(row))
    row[key] = hostile_value(rng, row.get(key))


def _drop_or_add_key(rng: random.Random, document: Document) -> None:
    found = _some_row(rng, document)
    if found is None or not isinstance(found[1][found[2]], dict):
        return
    row = found[1][found[2]]
    if row and rng.random() < 0.7:
        del row[rng.choice(list(row))]
    else:
        row[rng.choice(["secret", "name_key", "workshop_id", "title_key", "\ud800"])] = 1


def _repeat_or_drop_row(rng: random.Random, document: Document) -> None:
    found = _some_row(rng, document)
    if found is None or found[0] == "workshop":
        return
    _, rows, index = found
    action = rng.randrange(4)
    if action == 0:
        rows.append(copy.deepcopy(rows[index]))
    elif action == 1 and isinstance(rows[index], dict):
        rows.append(dict(rows[index], id=rng.randint(1, 10**6)))
    elif action == 2:
        del rows[index]
    else:
        rows.insert(0, rows.pop(index))  # a child before its parent, a cycle before its previous


def _break_structure(rng: random.Random, document: Document) -> None:
    choice = rng.randrange(7)
    tables = document.get("tables")
    if choice == 0 and isinstance(tables, dict) and tables:
        tables[rng.choice(list(tables))] = hostile_value(rng, None)
    elif choice == 1 and isinstance(tables, dict) and tables:
        del tables[rng.choice(list(tables))]
    elif choice == 2 and isinstance(tables, dict):
        tables[rng.choice(["sqlite_master", "decks", "workshops", ""])] = []
    elif choice == 3:
        document[rng.choice(["format", "version", "workshop", "tables"])] = hostile_value(rng, None)
    elif choice == 4:
        document.pop(rng.choice(["format", "version", "workshop", "tables", "exported_at"]), None)
    elif choice == 5:
        document["version"] = rng.choice([0, 1, 2, True, 1.0, "1", 2**70])
    elif isinstance(tables, dict):
        tables.pop(rng.choice(["roles", "waves", "ties", "pulses", "meetings", "gaps"]), None)


STRUCTURED = (_change_value, _change_value, _change_value, _drop_or_add_key,
              _repeat_or_drop_row, _break_structure)


# -- raw mutations -----------------------------------------------------------------------------


def raw_mutation(rng: random.Random, data: bytes) -> bytes:
    """The file's bytes cut short, spliced with junk, or with text a JSON reader chokes on."""
    kind = rng.randrange(5)
    at = rng.randrange(len(data) + 1)
    if kind == 0:
        return data[:at]
    if kind == 1:
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        return data[:at] + junk + data[at + rng.randint(0, 16):]
    if kind == 2:
        return data.replace(b'"headcount": 9', b'"headcount": ' + b"9" * 5000, 1)
    if kind == 3:
        return data.replace(b'"notes": ""', b'"notes": ' + b"[" * 100_000 + b"]" * 100_000, 1)
    return rng.choice([b"", b"\xef\xbb\xbf" + data, data.decode("utf-8").encode("utf-16"),
                       b"\xff\xfe\x00garbage", data + b"\n{}"])


def dumps(document: Any) -> bytes:
    """The document as a file: lone surrogates written as JSON escapes ("\\ud800"), the
    way a stranger's tool writes them; NaN and Infinity as Python's json writes them."""
    return json.dumps(document, indent=1, allow_nan=True).encode("ascii")


def mutate(base: Document, rng: random.Random) -> bytes:
    """One hostile variant of `base` (a workshop or a deck document) as file bytes."""
    document = copy.deepcopy(base)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if "steps" in document:
            mutate_deck_document(rng, document)
        else:
            rng.choice(STRUCTURED)(rng, document)
    data = dumps(document)
    if rng.random() < 0.12:
        data = raw_mutation(rng, data)
    return data


# -- decks -------------------------------------------------------------------------------------


def mutate_deck_document(rng: random.Random, document: Document) -> None:
    steps = document.get("steps")
    if isinstance(steps, list) and steps and rng.random() < 0.7:
        index = rng.randrange(len(steps))
        step = steps[index]
        if not isinstance(step, dict):
            steps[index] = hostile_value(rng, None)
            return
        action = rng.randrange(10)
        if action == 0 and step:
            del step[rng.choice(list(step))]
        elif action == 1:
            steps.append(copy.deepcopy(step) if rng.random() < 0.5 else hostile_value(rng, None))
        else:
            key = rng.choice(["title", "room", "notes", "minutes", "kind", "dimension", "roles",
                              "extra"])
            step[key] = (_deck_text(rng, step.get(key)) if rng.random() < 0.5 else
                         rng.choice([hostile_value(rng, step.get(key)),
                                     [_deck_text(rng, "Nurses"), "Physicians"]]))
        return
    key = rng.choice(["format", "version", "id", "title", "summary", "steps", "extra"])
    if rng.random() < 0.15:
        document.pop(key, None)
    else:
        document[key] = (_deck_text(rng, document.get(key)) if rng.random() < 0.5
                         else hostile_value(rng, document.get(key)))


def _deck_text(rng: random.Random, current: Any) -> Any:
    """A text a deck editor might meet: its own text with a lone surrogate or at a limit."""
    if not isinstance(current, str):
        return hostile_value(rng, current)
    return rng.choice([current + rng.choice(SURROGATES), rng.choice(SURROGATES) + current,
                       current * 30, rng.choice(LIMITS), current[:80] + "-" * 3])
