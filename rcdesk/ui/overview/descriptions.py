"""The workshop's own one-line description of each dimension (shown when rating ties).

rcdesk ships its own plain-language wording (never the licensed survey items);
facilitators may rephrase it for their team. An empty field restores the default.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from rcdesk.domain.dimensions import DIMENSIONS, dimension
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import label, named, section
from rcdesk.ui.workshop_model import WorkshopModel


class DescriptionsPanel(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._runner = runner
        layout = section(self, "Dimension wording")
        layout.addWidget(label("How each dimension is described when you rate a tie. Leave a "
                               "line empty to use rcdesk's wording.", "muted", wrap=True))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for dim in DIMENSIONS:
            edit = named(QLineEdit(), f"{dim.name} description")
            edit.setPlaceholderText(dim.description)
            edit.setToolTip(dim.description)
            edit.editingFinished.connect(partial(self._on_field_edited, dim.key))
            form.addRow(dim.name, edit)
            self.fields[dim.key] = edit
        layout.addLayout(form)
        model.workshop_changed.connect(self._on_model_workshop_changed)
        self._on_model_workshop_changed()

    def _on_model_workshop_changed(self) -> None:
        own = self._model.service.workshop().descriptions
        for key, edit in self.fields.items():
            text = own.get(key, "")
            if edit.text() != text and not (edit.hasFocus() and edit.isModified()):
                edit.setText(text)

    def _on_field_edited(self, key: str) -> None:
        edit = self.fields[key]
        text = edit.text()
        if text.strip() == dimension(key).description:
            text = ""
        if self._runner.run(lambda: self._model.service.set_description(key, text)):
            edit.setModified(False)
