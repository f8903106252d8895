"""The survey import dialog, driven like a user: preview, columns, problems, import, cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from rcdesk.domain.scores import ScoreSource
from rcdesk.store.rows import TABLES
from rcdesk.ui import messages
from rcdesk.ui.scores.import_dialog import ImportDialog

from .survey_csv import HEADER, WARD_TIES, write_survey


@pytest.fixture
def ward(qtbot, make_window):
    """A window showing the workshop "Ward 7" (roles Nurses and Physicians)."""
    window = make_window()
    window.library.create("Ward 7", roles=["Nurses", "Physicians"])
    window.home.refresh()
    window.home.open_selected()
    # fully open: when it was opened is noted just after its first frame (a write of its own)
    qtbot.waitUntil(lambda: window.library.summaries()[0].opened_at is not None)
    return window, window.workshop_page


def open_dialog(qtbot, window, path: Path, scale: str | None = "monotonic") -> ImportDialog:
    """The dialog on `path`, with the frequency scale chosen as a user would (numbers alone
    cannot tell it; None leaves it unchosen)."""
    window.import_survey(path)
    dialog = window.workshop_page.import_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.settled)
    if scale is not None:
        dialog.scale.setCurrentIndex(dialog.scale.findData(scale))
        qtbot.waitUntil(lambda: dialog.settled)
    return dialog


def tick(qtbot, box) -> None:
    """Click a check box on its indicator (a wide box ignores clicks right of its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def dump(window) -> dict[str, list[tuple[Any, ...]]]:
    db = window.library.library.db
    return {table: [tuple(row) for row in db.execute(f"SELECT * FROM {table} ORDER BY 1")]
            for table in TABLES}


def import_now(qtbot, dialog: ImportDialog) -> None:
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def test_preview_shows_encoding_delimiter_counts_and_new_roles(qtbot, ward, tmp_path):
    window, page = ward
    ties = {**WARD_TIES, ("Porters", "Nurses"): [3, 3, 3]}
    path = write_survey(tmp_path / "ward.csv", ties, delimiter=";", bom=True)
    dialog = open_dialog(qtbot, window, path)
    info = dialog.summary.file_info.text()
    assert "UTF-8 with BOM" in info and "semicolon-separated" in info
    assert "15 rows from 10 respondents" in info
    assert "Porters" in dialog.summary.new_roles.text()
    assert "Nurses" in dialog.summary.roles.text()
    assert "“Baseline”" in dialog.summary.waves.text()
    assert dialog.problems.isHidden()
    # A new role must be confirmed before anything can be imported.
    assert not dialog.import_button.isEnabled()
    tick(qtbot, dialog.summary.confirm_roles)
    assert dialog.import_button.isEnabled()
    import_now(qtbot, dialog)
    assert "Porters" in [r.name for r in page.model.service.roles()]


def test_headers_that_differ_get_a_column_mapping_step(qtbot, ward, tmp_path):
    window, page = ward
    header = ("Person", "Own role", "Rated", "How often", *HEADER[4:])
    path = write_survey(tmp_path / "export.csv", WARD_TIES, header=header)
    dialog = open_dialog(qtbot, window, path)
    assert dialog.mapping.isVisible()
    assert not dialog.import_button.isEnabled()
    combos = dialog.mapping.combos
    assert combos["timely"].currentText() == "timely"  # matched by name already
    assert {p.column for p in dialog.problems.model.records()} >= {"respondent", "frequent"}
    for field, header_text in (("respondent", "Person"), ("role", "Own role"),
                               ("target", "Rated"), ("frequent", "How often")):
        combos[field].setFocus()
        qtbot.keyClicks(combos[field], header_text)
        assert combos[field].currentText() == header_text
    qtbot.waitUntil(lambda: dialog.settled)
    assert dialog.preview is not None and dialog.preview.ok
    assert dialog.problems.isHidden()
    import_now(qtbot, dialog)
    wave = page.current_wave_id()
    assert page.scores.has_survey(wave)


def test_every_problem_is_listed_by_row_and_column_and_import_stays_off(qtbot, ward, tmp_path):
    window, _ = ward
    bad = [["x1", "Nurses", "Physicians", "4", "7", "4", "4", "4", "4", "4"],
           ["Nurses-0", "Nurses", "Physicians", "4", "4", "4", "4", "4", "4", "4"]]
    path = write_survey(tmp_path / "bad.csv", WARD_TIES, extra_rows=bad)
    before = dump(window)
    dialog = open_dialog(qtbot, window, path)
    found = {(p.row, p.column) for p in dialog.problems.model.records()}
    assert (14, "timely") in found
    assert (15, "target") in found  # Nurses-0 already rated Physicians on row 2
    assert dialog.problems.isVisible()
    assert "2 problems" in dialog.problems.heading.text()
    table = dialog.problems.model
    assert [table.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == \
        ["Row", "Column", "Problem"]
    assert not dialog.import_button.isEnabled()
    dialog.start_import()  # even called directly it does nothing
    assert dump(window) == before


def test_an_unreadable_file_is_explained_in_the_dialog(qtbot, ward, tmp_path):
    window, _ = ward
    path = tmp_path / "book.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    dialog = open_dialog(qtbot, window, path)
    messages_shown = [p.message for p in dialog.problems.model.records()]
    assert any("Excel" in m for m in messages_shown)
    assert not dialog.import_button.isEnabled()


def test_import_refreshes_the_scores_view_and_the_map(qtbot, ward, tmp_path):
    window, page = ward
    page.show_scores()
    assert page.scores_page.stack.currentWidget() is page.scores_page.empty
    dialog = open_dialog(qtbot, window, write_survey(tmp_path / "s.csv", WARD_TIES))
    import_now(qtbot, dialog)
    assert not dialog.isVisible()
    scores_page = page.scores_page
    assert page.map_tabs.currentWidget() is scores_page
    assert scores_page.stack.currentIndex() == 1
    assert "survey results, n ≥ 3 shown" in scores_page.source_label.text()
    assert "n<3" in scores_page.heatmap.texts()
    assert page.map.scene.scores is not None
    assert page.map.scene.scores.source is ScoreSource.SURVEY
    assert "Imported 12 survey answers" in window.status.message.text()


def test_cancel_leaves_the_library_exactly_as_it_was(qtbot, ward, tmp_path):
    window, _ = ward
    before = dump(window)
    path = write_survey(tmp_path / "s.csv", {**WARD_TIES, ("Porters", "Nurses"): [1, 2, 3]})
    dialog = open_dialog(qtbot, window, path)
    tick(qtbot, dialog.summary.confirm_roles)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    # Cancelled while reading: the preview is dropped when it arrives.
    window.import_survey(path)
    second = window.workshop_page.import_dialog
    qtbot.mouseClick(second.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not second.busy)
    assert not second.isVisible() and second.import_result is None
    assert dump(window) == before


def test_replacing_a_wave_that_has_survey_data_asks_first(qtbot, ward, tmp_path, monkeypatch):
    window, page = ward
    import_now(qtbot, open_dialog(qtbot, window, write_survey(tmp_path / "a.csv", WARD_TIES)))
    wave = page.current_wave_id()
    first = dump(window)
    again = write_survey(tmp_path / "b.csv", {("Nurses", "Physicians"): [1, 1, 1]})
    dialog = open_dialog(qtbot, window, again)
    assert "This replaces 12 answers in wave “Baseline”" in dialog.summary.replaces.text()
    asked: list[str] = []

    def answer(reply: bool):
        def confirm(parent, title, text, action):
            asked.append(text)
            return reply
        return confirm

    monkeypatch.setattr(messages, "confirm", answer(False))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert asked and "cannot be undone" in asked[0]
    assert dialog.isVisible() and dump(window) == first
    monkeypatch.setattr(messages, "confirm", answer(True))
    import_now(qtbot, dialog)
    tie = page.scores.wave_scores(wave).ties
    assert [(t.n, t.rc) for t in tie] == [(3, 1.0)]


def test_a_csv_dropped_on_the_window_opens_the_dialog(qtbot, ward, tmp_path):
    window, _ = ward
    path = write_survey(tmp_path / "dropped.csv", WARD_TIES)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPoint(400, 300)
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    dialog = window.workshop_page.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.path == path
    qtbot.waitUntil(lambda: dialog.settled)
    assert dialog.preview is not None and dialog.preview.checked
    dialog.scale.setCurrentIndex(dialog.scale.findData("monotonic"))
    qtbot.waitUntil(lambda: dialog.settled)
    assert dialog.import_button.isEnabled()


def test_import_needs_an_open_workshop_and_ctrl_i_asks_for_a_file(qtbot, make_window, tmp_path,
                                                                  monkeypatch):
    window = make_window()
    action = window.actions_by_name["import"]
    assert not action.isEnabled()
    assert window.actions_by_name["template"].isEnabled()
    path = write_survey(tmp_path / "s.csv", WARD_TIES)
    monkeypatch.setattr(messages, "choose_open_file", lambda *args: str(path))
    window.home.open_sample()
    assert action.isEnabled()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.workshop_page.import_dialog
    assert dialog is not None and dialog.path == path
    qtbot.waitUntil(lambda: dialog.settled)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


def test_save_survey_template_writes_the_header(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window()
    target = tmp_path / "template.csv"
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(target))
    window.actions_by_name["template"].trigger()
    assert target.read_text(encoding="utf-8").strip() == ",".join(HEADER)
    assert "template" in window.status.message.text()


def test_an_import_from_the_window_is_preceded_by_a_backup(qtbot, ward, tmp_path):
    from rcdesk.store.backups import list_backups

    window, _ = ward
    path = window.library.library.path
    assert list_backups(path) == []
    import_now(qtbot, open_dialog(qtbot, window, write_survey(tmp_path / "s.csv", WARD_TIES)))
    backups = list_backups(path)
    assert [b.reason for b in backups] == ["before-import"]
    assert backups[0].ok and backups[0].workshop_count == 1


def test_a_reversed_scale_is_stated_and_must_be_confirmed(qtbot, ward, tmp_path):
    """Codes whose labels run the other way (1 = Always) wait for a tick before importing,
    and the direction is said in words; a wide Google Forms export needs no mapping."""
    window, page = ward
    words = ["1 - Always", "2 - Often", "2 - Often"]
    header = ["Timestamp", "Your role",
              *(f"{name} [Physicians]" for name in ("Frequency", "Timely communication",
                                                    "Accuracy", "Problem solving",
                                                    "Shared goals", "Shared knowledge",
                                                    "Mutual respect"))]
    rows = [",".join(header)] + [f"2026-05-0{i},Nurses," + ",".join([w] * 7)
                                 for i, w in enumerate(words, 1)]
    path = tmp_path / "google.csv"
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    dialog = open_dialog(qtbot, window, path)
    assert dialog.preview is not None and dialog.preview.layout == "wide"
    box = dialog.confirmations.boxes["reversed"]
    assert box.isVisible() and not dialog.import_button.isEnabled()
    assert "5 = the strongest answer, e.g. Always" in dialog.confirmations.direction.text()
    tick(qtbot, box)
    qtbot.waitUntil(lambda: dialog.settled and dialog.import_button.isEnabled())
    import_now(qtbot, dialog)
    scores = page.scores.wave_scores(page.current_wave_id(), ScoreSource.SURVEY)
    assert scores.ties[0].rc == pytest.approx((5 + 4 + 4) / 3)


def test_the_mapping_step_reads_codes_shows_distributions_and_saves_for_the_command(
        qtbot, ward, tmp_path, monkeypatch, capsys):
    """6 meant "not applicable" in this survey: marked so in the Answers tab, the item's
    distribution shows the blanks, and the saved mapping imports the next wave from
    `rcdesk import --mapping` with the same numbers."""
    from rcdesk.cli import main

    window, page = ward
    rows = [[f"N{i}", "Nurses", "Physicians", "6" if i == 0 else "4", *["4"] * 6]
            for i in range(3)]
    path = write_survey(tmp_path / "export.csv", {}, extra_rows=rows)
    dialog = open_dialog(qtbot, window, path)
    assert dialog.details.isVisible() and not dialog.import_button.isEnabled()
    answers = dialog.details.answers
    texts = [answers.item(r, 0).text() for r in range(answers.rowCount())]
    combo = answers.cellWidget(texts.index("6"), 1)
    combo.setCurrentIndex(combo.findData(0))  # not applicable
    qtbot.waitUntil(lambda: dialog.settled and dialog.preview is not None
                    and dialog.preview.checked)
    frequent = dialog.preview.distributions()["frequent"]
    assert frequent == {None: 1, 4: 2}
    distribution = dialog.details.distribution
    assert [distribution.item(0, c).text() for c in range(1, 7)] == ["0", "0", "0", "2", "0",
                                                                     "1"]
    saved = tmp_path / "map.json"
    monkeypatch.setattr(messages, "choose_save_file", lambda *a: str(saved))
    qtbot.mouseClick(dialog.save_mapping_button, Qt.MouseButton.LeftButton)
    import_now(qtbot, dialog)
    first = page.scores.wave_scores(page.current_wave_id(), ScoreSource.SURVEY)
    assert first.ties[0].dimensions["frequent"] == 4.0 and first.ties[0].n == 3
    library_path = window.library.library.path
    window.close()
    code = main(["--library", str(library_path), "import", str(path), "--workshop", "Ward 7",
                 "--wave", "Follow-up", "--mapping", str(saved)])
    assert code == 0, capsys.readouterr().err


def test_numbers_alone_leave_the_frequency_scale_to_choose(qtbot, ward, tmp_path):
    """Sufficiency positions read as never … constantly would score wrongly: nothing is
    assumed, the Import button waits for the choice."""
    window, page = ward
    path = write_survey(tmp_path / "s.csv", WARD_TIES)
    dialog = open_dialog(qtbot, window, path, scale=None)
    assert dialog.preview is not None and dialog.preview.checked
    assert not dialog.import_button.isEnabled()
    assert dialog.confirmations.scale_note.isVisible()
    assert "cannot tell which scale" in dialog.confirmations.scale_note.text()
    dialog.scale.setCurrentIndex(dialog.scale.findData("sufficiency"))
    qtbot.waitUntil(lambda: dialog.settled)
    assert dialog.confirmations.scale_note.isHidden()
    tick(qtbot, dialog.summary.confirm_roles) if dialog.summary.confirm_roles.isVisible() else None
    import_now(qtbot, dialog)
    scores = page.scores.wave_scores(page.current_wave_id(), ScoreSource.SURVEY)
    nurses = scores.ties[0]
    # Nurses rate Nurses 5, 4, 4: positions recoded to 2, 4, 4
    assert nurses.n == 3 and nurses.dimensions["frequent"] == pytest.approx((2 + 4 + 4) / 3)


def test_a_role_like_an_existing_one_is_named_and_waits_for_a_tick(qtbot, ward, tmp_path):
    """"N urses" beside "Nurses": the preview names the role it resembles, and Import stays
    off until the user says it is a different role."""
    window, page = ward
    rows = [[f"x{i}", "N urses", "Physicians", *["4"] * 7] for i in range(3)]
    dialog = open_dialog(qtbot, window, write_survey(tmp_path / "s.csv", {}, extra_rows=rows))
    note = dialog.confirmations.notes["similar_roles"]
    assert note.isVisible() and "“N urses” looks like the existing role “Nurses”" in note.text()
    assert not dialog.import_button.isEnabled()
    tick(qtbot, dialog.confirmations.boxes["similar_roles"])
    qtbot.waitUntil(lambda: dialog.settled)
    assert dialog.preview is not None and not dialog.preview.pending
    tick(qtbot, dialog.summary.confirm_roles)
    import_now(qtbot, dialog)
    assert "N urses" in [r.name for r in page.model.service.roles()]
