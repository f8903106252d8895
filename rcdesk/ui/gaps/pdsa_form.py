"""The PDSA form of the selected experiment: plan, do, study, act.

Fields save when the user leaves them (one undo step each). The cycle moves on
only through its buttons: one step at a time, and deciding records adopt, adapt
or abandon (domain.md §7).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rcdesk.domain.errors import DomainError
from rcdesk.domain.experiments import (
    Act,
    Experiment,
    ExperimentStatus,
    Method,
    next_experiment_status,
)
from rcdesk.services.experiments import ExperimentsService
from rcdesk.ui.gaps.fields import DateField, LongText, ShortText, choice_box, select_data
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label

STEP_VERBS = {ExperimentStatus.RUNNING: "Start running",
              ExperimentStatus.STUDYING: "Start studying"}
AS_PLANNED = (("Not known yet", None), ("Yes", True), ("No", False))


class PdsaForm(QWidget):
    def __init__(self, service: ExperimentsService, runner: EditRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)  # made in place, each layout placed before it is filled
        self.service = service
        self.runner = runner
        self.experiment: Experiment | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        self.method = choice_box("Improvement method", [(m.label, m) for m in Method],
                                 self._save)
        self.idea = ShortText("Change idea")
        self.prediction = LongText("Prediction", 2)
        self.why = LongText("Why we predict this", 2)
        self.texts: dict[str, ShortText] = {
            name: ShortText(f"Plan: {name}") for name in ("who", "what", "when", "where")}
        self.data = ShortText("Plan: data to collect")
        self.start = DateField("Start date")
        self.due = DateField("Check date")
        self.as_planned = choice_box("Ran as planned", AS_PLANNED, self._save)
        self.observations = LongText("Observations", 2)
        self.results = LongText("Results against the prediction", 2)
        self.learning = LongText("What we learned", 2)
        for title, rows in (
            ("Plan", (("Method", self.method), ("Change idea", self.idea),
                      ("Prediction", self.prediction), ("Why", self.why),
                      *((n.capitalize(), w) for n, w in self.texts.items()),
                      ("Data to collect", self.data), ("Start", self.start),
                      ("Check on", self.due))),
            ("Do", (("Ran as planned?", self.as_planned), ("Observations", self.observations))),
            ("Study", (("Results", self.results), ("Learning", self.learning))),
        ):
            layout.addWidget(label(title, "section"))
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            layout.addLayout(form)
            for text, widget in rows:
                form.addRow(text, widget)
        layout.addWidget(label("Act", "section"))
        layout.addLayout(self._build_act())
        fields: tuple[ShortText | LongText | DateField, ...] = (
            self.idea, self.prediction, self.why, *self.texts.values(), self.data, self.start,
            self.due, self.observations, self.results, self.learning)
        for field in fields:
            field.committed.connect(self._save)

    def _build_act(self) -> QVBoxLayout:
        """The cycle's status, then its step buttons, then the three decisions, each on a
        line of its own (in one row they made the panel wider than its half of the stage)."""
        act = QVBoxLayout()
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Cycle status")
        act.addWidget(self.status_label)
        self.step_buttons = {s: button(v, f"Cycle: {v}", partial(self.set_status, s))
                             for s, v in STEP_VERBS.items()}
        self.decide_buttons = {a: button(a.label, f"Decide: {a.label}", partial(self.decide, a),
                                         tip=f"Decide to {a.value} the change")
                               for a in Act}
        for buttons in (self.step_buttons.values(), self.decide_buttons.values()):
            row = QHBoxLayout()
            for push in buttons:
                row.addWidget(push)
            row.addStretch(1)
            act.addLayout(row)
        return act

    def show_experiment(self, experiment: Experiment | None) -> None:
        if experiment is None or self.experiment is None or experiment.id != self.experiment.id:
            self.error.hide()
        self.experiment = experiment
        self.setEnabled(experiment is not None)
        if experiment is None:
            return
        e = experiment
        select_data(self.method, e.method)
        self.idea.set_value(e.change_idea)
        self.prediction.set_value(e.prediction)
        self.why.set_value(e.prediction_why)
        for name, widget in self.texts.items():
            widget.set_value(getattr(e, f"plan_{name}"))
        self.data.set_value(e.plan_data)
        self.start.set_value(e.start)
        self.due.set_value(e.due)
        select_data(self.as_planned, e.do_as_planned)
        self.observations.set_value(e.do_observations)
        self.results.set_value(e.study_results)
        self.learning.set_value(e.study_learning)
        decided = f": {e.act.label.lower()}" if e.act else ""
        self.status_label.setText(f"{e.status.label}{decided}")
        following = next_experiment_status(e.status)
        for status, step in self.step_buttons.items():
            step.setVisible(status is following)
        for decide in self.decide_buttons.values():
            decide.setVisible(e.status is ExperimentStatus.STUDYING)

    def show_error(self, exc: DomainError) -> None:
        self.error.setText(str(exc))
        self.error.show()

    def edited(self) -> Experiment:
        assert self.experiment is not None
        plans: dict[str, Any] = {f"plan_{name}": w.value() for name, w in self.texts.items()}
        return replace(
            self.experiment, method=self.method.currentData(), change_idea=self.idea.value(),
            prediction=self.prediction.value(), prediction_why=self.why.value(),
            plan_data=self.data.value(), start=self.start.value(), due=self.due.value(),
            do_as_planned=self.as_planned.currentData(),
            do_observations=self.observations.value(), study_results=self.results.value(),
            study_learning=self.learning.value(), **plans)

    def _save(self) -> None:
        if self.experiment is not None and self.runner.run(
                lambda: self.service.update_experiment(self.edited()), on_error=self.show_error):
            self.error.hide()

    def set_status(self, status: ExperimentStatus) -> None:
        if self.experiment is not None:
            experiment_id = self.experiment.id
            self.runner.run(lambda: self.service.set_status(experiment_id, status),
                            on_error=self.show_error)

    def decide(self, act: Act) -> None:
        if self.experiment is not None:
            experiment_id = self.experiment.id
            self.runner.run(lambda: self.service.set_status(
                experiment_id, ExperimentStatus.DECIDED, act), on_error=self.show_error)
