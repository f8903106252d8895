"""The Scores view: heat-map and profile, comparing waves, deleting survey data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.store import survey as survey_store
from rcdesk.ui import messages

from .survey_csv import WARD_TIES, write_survey


@pytest.fixture
def ward(make_window):
    window = make_window()
    window.library.create("Ward 7", roles=["Nurses", "Physicians", "Pharmacists"])
    window.home.refresh()
    window.home.open_selected()
    page = window.workshop_page
    page.show_scores()
    return window, page


def load(page, path, wave=None):
    """Import through the service and announce it, as the dialog's worker does."""
    service = page.model.service
    preview = preview_survey(service.library, service.workshop_id, path, wave=wave,
                             frequency_scale=FrequencyScale.MONOTONIC)
    assert preview.ok, preview.problems
    service.announce(commit_survey(service.library, preview).changes)


def cell_texts(figure, row: int, column: int) -> list[str]:
    ax = figure.axes[0]
    return [t.get_text() for t in ax.texts
            if (int(t.get_position()[0]), int(t.get_position()[1])) == (column, row)]


def test_empty_wave_teaches_and_offers_the_import(qtbot, ward, monkeypatch):
    window, page = ward
    scores = page.scores_page
    assert scores.stack.currentWidget() is scores.empty
    asked: list[str] = []
    monkeypatch.setattr(messages, "choose_open_file", lambda *a: asked.append("x") or "")
    button = next(b for b in scores.empty.findChildren(type(scores.delete_button))
                  if b.text() == "Import survey results")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["x"]
    assert not scores.delete_button.isEnabled()


def test_heatmap_cells_show_value_and_n_and_suppressed_cells_only_n_below_k(qtbot, ward,
                                                                            tmp_path):
    window, page = ward
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    scores = page.scores_page
    assert scores.stack.currentIndex() == 1
    figure = scores.heatmap.figure
    # Rows and columns follow the workshop's roles: Nurses, Physicians, Pharmacists.
    assert cell_texts(figure, 0, 1) == ["4.33", "n=3"]  # Nurses → Physicians
    assert cell_texts(figure, 1, 0) == ["2.75", "n=4"]  # Physicians → Nurses
    assert cell_texts(figure, 1, 1) == ["n<3"]  # two respondents: no value, ever
    assert cell_texts(figure, 2, 2) == []  # unscored
    assert not any(t.startswith("3.00") for t in cell_texts(figure, 1, 1))
    assert "n<3: hidden" in scores.heatmap.texts()


def test_profile_lists_dimensions_weakest_first(qtbot, ward, tmp_path):
    window, page = ward
    rows = [[f"N{i}", "Nurses", "Physicians", "5", "2", "4", "3", "5", "1", "4"]
            for i in range(3)]
    load(page, write_survey(tmp_path / "s.csv", {}, extra_rows=rows))
    labels = [t.get_text().replace("\n", " ")
              for t in page.scores_page.profile.figure.axes[0].get_yticklabels()]
    assert labels[:3] == ["Shared knowledge", "Timely communication",
                          "Problem-solving communication"]
    assert labels[-2:] in (["Frequent communication", "Shared goals"],
                           ["Shared goals", "Frequent communication"])
    texts = page.scores_page.profile.texts()
    assert any(t.startswith("Communication mean 3.50") for t in texts)
    assert any(t.startswith("Relationship mean 3.33") for t in texts)


