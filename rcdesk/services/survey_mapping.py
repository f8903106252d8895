"""A saved survey mapping: how to read one survey tool's export, as a documented JSON file
(docs/import-formats.md, "The mapping file"), so a follow-up wave of the same survey
imports in one step (`rcdesk import FILE --mapping MAP.json`, or the app's mapping step).

    {"format": "rcdesk-survey-mapping", "version": 1,
     "columns": {"respondent": "Response ID", "role": "Your role", ...},
     "answer_columns": {"Q3_1": {"role": "Nurses", "item": "timely"}, ...},
     "role_codes": {"SQ001": "Nurses"},
     "labels": {"Always": 5, "Often": 4},
     "not_applicable": ["6", "99", "Don't know"],
     "reverse": false, "frequency_scale": "monotonic", "sheet": null}

Every key but format and version may be left out.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import DomainError
from rcdesk.domain.survey import FrequencyScale
from rcdesk.files import JsonReadError, read_json_file, write_atomically

FORMAT = "rcdesk-survey-mapping"
VERSION = 1
FIELDS: tuple[str, ...] = ("respondent", "role", "target", *DIMENSION_KEYS, "wave")
MAX_BYTES = 2 * 1024 * 1024


class MappingFileError(DomainError):
    """A mapping file that cannot be read or used; the message names the file and the key."""


@dataclass(frozen=True)
class SurveyMapping:
    """How to read a file; empty parts are found automatically."""

    columns: dict[str, str] = field(default_factory=dict)  # field → header ("" = none)
    answer_columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # → (role, item)
    role_codes: dict[str, str] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)
    not_applicable: tuple[str, ...] | None = None  # None: rcdesk's usual list
    reverse: bool = False
    frequency_scale: FrequencyScale | None = None
    sheet: str | None = None

    @property
    def empty(self) -> bool:
        return self == SurveyMapping()

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": VERSION,
            "columns": dict(self.columns),
            "answer_columns": {h: {"role": r, "item": i}
                               for h, (r, i) in self.answer_columns.items()},
            "role_codes": dict(self.role_codes),
            "labels": dict(self.labels),
            "not_applicable": (list(self.not_applicable)
                               if self.not_applicable is not None else None),
            "reverse": self.reverse,
            "frequency_scale": self.frequency_scale.value if self.frequency_scale else None,
            "sheet": self.sheet,
        }


def _strings(value: object, where: str, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise MappingFileError(f"{name}: “{where}” must be an object of texts.")
    return dict(value)


def _answer_columns(value: object, name: str) -> dict[str, tuple[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise MappingFileError(f"{name}: “answer_columns” must be an object.")
    found: dict[str, tuple[str, str]] = {}
    for header, pair in value.items():
        if (not isinstance(pair, dict) or not isinstance(pair.get("role"), str)
                or pair.get("item") not in DIMENSION_KEYS):
            raise MappingFileError(
                f"{name}: answer column “{header}” needs a role and an item (one of "
                f"{', '.join(DIMENSION_KEYS)}).")
        found[str(header)] = (pair["role"], pair["item"])
    return found


def _labels(value: object, name: str) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5
            for v in value.values()):
        raise MappingFileError(f"{name}: “labels” maps answer texts to scores 1 to 5.")
    return {str(k): int(v) for k, v in value.items()}


def mapping_from_json(data: object, name: str) -> SurveyMapping:
    """Check a mapping document; MappingFileError names what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MappingFileError(f"{name} is not an rcdesk survey mapping (its “format” must "
                               f"be “{FORMAT}”).")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise MappingFileError(f"{name} was written by a newer rcdesk (mapping version "
                               f"{data.get('version')}); this version reads {VERSION}.")
    columns = _strings(data.get("columns"), "columns", name)
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise MappingFileError(f"{name}: “{unknown[0]}” is not a column rcdesk imports "
                               f"(columns: {', '.join(FIELDS)}).")
    na = data.get("not_applicable")
    if na is not None and not (isinstance(na, list) and all(isinstance(t, str) for t in na)):
        raise MappingFileError(f"{name}: “not_applicable” is a list of texts.")
    scale = data.get("frequency_scale")
    try:
        frequency = FrequencyScale(scale) if scale is not None else None
    except ValueError:
        raise MappingFileError(
            f"{name}: “frequency_scale” is one of "
            f"{', '.join(s.value for s in FrequencyScale)}.") from None
    sheet = data.get("sheet")
    return SurveyMapping(
        columns=columns,
        answer_columns=_answer_columns(data.get("answer_columns"), name),
        role_codes=_strings(data.get("role_codes"), "role_codes", name),
        labels=_labels(data.get("labels"), name),
        not_applicable=tuple(na) if na is not None else None,
        reverse=bool(data.get("reverse", False)),
        frequency_scale=frequency,
        sheet=sheet if isinstance(sheet, str) else None,
    )


def load_mapping(path: str | os.PathLike[str]) -> SurveyMapping:
    source = Path(path)
    try:
        data = read_json_file(source, MAX_BYTES)
    except JsonReadError as exc:
        raise MappingFileError(f"Cannot read the mapping {source.name}: {exc.detail}.") from exc
    return mapping_from_json(data, source.name)


def save_mapping(mapping: SurveyMapping, path: str | os.PathLike[str]) -> Path:
    text = json.dumps(mapping.to_json(), ensure_ascii=False, indent=2) + "\n"
    return write_atomically(Path(path), text.encode("utf-8"), "the mapping")
