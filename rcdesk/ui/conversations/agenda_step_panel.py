"""Beside the agenda: the selected step, written like a deck step.

Title, what the room sees (the deck format's 220-character rule, with a live count),
the facilitator's notes, planned minutes and the kind (a Break gives the room a calm
countdown and "Back at 10:40"). A reveal step can name the tie it is about ahead of
time (two roles), so the player offers that tie first. Each field saves when the
facilitator leaves it (one undo step); refused words stay in the box to be mended.
A step already shown in a walkthrough is part of the meeting's record: read only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QWidget

from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.domain.decks import MAX_ROOM_TEXT, StepKind
from rcdesk.services.agenda import AgendaService
from rcdesk.services.edits import Edit
from rcdesk.ui.gaps.fields import LongText, ShortText, choice_box, number_text, parse_number
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import label, named, section

KIND_NAMES = {StepKind.TALK: "Talk", StepKind.PAIRS: "Pairs", StepKind.WRITE: "Write",
              StepKind.VOTE: "Vote", StepKind.PULSE: "Pulse", StepKind.REVEAL: "Reveal a tie",
              StepKind.REFLECT: "Reflect", StepKind.BREAK: "Break"}
RECORDED_NOTE = ("Run or skipped in a walkthrough: this step stays as the meeting's record "
                 "has it.")
NO_PAIR = "Not named"


class StepPanel(QWidget):
    def __init__(self, service: AgendaService, runner: EditRunner) -> None:
        super().__init__()
        self.service = service
        self.runner = runner
        self.item: AgendaStep | None = None
        layout = section(self, "Step")
        self.state_note = label(RECORDED_NOTE, "muted", wrap=True)
        layout.addWidget(self.state_note)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # a narrow side panel
        self.title = ShortText("Step title")
        self.title.committed.connect(lambda: self._save(title=self.title.value()))
        form.addRow("Title", self.title)
        self.kind = choice_box("Step kind", [(KIND_NAMES[k], k) for k in StepKind],
                               self._save_kind)
        form.addRow("Kind", self.kind)
        self.minutes = ShortText("Planned minutes", "5")
        self.minutes.committed.connect(self._save_minutes)
        form.addRow("Minutes", self.minutes)
        self.room = LongText("What the room sees", lines=3)
        self.room.textChanged.connect(self._count_room)
        self.room.committed.connect(lambda: self._save_text(self.room, "room"))
        self.room_count = named(label("", "muted"), "Room text length")
        form.addRow("The room sees", self.room)
        form.addRow("", self.room_count)
        self.notes = LongText("Notes (laptop only)", lines=3)
        self.notes.committed.connect(lambda: self._save_text(self.notes, "notes"))
        form.addRow("Notes", self.notes)
        self.pair = QWidget()
        pair = QHBoxLayout(self.pair)
        pair.setContentsMargins(0, 0, 0, 0)
        self.source = named(QComboBox(), "Tie to reveal: from role")
        self.target = named(QComboBox(), "Tie to reveal: to role")
        for combo in (self.source, self.target):
            combo.activated.connect(self._save_pair)
            pair.addWidget(combo)
        self.pair_label = label("Tie to reveal first")
        form.addRow(self.pair_label, self.pair)
        layout.addLayout(form)
        self.hide()

    # -- showing -----------------------------------------------------------------------------

    def show_item(self, item: AgendaStep | None, roles: list[str]) -> None:
        """Show a step (None hides the panel); fields being typed in keep their words."""
        same = self.item is not None and item is not None and self.item.id == item.id
        self.item = item
        self.setVisible(item is not None)
        if item is None:
            return
        step = item.step
        if not (same and self.title.hasFocus()):
            self.title.set_value(step.title)
        if not (same and self.minutes.hasFocus()):
            self.minutes.set_value(number_text(item.planned_minutes))
        for box, text in ((self.room, step.room), (self.notes, step.notes)):
            if not (same and (box.hasFocus() or box.unsaved())):
                box.set_value(text)
        self.kind.setCurrentIndex(max(0, self.kind.findData(step.kind)))
        self._fill_pair(roles, step.roles)
        editable = item.state is StepState.PLANNED
        for widget in (self.title, self.kind, self.minutes, self.room, self.notes,
                       self.source, self.target):
            widget.setEnabled(editable)
        self.state_note.setVisible(not editable)
        reveal = step.kind is StepKind.REVEAL
        self.pair.setVisible(reveal)
        self.pair_label.setVisible(reveal)
        self._count_room()

    def _fill_pair(self, roles: list[str], chosen: tuple[str, str] | None) -> None:
        for combo, name in ((self.source, chosen[0] if chosen else None),
                            (self.target, chosen[1] if chosen else None)):
            combo.clear()
            combo.addItem(NO_PAIR, None)
            for role in roles:
                combo.addItem(role, role)
            if name is not None and combo.findData(name) < 0:
                combo.addItem(f"{name} (not a role now)", name)
            combo.setCurrentIndex(max(0, combo.findData(name)) if name else 0)

    def _count_room(self) -> None:
        length = len(self.room.value().strip())
        self.room_count.setText(f"{length} / {MAX_ROOM_TEXT}")
        self.room_count.setProperty("textRole", "error" if length > MAX_ROOM_TEXT else "muted")
        self.room_count.style().polish(self.room_count)

    # -- saving ------------------------------------------------------------------------------

    def _run(self, command: Callable[[], Edit | None]) -> bool:
        return self.runner.run(command)

    def _save(self, **fields: Any) -> bool:
        item = self.item
        if item is None:
            return False
        ok = self._run(lambda: self.service.set_step(item.id, **fields))
        if not ok and "title" in fields:
            self.title.set_value(self.service.step(item.id).step.title)
        return ok

    def _save_kind(self) -> None:
        self._save(kind=self.kind.currentData())

    def _save_text(self, box: LongText, field: str) -> None:
        item = self.item
        if item is None:
            return
        if not self._save(**{field: box.value()}):
            stored = getattr(self.service.step(item.id).step, field)
            box.keep_unsaved(stored)  # the words stay to be mended

    def _save_minutes(self) -> None:
        item = self.item
        if item is None:
            return

        def command() -> Edit | None:
            minutes = parse_number(self.minutes.value(), "planned time")
            return None if minutes is None else self.service.set_planned_minutes(item.id,
                                                                                 minutes)

        if not self._run(command):
            self.minutes.set_value(number_text(self.service.step(item.id).planned_minutes))

    def _save_pair(self) -> None:
        source, target = self.source.currentData(), self.target.currentData()
        if source is None and target is None:
            self._save(roles=None)
        elif source is not None and target is not None:
            self._save(roles=(source, target))
