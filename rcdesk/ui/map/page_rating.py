"""Rating ties from the Map page (the Tie panel, keys 1–5, Tab, N) and the All ties table
beside the map, kept in step with the scene's selection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTableView, QTabWidget

from rcdesk.domain.bands import Band
from rcdesk.domain.errors import ValidationError
from rcdesk.ui.map.disagreement_lens import sort_most_mixed_first
from rcdesk.ui.map.ties_table import TieRow, sort_weakest_first
from rcdesk.ui.table_model import RecordTableModel, select_record

if TYPE_CHECKING:
    from rcdesk.ui.feedback import Feedback
    from rcdesk.ui.map.scene import MapScene
    from rcdesk.ui.map.tie_panel import TiePanel
    from rcdesk.ui.map.view import MapView
    from rcdesk.ui.undo import EditRunner
    from rcdesk.ui.workshop_model import WorkshopModel

SURVEY_TIE_NOTE = ("This tie comes from the survey results. To rate it live, delete, or make "
                   "a gap from it, draw it on the map first (Connect).")


class TieRating:
    """Rating and the ties table of MapPage (a mixin: the page holds the widgets)."""

    model: WorkshopModel
    runner: EditRunner
    feedback: Feedback
    scene: MapScene
    view: MapView
    panel: TiePanel
    tabs: QTabWidget
    table: QTableView
    _ties_model: RecordTableModel[TieRow]
    _table_version: int

    def selected_tie(self) -> int | None:
        ties = self.scene.selected_tie_ids()
        return ties[0] if len(ties) == 1 and not self.scene.selected_role_ids() else None

    def _rate(self, tie_id: int, key: str, value: int | None) -> bool:
        wave_id = self.scene.wave_id
        if tie_id < 0:
            self.feedback.note(SURVEY_TIE_NOTE)
            return False
        if wave_id is None:
            self.feedback.error(ValidationError("wave", "Add a wave on the Overview first."))
            return False
        return self.runner.run(
            lambda: self.model.session.map.set_rating(tie_id, wave_id, key, value))

    def _on_panel_rated(self, key: str, value: int) -> None:
        tie_id = self.selected_tie()
        if tie_id is not None:
            self._rate(tie_id, key, value or None)

    def _on_view_digit_pressed(self, value: int) -> None:
        tie_id = self.selected_tie()
        if tie_id is not None:
            self._rate(tie_id, self.panel.focused_key(), value or None)

    def _rate_from_table(self, row: TieRow, key: str, value: Any) -> bool:
        text = str(value).strip()
        if not text:
            return self._rate(row.id, key, None)
        if text not in {"1", "2", "3", "4", "5"}:
            self.feedback.error(ValidationError("rating", "A rating is a whole number 1–5."))
            return False
        return self._rate(row.id, key, int(text))

    def _on_view_tab_pressed(self, forward: bool) -> None:
        if self.tabs.isVisible():
            self.tabs.setCurrentWidget(self.panel)
            self.panel.step(forward)

    def live_values(self, tie_id: int) -> dict[str, int]:
        wave_id = self.scene.wave_id
        return {} if wave_id is None else self.model.service.tie_ratings(tie_id, wave_id)

    def select_next_unrated(self) -> None:
        ties = self.model.service.ties()
        if not ties:
            return
        rated = {r.tie_id for r in self.model.service.ratings() if r.wave_id == self.scene.wave_id}
        current = self.selected_tie()
        ordered = sorted(ties, key=lambda t: t.id)
        start = next((i + 1 for i, t in enumerate(ordered) if t.id == current), 0)
        for tie in ordered[start:] + ordered[:start]:
            if tie.id not in rated:
                item = self.scene.item_for_tie.get(tie.id)
                self.scene.select_only(item)
                if item is not None:
                    self.view.ensureVisible(item)
                return
        self.feedback.note("Every tie has a rating in this wave.")

    def _on_scene_selection_changed(self) -> None:
        tie_id = self.selected_tie()
        if tie_id is None:
            self.panel.show_tie(None, {}, "")
            return
        self._show_tie_in_panel(tie_id)
        self._select_in_table(tie_id)

    def show_selected_tie(self) -> None:
        """The selected tie's ratings, as they are now, in the Tie panel."""
        tie_id = self.selected_tie()
        if tie_id is not None and tie_id in self.scene.item_for_tie:
            self._show_tie_in_panel(tie_id)

    def _select_in_table(self, tie_id: int) -> None:
        """The tie's row, when the table is the tab shown (else when it is next shown: a
        hidden table is not rebuilt for a selection)."""
        if self.tabs.currentWidget() is self.table:
            select_record(self.table, self.table_model, tie_id)

    def _show_tie_in_panel(self, tie_id: int) -> None:
        item = self.scene.item_for_tie[tie_id]
        roles = self.scene.item_for_role  # the names on the map (no read of every role)
        title = f"{roles[item.source_id].role.name} → {roles[item.target_id].role.name}"
        wave = self.model.service.wave(self.scene.wave_id) if self.scene.wave_id else None
        note = (f"Live ratings for the {wave.name} wave. Keys 1–5 rate the highlighted "
                "dimension; Tab moves on." if wave else "Add a wave to rate ties.")
        self.panel.show_tie(title, self.live_values(tie_id), note)

    @property
    def table_model(self) -> RecordTableModel[TieRow]:
        """The "All ties" table's model, up to date with the scene."""
        self._reload_ties_table()
        return self._ties_model

    def _ties_table_changed(self) -> None:
        """Rebuild the ties table now if it is the tab shown; else when it is next shown or
        read (4,000 rows take a twentieth of a second: opening a map need not pay it)."""
        if self.tabs.currentWidget() is self.table:
            self._reload_ties_table()

    def _on_tab_changed(self) -> None:
        tie_id = self.selected_tie()
        if tie_id is not None:
            self._select_in_table(tie_id)  # rebuilt first when out of date
        elif self.tabs.currentWidget() is self.table:
            self._reload_ties_table()

    def _reload_ties_table(self) -> None:
        """Rebuild the ties table when the scene's ties or scores changed since last time."""
        if self._table_version != self.scene.version:
            self._table_version = self.scene.version
            self._ties_model.reload()

    def _tie_rows(self) -> list[TieRow]:
        if self._table_version < 0:
            return []  # not filled yet (see __init__ and _ties_table_changed)
        names = {r.id: r.name for r in self.model.service.roles()}
        scores = self.scene.scores
        lens = self.scene.lens
        rows = []
        for tie in self.scene.shown_ties():
            score = scores.tie(tie.source_id, tie.target_id) if scores else None
            source, target = names.get(tie.source_id, "?"), names.get(tie.target_id, "?")
            if lens.hidden and tie.id not in lens.revealed:
                # Hidden from the room on the map: in the table beside it too.
                rows.append(TieRow(id=tie.id, source=source, target=target, rc=None,
                                   band=Band.UNRATED, n=None, suppressed=False, dimensions={},
                                   hidden=True))
                continue
            rows.append(TieRow(
                id=tie.id, source=source, target=target,
                rc=score.rc if score else None,
                band=score.band if score else Band.UNRATED,
                n=score.n if score else None,
                suppressed=bool(score and score.suppressed),
                dimensions=dict(score.dimensions) if score else {},
                sd=score.spread.sd if score and score.shown and score.spread else None,
            ))
        if lens.disagreement:
            return sort_most_mixed_first(rows, hidden=lens.hidden)
        return sort_weakest_first(rows, hidden=lens.hidden)

    def _on_table_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            tie_id = self.table_model.record(rows[0].row()).id
            self.scene.select_only(self.scene.item_for_tie.get(tie_id))
