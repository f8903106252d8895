"""Checkers for the values of files from strangers: (value, label) → cleaned value.

Each wraps a validator the app's forms use (domain/names.py, limits.py, gaps.py,
captures.py, attendance.py, decks.py) and raises ValidationError naming the value;
services/file_checks.py says which column gets which checker.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rcdesk.domain.attendance import clean_count, clean_notes
from rcdesk.domain.captures import clean_capture_text
from rcdesk.domain.decks import MAX_MINUTES, DeckError, step_from_dict, step_to_dict
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.limits import (
    MAX_DESCRIPTION,
    MAX_TALLY,
    MAX_WORDING,
    check_coordinate,
    check_headcount,
    check_length,
    check_measure,
    check_number,
    clean_detail,
    clean_meeting_title,
    is_hex_colour,
    read_date,
    read_datetime,
)
from rcdesk.domain.names import clean_name
from rcdesk.domain.psych_safety import ITEM_KEYS, SCALE_SIZES

Check = Callable[[Any, str], Any]
#: A JSON text column (a step, attendance, descriptions, item wording) in characters.
MAX_JSON_TEXT = 100_000


def text(limit: int, *, required: bool = False) -> Check:
    def check(value: Any, label: str) -> str:
        if not isinstance(value, str):
            raise ValidationError(label, f"The {label} must be text.")
        cleaned = check_length(value.strip(), label, limit)
        if required and not cleaned:
            raise ValidationError(label, f"The {label} cannot be empty.")
        return cleaned
    return check


def whole(low: int, high: int) -> Check:
    def check(value: Any, label: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(label, f"The {label} must be a whole number from {low} to "
                                         f"{high}.")
        return value
    return check


def real(low: float, high: float) -> Check:
    return lambda value, label: check_number(value, label, low, high)


def choice(*values: Any) -> Check:
    def check(value: Any, label: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int) or value not in values:
            raise ValidationError(label, f"The {label} must be one of "
                                         f"{', '.join(map(str, values))}.")
        return value
    return check


def name(value: Any, label: str) -> str:
    return clean_name(value, label)


def detail(value: Any, label: str) -> str:
    return clean_detail(value, label)


def day(value: Any, label: str) -> str:
    return read_date(value, label).isoformat()


def moment(value: Any, label: str) -> str:
    return read_datetime(value, label).isoformat()


def flag(value: Any, label: str) -> int:
    if value not in (0, 1) or isinstance(value, float):
        raise ValidationError(label, f"The {label} must be 0 or 1.")
    return int(value)


def colour(value: Any, label: str) -> str:
    if not isinstance(value, str) or not is_hex_colour(value):
        raise ValidationError(label, "A colour must look like #1F77B4.")
    return value


def headcount(value: Any, label: str) -> int:
    check_headcount(value)
    return int(value)


def coordinate(value: Any, label: str) -> float:
    return check_coordinate(value, label)


def measure(value: Any, label: str) -> float | None:
    return check_measure(value, label)


def json_value(value: Any, label: str) -> Any:
    """The parsed content of a JSON text column (its own nesting and size bounded)."""
    if not isinstance(value, str) or len(value) > MAX_JSON_TEXT:
        raise ValidationError(label, f"The {label} must be a short JSON text.")
    try:
        return json.loads(check_length(value, label, MAX_JSON_TEXT))
    except (ValueError, RecursionError):
        raise ValidationError(label, f"The {label} is not readable JSON.") from None


def descriptions(value: Any, label: str) -> str:
    found = json_value(value, label)
    if not isinstance(found, dict) or not set(found) <= set(DIMENSION_KEYS):
        raise ValidationError(label, "The descriptions must map dimension keys to text.")
    cleaned = {key: text(MAX_DESCRIPTION)(said, "description") for key, said in found.items()}
    return json.dumps({k: v for k, v in cleaned.items() if v}, ensure_ascii=False,
                      sort_keys=True)


def _pulse_item(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not set(value) <= {"wording", "reversed"}:
        raise ValidationError("pulse_items", "An item holds only its wording and reverse key.")
    own = dict(value)
    if "wording" in own:
        own["wording"] = text(MAX_WORDING, required=True)(own["wording"], "wording")
    if "reversed" in own and not isinstance(own["reversed"], bool):
        raise ValidationError("pulse_items", "An item's reverse key must be true or false.")
    return own


def pulse_items(value: Any, label: str) -> str:
    found = json_value(value, label)
    if not isinstance(found, dict) or not set(found) <= set(ITEM_KEYS):
        raise ValidationError(label, "The pulse items must map ps1 … ps7 to their wording.")
    return json.dumps({k: _pulse_item(v) for k, v in found.items()}, ensure_ascii=False,
                      sort_keys=True)


def attendance(value: Any, label: str) -> str:
    found = json_value(value, label)
    if not isinstance(found, dict):
        raise ValidationError(label, "The attendance must be a JSON object of counts.")
    for key, count in found.items():
        if not (key.isascii() and key.isdecimal() and len(key) <= 15):
            raise ValidationError(label, "The attendance must count people by role id.")
        clean_count(count, f"role {key}")
    return str(value)


def interventions(value: Any, label: str) -> str:
    found = json_value(value, label)
    if not isinstance(found, list) or not all(isinstance(k, str) for k in found):
        raise ValidationError(label, "The interventions must be a list of keys.")
    return json.dumps(found)


def agenda_step(value: Any, label: str) -> str:
    try:
        step = step_from_dict(json_value(value, label), "the step")
    except DeckError as exc:
        raise ValidationError(label, str(exc)) from None
    return json.dumps(step_to_dict(step), ensure_ascii=False)


def minutes(value: Any, label: str) -> float:
    minutes = check_number(value, label, 0, MAX_MINUTES)
    if minutes <= 0:
        raise ValidationError(label, f"Plan more than 0 and at most {MAX_MINUTES} minutes.")
    return minutes


def capture_text(value: Any, label: str) -> str:
    return clean_capture_text(value)


def notes(value: Any, label: str) -> str:
    return clean_notes(value)


def meeting_title(value: Any, label: str) -> str:
    return clean_meeting_title(value)


def pulse_figures(value: Any, label: str) -> str:
    """A pulse showing's figures: {"means": {item: number}, "counts": {item: whole}}, the
    means finite and within a scale, the counts not negative."""
    parsed = json_value(value, label)
    if not isinstance(parsed, dict) or set(parsed) - {"means", "counts"}:
        raise ValidationError(label, f"The {label} must hold means and counts.")
    means, counts = parsed.get("means", {}), parsed.get("counts", {})
    if not isinstance(means, dict) or not isinstance(counts, dict):
        raise ValidationError(label, f"The {label} must hold means and counts.")
    for key, mean in means.items():
        if key not in ITEM_KEYS or not isinstance(mean, int | float) or isinstance(
                mean, bool) or not 1 <= mean <= max(SCALE_SIZES):
            raise ValidationError(label, f"The {label} has a mean that is not a score.")
    for key, count in counts.items():
        if key not in ITEM_KEYS or not isinstance(count, int) or isinstance(
                count, bool) or not 0 <= count <= MAX_TALLY:
            raise ValidationError(label, f"The {label} has a count that is not a count.")
    return json.dumps({"means": means, "counts": counts}, sort_keys=True)


def import_record(value: Any, label: str) -> str:
    """A survey import's provenance record: a JSON object (read as text, never run)."""
    parsed = json_value(value, label)
    if not isinstance(parsed, dict):
        raise ValidationError(label, f"The {label} must be a JSON object.")
    return json.dumps(parsed, ensure_ascii=False)


def stamp(value: Any, label: str) -> str:
    """An ISO date and time, with or without a time zone (when a survey was imported)."""
    from datetime import datetime

    if not isinstance(value, str) or len(value) > 40:
        raise ValidationError(label, f"The {label} must be a date and time.")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(label, f"The {label} must be a date and time.") from None
    return value
