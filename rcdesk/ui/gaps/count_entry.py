"""A value typed with its total in one field: "4/20" or "4 of 20" (the huddle's quick entry)."""

from __future__ import annotations

import re

from rcdesk.ui.gaps.fields import parse_number

_SPLIT = re.compile(r"\s*(?:/|\bof\b|\bout of\b)\s*", re.IGNORECASE)


def parse_value_and_total(text: str, field: str) -> tuple[float | None, float | None]:
    """(value, total or None); a calm ValidationError naming the field when unreadable."""
    parts = _SPLIT.split(text.strip(), maxsplit=1)
    if len(parts) == 1:
        return parse_number(parts[0], field), None
    return parse_number(parts[0], field), parse_number(parts[1], "denominator")
