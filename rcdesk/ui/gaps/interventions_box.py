"""The interventions chosen for a gap (check boxes by kind) and the suggested ones.

Suggestions come from resources/suggestions.json through the service and are
labelled as suggestions: they are never ticked unless the facilitator asks.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from rcdesk.domain.dimensions import dimension
from rcdesk.domain.interventions import INTERVENTIONS, InterventionKind
from rcdesk.services.suggestions import Suggestion
from rcdesk.ui.widgets import button, label, named


class InterventionsBox(QWidget):
    changed = Signal()
    """The user ticked or cleared an intervention."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for kind in InterventionKind:
            layout.addWidget(label(kind.label, "muted"))
            grid = QGridLayout()
            grid.setContentsMargins(8, 0, 0, 4)
            items = [i for i in INTERVENTIONS if i.kind is kind]
            for index, item in enumerate(items):
                box = named(QCheckBox(item.name), f"Intervention: {item.name}")
                box.toggled.connect(self._on_box_toggled)
                self.boxes[item.key] = box
                grid.addWidget(box, index // 2, index % 2)
            layout.addLayout(grid)
        self.suggestion_text = label("", "muted", wrap=True)
        self.suggestion_text.setAccessibleName("Suggested interventions")
        self.use_suggested = button("Tick the suggestions", "Tick the suggested interventions",
                                    self.tick_suggested,
                                    tip="Tick every suggested intervention (Ctrl+Z undoes it)")
        row = QHBoxLayout()
        row.addWidget(self.suggestion_text, 1)
        row.addWidget(self.use_suggested)
        layout.addLayout(row)
        self._suggested: list[str] = []
        self._quiet = False

    def chosen(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.boxes.items() if box.isChecked())

    def set_chosen(self, keys: tuple[str, ...]) -> None:
        self._quiet = True
        for key, box in self.boxes.items():
            box.setChecked(key in keys)
        self._quiet = False

    def set_suggestions(self, suggestions: list[Suggestion], reason: str) -> None:
        """Show the suggestions (or why there are none) without ticking anything."""
        self._suggested = [s.intervention.key for s in suggestions]
        if suggestions:
            names = "; ".join(f"{s.intervention.name} (for {_dimensions(s.because)})"
                              for s in suggestions)
            text = f"Suggestions you may ignore, {reason}: {names}."
        else:
            text = f"No suggestions {reason}."
        self.suggestion_text.setText(text)
        self.use_suggested.setEnabled(bool(suggestions))

    def tick_suggested(self) -> None:
        self._quiet = True
        for key in self._suggested:
            self.boxes[key].setChecked(True)
        self._quiet = False
        self.changed.emit()

    def _on_box_toggled(self) -> None:
        if not self._quiet:
            self.changed.emit()


def _dimensions(keys: tuple[str, ...]) -> str:
    return ", ".join(dimension(k).name.lower() for k in keys)
