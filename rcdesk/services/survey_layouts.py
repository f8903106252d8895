"""Telling a survey file's shape from its first rows (docs/import-formats.md, "Layouts").

- **long**: one row per respondent and rated role, the seven items as columns
  (rcdesk's own template);
- **wide**: one row per respondent; each answer column is one (rated role, item) pair,
  named by a header holding a role (the workshop's, or a new one) and an item (its key,
  its name, the workshop's own wording, a common alias or, in a long question text, a
  key word) in either order, split by a space, `-`, `_`, `:`, `/` or `[brackets]`.

Survey tools put more than one row above the answers: Qualtrics a row of question texts
and one of `{"ImportId": …}`, SurveyMonkey a row of sub-labels under each question. Rows
at the top that hold no answer at all are read as further header rows and skipped, and
SurveyMonkey's question (carried across its blank cells) is read with each sub-label as
`question [sub-label]`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rcdesk.domain.dimensions import DIMENSION_KEYS, DIMENSIONS
from rcdesk.domain.names import name_key
from rcdesk.services.survey_answers import (
    DEFAULT_NOT_APPLICABLE,
    LABELS,
    AnswerReader,
    normalise_label,
)

Record = tuple[int, list[str]]
MAX_HEADER_ROWS = 3

_ITEM_ALIASES: dict[str, tuple[str, ...]] = {
    "frequent": ("frequency", "frequently", "freq", "communication frequency", "how often"),
    "timely": ("timeliness", "on time"),
    "accurate": ("accuracy", "accu"),
    "problem_solving": ("problem solving", "problemsolving", "problem", "problems",
                        "solving", "prob"),
    "shared_goals": ("goals", "goal", "common goals"),
    "shared_knowledge": ("knowledge", "know"),
    "mutual_respect": ("respect", "resp"),
}
#: Words that name an item inside a long question text (one item's words only).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "frequent": ("frequen", "how often"),
    "timely": ("timely", "timeliness", "on time"),
    "accurate": ("accura",),
    "problem_solving": ("blame", "problem"),
    "shared_goals": ("goal",),
    "shared_knowledge": ("knowledge", "know about", "know what"),
    "mutual_respect": ("respect",),
}
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "respondent": ("respondent", "respondent id", "response id", "responseid", "id",
                   "record id", "participant", "participant id", "rater"),
    "role": ("role", "your role", "own role", "rater role", "respondent role",
             "what is your role", "which role", "profession", "your profession",
             "discipline", "your group", "which group do you belong to", "my role"),
    "target": ("target", "target role", "rated role", "role rated", "group you are rating",
               "rated group", "rating"),
    "wave": ("wave", "survey wave", "round"),
}
#: Words of the items' names: never a role's name on their own ("shared" of shared_goals).
_ITEM_WORDS = frozenset({"communication", "shared", "mutual", "solving", "problem"})
_ROLE_WORDS = ("your role", "my role", "what is your role", "which group do you belong")
_CODE = re.compile(r"[a-z]{0,4}\d+[a-z]?\d*")  # Q1, SQ001, QID3_1: codes, not role names
_SPLIT = re.compile(r"\s*[-_:/|–]\s*|\s+")
_BRACKET = re.compile(r"(.*?)\s*\[([^\]]+)\]\s*\.?\s*(.*)")
_IMPORT_ID = '{"importid"'


def words(text: str) -> str:
    """Case-free text with separators as single spaces (item and field matching)."""
    return " ".join(re.sub(r"[\s_\-:/|–?.()]+", " ", text.casefold()).split())


def _item_table(wording: Mapping[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for number, dimension in enumerate(DIMENSIONS, start=1):
        for text in (dimension.key, dimension.name, dimension.description,
                     *_ITEM_ALIASES[dimension.key], f"rc{number}", f"rc {number}",
                     f"item{number}", f"item {number}"):
            table[words(text)] = dimension.key
    for key, text in wording.items():
        if key in DIMENSION_KEYS and text.strip():
            table[words(text)] = key
    return table


@dataclass(frozen=True)
class Pair:
    """One answer column of a wide file: the rated role (as written) and the item."""

    column: int
    header: str
    role: str
    item: str


class HeaderReader:
    """Reads roles and items out of header texts for one workshop."""

    def __init__(self, roles: Sequence[str], wording: Mapping[str, str],
                 role_codes: Mapping[str, str] | None = None) -> None:
        self.roles = {name_key(r): r for r in roles}
        self.codes = {name_key(k): v for k, v in (role_codes or {}).items()}
        self.items = _item_table(wording)

    def item(self, text: str) -> tuple[str, int] | None:
        """(item key, 2 for an exact name or alias, 1 for a key word in a question)."""
        key = words(text)
        if key in self.items:
            return self.items[key], 2
        found = {item for item, keys in _KEYWORDS.items() if any(k in key for k in keys)}
        return (found.pop(), 1) if len(found) == 1 and len(key) > 12 else None

    def role(self, text: str) -> tuple[str, int] | None:
        """(role name, 2 for the workshop's or a mapped code, 1 for a plausible new role)."""
        cleaned = " ".join(text.split()).strip(" ?.")
        key = name_key(cleaned)
        if key in self.codes:
            return self.codes[key], 2
        if key in self.roles:
            return self.roles[key], 2
        if (not cleaned or len(cleaned) > 60 or set(text) & set("?[]{}") or _CODE.fullmatch(key)
                or not any(c.isalpha() for c in cleaned) or self.item(cleaned) is not None
                or set(words(cleaned).split()) & _ITEM_WORDS
                or key in ("response", "other", "comment")):
            return None
        return cleaned, 1

    def pair(self, text: str) -> tuple[str, str, int] | None:
        """(role, item, score) of a header naming both, or None (also when two readings tie)."""
        whole = self.item(text)
        if whole is not None and whole[1] == 2:
            return None  # "problem_solving" names an item, not a role and an item
        candidates: list[tuple[int, str, str]] = []
        bracket = _BRACKET.fullmatch(text.strip())
        if bracket is not None and not bracket.group(3):
            candidates += self._both_ways(bracket.group(1), bracket.group(2), 4)
        for gap in _SPLIT.finditer(text.strip()):
            left, right = text.strip()[:gap.start()], text.strip()[gap.end():]
            sep = gap.group()
            rank = 3 if (set(sep) & set(":/|–") or sep.strip() == "-" and sep != "-") else (
                2 if sep.strip() else 1)
            candidates += self._both_ways(left, right, rank)
        if not candidates:
            return None
        candidates.sort(key=lambda c: -c[0])
        best = candidates[0]
        rivals = {(c[1], c[2]) for c in candidates if c[0] == best[0]}
        return (best[1], best[2], best[0]) if len(rivals) == 1 else None

    def _both_ways(self, a: str, b: str, rank: int) -> list[tuple[int, str, str]]:
        found = []
        for item_text, role_text in ((a, b), (b, a)):
            if not item_text.strip() or not role_text.strip():
                continue
            item, role = self.item(item_text), self.role(role_text)
            if item is not None and role is not None:
                found.append((item[1] * 10 + role[1] * 3 + rank, role[0], item[0]))
        return found

    def field(self, text: str) -> str | None:
        key = words(text)
        for name, aliases in FIELD_ALIASES.items():
            if key in aliases or key.replace(" ", "_") == name:
                return name
        if any(w in key for w in _ROLE_WORDS):
            return "role"
        return None


# -- header rows -----------------------------------------------------------------------------


def _is_answer(text: str) -> bool:
    """A cell an answer could hold: a number, a code, an answer word, "4 - Often", N/A."""
    key = normalise_label(text)
    if re.fullmatch(r"-?\d+(?:[.,]0+)?|a[1-5]", key) or key in LABELS or (
            key in DEFAULT_NOT_APPLICABLE):
        return True
    try:
        return AnswerReader().read(text) is not None
    except ValueError:
        return False


def header_depth(records: Sequence[Record]) -> int:
    """How many rows at the top are headers: the first, and up to two more that hold no
    answer (question texts, sub-labels) or Qualtrics' import ids."""
    depth = 1
    while depth < min(MAX_HEADER_ROWS, len(records) - 1):
        cells = [c.strip() for c in records[depth][1]]
        filled = [c for c in cells if c]
        if any(c.replace(" ", "").casefold().startswith(_IMPORT_ID) for c in filled):
            depth += 1
        elif len(filled) >= 2 and not any(_is_answer(c) for c in filled):
            depth += 1
        else:
            break
    return depth


def column_texts(records: Sequence[Record], depth: int) -> list[list[str]]:
    """Per column, the header texts worth reading: each header row's cell, and (with a
    second row) the first row's text carried across blanks joined as `question [label]`."""
    width = max(len(cells) for _, cells in records[:depth])
    rows = [[*(c.strip() for c in cells), *([""] * (width - len(cells)))]
            for _, cells in records[:depth]]
    texts: list[list[str]] = []
    carried = ""
    for index in range(width):
        first = rows[0][index]
        carried = first or carried
        found = [row[index] for row in rows if row[index]]
        if depth > 1 and rows[1][index] and carried:
            found.append(f"{carried} [{rows[1][index]}]")
        texts.append([t for t in found if not t.replace(" ", "").casefold().startswith(
            _IMPORT_ID)])
    return texts


@dataclass(frozen=True)
class Layout:
    """Where the data are: the header rows, the field columns, and (wide) the pairs."""

    kind: str  # "long", "wide" or "" (not recognised)
    depth: int
    headers: tuple[str, ...]
    fields: dict[str, int] = field(default_factory=dict)  # field → column index
    pairs: tuple[Pair, ...] = ()
    new_pair_roles: tuple[str, ...] = ()  # roles named only by headers, not the workshop's

    @property
    def skipped_rows(self) -> int:
        return self.depth - 1


def display_headers(texts: list[list[str]]) -> tuple[str, ...]:
    """One name per column for lists and mappings: its first header text."""
    return tuple(t[0] if t else "" for t in texts)


def find_pairs(texts: list[list[str]], reader: HeaderReader,
               fixed: Mapping[str, tuple[str, str]] | None = None) -> list[Pair]:
    """The answer columns: from a mapping's explicit pairs (by header) or read from the
    headers (the best reading of each column's texts)."""
    headers = display_headers(texts)
    if fixed:
        by_header = {name_key(k): v for k, v in fixed.items()}
        return [Pair(i, h, *by_header[name_key(h)]) for i, h in enumerate(headers)
                if name_key(h) in by_header]
    pairs: list[Pair] = []
    for index, options in enumerate(texts):
        readings = [p for text in options if (p := reader.pair(text)) is not None]
        if readings:
            role, item, _ = max(readings, key=lambda p: p[2])
            pairs.append(Pair(index, headers[index], role, item))
    return pairs


def find_fields(texts: list[list[str]], reader: HeaderReader,
                taken: set[int]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, options in enumerate(texts):
        if index in taken:
            continue
        for text in options:
            name = reader.field(text) or (normalise_field(text))
            if name is not None and name not in found:
                found[name] = index
                break
    return found


def normalise_field(text: str) -> str | None:
    key = words(text).replace(" ", "_")
    return key if key in (*DIMENSION_KEYS, "respondent", "role", "target", "wave") else None


def role_column_by_values(records: Sequence[Record], depth: int, roles: set[str],
                          taken: set[int]) -> int | None:
    """The column whose values are mostly role names (when no header says "role")."""
    best, best_share = None, 0.5
    data = records[depth:depth + 200]
    width = max((len(cells) for _, cells in data), default=0)
    for index in range(width):
        if index in taken:
            continue
        values = [cells[index].strip() for _, cells in data if index < len(cells)]
        filled = [v for v in values if v]
        share = sum(name_key(v) in roles for v in filled) / len(filled) if filled else 0.0
        if share > best_share:
            best, best_share = index, share
    return best
