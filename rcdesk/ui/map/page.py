"""The Map page: toolbar, the map view with its legend, and the side panels.

The page turns the view's gestures into service commands (through the shared
EditRunner, so each is one undo step) and keeps the panels in step with the
scene's selection. The scene redraws itself from the model's signals.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QPoint,
    QPointF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.analysis.network import NetworkMetrics, network_metrics
from rcdesk.domain.bands import Band
from rcdesk.domain.dimensions import DIMENSIONS, OVERALL
from rcdesk.domain.errors import DomainError, ValidationError
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.services.edits import Change
from rcdesk.services.scores import ScoresService
from rcdesk.ui.background import Background, Op
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.map import arrange
from rcdesk.ui.map.arrange import Arranger
from rcdesk.ui.map.disagreement_lens import TITLE as DISAGREEMENT_TITLE
from rcdesk.ui.map.disagreement_lens import legend_entries, sort_most_mixed_first
from rcdesk.ui.map.interactions import ConnectMode
from rcdesk.ui.map.legend import Legend
from rcdesk.ui.map.roles_table import RoleMetricsRow, roles_model
from rcdesk.ui.map.scene import SCORE_INPUTS, MapScene
from rcdesk.ui.map.tie_panel import TiePanel
from rcdesk.ui.map.ties_table import TieRow, sort_weakest_first, ties_model
from rcdesk.ui.map.view import MapView
from rcdesk.ui.table_model import RecordTableModel, select_record
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named, record_table
from rcdesk.ui.workshop_model import WorkshopModel

SURVEY_TIE_NOTE = ("This tie comes from the survey results. To rate it live, delete, or make "
                   "a gap from it, draw it on the map first (Connect).")
#: After the map has been drawn, a big map's metrics start off the UI thread.
METRICS_DELAY_MS = 250


class MapPage(QWidget):
    metrics_ready = Signal()
    """The role metrics (betweenness, brokers) are up to date."""
    gap_requested = Signal(int, int)
    """(tie id, wave id): the facilitator wants a gap about this tie (Gaps & Experiments)."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 scores: ScoresService) -> None:
        super().__init__()
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.scores = scores  # the workshop's one ScoresService, shared with the Scores tab
        self.scene = MapScene(model, self.wave_scores)
        self.arranger = Arranger(model, runner, self.scene, feedback, self)
        self._metrics_now: NetworkMetrics | None = None
        self._metrics_generation = 0
        self.background = Background(self)  # the metrics of a big map
        self._metrics_op: Op | None = None
        self._metrics_waiting = False  # a big map's metrics wait for the map to be drawn
        self._metrics_pending = False
        self._table_version = -1
        self.view = MapView(self.scene)
        self.legend = Legend(self.view)
        self.view.dock = self._place_legend
        self.panel = TiePanel()
        self._ties_model = ties_model(self._tie_rows, self._rate_from_table)
        self.table = record_table("All ties", self._ties_model, stretch_column=1)
        # Many columns scroll sideways, where a stretched column shrinks to nothing ("Case …"):
        # both role columns fit their names, and the last column takes what room is left.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.toolbars = QWidget()
        bars = QVBoxLayout(self.toolbars)
        bars.setContentsMargins(0, 0, 0, 0)
        bars.addLayout(self._build_toolbar())
        bars.addLayout(self._build_lens_bar())
        layout.addWidget(self.toolbars)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        self.tabs = named(QTabWidget(), "Map side panels")
        self.tabs.addTab(self.panel, "Tie")
        self.tabs.addTab(self.table, "All ties")
        self.roles_model = roles_model(self._role_rows)
        self.roles_table = record_table("Role metrics", self.roles_model, stretch_column=6)
        # Long role names make the table scroll sideways, where the stretched Notes column
        # shrank below its own title: it fits its contents, and fills what room is left.
        notes = self.roles_table.horizontalHeader()
        notes.setSectionResizeMode(6, notes.ResizeMode.ResizeToContents)
        notes.setStretchLastSection(True)
        self.summary = label("", "muted", wrap=True)
        metrics = QWidget()
        box = QVBoxLayout(metrics)
        box.addWidget(self.summary)
        box.addWidget(self.roles_table, 1)
        self.tabs.addTab(metrics, "Roles")
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 400])
        self.tabs.setMinimumWidth(380)
        layout.addWidget(splitter, 1)
        self._connect()
        self._on_model_workshop_changed()
        # The tables fill on set_wave, which the workshop page calls next: building 4,000
        # rows now would only be measured again by every layout pass while the page is
        # put together.
        self._metrics_pending = True

    def wave_scores(self, wave_id: int | None) -> WaveScores | None:
        """A wave's scores: its survey results when it has them, else the live map ratings."""
        return self.scores.wave_scores(wave_id) if wave_id is not None else None

    def _build_toolbar(self) -> QHBoxLayout:
        """Drawing tools: add, connect, arrange, fit."""
        row = QHBoxLayout()
        row.addWidget(button("Add role", "Add role to the map", self.add_role_at_centre,
                             tip="Add a role (or double-click on empty canvas)"))
        self.connect_button = named(QToolButton(), "Connect tool",
                                    "Draw ties: click a role, then the role its tie goes to (C)")
        self.connect_button.setText("Connect")
        self.connect_button.setCheckable(True)
        self.connect_button.toggled.connect(self._on_connect_toggled)
        row.addWidget(self.connect_button)
        self.layout_button = named(QToolButton(), "Layout", "Arrange the roles")
        self.layout_button.setText("Layout")
        self.layout_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.layout_button)
        menu.addAction("Tidy (roles that work together side by side)",
                       lambda: self.apply_layout("stress"))
        menu.addAction("Circle", lambda: self.apply_layout("circle"))
        menu.addAction("Force-directed", lambda: self.apply_layout("spring"))
        self.layout_button.setMenu(menu)
        row.addWidget(self.layout_button)
        row.addWidget(button("Fit", "Fit the map to the window", self.view.fit,
                             tip="Show the whole map"))
        row.addWidget(button("Gap from tie", "Create a gap from the selected tie",
                             self.request_gap, tip="Record a gap about the selected tie"))
        row.addStretch(1)
        return row

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

    def _connect(self) -> None:
        self.view.tie_drawn.connect(self._on_view_tie_drawn)
        self.view.role_requested.connect(self._on_view_role_requested)
        self.view.rename_requested.connect(self._on_view_rename_requested)
        self.view.delete_requested.connect(self.delete_selection)
        self.view.digit_pressed.connect(self._on_view_digit_pressed)
        self.view.next_unrated_requested.connect(self.select_next_unrated)
        self.view.tab_pressed.connect(self._on_view_tab_pressed)
        self.view.drag_finished.connect(self._on_view_drag_finished)
        self.view.mode_changed.connect(self._on_view_mode_changed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.panel.rated.connect(self._on_panel_rated)
        self.lens_picker.currentIndexChanged.connect(self._on_lens_changed)
        self.compare_picker.currentIndexChanged.connect(self._on_compare_changed)
        self.model.waves_changed.connect(self._fill_compare_picker)
        self.asymmetry.toggled.connect(self._on_lens_changed)
        self.disagreement.toggled.connect(self._on_lens_changed)
        self.hide_scores.toggled.connect(self._on_hide_toggled)
        self.table.clicked.connect(self._on_table_clicked)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.model.changed.connect(self._on_model_changed)
        self.model.workshop_changed.connect(self._on_model_workshop_changed)

    def detach(self) -> None:
        """The workshop closes: the scene (owned by Python, so it may outlive this page) must
        not call back into a page being destroyed (its last clearSelection would)."""
        self.scene.selectionChanged.disconnect(self._on_scene_selection_changed)
        self.model.changed.disconnect(self._on_model_changed)
        self.model.workshop_changed.disconnect(self._on_model_workshop_changed)
        self.model.waves_changed.disconnect(self._fill_compare_picker)

    # -- state shared with the header ----------------------------------------------------------

    def set_wave(self, wave_id: int | None) -> None:
        self.scene.set_wave(wave_id)
        self._fill_compare_picker()
        self._refresh_when_shown()
        self._place_legend()

    def set_projector(self, on: bool) -> None:
        """Projector mode: larger labels, and the map gets the room's whole attention."""
        lens = self.scene.lens
        if lens.projector != on:
            lens.projector = on
            self.scene.set_lens(lens)
        self.tabs.setVisible(not on)
        # The room sees the map, not the tools; the map's keys keep working (C, N, 1–5).
        self.toolbars.setVisible(not on)
        self._show_metrics()
        self._place_legend()
        self.view.fit()

    def _on_model_workshop_changed(self) -> None:
        workshop = self.model.service.workshop()
        self.panel.set_descriptions(workshop.description)

    # -- gestures → commands -------------------------------------------------------------------

    def add_role_at_centre(self) -> None:
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self._on_view_role_requested(centre)

    def _on_view_role_requested(self, point: QPointF) -> None:
        service = self.model.service
        name = service.free_role_name()
        if self.runner.run(lambda: service.add_role(name, at=(point.x(), point.y()))):
            role = max(service.roles(), key=lambda r: r.id)
            item = self.scene.item_for_role.get(role.id)
            if item is not None:
                self.scene.select_only(item)
                self.view.start_rename(item)

    def _on_view_rename_requested(self, role_id: int, name: str) -> None:
        self.runner.run(lambda: self.model.service.rename_role(role_id, name))

    def _on_view_tie_drawn(self, source_id: int, target_id: int) -> None:
        service = self.model.service
        if self.runner.run(lambda: service.add_tie(source_id, target_id)):
            tie = next(t for t in service.ties() if (t.source_id, t.target_id) ==
                       (source_id, target_id))
            self.scene.select_only(self.scene.item_for_tie.get(tie.id))

    def delete_selection(self) -> None:
        service = self.model.service
        ties, roles = self.scene.selected_tie_ids(), self.scene.selected_role_ids()
        if any(t < 0 for t in ties):
            self.feedback.note(SURVEY_TIE_NOTE)
            ties = [t for t in ties if t >= 0]
        role_ties = {t.id for t in service.ties() if t.source_id in roles or t.target_id in roles}
        ties = [t for t in ties if t not in role_ties]
        commands: list[Callable[[], Any]] = []
        if ties:
            commands.append(lambda: service.delete_ties(ties))
        commands += [partial(service.delete_role, rid) for rid in roles]
        if len(commands) == 1:
            self.runner.run(commands[0])
        elif commands:
            self.runner.run_many("Delete selection", commands)
        if commands:
            what = "roles and ties" if roles and ties else ("roles" if roles else "ties")
            self.feedback.deleted(f"Deleted {len(roles) + len(ties)} {what}"
                                  if len(roles) + len(ties) > 1 else
                                  ("Deleted the role and its ties" if roles else
                                   "Deleted the tie"))

    def _on_view_drag_finished(self) -> None:
        # A click while a layout glides would save the roles half-way: land them first.
        self.scene.finish_animation()
        saved = self.scene.saved_positions()
        moved = {}
        for role_id, item in self.scene.item_for_role.items():
            here = (item.pos().x(), item.pos().y())
            if role_id in saved and here != saved[role_id]:
                moved[role_id] = here
        if moved:
            text = "Move role" if len(moved) == 1 else "Move roles"
            self.runner.run(lambda: self.model.service.set_role_positions(moved, text))
        self.view.place_labels()

    def apply_layout(self, kind: str) -> None:
        """Arrange unpinned roles ("stress", "circle" or "spring"); animated, one undo step."""
        self.arranger.apply(kind)

    def _on_view_context_menu(self, at: QPoint) -> None:
        role = self.scene.role_at(self.view.mapToScene(at))
        if role is None:
            return
        if not role.isSelected():
            self.scene.select_only(role)
        ids = self.scene.selected_role_ids()
        menu = QMenu(self.view)
        pinned = role.role.pinned
        menu.addAction("Unpin position" if pinned else "Pin position",
                       lambda: self.runner.run(
                           lambda: self.model.service.set_pinned(ids, not pinned)))
        menu.addAction("Rename", lambda: self.view.start_rename(role))
        menu.addAction("Delete", self.delete_selection)
        menu.popup(self.view.viewport().mapToGlobal(at))

    def request_gap(self) -> None:
        tie_id, wave_id = self.selected_tie(), self.scene.wave_id
        if tie_id is not None and tie_id < 0:
            self.feedback.note(SURVEY_TIE_NOTE)
            return
        if tie_id is None or wave_id is None:
            self.feedback.note("Select one tie on the map first, then choose “Gap from tie”.")
            return
        self.gap_requested.emit(tie_id, wave_id)

    # -- rating ------------------------------------------------------------------------------

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
            lambda: self.model.service.set_rating(tie_id, wave_id, key, value))

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
        return {r.dimension: r.value for r in self.model.service.ratings()
                if r.tie_id == tie_id and r.wave_id == wave_id}

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

    # -- keeping panels in step ----------------------------------------------------------------

    def _on_scene_selection_changed(self) -> None:
        tie_id = self.selected_tie()
        if tie_id is None:
            self.panel.show_tie(None, {}, "")
            return
        self._show_tie_in_panel(tie_id)
        select_record(self.table, self.table_model, tie_id)

    def _show_tie_in_panel(self, tie_id: int) -> None:
        item = self.scene.item_for_tie[tie_id]
        names = {r.id: r.name for r in self.model.service.roles()}
        title = f"{names[item.source_id]} → {names[item.target_id]}"
        wave = self.model.service.wave(self.scene.wave_id) if self.scene.wave_id else None
        note = (f"Live ratings for the {wave.name} wave. Keys 1–5 rate the highlighted "
                "dimension; Tab moves on." if wave else "Add a wave to rate ties.")
        self.panel.show_tie(title, self.live_values(tie_id), note)

    def _on_model_changed(self, changes: Change) -> None:
        if changes & SCORE_INPUTS:  # after the scene has re-scored the wave
            self.refresh_tables()

    def refresh_tables(self) -> None:
        self._place_legend()  # its title names the source, which a change may switch
        self._refresh_comparison()
        self._ties_table_changed()
        self._request_metrics()

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
        if self.tabs.currentWidget() is self.table:
            self._reload_ties_table()

    def _reload_ties_table(self) -> None:
        """Rebuild the ties table when the scene's ties or scores changed since last time."""
        if self._table_version != self.scene.version:
            self._table_version = self.scene.version
            self._ties_model.reload()

    def _refresh_when_shown(self) -> None:
        """The tables now; the network metrics (networkx: 0.3 s to import) once the map shows.

        Opening a workshop builds this page hidden, so a cold start never pays for them.
        """
        self._refresh_comparison()
        self._ties_table_changed()
        if self.isVisible():
            self._request_metrics()
        else:
            self._metrics_pending = True

    # -- the change lens ---------------------------------------------------------------------

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

    def _request_metrics(self) -> None:
        """Small maps get their metrics at once; big ones off the UI thread."""
        service = self.model.service
        roles, ties = service.roles(), service.ties()
        self._metrics_pending = False
        self._metrics_generation += 1
        self._metrics_waiting = False
        if self._metrics_op is not None:  # a result for the map as it was goes nowhere
            self._metrics_op.cancel()
            self._metrics_op = None
        if len(ties) <= arrange.BACKGROUND_TIES:
            self._on_metrics_done(network_metrics(roles, ties, self.scene.scores))
            return
        self.summary.setText("Working out the role metrics…")
        self._metrics_waiting = True
        # networkx holds the GIL while it works: start once the map has been drawn, so
        # opening a big map is not slowed down by its own metrics.
        work = partial(network_metrics, roles, ties, self.scene.scores)
        QTimer.singleShot(METRICS_DELAY_MS, self,
                          partial(self._start_metrics, self._metrics_generation, work))

    def _start_metrics(self, generation: int, work: Callable[[], object]) -> None:
        if generation != self._metrics_generation:
            return  # superseded before it started
        self._metrics_waiting = False
        self._metrics_op = self.background.run(work, self._on_metrics_done,
                                               self._on_metrics_failed)

    def metrics_busy(self) -> bool:
        """True while the role metrics are still being worked out."""
        return self._metrics_waiting or self._metrics_op is not None

    def _on_metrics_failed(self, error: DomainError) -> None:
        self._metrics_op = None
        self.summary.setText("")  # no longer working them out
        self.feedback.error(error)

    def _on_metrics_done(self, metrics: object) -> None:
        self._metrics_op = None
        assert isinstance(metrics, NetworkMetrics)
        self._metrics_now = metrics
        self.roles_model.reload()
        self._show_metrics()
        self.metrics_ready.emit()
        tie_id = self.selected_tie()
        if tie_id is not None and tie_id in self.scene.item_for_tie:
            self._show_tie_in_panel(tie_id)

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

    def _role_rows(self) -> list[RoleMetricsRow]:
        metrics = self._metrics_now
        if metrics is None or len(metrics.roles) != len(self.model.service.roles()):
            return []
        hidden = self.scene.lens.hidden  # no role's mean while the room has not seen them
        return [RoleMetricsRow(
            id=role.id, name=role.name, given=m.ties_given, received=m.ties_received,
            mean_given=None if hidden else m.mean_given,
            mean_received=None if hidden else m.mean_received,
            betweenness=m.betweenness, spanner=m.boundary_spanner,
            has_strong_tie=None if hidden else m.has_strong_tie)
            for role, m in zip(self.model.service.roles(), metrics.roles, strict=True)]

    def _show_metrics(self) -> None:
        """The overall figures above the table, and broker notes on the map."""
        metrics = self._metrics_now
        if metrics is None:
            return
        # Analysis notes are for the laptop; the projected map stays calm.
        quiet = self.scene.lens.hidden or self.scene.lens.projector
        for role_id, item in self.scene.item_for_role.items():
            spanner = role_id in metrics.boundary_spanners and not quiet
            item.set_note("boundary spanner?" if spanner else "")
        self.scene.labels_stale.emit()  # notes came or went: names move to fit them
        parts = [f"Mean RC of all ties: {_fmt(metrics.overall_rc)}",
                 f"between roles only: {_fmt(metrics.between_roles_rc)}"]
        source = self.scene.scores.source.label if self.scene.scores else "no scores yet"
        if self.scene.lens.hidden:
            self.summary.setText("Scores are hidden from the room until you reveal them.")
            return
        self.summary.setText(f"{'; '.join(parts)} ({source}).")

    def _on_table_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            tie_id = self.table_model.record(rows[0].row()).id
            self.scene.select_only(self.scene.item_for_tie.get(tie_id))

    # -- export ------------------------------------------------------------------------------

    def export_image(self, path: str) -> bool:
        """Write the map as it is shown (wave, lens, hidden scores) to PNG or SVG."""
        from rcdesk.reports.map_image import map_figure, write_map_image

        service = self.model.service
        workshop = service.workshop()
        wave = service.wave(self.scene.wave_id).name if self.scene.wave_id else ""
        lens = self.scene.lens
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            figure = map_figure(
                service.roles(), self.scene.shown_ties(), self.scene.scores, lens=lens.key,
                hidden=lens.hidden, projector=lens.projector,
                title=f"{workshop.title} — {wave}" if wave else workshop.title,
                weak_below=workshop.settings.weak_below,
                strong_above=workshop.settings.strong_above)
            written = write_map_image(figure, path)
        except DomainError as exc:
            self.feedback.error(exc)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.feedback.note(f"Map saved to {written}")
        return True

    # -- lenses ------------------------------------------------------------------------------

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
        self.roles_model.reload()

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

    def _on_connect_toggled(self, on: bool) -> None:
        if (self.view.mode.name == "connect") != on:
            self.view.toggle_connect()

    def _on_view_mode_changed(self, name: str) -> None:
        self.connect_button.setChecked(name == "connect")
        if name == "connect":
            self.feedback.note(ConnectMode.hint)
        else:
            self.feedback.note("")

    def _place_legend(self) -> None:
        lens = self.scene.lens
        title = "Tie strength" if lens.key in (None, OVERALL) else \
            next(d.name for d in DIMENSIONS if d.key == lens.key)
        change = self.scene.comparison is not None
        if change:
            title = self.compare_picker.currentText()
        elif self.scene.scores is not None and not lens.hidden:
            source = self.scene.scores.source  # which source the map shows
            title = f"{title} ({'survey' if source is ScoreSource.SURVEY else 'live ratings'})"
        entries = legend_entries() if lens.disagreement and not change else None
        if entries is not None and not lens.hidden:
            title = DISAGREEMENT_TITLE
        self.legend.configure(lens.hidden and not lens.revealed, title,
                              16.0 if lens.projector else 10.0, change, entries)
        self.legend.dock(self.view)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._place_legend()
        self.view.fit()
        if self._metrics_pending:
            self._request_metrics()


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
