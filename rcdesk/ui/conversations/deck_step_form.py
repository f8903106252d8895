"""The side panel that edits one step of an own deck, field by field.

Each field saves when the user leaves it (one undo step, named after the field),
validated by the deck format's rules; a message above the form names the problem
and keeps the typed text. The room text shows a live count against the 220
characters that still read well on a projector. For a shipped deck the same panel
shows the step read-only, so its facilitator notes can be read before a copy is made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.decks import MAX_MINUTES, MAX_ROOM_TEXT, Step, StepKind
from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.domain.errors import DomainError, ValidationError
from rcdesk.domain.model import Role
from rcdesk.services.edits import Edit
from rcdesk.ui.gaps.fields import LongText, ShortText, choice_box, select_data
from rcdesk.ui.theme import set_text_role
from rcdesk.ui.widgets import label, named

#: Saves one field of the selected step: (field, value) → the edit, or None if unchanged.
FieldSaver = Callable[[str, Any], Edit | None]


class StepForm(QWidget):
    saved = Signal()
    """A field was saved (or refused, with the message shown)."""

    def __init__(self, run: Callable[[Callable[[], Edit | None], Callable[[DomainError], None]],
                                     bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._run = run
        self._save_field: FieldSaver | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = label("Step", "section")
        layout.addWidget(self.heading)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.title = ShortText("Step title")
        self.title.committed.connect(lambda: self._save("title", self.title.value()))
        form.addRow("Title", self.title)
        self.room = LongText("What the room sees", lines=4)
        self.room.committed.connect(lambda: self._save("room", self.room.value()))
        self.room.textChanged.connect(self._on_room_text_changed)
        self.count = label("", "muted")
        form.addRow("What the room sees", self.room)
        form.addRow("", self.count)
        self.notes = LongText("Facilitator notes", lines=5)
        self.notes.committed.connect(lambda: self._save("notes", self.notes.value()))
        form.addRow("Notes (laptop only)", self.notes)
        self.minutes = named(QDoubleSpinBox(), "Minutes")
        self.minutes.setRange(0.5, MAX_MINUTES)
        self.minutes.setDecimals(1)
        self.minutes.setSuffix(" min")
        self.minutes.editingFinished.connect(self._on_minutes_finished)
        self.kind = choice_box("Kind", [(k.value, k.value) for k in StepKind],
                               lambda: self._save("kind", self.kind.currentData()))
        row = QHBoxLayout()
        row.addWidget(self.minutes)
        row.addWidget(self.kind, 1)
        form.addRow("Minutes and kind", row)
        self.dimension = choice_box("Dimension", [("No dimension", None)] +
                                    [(d.name, d.key) for d in DIMENSIONS],
                                    lambda: self._save("dimension", self.dimension.currentData()))
        form.addRow("RC dimension", self.dimension)
        self.role_a = ShortText("First role of the pair", "first role")
        self.role_b = ShortText("Second role of the pair", "second role")
        for field in (self.role_a, self.role_b):
            field.committed.connect(self._on_roles_committed)
        pair = QHBoxLayout()
        pair.addWidget(self.role_a)
        pair.addWidget(label("↔", "muted"))
        pair.addWidget(self.role_b)
        form.addRow("Role pair (optional)", pair)
        layout.addLayout(form)
        layout.addStretch(1)
        self._minutes_saved = 0.0

    # -- showing -----------------------------------------------------------------------------

    def set_roles(self, roles: list[Role]) -> None:
        """Offer the workshop's role names while typing a pair (any name is allowed)."""
        names = [r.name for r in roles]
        for field in (self.role_a, self.role_b):
            field.setCompleter(QCompleter(names, field))

    def show_step(self, number: int, step: Step | None, save: FieldSaver | None) -> None:
        """Show a step; `save` None makes the panel read-only (a shipped deck)."""
        self._save_field = save
        self.error.hide()
        self.setEnabled(step is not None)
        self.heading.setText(f"Step {number}" if step else "Step")
        step = step or Step("", "", "", 5.0, StepKind.TALK)
        self.title.set_value(step.title)
        self.room.set_value(step.room)
        self.notes.set_value(step.notes)
        self._minutes_saved = step.minutes
        self.minutes.blockSignals(True)
        self.minutes.setValue(step.minutes)
        self.minutes.blockSignals(False)
        select_data(self.kind, step.kind.value)
        select_data(self.dimension, step.dimension)
        self.role_a.set_value(step.roles[0] if step.roles else "")
        self.role_b.set_value(step.roles[1] if step.roles else "")
        read_only = save is None
        for text in (self.title, self.role_a, self.role_b):
            text.setReadOnly(read_only)
        for long_text in (self.room, self.notes):
            long_text.setReadOnly(read_only)
        for control in (self.minutes, self.kind, self.dimension):
            control.setEnabled(not read_only)
        self._on_room_text_changed()

    # -- saving ------------------------------------------------------------------------------

    def _save(self, field: str, value: Any) -> None:
        save = self._save_field
        if save is None:
            return
        self.error.hide()
        self._run(lambda: save(field, value), self._show_error)
        self.saved.emit()

    def _show_error(self, exc: DomainError) -> None:
        self.error.setText(str(exc))
        self.error.show()

    def _on_room_text_changed(self) -> None:
        length = len(self.room.value().strip())
        self.count.setText(f"{length} / {MAX_ROOM_TEXT} characters")
        set_text_role(self.count, "error" if length > MAX_ROOM_TEXT else "muted")

    def _on_minutes_finished(self) -> None:
        value = self.minutes.value()
        if value != self._minutes_saved:
            self._minutes_saved = value
            self._save("minutes", value)

    def _on_roles_committed(self) -> None:
        first, second = self.role_a.value().strip(), self.role_b.value().strip()
        if bool(first) != bool(second):
            self._show_error(ValidationError("roles", "Name both roles of the pair, or "
                                             "neither."))
            return
        self._save("roles", (first, second) if first else None)
