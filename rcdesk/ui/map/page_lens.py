"""The Map page's reading tools: the lens (overall RC or one dimension), the change lens
(change since an earlier wave), asymmetric pairs, hiding and revealing scores, and the legend
that names what the map shows. A new lens (a disagreement lens, say) belongs here: a control
in the lens bar, a field of the scene's Lens, and the legend's title.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPushButton

from rcdesk.domain.dimensions import DIMENSIONS, OVERALL
from rcdesk.domain.errors import DomainError
from rcdesk.domain.scores import ScoreSource
from rcdesk.ui.map.disagreement_lens import TITLE as DISAGREEMENT_TITLE
from rcdesk.ui.map.disagreement_lens import legend_entries
from rcdesk.ui.widgets import button, named

if TYPE_CHECKING:
    from rcdesk.services.scores import ScoresService
    from rcdesk.ui.feedback import Feedback
    from rcdesk.ui.map.legend import Legend
    from rcdesk.ui.map.roles_table import RoleMetricsRow
    from rcdesk.ui.map.scene import MapScene
    from rcdesk.ui.map.view import MapView
    from rcdesk.ui.table_model import RecordTableModel
    from rcdesk.ui.workshop_model import WorkshopModel


class LensBar:
    """The lens controls of MapPage (a mixin: the page holds the widgets and the scene)."""

    model: WorkshopModel
    scene: MapScene
    view: MapView
    legend: Legend
    scores: ScoresService
    feedback: Feedback
    _roles_model: RecordTableModel[RoleMetricsRow]
    lens_picker: QComboBox
    compare_picker: QComboBox
    asymmetry: QCheckBox
    disagreement: QCheckBox
    hide_scores: QCheckBox
    reveal_next: QPushButton
    _table_version: int

    refresh_tables: Callable[[], None]
    _ties_table_changed: Callable[[], None]
    _show_metrics: Callable[[], None]

    def _build_lens_bar(self) -> QHBoxLayout:
        """Reading tools: the lens, asymmetric pairs, hiding and revealing scores."""
        row = QHBoxLayout()
        self.lens_picker = named(QComboBox(), "Lens", "Colour ties by overall RC or one dimension")
        self.lens_picker.addItem("Overall RC", None)
        for dim in DIMENSIONS:
            self.lens_picker.addItem(dim.name, dim.key)
        row.addWidget(self.lens_picker)
        self.compare_picker = named(QComboBox(), "Change since",
                                    "Colour ties by how they changed since an earlier wave")
        row.addWidget(self.compare_picker)
        self.asymmetry = named(QCheckBox("Asymmetric pairs"), "Highlight asymmetric pairs",
                               "Highlight pairs whose two directions differ by 1.0 or more")
        row.addWidget(self.asymmetry)
        self.disagreement = named(QCheckBox("Where we disagree"), "Where we disagree",
                                  "Draw ties by how differently their respondents rate them; "
                                  "All ties lists the most mixed first")
        row.addWidget(self.disagreement)
        row.addStretch(1)
        self.hide_scores = named(QCheckBox("Hide scores"), "Hide scores",
                                 "Show the map without numbers or colours until you reveal them")
        row.addWidget(self.hide_scores)
        self.reveal_next = button("Reveal next", "Reveal the next tie", self.reveal_next_tie,
                                  tip="Reveal one tie, strongest first")
        self.reveal_next.setEnabled(False)
        row.addWidget(self.reveal_next)
        return row

    def _fill_compare_picker(self) -> None:
        """Earlier waves to compare the shown wave with (the picker keeps its choice)."""
        chosen = self.compare_picker.currentData()
        self.compare_picker.blockSignals(True)
        self.compare_picker.clear()
        self.compare_picker.addItem("No change lens", None)
        for wave in self.model.service.waves():
            if wave.id != self.scene.wave_id:
                self.compare_picker.addItem(f"Change since {wave.name}", wave.id)
        index = self.compare_picker.findData(chosen)
        self.compare_picker.setCurrentIndex(max(index, 0))
        self.compare_picker.blockSignals(False)
        self.scene.lens.compare_wave = self.compare_picker.currentData()

    def _on_compare_changed(self) -> None:
        self.scene.lens.compare_wave = self.compare_picker.currentData()
        self.refresh_tables()
        self._place_legend()
        self.view.fit()  # the change legend is taller: keep roles clear of it

    def _refresh_comparison(self) -> None:
        before, after = self.scene.lens.compare_wave, self.scene.wave_id
        comparison = None
        if before is not None and after is not None:
            try:
                comparison = self.scores.compare(before, after)
            except DomainError as exc:
                self.feedback.error(exc)
        self.scene.set_comparison(comparison)

    def _on_lens_changed(self) -> None:
        lens = self.scene.lens
        lens.key = self.lens_picker.currentData()
        lens.asymmetry = self.asymmetry.isChecked()
        lens.disagreement = self.disagreement.isChecked()
        self.scene.set_lens(lens)
        self._place_legend()
        self.refresh_tables()

    def _on_hide_toggled(self, hidden: bool) -> None:
        lens = self.scene.lens
        lens.hidden = hidden
        lens.revealed = set()
        self.reveal_next.setEnabled(hidden)
        self.scene.set_lens(lens)
        self._place_legend()
        self._show_metrics()
        self._tables_follow_lens()

    def _tables_follow_lens(self) -> None:
        """The tables beside the map show what the map shows (hidden scores stay hidden)."""
        self._table_version = -2  # rebuilt on the next read or at once if shown
        self._ties_table_changed()
        self._roles_model.reload()

    def reveal_next_tie(self) -> None:
        """Reveal one more tie while scores are hidden: strongest first, then down."""
        lens = self.scene.lens
        hidden = [tid for tid in self.scene.item_for_tie if tid not in lens.revealed]
        if not hidden:
            return
        best = max(hidden, key=lambda tid: (self.scene.tie_value(tid) is not None,
                                            self.scene.tie_value(tid) or 0.0, -tid))
        lens.revealed.add(best)
        self.scene.set_lens(lens)
        self._tables_follow_lens()
        self.scene.select_only(self.scene.item_for_tie[best])

    def _place_legend(self) -> None:
        lens = self.scene.lens
        title = "Tie strength" if lens.key in (None, OVERALL) else \
            next(d.name for d in DIMENSIONS if d.key == lens.key)
        change = self.scene.comparison is not None
        if change:
            title = self.compare_picker.currentText()
        elif self.scene.pending:  # a big wave scored off the UI thread (scoring.py)
            title = f"{title} (scoring the survey…)"
        elif self.scene.scores is not None and not lens.hidden:
            source = self.scene.scores.source  # which source the map shows
            title = f"{title} ({'survey' if source is ScoreSource.SURVEY else 'live ratings'})"
        entries = legend_entries() if lens.disagreement and not change else None
        if entries is not None and not lens.hidden:
            title = DISAGREEMENT_TITLE
        self.legend.configure(lens.hidden and not lens.revealed, title,
                              16.0 if lens.projector else 10.0, change, entries)
        self.legend.dock(self.view)
