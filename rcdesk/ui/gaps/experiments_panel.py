"""The experiments of the selected gap: a timeline of cycles and the PDSA form.

The timeline lists each chain of cycles in order, a follow-on indented under the
cycle it adapts, with its status and dates, so the team sees how the idea grew.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from rcdesk.domain.experiments import Act, Experiment, ExperimentStatus, chains
from rcdesk.services.experiments import ExperimentsService
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.gaps.fields import show_date
from rcdesk.ui.gaps.pdsa_form import PdsaForm
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named

ID_ROLE = Qt.ItemDataRole.UserRole


def timeline_text(e: Experiment, number: int) -> str:
    """Two lines: "Cycle 2 · Running · 06 Nov 2026 → 27 Nov 2026", then the change idea."""
    status = f"Decided: {e.act.label.lower()}" if e.act else e.status.label
    when = f"{show_date(e.start)} → {show_date(e.due)}" if e.start or e.due else "no dates yet"
    indent = "    ↳ " if number > 1 else ""
    return f"{indent}Cycle {number} · {status} · {when}\n{' ' * len(indent)}{e.change_idea}"


class ExperimentsPanel(QWidget):
    def __init__(self, service: ExperimentsService, runner: EditRunner,
                 feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # made in its place (its tab's scroll area)
        self.service = service
        self.runner = runner
        self.feedback = feedback
        self.gap_id: int | None = None
        layout = QVBoxLayout(self)
        self.hint = label("", "muted", wrap=True)
        layout.addWidget(self.hint)
        self.timeline = named(QListWidget(), "Timeline of cycles")
        self.timeline.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.timeline.setWordWrap(True)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline.currentItemChanged.connect(self._on_timeline_current)
        layout.addWidget(self.timeline)
        row = QHBoxLayout()
        self.add = button("New experiment", "New experiment", self.add_experiment,
                          tip="Plan a new PDSA cycle for this gap")
        self.follow_on = button("Follow-on cycle", "Add a follow-on cycle", self.add_follow_on,
                                tip="Start the next cycle of an adapted change")
        self.delete = button("Delete", "Delete experiment", self.delete_selected,
                             tip="Delete the selected cycle; Ctrl+Z brings it back")
        for widget in (self.add, self.follow_on):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.delete)
        layout.addLayout(row)
        self.form = PdsaForm(service, runner, self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        self.show_gap(None)

    def show_gap(self, gap_id: int | None) -> None:
        """Show the cycles of a gap (keeps the selected cycle when it is still there)."""
        keep = self.selected_id() if gap_id == self.gap_id else None
        self.gap_id = gap_id
        self.timeline.blockSignals(True)
        self.timeline.clear()
        cycles = self.service.gaps.experiments(gap_id) if gap_id is not None else []
        for chain in chains(cycles):
            for number, e in enumerate(chain, start=1):
                item = QListWidgetItem(timeline_text(e, number))
                item.setData(ID_ROLE, e.id)
                self.timeline.addItem(item)
        self.timeline.blockSignals(False)
        self.add.setEnabled(gap_id is not None)
        self.hint.setText("Each experiment is a PDSA cycle: plan a small change, try it, study "
                          "what happened, then adopt, adapt or abandon it." if not cycles else
                          "Cycles of this gap, oldest first; a follow-on is indented.")
        self.select(keep if keep is not None else (cycles[-1].id if cycles else None))

    def selected_id(self) -> int | None:
        item = self.timeline.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def select(self, experiment_id: int | None) -> None:
        for row in range(self.timeline.count()):
            if self.timeline.item(row).data(ID_ROLE) == experiment_id:
                self.timeline.setCurrentRow(row)
                self._on_timeline_current()
                return
        self._on_timeline_current()

    def selected(self) -> Experiment | None:
        chosen = self.selected_id()
        return next((e for e in self.service.gaps.experiments(self.gap_id)
                     if e.id == chosen), None) if chosen is not None else None

    def _on_timeline_current(self) -> None:
        experiment = self.selected()
        self.form.show_experiment(experiment)
        self.delete.setEnabled(experiment is not None)
        cycles = self.service.gaps.experiments(self.gap_id) if self.gap_id else []
        self.follow_on.setEnabled(
            experiment is not None and experiment.status is ExperimentStatus.DECIDED
            and experiment.act is Act.ADAPT
            and not any(c.previous_id == experiment.id for c in cycles))

    def add_experiment(self) -> None:
        gap_id = self.gap_id
        if gap_id is not None and self.runner.run(
                lambda: self.service.add_experiment(gap_id, "New change idea")):
            self._select_newest()

    def add_follow_on(self) -> None:
        chosen = self.selected_id()
        if chosen is not None and self.runner.run(lambda: self.service.add_follow_on(chosen)):
            self._select_newest()

    def _select_newest(self) -> None:
        cycles = self.service.gaps.experiments(self.gap_id)
        self.show_gap(self.gap_id)
        if cycles:
            self.select(max(c.id for c in cycles))
        self.form.idea.setFocus()
        self.form.idea.selectAll()

    def delete_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None and self.runner.run(
                lambda: self.service.delete_experiment(chosen)):
            self.feedback.deleted("Deleted the experiment")
