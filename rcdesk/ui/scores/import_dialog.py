"""The survey import dialog: choose a CSV, see everything it would do, then import or cancel.

A dialog, because it is a file operation (ux.md). Nothing is written until the
user presses Import on a problem-free preview; Cancel leaves the library as it
was. Reading a file and writing it both run off the UI thread (ui/background.py)
on their own connection (services/jobs.py), so a 100,000-row file never freezes
the window; every change of file, column, wave or scale reads the file again and
results of superseded previews are dropped. The commit is the one import use case
(services/importing: the before-import backup, then one transaction); once it has
started it finishes (or fails and writes nothing), so Cancel is disabled during it.
Afterwards the workshop's listeners are told (WorkshopService.announce).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.domain.survey import DEFAULT_WAVE_NAME, FrequencyScale
from rcdesk.services.jobs import in_library
from rcdesk.services.pulse_import import looks_like_pulse
from rcdesk.services.survey_import import (
    ImportResult,
    SurveyPreview,
    commit_survey,
    preview_survey,
)
from rcdesk.services.survey_mapping import SurveyMapping, load_mapping, save_mapping
from rcdesk.services.workshop import WorkshopService
from rcdesk.ui import messages
from rcdesk.ui.background import Background, Op
from rcdesk.ui.scores.import_parts import (
    Confirmations,
    MappingBox,
    PreviewSummary,
    ProblemsTable,
    needs_mapping,
)
from rcdesk.ui.scores.mapping_step import MappingDetails
from rcdesk.ui.widgets import button, label, named

if TYPE_CHECKING:
    from rcdesk.store.connection import Library  # a type only: jobs open their own

CSV_FILTER = "Survey files (*.csv *.txt *.xlsx *.ods);;All files (*)"
SCALES: tuple[tuple[FrequencyScale | None, str], ...] = (
    (None, "Choose how the frequency question was asked…"),
    (FrequencyScale.MONOTONIC, "Never … constantly (scored 1 to 5 as answered)"),
    (FrequencyScale.SUFFICIENCY, "Not nearly enough … much too often (scored 1, 3, 5, 4, 2)"),
    (FrequencyScale.RECODED, "Not nearly enough … much too often, already scored 1, 3, 5, 4, 2"),
)
#: Choices are read again this long after the last change, so typing a wave name is smooth.
SETTLE_MS = 250


PULSE_FILE_NOTE = ("This is a psychological-safety pulse file (respondent, ps1 … ps7), not "
                   "survey results. Import it from Conversations ▸ Pulse ▸ Import pulse CSV….")


def choose_survey_file(parent: QWidget | None) -> Path | None:
    chosen = messages.choose_open_file(parent, "Import survey results", CSV_FILTER)
    return Path(chosen) if chosen else None


class ImportDialog(QDialog):
    previewed = Signal()
    """A preview for the current file and choices is shown (ok or with problems)."""
    imported = Signal(object)
    """The survey was written and announced (the ImportResult)."""

    def __init__(self, service: WorkshopService, parent: QWidget | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.path = path
        self.preview: SurveyPreview | None = None
        self.import_result: ImportResult | None = None
        self._op: Op | None = None
        self._reading = False
        self._importing = False
        self._mapping_used = False
        self.background = Background(self)
        self.loaded_mapping = SurveyMapping()  # from "Use a saved mapping…"
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh_preview)
        self.setWindowTitle("Import survey results")
        self.setAccessibleName("Import survey results")
        self.setMinimumWidth(760)
        self._build()
        self._connect()
        if path is not None:
            self.open_file(path)

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = label("No file chosen yet.", "section")
        top.addWidget(self.file_label, 1)
        self.choose_button = button("Choose file…", "Choose the survey file",
                                    self.choose_file, tip="Choose a CSV file (survey export)")
        top.addWidget(self.choose_button)
        layout.addLayout(top)
        layout.addLayout(self._build_options())
        self.summary = PreviewSummary()
        layout.addWidget(self.summary)
        self.confirmations = Confirmations()
        layout.addWidget(self.confirmations)
        self.mapping = MappingBox()
        self.mapping.hide()
        layout.addWidget(self.mapping)
        self.details = MappingDetails([r.name for r in self.service.roles()])
        self.details.hide()
        layout.addWidget(self.details)
        self.problems = ProblemsTable()
        self.problems.hide()
        layout.addWidget(self.problems, 1)
        layout.addStretch(0)
        self.progress_label = label("", "muted")
        self.progress = named(QProgressBar(), "Progress")
        self.progress.setRange(0, 0)  # busy: reading and checking have no steps to count
        self.progress.setTextVisible(False)
        busy = QHBoxLayout()
        busy.addWidget(self.progress_label)
        busy.addWidget(self.progress, 1)
        layout.addLayout(busy)
        self._show_busy("")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_mapping_button = button("Save mapping…", "Save the mapping",
                                          self.save_mapping,
                                          tip="Save how this file was read, for the next wave "
                                              "(rcdesk import FILE --mapping MAP.json)")
        self.save_mapping_button.setEnabled(False)
        buttons.insertWidget(0, self.save_mapping_button)
        self.load_mapping_button = button("Use a saved mapping…", "Use a saved mapping",
                                          self.load_mapping,
                                          tip="Read this file with a mapping saved before")
        buttons.insertWidget(0, self.load_mapping_button)
        self.adjust_button = button("Adjust the mapping", "Adjust the mapping",
                                    self.adjust_mapping,
                                    tip="Choose the columns, answer columns, answer scores and "
                                        "not-applicable codes yourself")
        buttons.insertWidget(0, self.adjust_button)
        self.cancel_button = button("Cancel", "Cancel the import", self.reject,
                                    tip="Close without importing; nothing is changed (Esc)")
        self.import_button = button("Import", "Import the survey results", self.start_import,
                                    accent=True)
        self.import_button.setEnabled(False)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        layout.addLayout(buttons)

    def _build_options(self) -> QFormLayout:
        form = QFormLayout()
        waves = QHBoxLayout()
        self.wave_from_file = named(QRadioButton(f"From the file (its wave column, else "
                                                 f"“{DEFAULT_WAVE_NAME}”)"), "Wave from the file")
        self.wave_fixed = named(QRadioButton("Put every row in"), "Put every row in one wave")
        self.wave_name = named(QComboBox(), "Wave to import into",
                               "Choose a wave, or type the name of a new one")
        self.wave_name.setEditable(True)
        self.wave_name.setMinimumContentsLength(14)
        if (editor := self.wave_name.lineEdit()) is not None:
            editor.setAccessibleName("Wave to import into")
        for wave in self.service.waves():
            self.wave_name.addItem(wave.name)
        self._wave_group = QButtonGroup(self)
        for radio in (self.wave_from_file, self.wave_fixed):
            self._wave_group.addButton(radio)
            waves.addWidget(radio)
        self.wave_from_file.setChecked(True)
        self.wave_name.setEnabled(False)
        waves.addWidget(self.wave_name)
        waves.addStretch(1)
        form.addRow("Wave", waves)
        self.scale = named(QComboBox(), "Frequency answer scale",
                           "How the survey asked about frequent communication")
        for scale, text in SCALES:  # nothing assumed: numbers alone cannot tell the scale
            self.scale.addItem(text, scale.value if scale else "")
        form.addRow("Frequency answers", self.scale)
        return form

    def _connect(self) -> None:
        self._wave_group.buttonToggled.connect(self._on_wave_mode_toggled)
        self.wave_name.currentTextChanged.connect(self._on_wave_name_changed)
        self.scale.currentIndexChanged.connect(self._on_choice_changed)
        self.mapping.mapping_changed.connect(self._on_choice_changed)
        self.details.details_changed.connect(self._on_choice_changed)
        self.summary.new_roles_confirmed.connect(self._update_import_button)
        self.confirmations.confirmations_changed.connect(self._on_choice_changed)

    # -- choosing and previewing -------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = choose_survey_file(self)
        if chosen is not None:
            self.open_file(chosen)

    def open_file(self, path: Path) -> None:
        """Read a (new) file with automatic column matching."""
        self.path = Path(path)
        self.file_label.setText(self.path.name)
        self.file_label.setAccessibleName(f"File: {self.path.name}")
        self.file_label.setToolTip(str(self.path))
        self.mapping.hide()
        self.details.hide()
        self._mapping_used = False
        self.refresh_preview()

    def _on_wave_name_changed(self) -> None:
        if self.wave_fixed.isChecked():
            self._on_choice_changed()

    def _on_wave_mode_toggled(self) -> None:
        self.wave_name.setEnabled(self.wave_fixed.isChecked())
        self._on_choice_changed()

    def _on_choice_changed(self) -> None:
        if self.path is not None and not self._importing:
            self._set_waiting()
            self._settle.start()

    def chosen_wave(self) -> str | None:
        return self.wave_name.currentText() if self.wave_fixed.isChecked() else None

    def refresh_preview(self) -> None:
        """Read and check the file again with the current choices (on the worker)."""
        if self.path is None:
            return
        self._settle.stop()
        if looks_like_pulse(self.path):  # imported from its own tab, with its own checks
            self.preview = None
            self._show_preview_result(None, PULSE_FILE_NOTE)
            return
        path, workshop_id, wave = self.path, self.service.workshop_id, self.chosen_wave()
        scale = FrequencyScale(self.scale.currentData()) if self.scale.currentData() else None
        mapping = (self.details.chosen(self.mapping.chosen(), self.loaded_mapping)
                   if self._mapping_used else self.loaded_mapping)
        confirm = self.confirmations.confirmed()
        if wave is not None and not wave.strip():
            self.preview = None
            self._show_preview_result(None, "Type the name of the wave to import into.")
            return

        def work(library: Library) -> SurveyPreview:
            return preview_survey(library, workshop_id, path, wave=wave, frequency_scale=scale,
                                  mapping=mapping, confirm=confirm)

        self._set_waiting()
        self._reading = True
        self._show_busy(f"Reading {path.name}…")
        self._start(work, self._on_previewed)

    def _start(self, work: Callable[[Library], object], success: Callable[[object], None],
               *, write: bool = False) -> None:
        """Run `work(library)` off the UI thread (`write`: it may write, the commit); a
        newer job supersedes the last one."""
        if self._op is not None:
            self._op.cancel()
        self._op = self.background.run(
            in_library(self.service.library.path, work, write=write), success, self._on_failed)

    def _set_waiting(self) -> None:
        self.import_button.setEnabled(False)

    def _show_busy(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_label.setAccessibleName(text or "Idle")
        self.progress.setVisible(bool(text))
        self.progress_label.setVisible(bool(text))

    @property
    def settled(self) -> bool:
        """No preview or import is waiting to be shown: what the dialog shows is current."""
        return not (self._reading or self._importing or self._settle.isActive())

    @property
    def busy(self) -> bool:
        """A preview or the import is running (or a cancelled one is still finishing)."""
        return self.background.busy or self._settle.isActive()

    def _on_previewed(self, result: object) -> None:
        assert isinstance(result, SurveyPreview)
        self._show_preview_result(result)

    def _on_failed(self, error: DomainError) -> None:
        self._importing = self._reading = False
        self._show_busy("")
        self.cancel_button.setEnabled(True)
        self.choose_button.setEnabled(True)
        self.summary.file_info.setText(f"Nothing was imported: {error}")
        self.summary.file_info.setAccessibleName(self.summary.file_info.text())
        self._update_import_button()
        self.previewed.emit()

    def _show_preview_result(self, preview: SurveyPreview | None, note: str = "") -> None:
        self.preview = preview
        self._reading = False
        self._show_busy("")
        self.summary.show_preview(preview)
        self.confirmations.show_preview(preview)
        self.save_mapping_button.setEnabled(preview is not None and preview.checked)
        if note:
            self.summary.file_info.setText(note)
        self.problems.show_preview(preview)
        if preview is not None and (needs_mapping(preview) or self._mapping_used):
            self._mapping_used = True
            self.mapping.show_preview(preview)
            self.mapping.show()
            self.details.show_preview(preview)
            self.details.show()
        self._update_import_button()
        self.previewed.emit()

    def adjust_mapping(self) -> None:
        """Show the mapping step for a file that was read automatically."""
        if self.preview is not None and self.preview.headers:
            self._mapping_used = True
            self._show_preview_result(self.preview)

    def load_mapping(self) -> None:
        chosen = messages.choose_open_file(self, "Use a saved survey mapping",
                                           "Survey mapping (*.json);;All files (*)")
        if not chosen:
            return
        try:
            self.loaded_mapping = load_mapping(Path(chosen))
        except DomainError as exc:
            messages.warn(self, "The mapping cannot be used", str(exc))
            return
        self._mapping_used = False
        self.mapping.hide()
        self.details.hide()
        self._on_choice_changed()

    def save_mapping(self) -> None:
        """Write the mapping this preview used as a JSON file (docs/import-formats.md)."""
        preview = self.preview
        if preview is None:
            return
        chosen = messages.choose_save_file(self, "Save the survey mapping",
                                           "survey-mapping.json", "Survey mapping (*.json)")
        if not chosen:
            return
        try:
            save_mapping(preview.saved_mapping(), Path(chosen))
        except DomainError as exc:
            messages.warn(self, "The mapping was not saved", str(exc))

    def _update_import_button(self) -> None:
        preview = self.preview
        ready = (preview is not None and preview.ok and bool(preview.rows)
                 and self.summary.roles_accepted and not self._importing
                 and not self._reading and not self._settle.isActive())
        self.import_button.setEnabled(ready)

    # -- importing ---------------------------------------------------------------------------

    def start_import(self) -> None:
        """Ask before replacing answers already in a wave, then write on the worker."""
        preview = self.preview
        if preview is None or not preview.ok or not self.import_button.isEnabled():
            return
        if preview.replaces and not messages.confirm(
                self, "Replace survey results?", describe_replace_question(preview),
                "Replace"):
            return
        self._importing = True
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self._show_busy(f"Importing {preview.row_count:,} rows… (one step; it finishes on "
                        "its own)")

        def work(library: Library) -> ImportResult:
            return commit_survey(library, preview)  # after the before-import backup

        self._start(work, self._on_imported, write=True)

    def _on_imported(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self._importing = False
        self.import_result = result
        self._show_busy("")
        self.service.announce(result.changes)
        self.imported.emit(result)
        self.accept()

    def done(self, code: int) -> None:
        """Closing is refused while the import is being written; otherwise results are dropped."""
        if self._importing:
            return
        if self._op is not None:
            self._op.cancel()  # any preview still running reports to nobody
        self._settle.stop()
        super().done(code)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter in the wave field must not press a button by surprise
        super().keyPressEvent(event)


def describe_replace_question(preview: SurveyPreview) -> str:
    parts = [f"{count:,} survey answer{'s' if count != 1 else ''} in wave “{wave}”"
             for wave, count in preview.replaces.items()]
    return (f"{' and '.join(parts)} will be replaced by the {preview.row_count:,} rows of "
            f"{preview.path.name}. This cannot be undone.")
