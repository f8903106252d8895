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
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.analysis.network import NetworkMetrics
from rcdesk.domain.scores import WaveScores
from rcdesk.services.edits import Change
from rcdesk.services.scores import ScoresService
from rcdesk.ui.background import Background, Op
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.lazy_tabs import tab_parent
from rcdesk.ui.map.arrange import Arranger
from rcdesk.ui.map.interactions import ConnectMode
from rcdesk.ui.map.legend import Legend
from rcdesk.ui.map.page_export import MapExports
from rcdesk.ui.map.page_lens import LensBar
from rcdesk.ui.map.page_metrics import MetricsPanel
from rcdesk.ui.map.page_rating import SURVEY_TIE_NOTE, TieRating
from rcdesk.ui.map.page_scoring import ScoredMap
from rcdesk.ui.map.roles_table import roles_model
from rcdesk.ui.map.scene import SCORE_INPUTS, MapScene
from rcdesk.ui.map.tie_panel import TiePanel
from rcdesk.ui.map.ties_table import ties_model
from rcdesk.ui.map.view import MapView
from rcdesk.ui.scores.scoring import WaveScoring
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named, record_table
from rcdesk.ui.workshop_model import WorkshopModel

#: A build of this many new ties (the first visit of a big map) comes in pieces, the roles
#: first, whatever its scores' origin: a wave scored ahead (ui/workshop_page.py) has its
#: scores at hand, and its 3,600 tie items made in the first frame took 0.2 s.
TIES_IN_PIECES_FROM = 1000


