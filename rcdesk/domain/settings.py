"""Workshop settings and their validation rules (one place for every limit)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rcdesk.domain.errors import ValidationError

DEFAULT_WEAK_BELOW = 3.5
DEFAULT_STRONG_ABOVE = 4.0
MIN_ANONYMITY_K = 3
DEFAULT_ANONYMITY_K = 3
MAX_ANONYMITY_K = 50


class PaperSize(Enum):
    A4 = "A4"
    LETTER = "Letter"


@dataclass(frozen=True)
class WorkshopSettings:
    """Band thresholds, the anonymity threshold k and the paper size of one workshop."""

    weak_below: float = DEFAULT_WEAK_BELOW
    strong_above: float = DEFAULT_STRONG_ABOVE
    anonymity_k: int = DEFAULT_ANONYMITY_K
    paper_size: PaperSize = PaperSize.A4
    #: The fewest of the seven items a respondent must answer to count in a tie (and its
    #: subscales): 1 = any answer (the default rule), 7 = complete cases only.
    min_items: int = 1

    def validate(self) -> None:
        """Raise ValidationError naming the setting that breaks a rule."""
        for field, value in (("weak_below", self.weak_below), ("strong_above", self.strong_above)):
            if not 1.0 <= value <= 5.0:
                raise ValidationError(field, "Band cut points must lie between 1 and 5.")
        if self.weak_below >= self.strong_above:
            raise ValidationError(
                "weak_below",
                "The lower cut point (weak below) must be smaller than the upper one "
                "(strong above).",
            )
        if self.anonymity_k < MIN_ANONYMITY_K:
            raise ValidationError(
                "anonymity_k",
                f"The anonymity threshold cannot be lower than {MIN_ANONYMITY_K} respondents.",
            )
        if not 1 <= self.min_items <= 7:
            raise ValidationError("min_items", "A respondent counts from 1 to 7 answered items.")
        if self.anonymity_k > MAX_ANONYMITY_K:
            raise ValidationError(
                "anonymity_k", f"The anonymity threshold cannot be above {MAX_ANONYMITY_K}."
            )


def default_paper_size(locale_name: str | None) -> PaperSize:
    """Letter for the countries that use it (US, Canada, Mexico, Philippines, …), else A4."""
    if not locale_name:
        return PaperSize.A4
    parts = locale_name.replace("-", "_").split(".")[0].split("@")[0].split("_")
    if len(parts) < 2:  # a bare language ("ca" is Catalan, not Canada) names no region
        return PaperSize.A4
    region = parts[-1].upper()
    return PaperSize.LETTER if region in _LETTER_REGIONS else PaperSize.A4


_LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE"})
