"""PDSA experiments of a gap: plan a cycle, move it through its steps, decide, follow on.

Each command returns the performed Edit for the undo stack (see services/gaps.py).
Deleting a cycle leaves its follow-on in place: the follow-on then starts a chain
of its own, and undoing the deletion links them again (ids are kept).
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import Any

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.experiments import (
    Act,
    Experiment,
    ExperimentStatus,
    Method,
    check_experiment_status,
    check_follow_on,
)
from rcdesk.domain.gaps import clean_text
from rcdesk.domain.limits import check_date
from rcdesk.domain.names import clean_name
from rcdesk.services.edits import DeleteRows, Edit, InsertRows
from rcdesk.services.gaps import GapsService
from rcdesk.services.records import stored_row, update_edit
from rcdesk.store import gaps as store
from rcdesk.store.rows import next_id

GONE = "That experiment is no longer in this workshop."
LABELS = {
    "change_idea": "change idea", "prediction": "prediction", "prediction_why": "why",
    "plan_who": "who", "plan_what": "what", "plan_when": "when", "plan_where": "where",
    "plan_data": "data to collect", "do_as_planned": "ran as planned",
    "do_observations": "observations", "study_results": "results",
    "study_learning": "learning", "method": "method", "start": "start date",
    "due": "check date", "act": "decision", "status": "status",
}
_TEXT_FIELDS = tuple(f.name for f in fields(Experiment)
                     if f.name in LABELS and f.type == "str" and f.name != "change_idea")


class ExperimentsService:
    """The PDSA cycles of one open workshop's gaps."""

    def __init__(self, gaps: GapsService) -> None:
        self.gaps = gaps
        self.workshop = gaps.workshop

    def experiment(self, experiment_id: int) -> Experiment:
        return store.experiment_from_row(stored_row(self.workshop, "experiments",
                                                    experiment_id, GONE))

    def _clean(self, e: Experiment) -> Experiment:
        texts: dict[str, Any] = {name: clean_text(getattr(e, name), LABELS[name])
                                 for name in _TEXT_FIELDS}
        check_date(e.start, "start date")
        check_date(e.due, "check date")
        if e.start and e.due and e.due < e.start:
            raise ValidationError("check date", "The check date must not come before the "
                                  "start date.")
        return replace(e, change_idea=clean_name(e.change_idea, "change idea"), **texts)

    def add_experiment(self, gap_id: int, change_idea: str, *,
                       method: Method = Method.IMPROVEMENT_SCIENCE,
                       start: date | None = None, due: date | None = None,
                       previous_id: int | None = None) -> Edit:
        """Plan a new cycle for a gap (a follow-on when `previous_id` is given)."""
        self.gaps.gap(gap_id)
        text = "Add experiment"
        if previous_id is not None:
            previous = self.experiment(previous_id)
            check_follow_on(previous, self.gaps.experiments())
            text = "Add follow-on cycle"
        new = self._clean(Experiment(
            id=next_id(self.workshop.library.db, "experiments"),
            workshop_id=self.workshop.workshop_id, gap_id=gap_id, change_idea=change_idea,
            method=method, start=start, due=due, previous_id=previous_id))
        row = store.experiment_row(new)
        return self.workshop.perform(InsertRows(text, (("experiments", (row,)),)))

    def add_follow_on(self, previous_id: int) -> Edit:
        """The next cycle of an adapted one: same gap and method, the idea carried over."""
        previous = self.experiment(previous_id)
        return self.add_experiment(previous.gap_id, previous.change_idea,
                                   method=previous.method, previous_id=previous_id)

    def update_experiment(self, experiment: Experiment) -> Edit | None:
        """Save the cycle's texts, method and dates (status and decision: set_status)."""
        before = stored_row(self.workshop, "experiments", experiment.id, GONE)
        stored = store.experiment_from_row(before)
        if (experiment.status, experiment.act) != (stored.status, stored.act):
            raise ValidationError("status", "Change the status with the status buttons.")
        if (experiment.gap_id, experiment.previous_id) != (stored.gap_id, stored.previous_id):
            raise ValidationError("gap", "A cycle stays with its gap and its earlier cycle.")
        after = store.experiment_row(self._clean(
            replace(experiment, workshop_id=self.workshop.workshop_id)))
        return update_edit(self.workshop, "experiments", before, after, LABELS)

    def set_status(self, experiment_id: int, status: ExperimentStatus,
                   act: Act | None = None) -> Edit | None:
        """Move the cycle one step on; deciding records adopt / adapt / abandon."""
        current = self.experiment(experiment_id)
        check_experiment_status(current.status, status, act)
        if (current.status, current.act) == (status, act):
            return None
        text = f"Decide: {act.label.lower()}" if act else f"Mark cycle {status.label.lower()}"
        return update_edit(
            self.workshop, "experiments",
            {"id": experiment_id, "status": current.status.value,
             "act": current.act.value if current.act else None},
            {"status": status.value, "act": act.value if act else None}, LABELS, text)

    def delete_experiment(self, experiment_id: int) -> Edit:
        row = stored_row(self.workshop, "experiments", experiment_id, GONE)
        return self.workshop.perform(DeleteRows("Delete experiment", (("experiments", (row,)),)))
