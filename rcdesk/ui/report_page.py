"""The Report stage: the PDF for the team and sponsors, data exports, the workshop file.

The facilitator picks the sections, the wave and a wave to compare with, and
exports behind a busy bar, so the window never freezes. Every export is an
ExportRequest naming the workshop and waves by id, written by the same function as
`rcdesk export` (services/exporting.run_export), through the ui's one background
helper (ui/background.py): the PDF in a child process (its charts use matplotlib,
which is not thread-safe beside the window's), data and workshop files on a worker
thread. A finished PDF is opened with the desktop's viewer (open_file, which tests
replace).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.reports.snapshot import SECTIONS
from rcdesk.services.exporting import ExportRequest, run_export
from rcdesk.services.jobs import open_for_job
from rcdesk.ui import messages
from rcdesk.ui.background import Background, ChildCall, as_path
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.widgets import button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

PDF_FILTER = "PDF document (*.pdf)"
DATA_FILTER = ("GraphML network (*.graphml);;Scores as JSON (*.json);;"
               "Tie scores as CSV (*.csv)")
WORKSHOP_FILTER = "rcdesk workshop file (*.rcdesk)"
WORKSHOP_FILE_WARNING = (
    "The workshop file holds everything in this workshop, including every individual "
    "(anonymous) survey answer. Give it only to a co-facilitator or keep it as an archive; "
    "the team and sponsors get the PDF. rcdesk makes it readable by you only.")


def open_file(path: Path) -> bool:
    """Open a file with the desktop's viewer (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportPage(QWidget):
    export_finished = Signal(object)
    """An export was written (its Path)."""
    export_failed = Signal(object)
    """An export failed (the DomainError shown to the user); nothing was written."""

    def __init__(self, model: WorkshopModel, feedback: Feedback) -> None:
        super().__init__()
        self.model = model
        self.feedback = feedback
        self.background = Background(self)
        # Scrolls rather than squeezing its check boxes when the type is large (projector).
        content = QWidget()
        scroll = named(QScrollArea(), "Report choices")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(label("Report", "section"))
        layout.addWidget(label("A PDF summary for the team and its sponsors, good enough to "
                               "forward as it is, and open formats for other tools.", "muted",
                               wrap=True))
        layout.addLayout(self._build_choices())
        self.progress = named(QProgressBar(), "Export progress")
        self.progress.setRange(0, 0)  # busy: reportlab reports no steps
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        layout.addLayout(self._build_buttons())
        layout.addStretch(1)
        self._header_wave: int | None = None  # the wave the header shows
        self._wave_chosen_here = False  # the facilitator picked the report's wave on this page
        model.waves_changed.connect(self._on_model_waves_changed)
        model.workshop_changed.connect(self._on_model_workshop_changed)
        self._on_model_waves_changed()
        self._on_model_workshop_changed()

    def _build_choices(self) -> QFormLayout:
        form = QFormLayout()
        sections = QVBoxLayout()
        self.sections: dict[str, QCheckBox] = {}
        for key, text in SECTIONS:
            box = named(QCheckBox(text), f"Report section: {text}")
            box.setChecked(True)
            self.sections[key] = box
            sections.addWidget(box)
        form.addRow(label("Sections"), sections)
        self.wave = named(QComboBox(), "Report wave", "The wave whose scores the report shows")
        self.compare = named(QComboBox(), "Compare with",
                             "Show the change since this wave (optional)")
        form.addRow(label("Wave"), self.wave)
        self.wave_note = named(label("", "muted", wrap=True), "Why this wave")
        form.addRow(label(""), self.wave_note)
        self.wave.activated.connect(self._on_wave_activated)
        form.addRow(label("Compare with"), self.compare)
        self.paper = label("", "muted")
        form.addRow(label("Paper size"), self.paper)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.pdf_button = button("Export PDF…", "Export PDF", self._on_pdf_clicked, accent=True,
                                 tip="Write the PDF summary and open it (Ctrl+Shift+E)")
        self.data_button = button("Export data…", "Export data", self._on_data_clicked,
                                  tip="The wave's scores as GraphML, JSON or CSV")
        self.file_button = button("Export workshop file…", "Export workshop file",
                                  self._on_file_clicked,
                                  tip="The whole workshop, for a co-facilitator or an archive")
        for widget in (self.pdf_button, self.data_button, self.file_button):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.pdf_button, self.data_button, self.file_button)

    # -- choices -----------------------------------------------------------------------------

    def chosen_sections(self) -> list[str]:
        return [key for key, box in self.sections.items() if box.isChecked()]

    def chosen_waves(self) -> tuple[int | None, int | None]:
        wave, compare = self.wave.currentData(), self.compare.currentData()
        return (int(wave) if wave is not None else None,
                int(compare) if compare is not None else None)

    def _on_model_waves_changed(self) -> None:
        waves = self.model.service.waves()
        for combo, blank in ((self.wave, None), (self.compare, "No comparison")):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if blank:
                combo.addItem(blank, None)
            for wave in waves:
                combo.addItem(wave.name, wave.id)
            index = combo.findData(current) if current is not None else -1
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)
        if self.wave.findData(self.wave.currentData()) < 0 or not self._wave_chosen_here:
            self.set_wave(self._header_wave)

    def set_wave(self, header_wave_id: int | None) -> None:
        """Follow the header's wave (one with map data: the report has a map page)."""
        from rcdesk.services.wave_choice import map_wave

        self._header_wave = header_wave_id
        self._wave_chosen_here = False
        choice = map_wave(self.model.session.scores, header_wave_id)
        if choice.wave is not None:
            self.wave.setCurrentIndex(max(0, self.wave.findData(choice.wave.id)))
        self.wave_note.setText(f"{choice.note}.")

    def _on_wave_activated(self) -> None:
        self._wave_chosen_here = True
        self.wave_note.setText("Chosen here for this report.")

    def _on_model_workshop_changed(self) -> None:
        paper = self.model.service.workshop().settings.paper_size.value
        self.paper.setText(f"{paper} (change it in the Overview's settings)")

    # -- exports -----------------------------------------------------------------------------

    def _on_pdf_clicked(self) -> None:
        self.export_pdf()

    def _on_data_clicked(self) -> None:
        self.export_data()

    def _on_file_clicked(self) -> None:
        self.export_workshop_file()

    def _suggested(self, suffix: str) -> str:
        return f"{self.model.service.workshop().title}{suffix}"

    def export_pdf(self, path: str | None = None) -> bool:
        """Ask where (unless given), then write the PDF in a child process; False if cancelled.

        The request names the workshop and waves by id (services/exporting.ExportRequest);
        the child gets it as JSON (ui/background.ChildCall → rcdesk/child.py)."""
        target = path or messages.choose_save_file(self, "Export PDF summary",
                                                   self._suggested(".pdf"), PDF_FILTER)
        if not target:
            return False
        out = Path(target) if Path(target).suffix.lower() == ".pdf" else Path(f"{target}.pdf")
        wave, compare = self.chosen_waves()
        if compare is not None and compare == wave:
            compare = None  # the same wave: nothing to compare
        self._start("the PDF summary", out, wave, compare, tuple(self.chosen_sections()),
                    in_child=True)
        return True

    def export_data(self, path: str | None = None) -> bool:
        target = path or messages.choose_save_file(self, "Export data",
                                                   self._suggested(".graphml"), DATA_FILTER)
        if not target:
            return False
        wave, _ = self.chosen_waves()
        self._start("the data", Path(target), wave)
        return True

    def export_workshop_file(self, path: str | None = None) -> bool:
        if not messages.confirm(self, "Export workshop file", WORKSHOP_FILE_WARNING,
                                "Export Workshop File"):
            return False
        target = path or messages.choose_save_file(self, "Export workshop file",
                                                   self._suggested(".rcdesk"), WORKSHOP_FILTER)
        if not target:
            return False
        out = Path(target) if Path(target).suffix else Path(f"{target}.rcdesk")
        self._start("the workshop file", out)
        return True

    def _start(self, what: str, out: Path, wave: int | None = None,
               compare: int | None = None, sections: tuple[str, ...] | None = None, *,
               in_child: bool = False) -> None:
        """Build the request (a refused file name is said at once) and run it off the UI
        thread: in a child process for the PDF (then opened), else on a worker thread."""
        service = self.model.service
        try:
            request = ExportRequest(service.library.path, service.workshop_id, out, wave,
                                    compare, sections)
        except DomainError as exc:
            self._on_export_failed(exc)
            return
        work: Callable[[], object] | ChildCall = (
            ChildCall("export", request.to_json(), decode=as_path) if in_child
            else partial(run_export, request, open_for_job))
        self._set_busy(True)
        self.background.run(work, partial(self._on_exported, what, in_child),
                            self._on_export_failed)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for widget in self.buttons:
            widget.setEnabled(not busy)

    def _on_exported(self, what: str, open_after: bool, path: object) -> None:
        self._set_busy(self.background.busy)
        assert isinstance(path, Path)
        self.feedback.note(f"Saved {what} as {path.name}.")
        if open_after:
            open_file(path)
        self.export_finished.emit(path)

    def _on_export_failed(self, error: DomainError) -> None:
        self._set_busy(self.background.busy)
        self.feedback.error(error)
        self.export_failed.emit(error)

    def detach(self) -> None:
        """Wait for a running export (the workshop is closing)."""
        self.background.wait()
