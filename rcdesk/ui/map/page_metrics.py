"""The Map page's role metrics (ties given and received, betweenness, brokers) and the
figures above them: at once on a small map, off the UI thread on a big one (and on the first
one of a session, which imports networkx), once the map has been drawn.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QLabel

from rcdesk.analysis.network import NetworkMetrics, network_metrics
from rcdesk.domain.errors import DomainError
from rcdesk.ui.map import arrange
from rcdesk.ui.map.roles_table import RoleMetricsRow

if TYPE_CHECKING:
    from rcdesk.ui.background import Background, Op
    from rcdesk.ui.feedback import Feedback
    from rcdesk.ui.map.scene import MapScene
    from rcdesk.ui.table_model import RecordTableModel
    from rcdesk.ui.workshop_model import WorkshopModel

#: After the map has been drawn, a big map's metrics start off the UI thread.
METRICS_DELAY_MS = 250


class MetricsPanel:
    """The role metrics of MapPage (a mixin: the page holds the table and the worker)."""

    model: WorkshopModel
    scene: MapScene
    feedback: Feedback
    background: Background
    summary: QLabel
    _roles_model: RecordTableModel[RoleMetricsRow]
    metrics_ready: SignalInstance
    _metrics_now: NetworkMetrics | None
    _metrics_generation: int
    _metrics_op: Op | None
    _metrics_waiting: bool
    _metrics_pending: bool


    @property
    def roles_model(self) -> RecordTableModel[RoleMetricsRow]:
        """The Roles tab's table, its metrics asked for first if a rating left them to be
        worked out when needed (see MapPage.refresh_tables)."""
        if self._metrics_pending and not self.metrics_busy():
            self._request_metrics()
        return self._roles_model

    def _on_roles_shown(self) -> None:
        if self._metrics_pending and not self.metrics_busy():
            self._request_metrics()

    def _request_metrics(self) -> None:
        """Small maps get their metrics at once; big ones off the UI thread."""
        if self.scene.pending or self.scene.building():
            self._metrics_pending = True  # asked again once every tie is in, with scores
            return
        service = self.model.service
        roles, ties = service.roles(), service.ties()
        self._metrics_pending = False
        self._metrics_generation += 1
        self._metrics_waiting = False
        if self._metrics_op is not None:  # a result for the map as it was goes nowhere
            self._metrics_op.cancel()
            self._metrics_op = None
        # A small map's metrics at once, unless networkx is still to be imported (0.2-0.6 s:
        # the first visit of the Map stage paid it in its first frame).
        if len(ties) <= arrange.BACKGROUND_TIES and "networkx" in sys.modules:
            self._on_metrics_done(network_metrics(roles, ties, self.scene.scores))
            return
        self.summary.setText("Working out the role metrics…")
        self._metrics_waiting = True
        # networkx holds the GIL while it works: start once the map has been drawn, so
        # opening a big map is not slowed down by its own metrics.
        work = partial(network_metrics, roles, ties, self.scene.scores)
        QTimer.singleShot(METRICS_DELAY_MS, cast(QObject, self),  # the page
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
        self._roles_model.reload()
        self._show_metrics()
        self.metrics_ready.emit()

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
        moved = False
        for role_id, item in self.scene.item_for_role.items():
            spanner = role_id in metrics.boundary_spanners and not quiet
            note = "boundary spanner?" if spanner else ""
            if note != (item.note.text() if item.note is not None else ""):
                item.set_note(note)
                moved = True
        if moved:  # notes came or went: names move to fit them (a rating moves none)
            self.scene.labels_stale.emit()
        parts = [f"Mean RC of all ties: {_fmt(metrics.overall_rc)}",
                 f"between roles only: {_fmt(metrics.between_roles_rc)}"]
        source = self.scene.scores.source.label if self.scene.scores else "no scores yet"
        if self.scene.lens.hidden:
            self.summary.setText("Scores are hidden from the room until you reveal them.")
            return
        self.summary.setText(f"{'; '.join(parts)} ({source}).")


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
