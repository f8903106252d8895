"""Limits every value of a workshop obeys, whether typed into a form or read from a file.

The forms' services and the `.rcdesk` / deck file checks (services/file_checks.py)
call these same functions, so a stranger's file can hold nothing the app itself
could not have written. Each raises ValidationError naming the field.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from rcdesk.domain.errors import ValidationError

#: A meeting's title (it may be empty: the kind is shown instead).
MAX_MEETING_TITLE = 120
#: A team, focal process or facilitator (the workshop's details): free text, as long as a
#: gap's current state.
MAX_DETAIL = 4000
#: People in one role (the roles table's headcount).
MAX_HEADCOUNT = 100_000
#: The workshop's own wording of one dimension.
MAX_DESCRIPTION = 200
#: A pulse item's own wording.
MAX_WORDING = 200
#: People counted on one point of a pulse tally.
MAX_TALLY = 10_000
#: A survey or pulse respondent id.
MAX_RESPONDENT_LENGTH = 200
#: How far from the origin a role may sit on the map, in scene units (a layout of the
#: largest maps stays within a few thousand).
MAX_COORDINATE = 1_000_000.0
#: A measure's baseline, target or recorded value.
MAX_MEASURE = 1e12
#: Time spent on one agenda step, in seconds (a year).
MAX_STEP_SECONDS = 366 * 24 * 3600.0
#: Dates a workshop may hold (waves, meetings, gaps, cycles, measure values).
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2199, 12, 31)


def check_characters(value: str, field: str) -> str:
    """Text that can be stored and written out: no lone surrogates (half of a UTF-16 pair,
    which no UTF-8 file, database or PDF can hold) and no NUL characters."""
    if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValidationError(field, f"The {field} contains characters that are not text.")
    return value


def check_length(value: str, field: str, limit: int) -> str:
    if len(value) > limit:
        raise ValidationError(field, f"The {field} is too long: keep it under {limit} "
                                     "characters.")
    return check_characters(value, field)


def clean_detail(value: str, field: str) -> str:
    """A workshop detail (team, focal process, facilitator): trimmed, at most MAX_DETAIL."""
    if not isinstance(value, str):
        raise ValidationError(field, f"The {field} must be text.")
    return check_length(value.strip(), field, MAX_DETAIL)


def clean_meeting_title(title: str) -> str:
    if not isinstance(title, str):
        raise ValidationError("meeting title", "The meeting title must be text.")
    return check_length(title.strip(), "meeting title", MAX_MEETING_TITLE)


def check_headcount(headcount: int | None) -> None:
    if headcount is None:
        return
    if isinstance(headcount, bool) or not isinstance(headcount, int) \
            or not 0 <= headcount <= MAX_HEADCOUNT:
        raise ValidationError("headcount", f"A headcount must be between 0 and {MAX_HEADCOUNT}.")


def is_hex_colour(value: str) -> bool:
    return len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF"
                                                       for c in value[1:])


def check_number(value: object, field: str, low: float, high: float) -> float:
    """A finite number from `low` to `high` (a bool is not a number)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(field, f"The {field} must be a number.")
    if isinstance(value, int) and not -10**18 <= value <= 10**18:
        raise ValidationError(field, f"The {field} must lie between {low:g} and {high:g}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValidationError(field, f"The {field} must be a number.")
    if not low <= number <= high:
        raise ValidationError(field, f"The {field} must lie between {low:g} and {high:g}.")
    return number


def check_coordinate(value: float, field: str) -> float:
    """A role's place on the map: finite and within MAX_COORDINATE of the origin."""
    return check_number(value, field, -MAX_COORDINATE, MAX_COORDINATE)


def check_measure(value: float | None, field: str) -> float | None:
    if value is None:
        return None
    return check_number(value, field, -MAX_MEASURE, MAX_MEASURE)


def check_date(value: date | None, field: str) -> date | None:
    """A date from MIN_DATE to MAX_DATE (None is no date)."""
    if value is not None and not MIN_DATE <= value <= MAX_DATE:
        raise ValidationError(field, f"The {field} must lie between {MIN_DATE.year} and "
                                     f"{MAX_DATE.year}.")
    return value


def read_date(text: object, field: str) -> date:
    """A stored date ("2026-09-14", as the app writes it), checked like a typed one."""
    if not isinstance(text, str) or len(text) != 10:
        raise ValidationError(field, f"The {field} must be a date written like 2026-09-14.")
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"The {field} is not a real date ({text}).") from None
    check_date(value, field)
    return value


def read_datetime(text: object, field: str) -> datetime:
    """A stored moment ("2026-09-14T09:30:00", local time with no zone, as the app writes)."""
    if not isinstance(text, str) or not 10 <= len(text) <= 32:
        raise ValidationError(field, f"The {field} must be a date and time written like "
                                     "2026-09-14T09:30:00.")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"The {field} is not a real date and time ({text})."
                              ) from None
    if value.tzinfo is not None:
        raise ValidationError(field, f"The {field} must be local time, without a time zone.")
    check_date(value.date(), field)
    return value