class MapPage(ScoredMap, LensBar, MetricsPanel, TieRating, QWidget):
    """The page; its reading tools, role metrics, rating and a big wave's scoring live in
    the mixins it is made of (page_lens.py, page_metrics.py, page_rating.py,
    page_scoring.py), its own methods wire them up."""

    metrics_ready = Signal()
    """The role metrics (betweenness, brokers) are up to date."""
    image_exported = Signal(object)
    """An image export is written (its Path)."""
    gap_requested = Signal(int, int)
    """(tie id, wave id): the facilitator wants a gap about this tie (Gaps & Experiments)."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 scores: ScoresService, scoring: WaveScoring,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.scores = scores  # the workshop's one ScoresService, shared with the Scores tab
        self._exports: MapExports | None = None  # made at the first Export Map…
        # A big survey wave is scored off the UI thread (page_scoring.py) by the workshop
        # page's WaveScoring (which waits for it on close); the ties wait for the first
        # set_wave, which the workshop page calls next.
        self.scoring = scoring
        self.scoring.ready.connect(self._on_scored)
        self.scene = MapScene(model, self._scene_scores, pending=True)
        self.scene.pieces_from = TIES_IN_PIECES_FROM
        self.arranger = Arranger(model, runner, self.scene, feedback, self)
        self._metrics_now: NetworkMetrics | None = None
        self._metrics_generation = 0
        self.background = Background(self)  # the metrics of a big map
        self._metrics_op: Op | None = None
        self._metrics_waiting = False  # a big map's metrics wait for the map to be drawn
        self._metrics_pending = False
        self._table_version = -1
        self._fitted_to: tuple[int, int] | None = None  # the viewport size it was left at
        self._refreshed_version = -1  # the scene version the tables and metrics last saw
        # Built top down, each part in place (see lazy_tabs.tab_parent): a part built loose
        # was polished again at each level it was then moved up.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.toolbars = QWidget(self)
        layout.addWidget(self.toolbars)
        splitter = QSplitter(self)
        layout.addWidget(splitter, 1)
        self.view = MapView(self.scene, splitter)
        self.legend = Legend(self.view)
        self.view.dock = self._place_legend
        splitter.addWidget(self.view)
        self.tabs = named(QTabWidget(splitter), "Map side panels")
        splitter.addWidget(self.tabs)
        side = tab_parent(self.tabs)
        self.panel = TiePanel(side)
        self.tabs.addTab(self.panel, "Tie")
        self._ties_model = ties_model(self._tie_rows, self._rate_from_table)
        self.table = record_table("All ties", self._ties_model, stretch_column=1, parent=side)
        # Many columns scroll sideways, where a stretched column shrinks to nothing ("Case …"):
        # both role columns fit their names, and the last column takes what room is left.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tabs.addTab(self.table, "All ties")
        bars = QVBoxLayout(self.toolbars)
        bars.setContentsMargins(0, 0, 0, 0)
        bars.addLayout(self._build_toolbar())
        bars.addLayout(self._build_lens_bar())
        metrics = QWidget(side)
        box = QVBoxLayout(metrics)
        self.summary = label("", "muted", wrap=True)
        box.addWidget(self.summary)
        self._roles_model = roles_model(self._role_rows)
        self.roles_table = record_table("Role metrics", self._roles_model, stretch_column=6,
                                        parent=metrics)
        # Long role names make the table scroll sideways, where the stretched Notes column
        # shrank below its own title: it fits its contents, and fills what room is left.
        notes = self.roles_table.horizontalHeader()
        notes.setSectionResizeMode(6, notes.ResizeMode.ResizeToContents)
        notes.setStretchLastSection(True)
        box.addWidget(self.roles_table, 1)
        self.tabs.addTab(metrics, "Roles")
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 400])
        self.tabs.setMinimumWidth(380)
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
        self.scene.ties_complete.connect(self._on_ties_complete)
        self.panel.rated.connect(self._on_panel_rated)
        self.lens_picker.currentIndexChanged.connect(self._on_lens_changed)
        self.compare_picker.currentIndexChanged.connect(self._on_compare_changed)
        self.model.waves_changed.connect(self._fill_compare_picker)
        self.asymmetry.toggled.connect(self._on_lens_changed)
        self.disagreement.toggled.connect(self._on_lens_changed)
        self.hide_scores.toggled.connect(self._on_hide_toggled)
        self.table.clicked.connect(self._on_table_clicked)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.tabs.currentChanged.connect(self._on_roles_shown)
        self.model.changed.connect(self._on_model_changed)
        self.model.workshop_changed.connect(self._on_model_workshop_changed)
        # A change while another stage is on show: fit again when shown (on screen, the
        # map stays as the user sees it, as before).
        self.scene.labels_stale.connect(self._forget_fit)
        self.model.changed.connect(self._forget_fit)

    def _forget_fit(self) -> None:
        if not self.isVisible():
            self._fitted_to = None

    def detach(self) -> None:
        """The workshop closes: the scene (owned by Python, so it may outlive this page) must
        not call back into a page being destroyed (its last clearSelection would)."""
        self.scene.selectionChanged.disconnect(self._on_scene_selection_changed)
        self.model.changed.disconnect(self._on_model_changed)
        self.model.workshop_changed.disconnect(self._on_model_workshop_changed)
        self.model.waves_changed.disconnect(self._fill_compare_picker)
        self.wait_for_exports()  # an image being written is finished, not cut off

    # -- state shared with the header ----------------------------------------------------------

    def set_wave(self, wave_id: int | None) -> None:
        self._fitted_to = None
        self.scene.set_wave(wave_id)
        self._fill_compare_picker()
        self.show_selected_tie()  # its ratings in this wave
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
        self._fitted_to = None
        # Fitted once the new type and the hidden tools have been laid out: the view fits
        # itself as it is resized then, so only a map whose size did not change (or one
        # zoomed by hand) is fitted here; fitting now, before, was always done again.
        size = self.view.viewport().size()
        QTimer.singleShot(0, self, lambda: self._fit_unless_resized(size))

    def _fit_unless_resized(self, size: QSize) -> None:
        if not self.view.fitted or self.view.viewport().size() == size:
            self.view.fit()

    def _on_model_workshop_changed(self) -> None:
        workshop = self.model.service.workshop()
        self.panel.set_descriptions(workshop.description)

    # -- gestures → commands -------------------------------------------------------------------

    def add_role_at_centre(self) -> None:
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self._on_view_role_requested(centre)

    def _on_view_role_requested(self, point: QPointF) -> None:
        edits = self.model.session.map
        name = edits.free_role_name()
        if self.runner.run(lambda: edits.add_role(name, at=(point.x(), point.y()))):
            role = max(self.model.service.roles(), key=lambda r: r.id)
            item = self.scene.item_for_role.get(role.id)
            if item is not None:
                self.scene.select_only(item)
                self.view.start_rename(item)

    def _on_view_rename_requested(self, role_id: int, name: str) -> None:
        self.runner.run(lambda: self.model.session.map.rename_role(role_id, name))

    def _on_view_tie_drawn(self, source_id: int, target_id: int) -> None:
        service = self.model.service
        if self.runner.run(lambda: self.model.session.map.add_tie(source_id, target_id)):
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
            commands.append(lambda: self.model.session.map.delete_ties(ties))
        commands += [partial(self.model.session.map.delete_role, rid) for rid in roles]
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
            self.runner.run(lambda: self.model.session.map.set_role_positions(moved, text))
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
                           lambda: self.model.session.map.set_pinned(ids, not pinned)))
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

    # -- keeping panels in step (rating and the ties table: page_rating.py; the role metrics:
    # page_metrics.py; lenses and the legend: page_lens.py) ---------------------------------

    def _on_model_changed(self, changes: Change) -> None:
        if not changes & SCORE_INPUTS:
            return
        self.show_selected_tie()  # its ratings, in the Tie panel
        if self.scene.version != self._refreshed_version:  # the scene re-scored the wave
            self._refreshed_version = self.scene.version
            self.refresh_tables(ratings_only=changes == Change.RATINGS)
        else:  # nothing the map shows changed (a rating beside a wave's survey results)
            self._refresh_comparison()  # ... but the compared wave may be the one rated

    def refresh_tables(self, ratings_only: bool = False) -> None:
        """After a change; the role metrics when the Roles tab shows or is read if only
        ratings changed (the map's brokers come from the ties, which ratings leave)."""
        self._place_legend()  # its title names the source, which a change may switch
        self._refresh_comparison()
        self._ties_table_changed()
        if ratings_only and not self.roles_table.isVisible():
            self._metrics_pending = True
        else:
            self._request_metrics()

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

    # -- export ------------------------------------------------------------------------------

    def export_image(self, path: str) -> bool:
        """Start writing the map as it is shown (wave, lens, hidden scores) to PNG or SVG,
        in a child process; False (and a message) if refused at once. `image_exported`
        tells when it is written."""
        if self._exports is None:
            self._exports = MapExports(self)
        return self._exports.start(path)

    def wait_for_exports(self) -> bool:
        """Let an image export under way finish (closing, the self-test)."""
        return self._exports is None or self._exports.wait()

    # -- the connect tool ----------------------------------------------------------------------

    def _on_connect_toggled(self, on: bool) -> None:
        if (self.view.mode.name == "connect") != on:
            self.view.toggle_connect()

    def _on_view_mode_changed(self, name: str) -> None:
        self.connect_button.setChecked(name == "connect")
        if name == "connect":
            self.feedback.note(ConnectMode.hint)
        else:
            self.feedback.note("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()

    def hideEvent(self, event: Any) -> None:
        """The map as it is left: still fitted to this size unless something changes."""
        super().hideEvent(event)
        size = self.view.viewport().size()
        self._fitted_to = (size.width(), size.height()) if self.view.fitted else None

    def showEvent(self, event: Any) -> None:
        """Fit the map when shown, unless it is still fitted as it was left (a stage switch
        placed every label again for nothing)."""
        super().showEvent(event)
        self._place_legend()
        size = self.view.viewport().size()
        if not self.view.fitted or self._fitted_to != (size.width(), size.height()):
            self.view.fit()
        if self._metrics_pending:
            self._request_metrics()
