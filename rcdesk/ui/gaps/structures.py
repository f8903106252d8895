"""The Structures tab of Gaps & Experiments: how the structures that shape coordination
work for this team in the header's wave, and the side panel of the selected one (issue 19).

The table lists the ten structures of the model, then the team's own; the panel rates,
notes, owns and links the selected one. A re-assessment at follow-up is the same table
in a later wave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTableView, QVBoxLayout, QWidget

from rcdesk.domain.structures import Structure
from rcdesk.services.scores import ScoresService
from rcdesk.services.structure_notes import structure_notes
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.gaps.fields import ShortText
from rcdesk.ui.gaps.structures_table import StructureRow, structure_columns, structure_row
from rcdesk.ui.page_pieces import Pieces
from rcdesk.ui.table_model import RecordTableModel
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, record_table, scrolled
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:
    from rcdesk.ui.gaps.structure_panel import StructurePanel

INTRO = ("How well does each structure help these roles coordinate? Rate it now and where "
         "you want it (1–5), note the evidence, and make the gap that carries out the change.")


def _identity(structure: Structure) -> str:
    """What keeps a structure selected across refreshes: its key (one of the ten, stored or
    not), else its id."""
    return structure.key or f"#{structure.id}"


class StructuresView(QSplitter):
    """The first frame shows the table and the panel's empty place; the panel is made and
    filled in the turn after that frame (or when asked for: `panel`). Each part is made
    in its place (in `parent`), so that it is styled once (issue 23)."""

    gap_requested = Signal(int)
    """Show this gap in the gap log."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 scores: ScoresService, wave_id: int | None, projector: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Structures")
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.service = model.session.structures
        self.scores = scores
        self.wave_id = wave_id
        self.table_model: RecordTableModel[StructureRow] = RecordTableModel(
            structure_columns(), self._rows)
        self._pieces = Pieces(self)
        self._panel: StructurePanel | None = None
        left = QWidget(self)
        box = QVBoxLayout(left)
        box.setContentsMargins(8, 8, 0, 8)
        self.wave_label = label("", "muted", wrap=True)
        self.intro = label(INTRO, "muted", wrap=True)
        box.addWidget(self.intro)
        box.addWidget(self.wave_label)
        self.table: QTableView = record_table("Structures", self.table_model, stretch_column=0,
                                              parent=left)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        box.addWidget(self.table, 1)
        add = QHBoxLayout()
        self.new_name = ShortText("New structure name", "A structure of your own…")
        self.new_name.returnPressed.connect(self.add_structure)
        add.addWidget(self.new_name, 1)
        add.addWidget(button("Add structure", "Add structure", self.add_structure))
        box.addLayout(add)
        self._panel_area = scrolled(QWidget(), "Structure details")
        self.addWidget(self._panel_area)
        self._pieces.add(self._build_panel)
        self.setStretchFactor(0, 5)
        self.setStretchFactor(1, 4)
        for signal in (model.structures_changed, model.roles_changed, model.ties_changed,
                       model.waves_changed, model.gaps_changed, model.ratings_changed,
                       model.survey_changed):
            signal.connect(self.refresh)
        self._selected = ""
        self._refreshing = False  # refresh shows the selected structure once, at its end
        self.refresh()
        self.set_projector(projector)

    def _build_panel(self) -> None:
        from rcdesk.ui.gaps.structure_panel import StructurePanel

        panel = StructurePanel(self.service, self.runner, self._wave, self._notes,
                               self._panel_area.viewport())
        panel.gap_requested.connect(self.gap_requested)
        self._panel = panel
        self._show_selected()  # filled while hidden, then shown whole
        self._panel_area.setWidget(panel)

    @property
    def panel(self) -> StructurePanel:
        """The selected structure's panel (made and filled now if it waits its turn)."""
        self._pieces.finish()
        assert self._panel is not None
        return self._panel

    def set_projector(self, on: bool) -> None:
        """At projector type the room reads the names and the two ratings: the intro and the
        Move and Status columns step aside (the panel still shows the status)."""
        self.intro.setVisible(not on)
        for name in ("Move", "Status"):
            self.table.setColumnHidden(self.table_model.column_index(name), on)
        self.setSizes([600, 500] if on else [560, 450])

    def _wave(self) -> int | None:
        return self.wave_id

    def _notes(self, structure: Structure) -> str:
        return structure_notes(self.service, self.scores, structure, self.wave_id)

    def set_wave(self, wave_id: int | None) -> None:
        """Show the header's wave (a re-assessment at follow-up is a later wave)."""
        self.wave_id = wave_id
        self.refresh()

    def _rows(self) -> list[StructureRow]:
        ratings = self.service.ratings(self.wave_id) if self.wave_id is not None else {}
        return [structure_row(s, ratings.get(s.id)) for s in self.service.structures()]

    def refresh(self) -> None:
        keep = self._selected
        self.table_model.reload()
        wave = next((w for w in self.service.workshop.waves() if w.id == self.wave_id), None)
        self.wave_label.setText(f"Wave: {wave.name} (the header's wave)" if wave else
                                "Add a wave in Overview to assess the structures.")
        row = next((i for i, r in enumerate(self.table_model.records())
                    if _identity(r.structure) == keep), 0)
        if self.table_model.rowCount():
            self._refreshing = True
            try:
                self.table.selectRow(row)
            finally:
                self._refreshing = False
        self._show_selected()

    def selected(self) -> Structure | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table_model.record(rows[0].row()).structure if rows else None

    def _on_selection_changed(self) -> None:
        if not self._refreshing:
            self._show_selected()

    def _show_selected(self) -> None:
        structure = self.selected()
        if structure is not None:
            self._selected = _identity(structure)
        if self._panel is not None:  # else filled once made
            self._panel.show_structure(structure)

    def select_structure(self, key_or_name: str) -> bool:
        """Select a structure by its key (one of the ten) or its name."""
        for i, row in enumerate(self.table_model.records()):
            if key_or_name in (row.structure.key, row.structure.name):
                self.table.selectRow(i)
                return True
        return False

    def add_structure(self) -> None:
        name = self.new_name.text()
        if self.runner.run(lambda: self.service.add_structure(name)):
            self.new_name.clear()
            self.table.selectRow(self.table_model.rowCount() - 1)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
