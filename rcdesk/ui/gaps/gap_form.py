"""The side panel that edits the selected gap: every field, its measure and interventions.

Each field saves when the user leaves it (one undo step, named after the field);
the status moves only through the buttons the rules allow. A message above the
form names the field when something cannot be saved, and the typed text stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.domain.errors import DomainError
from rcdesk.domain.gaps import (
    AreaKind,
    Direction,
    Gap,
    GapStatus,
    Measure,
    Priority,
    allowed_statuses,
)
from rcdesk.domain.interventions import OUTCOMES
from rcdesk.services.gap_text import tie_text
from rcdesk.services.gaps import GapsService
from rcdesk.services.suggestions import Suggestion
from rcdesk.ui.gaps.fields import (
    DateField,
    LongText,
    ShortText,
    choice_box,
    number_text,
    parse_number,
    select_data,
)
from rcdesk.ui.gaps.interventions_box import InterventionsBox
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label

#: gap → (suggestions, the reason in words, e.g. "for the weak dimensions of this tie")
SuggestionSource = Callable[[Gap], tuple[list[Suggestion], str]]
STATUS_VERBS = {GapStatus.IN_PROGRESS: "Start", GapStatus.DONE: "Mark done",
                GapStatus.DROPPED: "Drop", GapStatus.OPEN: "Reopen"}


class GapForm(QWidget):
    def __init__(self, service: GapsService, runner: EditRunner,
                 suggestions: SuggestionSource, parent: QWidget | None = None) -> None:
        # Each layout is placed before it is filled: a widget is made loose and moved once,
        # not again with every container (each move styles it again).
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self._suggestions = suggestions
        self.gap: Gap | None = None
        layout = QVBoxLayout(self)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)
        self.title = ShortText("Gap title")
        form.addRow("Title", self.title)
        self.area_kind = choice_box("Area kind", [("Not chosen yet", None)] +
                                    [(k.label, k) for k in AreaKind], self._on_area_kind)
        self.area_item = choice_box("Area", [], self._save, names=True)
        self.focus = choice_box("Dimension in focus", [("Whole tie", None)] +
                                [(d.name, d.key) for d in DIMENSIONS], self._save)
        form.addRow("Area", self.area_kind)
        form.addRow("", self.area_item)
        form.addRow("", self.focus)
        self.current = LongText("Current state")
        self.desired = LongText("Desired state")
        form.addRow("Current state", self.current)
        form.addRow("Desired state", self.desired)
        self._build_status(form)
        layout.addWidget(label("Measure", "section"))
        self._build_measure(layout)
        layout.addWidget(label("Interventions", "section"))
        self.interventions = InterventionsBox()
        layout.addWidget(self.interventions)
        layout.addStretch(1)
        self._connect()

    def _build_status(self, form: QFormLayout) -> None:
        self.priority = choice_box("Priority", [(p.label, p) for p in Priority], self._save)
        self.owner_role = choice_box("Owner role", [], self._save, names=True)
        self.owner_name = ShortText("Owner name", "Name (optional)")
        owner = QHBoxLayout()
        form.addRow("Priority", self.priority)
        form.addRow("Owner", owner)
        owner.addWidget(self.owner_role, 1)
        owner.addWidget(self.owner_name, 1)
        self.due = DateField("Due date")
        form.addRow("Due", self.due)
        row = QHBoxLayout()
        form.addRow("Status", row)
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Gap status")
        row.addWidget(self.status_label)
        self.status_buttons = {s: button(STATUS_VERBS[s], f"Gap status: {STATUS_VERBS[s]}",
                                         partial(self.set_status, s)) for s in STATUS_VERBS}
        for widget in self.status_buttons.values():
            row.addWidget(widget)
        row.addStretch(1)

    def _build_measure(self, layout: QVBoxLayout) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)
        self.measure_name = ShortText("Measure name", "What you will count")
        self.unit = ShortText("Measure unit", "%, minutes, per week…")
        self.direction = choice_box("Direction", [(d.label, d) for d in Direction], self._save)
        self.baseline = ShortText("Baseline value")
        self.baseline_date = DateField("Baseline date")
        self.target = ShortText("Target value")
        self.target_date = DateField("Target date")
        form.addRow("Measure", self.measure_name)
        form.addRow("Unit", self.unit)
        form.addRow("Direction", self.direction)
        for text, value, when in (("Baseline", self.baseline, self.baseline_date),
                                  ("Target", self.target, self.target_date)):
            pair = QHBoxLayout()
            form.addRow(text, pair)
            pair.addWidget(value, 1)
            pair.addWidget(label("on", "muted"))
            pair.addWidget(when, 1)

    def _connect(self) -> None:
        for field in (self.title, self.current, self.desired, self.owner_name, self.due,
                      self.measure_name, self.unit, self.baseline, self.baseline_date,
                      self.target, self.target_date):
            field.committed.connect(self._save)
        self.interventions.changed.connect(self._save)

    # -- showing -----------------------------------------------------------------------------

    def show_gap(self, gap: Gap | None) -> None:
        """Fill the form from the stored gap (None clears and disables it)."""
        changed_gap = gap is None or self.gap is None or gap.id != self.gap.id
        self.gap = gap
        self.setEnabled(gap is not None)
        if changed_gap:
            self.error.hide()
        if gap is None:
            return
        self.title.set_value(gap.title)
        select_data(self.area_kind, gap.area_kind)
        self._fill_area_items(gap)
        select_data(self.focus, gap.area_key if gap.area_kind is AreaKind.TIE else None)
        self.focus.setVisible(gap.area_kind is AreaKind.TIE)
        self.current.set_value(gap.current_state)
        self.desired.set_value(gap.desired_state)
        self._show_measure(gap.measure)
        select_data(self.priority, gap.priority)
        self._fill_owner(gap)
        self.owner_name.set_value(gap.owner_name)
        self.due.set_value(gap.due)
        self._show_status(gap.status)
        self.interventions.set_chosen(gap.interventions)
        self.interventions.set_suggestions(*self._suggestions(gap))

    def _show_measure(self, m: Measure) -> None:
        self.measure_name.set_value(m.name)
        self.unit.set_value(m.unit)
        select_data(self.direction, m.direction)
        self.baseline.set_value(number_text(m.baseline_value))
        self.baseline_date.set_value(m.baseline_date)
        self.target.set_value(number_text(m.target_value))
        self.target_date.set_value(m.target_date)

    def _show_status(self, status: GapStatus) -> None:
        self.status_label.setText(status.label)
        allowed = allowed_statuses(status)
        for target, widget in self.status_buttons.items():
            widget.setVisible(target in allowed)

    def _fill_area_items(self, gap: Gap) -> None:
        kind = gap.area_kind
        self.area_item.clear()
        if kind is AreaKind.TIE:
            roles = self.service.workshop.roles()
            for tie in self.service.workshop.ties():
                self.area_item.addItem(tie_text(tie, roles), tie.id)
            if gap.tie_id is not None and self.area_item.findData(gap.tie_id) < 0:
                self.area_item.addItem(self.service.area_text(gap), gap.tie_id)
            select_data(self.area_item, gap.tie_id)
        elif kind is AreaKind.DIMENSION:
            for d in DIMENSIONS:
                self.area_item.addItem(d.name, d.key)
            select_data(self.area_item, gap.area_key)
        elif kind is AreaKind.OUTCOME:
            for o in OUTCOMES:
                self.area_item.addItem(o.name, o.key)
            select_data(self.area_item, gap.area_key)
        self.area_item.setVisible(kind is not None)

    def _fill_owner(self, gap: Gap) -> None:
        self.owner_role.clear()
        self.owner_role.addItem("No role", None)
        for role in self.service.workshop.roles():
            self.owner_role.addItem(role.name, role.id)
        select_data(self.owner_role, gap.owner_role_id)

    # -- saving ------------------------------------------------------------------------------

    def show_error(self, exc: DomainError) -> None:
        self.error.setText(str(exc))
        self.error.show()

    def _area(self) -> dict[str, object]:
        kind = self.area_kind.currentData()
        item = self.area_item.currentData()
        if kind is AreaKind.TIE:
            label_text = self.area_item.currentText() if item is not None else ""
            return {"area_kind": kind, "tie_id": item, "area_key": self.focus.currentData(),
                    "area_label": label_text.removesuffix(" (tie removed)")}
        return {"area_kind": kind, "tie_id": None, "area_key": item, "area_label": ""}

    def edited(self) -> Gap:
        """The gap as the form shows it; ValidationError for a number that is not one."""
        assert self.gap is not None
        measure = Measure(
            name=self.measure_name.value(), unit=self.unit.value(),
            direction=self.direction.currentData(),
            baseline_value=parse_number(self.baseline.value(), "baseline value"),
            baseline_date=self.baseline_date.value(),
            target_value=parse_number(self.target.value(), "target value"),
            target_date=self.target_date.value())
        return replace(
            self.gap, title=self.title.value(), current_state=self.current.value(),
            desired_state=self.desired.value(), measure=measure,
            priority=self.priority.currentData(), owner_role_id=self.owner_role.currentData(),
            owner_name=self.owner_name.value(), due=self.due.value(),
            interventions=self.interventions.chosen(), **self._area())  # type: ignore[arg-type]

    def _save(self) -> None:
        if self.gap is None:
            return
        if self.runner.run(lambda: self.service.update_gap(self.edited()),
                           on_error=self.show_error):
            self.error.hide()

    def _on_area_kind(self) -> None:
        if self.gap is None:
            return
        kind = self.area_kind.currentData()
        self._fill_area_items(replace(self.gap, area_kind=kind, area_key=None, tie_id=None))
        self.focus.setVisible(kind is AreaKind.TIE)
        self.focus.setCurrentIndex(0)
        self._save()

    def set_status(self, status: GapStatus) -> None:
        gap = self.gap
        if gap is not None:
            self.runner.run(lambda: self.service.set_gap_status(gap.id, status),
                            on_error=self.show_error)
