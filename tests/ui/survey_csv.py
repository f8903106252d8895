"""Writing small survey CSV files for the UI tests (long format, docs/import-formats.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

HEADER = ("respondent", "role", "target", "frequent", "timely", "accurate", "problem_solving",
          "shared_goals", "shared_knowledge", "mutual_respect")

#: (rater role, rated role) → one score per respondent (all seven items get that score)
Ties = Mapping[tuple[str, str], Sequence[int]]


def survey_rows(ties: Ties, wave: str | None = None) -> list[list[str]]:
    """Respondent i of role R is "R-i" and rates each target once, so every row is valid."""
    rows = []
    for (rater, rated), scores in ties.items():
        for index, score in enumerate(scores):
            row = [f"{rater}-{index}", rater, rated, *[str(score)] * 7]
            rows.append([*row, wave] if wave is not None else row)
    return rows


def write_survey(path: Path, ties: Ties | None = None, *, waves: Mapping[str, Ties] | None = None,
                 header: Sequence[str] = HEADER, delimiter: str = ",", bom: bool = False,
                 extra_rows: Sequence[Sequence[str]] = ()) -> Path:
    """A CSV with `ties` (no wave column) or `waves` (wave name → ties, with a wave column)."""
    lines: list[Sequence[str]] = []
    if waves is not None:
        lines.append([*header, "wave"])
        for name, wave_ties in waves.items():
            lines.extend(survey_rows(wave_ties, name))
    else:
        lines.append(header)
        lines.extend(survey_rows(ties or {}))
    lines.extend(extra_rows)
    text = "\r\n".join(delimiter.join(cells) for cells in lines) + "\r\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


WARD_TIES: dict[tuple[str, str], list[int]] = {
    ("Nurses", "Physicians"): [4, 4, 5],
    ("Nurses", "Nurses"): [5, 4, 4],
    ("Physicians", "Nurses"): [3, 2, 3, 3],
    ("Physicians", "Physicians"): [2, 4],  # 2 respondents: suppressed with k = 3
}
