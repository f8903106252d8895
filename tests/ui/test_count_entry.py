"""A count and its total typed in one field in the huddle follow-up (issue 21)."""

from __future__ import annotations

import pytest

from rcdesk.domain.errors import ValidationError
from rcdesk.ui.gaps.count_entry import parse_value_and_total


def test_a_value_alone_or_with_its_total() -> None:
    assert parse_value_and_total("12,5", "value") == (12.5, None)
    assert parse_value_and_total("4/20", "value") == (4, 20)
    assert parse_value_and_total(" 4 of 20 ", "value") == (4, 20)
    assert parse_value_and_total("3 out of 40", "value") == (3, 40)
    assert parse_value_and_total("", "value") == (None, None)


def test_an_unreadable_total_names_the_denominator() -> None:
    with pytest.raises(ValidationError, match="denominator"):
        parse_value_and_total("4/twenty", "value")
