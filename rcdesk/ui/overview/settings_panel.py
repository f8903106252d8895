"""Workshop settings: strength-band cut points, anonymity threshold, whether quotes may
name a role to the team (issue 15), paper size, and the pulse statements' wording
(overview/pulse_items.py).

Values are checked by the domain rule (WorkshopSettings.validate); an invalid
combination is shown beside the form and not saved, and the typed values stay.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.domain.settings import MAX_ANONYMITY_K, MIN_ANONYMITY_K, PaperSize, WorkshopSettings
from rcdesk.ui.overview.pulse_items import PulseItemsPanel
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import label, named, section, wrapped_check
from rcdesk.ui.workshop_model import WorkshopModel


def _cut_point(name: str, tip: str) -> QDoubleSpinBox:
    spin = named(QDoubleSpinBox(), name, tip)
    spin.setRange(1.0, 5.0)
    spin.setDecimals(2)
    spin.setSingleStep(0.05)
    spin.setKeyboardTracking(False)
    return spin


class SettingsPanel(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._runner = runner
        layout = section(self, "Settings")
        form = QFormLayout()
        self.weak_below = _cut_point("Weak below", "Ties scoring below this are weak")
        self.strong_above = _cut_point("Strong above", "Ties scoring above this are strong; "
                                       "scores between the cut points are moderate")
        self.k = named(QSpinBox(), "Anonymity threshold",
                       "Survey and pulse results from fewer people than this are hidden")
        self.k.setRange(MIN_ANONYMITY_K, MAX_ANONYMITY_K)
        self.k.setKeyboardTracking(False)
        self.k.setSuffix(" people")
        self.min_items = named(QSpinBox(), "Fewest answered items",
                               "A respondent counts in a tie only with at least this many of "
                               "the seven items answered: 1 counts every answer (the usual "
                               "rule), 7 only complete answers (as complete-case studies)")
        self.min_items.setRange(1, 7)
        self.min_items.setKeyboardTracking(False)
        self.min_items.setSuffix(" of 7 items")
        self.paper = named(QComboBox(), "Paper size", "Paper size of the PDF report")
        for size in PaperSize:
            self.paper.addItem(size.value, size)
        form.addRow("Weak below", self.weak_below)
        form.addRow("Strong above", self.strong_above)
        form.addRow("Hide results from fewer than", self.k)
        form.addRow("Count respondents from", self.min_items)
        self.attribution = named(
            QCheckBox(), "Name a quote's role to the team",
            "Off: quotes reach the team without the speaker's role. On: a role is named only "
            "when at least twice the anonymity threshold of that role were at the meeting "
            "(as recorded in who came). Your own screens always show the role.")
        self.attribution.toggled.connect(self._on_attribution_toggled)
        form.addRow("Quotes", wrapped_check(
            self.attribution, "Name a quote's role in the report and on the projector"))
        form.addRow("Report paper", self.paper)
        layout.addLayout(form)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        layout.addSpacing(12)
        self.pulse_items = PulseItemsPanel(model, runner)
        layout.addWidget(self.pulse_items)
        self._loading = False
        for spin in (self.weak_below, self.strong_above, self.k, self.min_items):
            spin.valueChanged.connect(self._on_value_changed)
        self.paper.currentIndexChanged.connect(self._on_value_changed)
        model.workshop_changed.connect(self._on_model_workshop_changed)
        self._on_model_workshop_changed()

    def current(self) -> WorkshopSettings:
        return WorkshopSettings(
            weak_below=round(self.weak_below.value(), 2),
            strong_above=round(self.strong_above.value(), 2),
            anonymity_k=self.k.value(),
            paper_size=self.paper.currentData(),
            min_items=self.min_items.value(),
        )

    def _on_model_workshop_changed(self) -> None:
        settings = self._model.service.workshop().settings
        self._loading = True
        try:
            self.weak_below.setValue(settings.weak_below)
            self.strong_above.setValue(settings.strong_above)
            self.k.setValue(settings.anonymity_k)
            self.min_items.setValue(settings.min_items)
            self.paper.setCurrentIndex(self.paper.findData(settings.paper_size))
            self.attribution.setChecked(self._model.session.captures.attribution_on())
        finally:
            self._loading = False
        self.error.hide()

    def _on_value_changed(self) -> None:
        if self._loading:
            return
        settings = self.current()
        if self._runner.run(lambda: self._model.service.update_settings(settings),
                            on_error=self._show_error):
            self.error.hide()

    def _on_attribution_toggled(self, on: bool) -> None:
        if self._loading:
            return
        captures = self._model.session.captures
        if not self._runner.run(lambda: captures.set_attribution(on)):
            self._on_model_workshop_changed()

    def _show_error(self, exc: DomainError) -> None:
        self.error.setText(str(exc))
        self.error.show()
