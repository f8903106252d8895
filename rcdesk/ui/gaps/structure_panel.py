"""The side panel of one structure: rate it now and wanted, note the evidence, own the
change, say what it touches and make the gap that carries it out (issue 19).

Keys: in a rating row 1–5 rate it and 0 clears it; Tab moves on. Every change is saved at
once through the shared EditRunner and is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.structures import SCALE, Structure, StructureStatus
from rcdesk.services.edits import Edit
from rcdesk.services.gap_text import tie_text
from rcdesk.services.structures import StructuresService
from rcdesk.ui.gaps.fields import LongText, ShortText, choice_box, select_data
from rcdesk.ui.map.tie_panel import CLEAR, RatingRow
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named, wraps

SCALE_TEXT = " · ".join(f"{p.value} {p.label.lower()}" for p in SCALE)
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


def _check_list(name: str) -> QListWidget:
    box = named(QListWidget(), name)
    box.setMaximumHeight(150)
    # A long tie ("Physiotherapists → Case managers") wraps onto a second line at
    # projector type rather than losing its end.
    wraps(box)
    return box


class StructurePanel(QWidget):
    gap_requested = Signal(int)
    """Show this gap in the gap log."""

    def __init__(self, service: StructuresService, runner: EditRunner,
                 wave: Callable[[], int | None], notes: Callable[[Structure], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)  # made in its place, each layout placed before filled
        self.service = service
        self.runner = runner
        self._wave = wave
        self._notes = notes
        self.structure: Structure | None = None
        self._filling = False
        layout = QVBoxLayout(self)
        self.heading = label("", "section", wrap=True)
        self.works_well = label("", "muted", wrap=True)
        layout.addWidget(self.heading)
        layout.addWidget(self.works_well)
        self.rows = {"current": RatingRow("current", "How it works now", SCALE_TEXT),
                     "desired": RatingRow("desired", "Where we want it", SCALE_TEXT)}
        for row in self.rows.values():
            row.rated.connect(self._on_row_rated)
            layout.addWidget(row)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)
        self.evidence = LongText("Evidence", lines=3)
        self.evidence.setPlaceholderText("What the team sees that tells you this")
        self.evidence.committed.connect(self._on_evidence_committed)
        form.addRow("Evidence", self.evidence)
        self.name = ShortText("Structure name")
        self.name.committed.connect(self._save_details)
        self.own_line = ShortText("What works well looks like")
        self.own_line.committed.connect(self._save_details)
        form.addRow("Name", self.name)
        form.addRow("Works well", self.own_line)
        self._form = form
        self.owner = choice_box("Structure owner", [], self._save_details, names=True)
        self.owner_name = ShortText("Structure owner name", "Name (optional)")
        self.owner_name.committed.connect(self._save_details)
        owner = QHBoxLayout()
        form.addRow("Owner", owner)
        owner.addWidget(self.owner, 1)
        owner.addWidget(self.owner_name, 1)
        self.status = choice_box("Structure status", [(s.label, s) for s in StructureStatus],
                                 self._save_details)
        form.addRow("Status", self.status)
        layout.addWidget(label("What it touches", "section"))
        self.roles = _check_list("Roles it touches")
        self.ties = _check_list("Ties it touches")
        for box in (self.roles, self.ties):
            box.itemChanged.connect(self._on_link_changed)
        layout.addWidget(label("Roles", "muted"))
        layout.addWidget(self.roles)
        layout.addWidget(label("Ties", "muted"))
        layout.addWidget(self.ties)
        layout.addWidget(label("Carried out by", "section"))
        self.gaps = _check_list("Gaps that carry it out")
        self.gaps.itemActivated.connect(self._on_gap_activated)
        layout.addWidget(self.gaps)
        self.make_gap = button("Make a gap for this structure", "Make a gap for this structure",
                               self._on_make_gap, tip="A gap with this structure's evidence "
                               "and aim, linked to it; plan its PDSA cycles there")
        layout.addWidget(self.make_gap)
        self.delete = button("Delete this structure", "Delete this structure", self._on_delete,
                             tip="Only a structure of the team's own; Ctrl+Z brings it back "
                                 "with its ratings and links")
        layout.addWidget(self.delete)
        self.notes = label("", "muted", wrap=True)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        self.setEnabled(False)

    # -- showing -----------------------------------------------------------------------------

    def show_structure(self, structure: Structure | None) -> None:
        self.structure = structure
        self.setEnabled(structure is not None)
        self._filling = True
        try:
            self._fill(structure)
        finally:
            self._filling = False

    def _fill(self, structure: Structure | None) -> None:
        if structure is None:
            self.heading.setText("Choose a structure")
            self.works_well.setText("")
            self.delete.hide()
            return
        self.heading.setText(structure.name)
        self.works_well.setText(f"Works well when: {structure.works_well}"
                                if structure.works_well else "")
        wave = self._wave()
        rating = self.service.ratings(wave).get(structure.id) if wave and structure.id else None
        self.rows["current"].show_value(rating.current if rating else None)
        self.rows["desired"].show_value(rating.desired if rating else None)
        self.evidence.set_value(rating.evidence if rating else "")
        own = structure.key is None
        for field in (self.name, self.own_line):
            self._form.setRowVisible(field, own)
        self.delete.setVisible(own)
        self.name.set_value(structure.name)
        self.own_line.set_value(structure.works_well)
        self._fill_owner(structure)
        self._fill_links(structure)
        self.notes.setText(self._notes(structure))

    def _fill_owner(self, structure: Structure) -> None:
        self.owner.clear()
        self.owner.addItem("No role", None)
        for role in self.service.workshop.roles():
            self.owner.addItem(role.name, role.id)
        select_data(self.owner, structure.owner_role_id)
        self.owner_name.set_value(structure.owner_name)
        select_data(self.status, structure.status)

    def _fill_links(self, structure: Structure) -> None:
        links = self.service.links(structure.id) if structure.id else None
        roles = self.service.workshop.roles()
        items = [(self.roles, r.id, r.name, links is not None and r.id in links.role_ids)
                 for r in roles]
        names = {r.id: r.name for r in roles}
        items += [(self.ties, t.id, tie_text(t, names), links is not None and t.id in links.tie_ids)
                  for t in self.service.workshop.ties()]
        for box in (self.roles, self.ties, self.gaps):
            box.clear()
        for box, item_id, text, checked in items:
            item = QListWidgetItem(text, box)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setCheckState(CHECKED if checked else UNCHECKED)
        titles = self.service.gap_titles()
        for gap_id in sorted(links.gap_ids if links else ()):
            item = QListWidgetItem(titles.get(gap_id, "(a deleted gap)"), self.gaps)
            item.setData(Qt.ItemDataRole.UserRole, gap_id)

    # -- commands ----------------------------------------------------------------------------

    def _run(self, command: Callable[[], Edit | None]) -> None:
        if self.structure is not None and not self._filling:
            self.runner.run(command)

    def _on_row_rated(self, key: str, value: int) -> None:
        wave, structure = self._wave(), self.structure
        if wave is None or structure is None:
            return
        rating = self.service.ratings(wave).get(structure.id) if structure.id else None
        values = {"current": rating.current if rating else None,
                  "desired": rating.desired if rating else None}
        values[key] = None if value == CLEAR else value
        self._run(lambda: self.service.rate(structure, wave, values["current"],
                                            values["desired"]))

    def _on_evidence_committed(self) -> None:
        wave, structure = self._wave(), self.structure
        if wave is not None and structure is not None:
            self._run(lambda: self.service.set_evidence(structure, wave, self.evidence.value()))

    def _save_details(self) -> None:
        structure = self.structure
        if structure is None:
            return
        changed = replace(structure, owner_role_id=self.owner.currentData(),
                          owner_name=self.owner_name.text(), status=self.status.currentData(),
                          name=self.name.text() if structure.key is None else structure.name,
                          works_well=self.own_line.text() if structure.key is None
                          else structure.works_well)
        self._run(lambda: self.service.update(changed))

    @staticmethod
    def _listed(box: QListWidget) -> set[int]:
        return {int(box.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(box.count())}

    def _checked(self, box: QListWidget) -> list[int]:
        return [int(box.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(box.count())
                if box.item(i).checkState() == CHECKED]

    def _on_link_changed(self) -> None:
        structure = self.structure
        if structure is None or self._filling:
            return
        gaps = [int(self.gaps.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.gaps.count())]
        roles, ties = self._checked(self.roles), self._checked(self.ties)
        # links to a deleted role or tie are not listed; keep them for that deletion's undo
        kept = self.service.links(structure.id) if structure.id else None
        if kept is not None:
            listed_roles = self._listed(self.roles)
            listed_ties = self._listed(self.ties)
            roles += [r for r in kept.role_ids if r not in listed_roles]
            ties += [t for t in kept.tie_ids if t not in listed_ties]
        self._run(lambda: self.service.set_links(structure, roles, ties, gaps))

    def _on_make_gap(self) -> None:
        structure = self.structure
        if structure is not None:
            self._run(lambda: self.service.make_gap(structure, self._wave()))

    def _on_delete(self) -> None:
        structure = self.structure
        if structure is not None and structure.key is None and structure.id:
            self._run(lambda: self.service.delete_structure(structure.id))

    def _on_gap_activated(self, item: QListWidgetItem) -> None:
        self.gap_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
