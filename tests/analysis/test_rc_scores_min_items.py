"""The workshop's fewest-items rule: who counts in a tie and its subscales."""

from __future__ import annotations

import pytest

from rcdesk.analysis.rc_scores import score_tie_values
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.settings import WorkshopSettings

#: domain.md §2's worked example (r3 skipped two items) and one more complete respondent.
ROWS = [(1, 2, (4, 4, 5, 3, 4, 4, 5)), (1, 2, (3, 2, 3, 3, 2, 3, 4)),
        (1, 2, (5, 5, None, 4, 5, None, 5)), (1, 2, (2, 2, 2, 2, 2, 2, 2))]


def tie(min_items: int):  # type: ignore[no-untyped-def]
    settings = WorkshopSettings(min_items=min_items)
    return score_tie_values(ROWS, wave_id=1, settings=settings).ties[0]


def test_the_default_counts_every_respondent_with_an_answer() -> None:
    found = tie(1)
    assert found.n == 4
    assert found.rc == pytest.approx((29 / 7 + 20 / 7 + 24 / 5 + 2) / 4)


def test_all_seven_reproduces_complete_case_studies() -> None:
    found = tie(7)
    assert found.n == 3
    assert found.rc == pytest.approx((29 / 7 + 20 / 7 + 2) / 3)
    assert found.communication == pytest.approx((4 + 2.75 + 2) / 3)
    assert found.relationship == pytest.approx((13 / 3 + 3 + 2) / 3)
    assert found.dimensions["accurate"] == pytest.approx((5 + 3 + 2) / 3)


def test_the_setting_is_checked() -> None:
    with pytest.raises(ValidationError):
        WorkshopSettings(min_items=8).validate()