def test_comparing_two_imported_waves_lists_each_kind_of_change(qtbot, ward, tmp_path):
    window, page = ward
    waves = {
        "Baseline": {("Nurses", "Physicians"): [3, 3, 3], ("Physicians", "Nurses"): [4, 4, 4],
                     ("Nurses", "Nurses"): [4, 4, 4], ("Physicians", "Physicians"): [3, 3, 3],
                     ("Pharmacists", "Nurses"): [2, 2, 2]},
        "Follow-up": {("Nurses", "Physicians"): [4, 4, 4], ("Physicians", "Nurses"): [3, 3, 3],
                      ("Nurses", "Nurses"): [4, 4, 4], ("Physicians", "Physicians"): [5, 5],
                      ("Pharmacists", "Physicians"): [4, 4, 4]},
    }
    load(page, write_survey(tmp_path / "w.csv", waves=waves))
    ids = {w.name: w.id for w in page.model.service.waves()}
    page.show_scores(ids["Follow-up"])
    scores = page.scores_page
    picker = scores.compare_picker
    picker.setFocus()
    qtbot.keyClicks(picker, "Baseline")
    assert picker.currentText() == "Baseline"
    assert scores.side.currentWidget() is scores.change
    model = scores.change.ties_model
    kinds = {model.data(model.index(r, 0)): model.data(model.index(r, 4))
             for r in range(model.rowCount())}
    assert kinds == {
        "Nurses → Physicians": "improved ▲", "Physicians → Nurses": "worse ▼",
        "Nurses → Nurses": "unchanged", "Physicians → Physicians":
            "suppressed",
        "Pharmacists → Physicians": "new", "Pharmacists → Nurses": "lost"}
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, 0)) == "Nurses → Physicians")
    assert [model.data(model.index(row, c)) for c in (1, 2, 3)] == \
        ["3.00", "4.00", "+1.00"]
    suppressed = next(r for r in range(model.rowCount())
                      if model.data(model.index(r, 0)) == "Physicians → Physicians")
    assert model.data(model.index(suppressed, 3)) == "—"
    assert "From “Baseline” to “Follow-up”" in scores.change.headline.text()
    dims = scores.change.dimensions_model
    assert dims.rowCount() == 7
    roles = scores.change.roles_model
    assert roles.rowCount() == 3


def test_delete_survey_data_asks_and_then_removes_it(qtbot, ward, tmp_path, monkeypatch):
    window, page = ward
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    scores = page.scores_page
    wave = page.current_wave_id()
    assert scores.delete_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm",
                        lambda parent, title, text, action: asked.append(text) or False)
    qtbot.mouseClick(scores.delete_button, Qt.MouseButton.LeftButton)
    assert "cannot be undone" in asked[0] and "12 survey answers" in asked[0]
    assert survey_store.count_answers(window.library.library.db, wave) == 12
    # The import took a before-import backup, so the purge of older backups is offered next
    # (declined here); every note shown is recorded, the status keeping only the last.
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, action:
                        action == "Delete survey data")
    notes: list[str] = []
    shown = window.status.note
    monkeypatch.setattr(window.status, "note", lambda text: notes.append(text) or shown(text))
    qtbot.mouseClick(scores.delete_button, Qt.MouseButton.LeftButton)
    assert survey_store.count_answers(window.library.library.db, wave) == 0
    assert scores.stack.currentWidget() is scores.empty
    assert not scores.delete_button.isEnabled()
    assert any("Deleted the survey results" in note for note in notes)
    assert "Older backups still hold it" in window.status.message.text()


def test_a_wave_with_only_map_ratings_says_so(qtbot, make_window):
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_scores()
    scores = page.scores_page
    assert scores.stack.currentIndex() == 1
    assert scores.source_label.text() == "Showing live map ratings made in the room."
    assert not scores.source_picker.isEnabled()
    assert not any(t.startswith("n=") for t in scores.heatmap.texts())


def test_the_spread_table_is_filled_when_its_tab_shows(qtbot, ward, tmp_path, monkeypatch):
    """The first visit of the Scores tab shows the profile beside the heat-map: the spread
    table behind its own tab is filled when shown (or read), not in that first turn."""
    from rcdesk.ui.scores import spread_table

    window, page = ward
    calls: list[int] = []
    real = spread_table.spread_rows

    def counting(scores, name):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(scores, name)

    monkeypatch.setattr(spread_table, "spread_rows", counting)
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    scores = page.scores_page
    qtbot.waitUntil(lambda: scores.scores is not None)
    assert not scores.spread.isVisible() and calls == []
    scores.side.setCurrentWidget(scores.spread)
    assert len(calls) == 1
    assert scores.spread.model.rowCount() == len(scores.spread.rows()) > 0
