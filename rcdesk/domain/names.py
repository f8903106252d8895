"""Name rules shared by workshops, roles and waves."""

from __future__ import annotations

import unicodedata

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.limits import check_characters

MAX_NAME_LENGTH = 120


def clean_name(value: str, field: str) -> str:
    """Return the name without surrounding spaces; reject empty or overlong names."""
    if not isinstance(value, str):
        raise ValidationError(field, f"The {field} must be text.")
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValidationError(field, f"The {field} cannot be empty.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValidationError(
            field, f"The {field} is too long: keep it under {MAX_NAME_LENGTH} characters."
        )
    return check_characters(cleaned, field)


def name_key(value: str) -> str:
    """The comparison key for names: case-insensitive, Unicode-normalised, spaces collapsed.

    "  Nurses " and "nurses" are the same role; so are "Médecins" written with a
    combining accent and with a precomposed one.
    """
    return unicodedata.normalize("NFKC", " ".join(value.split())).casefold()
