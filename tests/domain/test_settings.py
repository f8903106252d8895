"""Workshop settings: band cut points, anonymity threshold, paper size."""

from __future__ import annotations

import pytest

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.settings import (
    DEFAULT_ANONYMITY_K,
    MAX_ANONYMITY_K,
    MIN_ANONYMITY_K,
    PaperSize,
    WorkshopSettings,
    default_paper_size,
)


def test_defaults_match_the_domain_reference() -> None:
    settings = WorkshopSettings()
    assert (settings.weak_below, settings.strong_above) == (3.5, 4.0)
    assert settings.anonymity_k == DEFAULT_ANONYMITY_K == 3
    assert settings.paper_size is PaperSize.A4
    settings.validate()


@pytest.mark.parametrize(
    ("weak_below", "strong_above"),
    [(1.0, 5.0), (3.0, 3.01), (2.5, 4.5)],
)
def test_valid_cut_points_pass(weak_below: float, strong_above: float) -> None:
    WorkshopSettings(weak_below=weak_below, strong_above=strong_above).validate()


@pytest.mark.parametrize(
    ("weak_below", "strong_above", "field"),
    [
        (4.0, 4.0, "weak_below"),  # equal cut points leave no moderate band
        (4.5, 4.0, "weak_below"),  # lower above upper
        (0.9, 4.0, "weak_below"),  # below the 1–5 scale
        (3.5, 5.1, "strong_above"),  # above the 1–5 scale
        (5.5, 6.0, "weak_below"),
    ],
)
def test_invalid_cut_points_name_the_setting(
    weak_below: float, strong_above: float, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        WorkshopSettings(weak_below=weak_below, strong_above=strong_above).validate()
    assert caught.value.field == field


def test_anonymity_threshold_cannot_go_below_three() -> None:
    assert MIN_ANONYMITY_K == 3
    WorkshopSettings(anonymity_k=3).validate()
    WorkshopSettings(anonymity_k=10).validate()
    for too_low in (2, 1, 0, -3):
        with pytest.raises(ValidationError) as caught:
            WorkshopSettings(anonymity_k=too_low).validate()
        assert caught.value.field == "anonymity_k"
        assert "3" in str(caught.value)


def test_anonymity_threshold_has_an_upper_limit() -> None:
    WorkshopSettings(anonymity_k=MAX_ANONYMITY_K).validate()
    with pytest.raises(ValidationError) as caught:
        WorkshopSettings(anonymity_k=MAX_ANONYMITY_K + 1).validate()
    assert caught.value.field == "anonymity_k"


@pytest.mark.parametrize(
    ("locale_name", "paper"),
    [
        (None, PaperSize.A4),
        ("", PaperSize.A4),
        ("C", PaperSize.A4),
        ("POSIX", PaperSize.A4),
        ("en_US.UTF-8", PaperSize.LETTER),
        ("en-US", PaperSize.LETTER),
        ("en_CA", PaperSize.LETTER),
        ("fr_CA.UTF-8", PaperSize.LETTER),
        ("es_MX", PaperSize.LETTER),
        ("en_PH", PaperSize.LETTER),
        ("en_GB.UTF-8", PaperSize.A4),
        ("de_DE@euro", PaperSize.A4),
        ("fr_FR", PaperSize.A4),
        ("ca_ES.UTF-8", PaperSize.A4),
        # A language without a region says nothing about paper: Catalan ("ca") is not Canada.
        ("ca", PaperSize.A4),
        ("en", PaperSize.A4),
    ],
)
def test_default_paper_size_follows_the_region(locale_name: str | None, paper: PaperSize) -> None:
    assert default_paper_size(locale_name) is paper
