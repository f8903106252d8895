"""The Scores tab says where the shown wave's survey answers came from."""

from __future__ import annotations

import hashlib

import pytest

from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.survey_import import commit_survey, preview_survey

from .survey_csv import WARD_TIES, write_survey


@pytest.fixture
def page(make_window):
    window = make_window()
    window.library.create("Ward 7", roles=["Nurses", "Physicians"])
    window.home.refresh()
    window.home.open_selected()
    window.workshop_page.show_scores()
    return window.workshop_page


def test_the_import_behind_the_wave_is_shown(qtbot, page, tmp_path):
    line = page.scores_page.provenance
    assert line.isHidden()
    path = write_survey(tmp_path / "ward survey.csv", WARD_TIES)
    service = page.model.service
    preview = preview_survey(service.library, service.workshop_id, path,
                             frequency_scale=FrequencyScale.SUFFICIENCY)
    service.announce(commit_survey(service.library, preview).changes)
    qtbot.waitUntil(lambda: line.isVisible())
    text = line.text()
    assert "ward survey.csv" in text and "long layout" in text
    assert f"{preview.respondent_count} respondents" in text
    assert "frequency scale sufficiency" in text
    assert hashlib.sha256(path.read_bytes()).hexdigest()[:12] in text
    assert "recoded 1, 3, 5, 4, 2" in line.toolTip()
