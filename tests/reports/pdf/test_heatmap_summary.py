"""A workshop with more roles than a page shows legibly: a summary instead of the heat-map
and of the tie table, pointing to the ties CSV; suppressed ties stay hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcdesk.domain.scores import TieScore
from rcdesk.reports import heatmap_summary as hs
from rcdesk.reports.pdf import write_summary_pdf

from ..report_data import SUPPRESSED_SCORE
from .test_pdf import make_snapshot, page_texts


def test_beyond_a_page_the_pdf_gives_a_summary_and_points_to_the_csv(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hs, "MAX_HEATMAP_ROLES", 2)
    monkeypatch.setattr(hs, "MAX_TIE_ROWS", 2)
    snapshot = make_snapshot(tmp_path, compare=False)
    text = " ".join(" ".join(page_texts(write_summary_pdf(snapshot, tmp_path / "r.pdf")))
                    .split())
    assert f"With {len(snapshot.roles)} roles, a role × role grid is too small" in text
    assert "Each role's figures" in text and "Weakest tie it gives" in text
    assert "ties: too many to list here" in text and "tie scores CSV" in text
    assert "Each cell is how the role on the left" not in text
    assert SUPPRESSED_SCORE not in text


def test_role_figures_count_shown_ties_between_roles_only() -> None:
    ties = (TieScore(1, 2, 5, rc=2.0), TieScore(1, 3, 5, rc=4.0), TieScore(2, 1, 5, rc=3.0),
            TieScore(1, 1, 5, rc=1.0), TieScore(3, 1, 2, suppressed=True))
    one, two, three = hs.role_figures(ties, [1, 2, 3], weak_below=2.5)
    assert (one.gives, one.receives, one.weak_ties) == (3.0, 3.0, 1)
    assert one.weakest_given is ties[0]
    assert (two.gives, two.receives, two.weak_ties) == (3.0, 2.0, 1)
    assert (three.gives, three.receives, three.weakest_given) == (None, 4.0, None)
