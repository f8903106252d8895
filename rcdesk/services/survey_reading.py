"""Finding where a survey file's data are: its header rows, its layout, its columns
(survey_layouts reads the headers; a mapping overrides what it finds). A file whose
shape is not recognised gets one problem that says what shape rcdesk expects and that
the mapping step (or `--mapping`) can read it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.names import name_key
from rcdesk.services.csv_input import ProblemList, normalise_header
from rcdesk.services.survey_layouts import (
    HeaderReader,
    Layout,
    Record,
    column_texts,
    display_headers,
    find_fields,
    find_pairs,
    header_depth,
    role_column_by_values,
)
from rcdesk.services.survey_mapping import SurveyMapping

LONG_FIELDS: tuple[str, ...] = ("respondent", "role", "target", *DIMENSION_KEYS)
EXPECTED_SHAPE = (
    "rcdesk reads two shapes: long, one row per respondent and rated role, with the columns "
    "respondent, role, target and the seven items (frequent, timely, accurate, "
    "problem_solving, shared_goals, shared_knowledge, mutual_respect); or wide, one row per "
    "respondent with a column for their own role and one answer column per rated role and "
    "item, headed like “Nurses_timely” or “Timely [Nurses]”. Any other shape can be read "
    "with the mapping step of the import dialog, or with a saved mapping "
    "(rcdesk import FILE --mapping MAP.json).")


def _mapped_columns(headers: Sequence[str], texts: list[list[str]],
                    chosen: Mapping[str, str], problems: ProblemList) -> dict[str, int]:
    """field → column of a mapping's choices; a problem for each header not in the file."""
    positions: dict[str, list[int]] = {}
    for index, options in enumerate(texts):
        for text in dict.fromkeys(options):
            positions.setdefault(normalise_header(text), []).append(index)
    columns: dict[str, int] = {}
    for name, header in chosen.items():
        if not header.strip():
            continue
        found = positions.get(normalise_header(header), [])
        if not found:
            problems.add(f"the file has no column “{header}”.", row=1, column=name)
        elif len(found) > 1:
            problems.add(f"{len(found)} columns are headed “{header}”; keep one of them.",
                         row=1, column=header)
        elif found[0] in columns.values():
            problems.add(f"the column “{header}” is chosen for two fields.", row=1, column=name)
        else:
            columns[name] = found[0]
    return columns


def _duplicates(headers: Sequence[str], fields: Mapping[str, int],
                problems: ProblemList) -> None:
    """A field found by name in two columns (long layout) is a problem, not a guess."""
    for index in fields.values():
        same = [i for i, h in enumerate(headers) if h and normalise_header(h)
                == normalise_header(headers[index])]
        if len(same) > 1:
            problems.add(f"{len(same)} columns are headed “{headers[index]}”; keep one of "
                         "them.", row=1, column=headers[index])


def read_layout(records: Sequence[Record], roles: Sequence[str], wording: Mapping[str, str],
                mapping: SurveyMapping, problems: ProblemList) -> Layout:
    """The file's layout; problems (and kind "") when it cannot be read."""
    if not records:
        problems.add("the file is empty.")
        return Layout("", 1, ())
    reader = HeaderReader(roles, wording, mapping.role_codes)
    # rcdesk's own long layout has one header row, whatever its first answers look like
    single = find_fields(column_texts(records, 1), reader, set())
    depth = 1 if all(name in single for name in LONG_FIELDS) else header_depth(records)
    texts = column_texts(records, depth)
    headers = display_headers(texts)
    if len(records) <= depth:
        problems.add("the file has a header but no rows of answers.", row=1)
        return Layout("", depth, headers)
    chosen = _mapped_columns(headers, texts, mapping.columns, problems)
    unset = {name for name, header in mapping.columns.items() if not header.strip()}
    if problems.total:
        return Layout("", depth, headers)
    if mapping.answer_columns:
        pairs = find_pairs(texts, reader, mapping.answer_columns)
        return _wide(records, depth, texts, headers, reader, chosen, unset, pairs, problems)
    found = {k: v for k, v in find_fields(texts, reader, set(chosen.values())).items()
             if k not in unset}
    fields = {**found, **chosen}
    if all(name in fields for name in LONG_FIELDS):
        _duplicates(headers, found, problems)
        return Layout("long", depth, headers, fields)
    pairs = [p for p in find_pairs(texts, reader) if p.column not in chosen.values()]
    if len(pairs) >= 2:
        return _wide(records, depth, texts, headers, reader, chosen, unset, pairs, problems)
    _not_recognised(headers, fields, problems)
    return Layout("", depth, headers, fields)


def _wide(records: Sequence[Record], depth: int, texts: list[list[str]],
          headers: tuple[str, ...], reader: HeaderReader, chosen: dict[str, int],
          unset: set[str], pairs: Sequence[object], problems: ProblemList) -> Layout:
    from rcdesk.services.survey_layouts import Pair

    answer = [p for p in pairs if isinstance(p, Pair)]
    taken = {p.column for p in answer} | set(chosen.values())
    found = {k: v for k, v in find_fields(texts, reader, taken).items()
             if k in ("respondent", "role", "wave") and k not in unset}
    fields = {**found, **{k: v for k, v in chosen.items() if k in ("respondent", "role",
                                                                    "wave")}}
    if "role" not in fields:
        known = set(reader.roles) | {name_key(p.role) for p in answer}
        by_values = role_column_by_values(records, depth, known, taken | set(fields.values()))
        if by_values is not None:
            fields["role"] = by_values
    if "role" not in fields:
        example = answer[0].header
        problems.add(f"the file looks wide ({len(answer)} answer columns such as “{example}”) "
                     "but no column holds the respondent's own role. Head that column "
                     "“role”, or choose it in the mapping step (or a mapping file's "
                     "“columns”).", row=1, column="role")
    new = tuple(dict.fromkeys(p.role for p in answer if name_key(p.role) not in reader.roles
                              and name_key(p.role) not in reader.codes))
    return Layout("wide", depth, headers, fields, tuple(answer), new)


def _not_recognised(headers: Sequence[str], fields: Mapping[str, int],
                    problems: ProblemList) -> None:
    listed = ", ".join(h for h in headers if h) or "none"
    missing = [name for name in LONG_FIELDS if name not in fields]
    if len(missing) < len(LONG_FIELDS) - 2:  # mostly long: name the missing columns
        for name in missing:
            problems.add(f"the file has no “{name}” column (columns found: {listed}).",
                         row=1, column=name)
    problems.add(f"the file's shape is not recognised. {EXPECTED_SHAPE}", row=1)
