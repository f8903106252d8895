"""The workshop's own wording of the seven pulse statements, and which are reverse-scored.

rcdesk ships its own wording of Edmondson's item themes (never the published
items); facilitators may rephrase a statement for their team. Scoring is keyed to
the item, so rewording never changes a stored answer; an empty field and "Use
rcdesk's wording" bring ours back. Each change is one undoable edit.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QWidget

from rcdesk.domain.psych_safety import ITEMS
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named, section
from rcdesk.ui.workshop_model import WorkshopModel


class PulseItemsPanel(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner) -> None:
        super().__init__()
        self._model = model
        self._runner = runner
        self.pulses = model.session.pulse
        layout = section(self, "Pulse statements")
        layout.addWidget(label("The psychological-safety pulse's seven statements as your "
                               "participants read them. Leave a line empty to use rcdesk's "
                               "wording; stored answers never change.", "muted", wrap=True))
        grid = QGridLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.reversed: dict[str, QCheckBox] = {}
        for row, item in enumerate(ITEMS):
            number = item.key[2:]
            edit = named(QLineEdit(), f"Pulse statement {number} wording")
            edit.setPlaceholderText(item.wording)
            edit.setToolTip(f"Theme: {item.theme}")
            edit.editingFinished.connect(partial(self._on_field_edited, item.key))
            flag = named(QCheckBox("reversed"), f"Pulse statement {number} is reverse-scored",
                         "Agreeing means less safety, so the answer is scored the other way")
            flag.toggled.connect(partial(self._on_reversed_toggled, item.key))
            grid.addWidget(label(number), row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(flag, row, 2)
            self.fields[item.key] = edit
            self.reversed[item.key] = flag
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        #: Says which collected results a change of reverse key scores differently.
        self.rekeyed = named(label("", "error", wrap=True), "Reverse scoring changed")
        self.rekeyed.hide()
        layout.addWidget(self.rekeyed)
        self.reset_button = button("Use rcdesk's wording", "Use rcdesk's pulse wording",
                                   self.reset)
        layout.addWidget(self.reset_button)
        self._loading = False
        model.workshop_changed.connect(self._on_model_workshop_changed)
        self._on_model_workshop_changed()

    def _on_model_workshop_changed(self) -> None:
        self.rekeyed.hide()  # an undo, or any other change: the note no longer applies
        self._loading = True
        try:
            for ours, item in zip(ITEMS, self.pulses.items(), strict=True):
                edit = self.fields[item.key]
                text = "" if item.wording == ours.wording else item.wording
                if edit.text() != text and not (edit.hasFocus() and edit.isModified()):
                    edit.setText(text)
                self.reversed[item.key].setChecked(item.reversed)
        finally:
            self._loading = False
        self.reset_button.setEnabled(self.pulses.customised())

    def _on_field_edited(self, key: str) -> None:
        edit = self.fields[key]
        text = edit.text().strip() or edit.placeholderText()
        if self._runner.run(lambda: self.pulses.set_item(key, wording=text)):
            edit.setModified(False)

    def _on_reversed_toggled(self, key: str, on: bool) -> None:
        if self._loading or not self._runner.run(
                lambda: self.pulses.set_item(key, reversed_=on)):
            return
        how = "reverse-scored" if on else "scored as it reads"
        self._say_rescored(f"Statement {key[2:]} is now {how}")

    def reset(self) -> None:
        keys = [item.reversed for item in self.pulses.items()]
        if self._runner.run(self.pulses.reset_items) and \
                keys != [item.reversed for item in self.pulses.items()]:
            self._say_rescored("The statements are scored as rcdesk scores them again")

    def _say_rescored(self, what: str) -> None:
        """A reverse key changed: name the collected results it scores differently."""
        waves = [wave.name for wave in self.pulses.waves_answered()]
        if waves:
            self.rekeyed.setText(
                f"{what}: the pulse results already collected in {_names(waves)} change with "
                "it (the answers stay as given). Ctrl+Z puts it back.")
            self.rekeyed.show()


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
