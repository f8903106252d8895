"""The workshop's details: title, team, focal process, facilitator."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from rcdesk.domain.errors import DomainError, ValidationError
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import label, named, section
from rcdesk.ui.workshop_model import WorkshopModel

FIELDS = (
    ("title", "Title", "What the room will see at the top of every page and the PDF."),
    ("team", "Team", "Which team or unit this workshop is for."),
    ("process", "Focal work process", "The work process whose coordination you are mapping."),
    ("facilitator", "Facilitator", "Who runs the workshop; printed on the report."),
)


class DetailsPanel(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._runner = runner
        layout = section(self, "Workshop")
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for key, caption, tip in FIELDS:
            edit = named(QLineEdit(), caption, tip)
            edit.setPlaceholderText(tip)
            edit.editingFinished.connect(partial(self._on_field_edited, key))
            form.addRow(caption, edit)
            self.fields[key] = edit
        layout.addLayout(form)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        model.workshop_changed.connect(self._on_model_workshop_changed)
        self._on_model_workshop_changed()

    def _values(self) -> dict[str, str]:
        w = self._model.service.workshop()
        return {"title": w.title, "team": w.team, "process": w.process,
                "facilitator": w.facilitator}

    def _on_model_workshop_changed(self) -> None:
        for key, value in self._values().items():
            edit = self.fields[key]
            if edit.text() != value and not (edit.hasFocus() and edit.isModified()):
                edit.setText(value)

    def _on_field_edited(self, key: str) -> None:
        edit = self.fields[key]
        if edit.text() == self._values()[key]:
            self._show_error(None)
            return
        ok = self._runner.run(lambda: self._model.service.update_detail(key, edit.text()),
                              on_error=self._show_error)
        if ok:
            self._show_error(None)
            edit.setModified(False)

    def _show_error(self, exc: DomainError | None) -> None:
        """Keep what was typed and say what is wrong, next to the form."""
        if exc is None:
            self.error.hide()
            return
        self.error.setText(str(exc))
        self.error.show()
        if isinstance(exc, ValidationError) and exc.field in self.fields:
            self.fields[exc.field].setFocus()
