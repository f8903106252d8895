"""The side panel of the Captures tab: edit one capture's text, kind, speaker and tags."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QWidget,
)

from rcdesk.domain.captures import Capture, CaptureKind
from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.domain.model import Role
from rcdesk.ui.widgets import button, label, named, section


def _combo(name: str, tip: str = "") -> QComboBox:
    return named(QComboBox(), name, tip)


class CapturePanel(QWidget):
    save_requested = Signal(object)
    """The edited Capture (text, kind, speaker, tags) should be saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capture: Capture | None = None
        layout = section(self, "Capture")
        form = QFormLayout()
        # In projector mode's large type the labels go above their fields rather than clip.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.text = named(QPlainTextEdit(), "Capture text")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(140)
        self.kind = _combo("Kind")
        for kind in CaptureKind:
            self.kind.addItem(kind.label, kind)
        self.speaker = _combo("Speaker's role", "The role of the person who said it, never "
                              "a name")
        self.dimension = _combo("Dimension tag", "An RC dimension this is about")
        self.dimension.addItem("—", None)
        for d in DIMENSIONS:
            self.dimension.addItem(d.name, d.key)
        self.source = _combo("From role", "A role pair this is about: from …")
        self.target = _combo("To role", "… to")
        pair = QHBoxLayout()
        pair.addWidget(self.source, 1)
        pair.addWidget(label("→"))
        pair.addWidget(self.target, 1)
        form.addRow("Text", self.text)
        form.addRow("Kind", self.kind)
        form.addRow("Speaker", self.speaker)
        self.form = form
        form.addRow("Dimension", self.dimension)
        form.addRow("Role pair", pair)
        layout.addLayout(form)
        self.save = button("Save", "Save the capture", self._on_save_clicked, accent=True)
        self.gap_line = label("", "muted", wrap=True)
        layout.addWidget(self.save)
        layout.addWidget(self.gap_line)
        self.action_row = QGridLayout()  # two to a row: each keeps its text in large type
        layout.addLayout(self.action_row)
        layout.addStretch(1)
        self.show_capture(None)

    def set_projector(self, on: bool) -> None:
        """On the projector the speaker's role is not shown (the room reads it)."""
        self.form.setRowVisible(self.speaker, not on)

    def set_roles(self, roles: list[Role]) -> None:
        """Refill the role choices, keeping what is chosen (and any typing in progress):
        the tab refreshes on every change to the workshop, a walkthrough step included."""
        for combo, empty in ((self.speaker, "—"), (self.source, "—"), (self.target, "—")):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(empty, None)
            for role in roles:
                combo.addItem(role.name, role.id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def dirty(self) -> bool:
        """Whether the panel holds changes not saved yet."""
        edited = self.edited()
        return edited is not None and edited != self.capture

    def show_capture(self, capture: Capture | None, gap_text: str = "") -> None:
        self.capture = capture
        self.setEnabled(capture is not None)
        self.text.setPlainText(capture.text if capture else "")
        for combo, value in ((self.kind, capture.kind if capture else CaptureKind.INSIGHT),
                             (self.speaker, capture.speaker_role_id if capture else None),
                             (self.dimension, capture.dimension if capture else None),
                             (self.source, capture.source_role_id if capture else None),
                             (self.target, capture.target_role_id if capture else None)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.gap_line.setText(gap_text)

    def edited(self) -> Capture | None:
        if self.capture is None:
            return None
        return replace(self.capture, text=self.text.toPlainText(),
                       kind=self.kind.currentData(), speaker_role_id=self.speaker.currentData(),
                       dimension=self.dimension.currentData(),
                       source_role_id=self.source.currentData(),
                       target_role_id=self.target.currentData())

    def _on_save_clicked(self) -> None:
        edited = self.edited()
        if edited is not None:
            self.save_requested.emit(edited)
