"""What each follow-up key does to the selected row, as service commands.

Kept apart from the view so the mapping from key to rule is one small table:
"next" moves a gap or cycle one step on, "drop"/"reopen" apply to gaps, and
"adopt"/"adapt"/"abandon" decide a cycle that is being studied.
"""

from __future__ import annotations

from collections.abc import Callable

from rcdesk.domain.errors import DomainError, ValidationError
from rcdesk.domain.experiments import Act, ExperimentStatus, next_experiment_status
from rcdesk.domain.gaps import GapStatus, next_status
from rcdesk.services.edits import Edit
from rcdesk.services.experiments import ExperimentsService
from rcdesk.ui.gaps.follow_up_rows import FollowRow
from rcdesk.ui.undo import EditRunner

ACTS = {"adopt": Act.ADOPT, "adapt": Act.ADAPT, "abandon": Act.ABANDON}


class FollowActions:
    def __init__(self, service: ExperimentsService, runner: EditRunner) -> None:
        self.service = service
        self.gaps = service.gaps
        self.runner = runner

    def apply(self, row: FollowRow, action: str,
              on_error: Callable[[DomainError], None]) -> bool:
        command = self._gap_command(row, action) if row.kind == "gap" else \
            self._cycle_command(row, action)
        if command is None:
            return False
        return self.runner.run(command, on_error=on_error)

    def _gap_command(self, row: FollowRow, action: str) -> Callable[[], Edit | None] | None:
        gap_id = row.id
        if action == "next":
            return lambda: self._gap_step(gap_id)
        if action == "drop":
            return lambda: self.gaps.set_gap_status(gap_id, GapStatus.DROPPED)
        if action == "reopen":
            return lambda: self.gaps.set_gap_status(gap_id, GapStatus.OPEN)
        if action in ACTS:
            return lambda: _refuse("decision", "Decisions belong to experiments: select an "
                                   "experiment row, then press 1, 2 or 3.")
        return None

    def _gap_step(self, gap_id: int) -> Edit | None:
        following = next_status(self.gaps.gap(gap_id).status)
        if following is None:
            raise ValidationError("status", "This gap is finished; press O to reopen it.")
        return self.gaps.set_gap_status(gap_id, following)

    def _cycle_command(self, row: FollowRow, action: str) -> Callable[[], Edit | None] | None:
        experiment_id = row.id
        if action == "next":
            return lambda: self._cycle_step(experiment_id)
        if action in ACTS:
            return lambda: self.service.set_status(experiment_id, ExperimentStatus.DECIDED,
                                                   ACTS[action])
        if action in ("drop", "reopen"):
            return lambda: _refuse("status", "To stop an experiment, decide to abandon it "
                                   "(key 3).")
        return None

    def _cycle_step(self, experiment_id: int) -> Edit | None:
        current = self.service.experiment(experiment_id).status
        following = next_experiment_status(current)
        if following is None or following is ExperimentStatus.DECIDED:
            raise ValidationError("decision", "Decide with 1 adopt, 2 adapt or 3 abandon.")
        return self.service.set_status(experiment_id, following)


def _refuse(field: str, message: str) -> Edit | None:
    raise ValidationError(field, message)
