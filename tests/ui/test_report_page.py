"""The Report stage: choosing sections and waves, exporting on a worker, opening the PDF."""

from __future__ import annotations

import stat
from pathlib import Path

import networkx as nx
import pypdf
import pytest
from pytestqt.qtbot import QtBot

from rcdesk.ui import messages, report_actions, report_page
from rcdesk.ui.main_window import MainWindow
from rcdesk.ui.report_page import ReportPage

from .conftest import WindowFactory

WAIT_MS = 60_000


@pytest.fixture
def sample(make_window: WindowFactory) -> tuple[MainWindow, ReportPage]:
    window = make_window()
    window.home.open_sample()
    assert window.workshop_page is not None
    found = window.workshop_page.report
    page = found if found is not None else ReportPage(window.workshop_page.model, window.status)
    return window, page


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    monkeypatch.setattr(report_page, "open_file", calls.append)
    return calls


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def choose(parent: object, title: str, suggested: str, filters: str) -> str:
        asked.append(suggested)
        return str(path)

    monkeypatch.setattr(messages, "choose_save_file", choose)
    return asked


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_pdf_is_written_on_a_worker_with_the_chosen_sections_and_opened(
    sample: tuple[MainWindow, ReportPage], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], tmp_path: Path
) -> None:
    window, page = sample
    picker = window.workshop_page.wave_picker
    picker.setCurrentIndex(picker.findText("Follow-up 1"))  # the report follows the header
    asked = save_to(monkeypatch, tmp_path / "summary")
    assert [page.wave.currentText(), page.compare.currentText()] == ["Follow-up 1",
                                                                      "No comparison"]
    assert page.paper.text().startswith("A4")
    page.sections["map"].setChecked(False)
    page.compare.setCurrentIndex(page.compare.findText("Baseline"))
    with qtbot.waitSignal(page.export_finished, timeout=WAIT_MS) as finished:
        page.pdf_button.click()
        assert page.progress.isVisibleTo(page) and not page.pdf_button.isEnabled()
    out = tmp_path / "summary.pdf"
    assert finished.args == [out] and opened == [out]
    assert asked == ["Hospital discharge (sample).pdf"]
    text = pdf_text(out)
    assert "Change since Baseline" in text and "Method note" in text
    assert "Relational map" not in text
    assert not page.progress.isVisibleTo(page) and page.pdf_button.isEnabled()


def test_a_failed_export_says_why_and_opens_nothing(
    sample: tuple[MainWindow, ReportPage], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], tmp_path: Path
) -> None:
    window, page = sample
    save_to(monkeypatch, tmp_path / "no such folder" / "summary.pdf")
    with qtbot.waitSignal(page.export_failed, timeout=WAIT_MS):
        page.pdf_button.click()
    assert opened == []
    assert "no such folder" in window.status.message.text()
    assert page.pdf_button.isEnabled()


def test_data_export_writes_graphml_for_the_chosen_wave(
    sample: tuple[MainWindow, ReportPage], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], tmp_path: Path
) -> None:
    _, page = sample
    save_to(monkeypatch, tmp_path / "ties.graphml")
    page.wave.setCurrentIndex(page.wave.findText("Baseline"))
    with qtbot.waitSignal(page.export_finished, timeout=WAIT_MS):
        page.data_button.click()
    graph = nx.read_graphml(tmp_path / "ties.graphml")
    assert graph.graph["wave"] == "Baseline" and graph.number_of_nodes() == 7
    assert opened == []


def test_the_workshop_file_export_warns_about_individual_answers_first(
    sample: tuple[MainWindow, ReportPage], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path
) -> None:
    _, page = sample
    warnings: list[str] = []
    answer = [False]

    def confirm(parent: object, title: str, text: str, action: str) -> bool:
        warnings.append(text)
        return answer[0]

    monkeypatch.setattr(messages, "confirm", confirm)
    asked = save_to(monkeypatch, tmp_path / "ward.rcdesk")
    page.file_button.click()
    assert asked == [] and not (tmp_path / "ward.rcdesk").exists()
    answer[0] = True
    with qtbot.waitSignal(page.export_finished, timeout=WAIT_MS):
        page.file_button.click()
    assert "individual" in warnings[0] and "readable by you only" in warnings[0]
    assert stat.S_IMODE((tmp_path / "ward.rcdesk").stat().st_mode) == 0o600


def test_import_workshop_opens_the_copy_under_a_distinct_title(
    sample: tuple[MainWindow, ReportPage], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path
) -> None:
    window, page = sample
    monkeypatch.setattr(messages, "confirm", lambda *args: True)
    save_to(monkeypatch, tmp_path / "ward.rcdesk")
    with qtbot.waitSignal(page.export_finished, timeout=WAIT_MS):
        page.file_button.click()
    bad = tmp_path / "bad.rcdesk"
    bad.write_text("{", encoding="utf-8")
    report_actions.import_workshop(window, str(bad))  # read and written off the UI thread
    qtbot.waitUntil(lambda: "damaged" in window.status.message.text())
    monkeypatch.setattr(messages, "choose_open_file", lambda *args: str(tmp_path / "ward.rcdesk"))
    first = window.workshop_page
    with qtbot.waitSignal(window.workshop_opened, timeout=WAIT_MS):
        report_actions.import_workshop(window)
    assert window.workshop_page is not None and window.workshop_page is not first
    assert window.workshop_page.model.service.workshop().title == \
        "Hospital discharge (sample) (2)"
    assert "Imported the workshop from ward.rcdesk" in window.status.message.text()


def test_file_menu_exports_the_pdf_from_the_report_stage(
    make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], tmp_path: Path
) -> None:
    window = make_window()
    action = window.actions_by_name["export_pdf"]
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    assert not action.isEnabled() and window.actions_by_name["import_workshop"].isEnabled()
    window.home.open_sample()
    assert window.workshop_page is not None and action.isEnabled()
    page = window.workshop_page.report
    assert page is not None
    save_to(monkeypatch, tmp_path / "menu.pdf")
    with qtbot.waitSignal(page.export_finished, timeout=WAIT_MS):
        action.trigger()
    assert window.workshop_page.rail.currentItem().text() == "Report"
    assert opened == [tmp_path / "menu.pdf"]
    window.close_workshop()
    assert not action.isEnabled()


def test_the_app_exports_the_open_workshop_by_id_not_a_workshop_titled_like_its_id(
    make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], tmp_path: Path
) -> None:
    """Workshop 1 is "Ward round"; another workshop is titled "1". Exporting workshop 1
    from the window writes workshop 1's PDF (the title lookup once matched "1" first)."""
    window = make_window()
    library = window.library
    first = library.create("Ward round")
    second = library.create("1")
    assert (first, second) == (1, 2)
    window.open_workshop(first)
    assert window.workshop_page is not None
    page = window.workshop_page.report
    assert page is not None
    save_to(monkeypatch, tmp_path / "ward.pdf")
    with qtbot.waitSignal(page.export_finished, timeout=WAIT_MS):
        page.pdf_button.click()
    text = pdf_text(tmp_path / "ward.pdf")
    assert "Ward round" in text


def test_a_pdf_with_no_section_chosen_is_refused_not_printed_whole(
    sample: tuple[MainWindow, ReportPage], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
    opened: list[Path], tmp_path: Path
) -> None:
    window, page = sample
    save_to(monkeypatch, tmp_path / "empty.pdf")
    for box in page.sections.values():
        box.setChecked(False)
    with qtbot.waitSignal(page.export_failed, timeout=WAIT_MS):
        page.pdf_button.click()
    assert "at least one section" in window.status.message.text()
    assert not (tmp_path / "empty.pdf").exists() and opened == []
    assert page.pdf_button.isEnabled()
