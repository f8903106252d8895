"""Running a meeting's agenda: which step is on screen, and how long each one took.

The player calls one method per gesture (start, next, back, go_to, skip, leave);
each is one UpdateRows performed through the WorkshopService, so it is committed
at once in one transaction and the listeners hear Change.AGENDA. These edits are
deliberately NOT put on the undo stack: they record what happened in the room
(a step was shown for six minutes), which is a fact, not a user's edit to take
back; an Undo during a walkthrough would otherwise rewind the clock.

Rules (domain.md §6: the agenda actually run):
- start: the first planned step becomes CURRENT, `started_at` set (a meeting that
  already has a CURRENT step resumes there; any other running meeting is left).
- leaving a step adds the visit's time to `seconds` and marks it RUN; `skip` marks
  it SKIPPED instead when it had never been run before; a step not shown yet can
  be skipped (and unskipped) from the agenda list.
- next passes over SKIPPED steps; back re-opens the previous step whatever its state.
- leave: the current step gets its time and becomes RUN; nothing is CURRENT any more.

The clock is injected. The start of the current visit lives in memory: after a
crash, resume counts the step's time again from the moment of resuming (the time
between the last gesture and the crash is not known).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from rcdesk.domain.agenda import AgendaStep, StepState, current_step
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.services.edits import RowUpdate, UpdateRows
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.agenda import list_agenda, list_workshop_agenda

Clock = Callable[[], datetime]


class WalkthroughService:
    """The walkthrough of one workshop's meetings (at most one runs at a time)."""

    def __init__(self, workshop: WorkshopService, clock: Clock = datetime.now) -> None:
        self.workshop = workshop
        self.clock = clock
        self.meeting_id: int | None = None
        self._entered: datetime | None = None  # when the current visit began

    # -- reading -----------------------------------------------------------------------------

    def agenda(self, meeting_id: int | None = None) -> list[AgendaStep]:
        wanted = meeting_id if meeting_id is not None else self.meeting_id
        if wanted is None:
            return []
        return list_agenda(self.workshop.library.db, wanted)

    def current(self) -> AgendaStep | None:
        return current_step(self.agenda())

    def next_step(self) -> AgendaStep | None:
        """The step `next` would show (SKIPPED steps passed over)."""
        agenda = self.agenda()
        now = current_step(agenda)
        if now is None:
            return None
        later = agenda[agenda.index(now) + 1:]
        return next((s for s in later if s.state is not StepState.SKIPPED), None)

    def running_meeting(self) -> int | None:
        """A meeting of this workshop with a CURRENT step (a walkthrough left running,
        for example by a crash), or None."""
        for item in list_workshop_agenda(self.workshop.library.db, self.workshop.workshop_id):
            if item.state is StepState.CURRENT:
                return item.meeting_id
        return None

    def visit_seconds(self) -> float:
        """Seconds on the current step in this visit so far."""
        if self._entered is None:
            return 0.0
        return max(0.0, (self.clock() - self._entered).total_seconds())

    @property
    def running(self) -> bool:
        return self.meeting_id is not None

    # -- transitions -------------------------------------------------------------------------

    def start(self, meeting_id: int) -> AgendaStep:
        """Begin (or resume) the walkthrough of a meeting; return the step on screen."""
        agenda = self.agenda(meeting_id)
        if not agenda:
            raise ValidationError("agenda", "This meeting has no agenda yet: add a deck or a "
                                  "step first.")
        if self.meeting_id is not None and self.meeting_id != meeting_id:
            self.leave()
        other = self.running_meeting()
        if other is not None and other != meeting_id:
            self._close_other(other)
        if current_step(agenda) is not None:
            return self.resume(meeting_id)
        first = next((s for s in agenda if s.state is StepState.PLANNED), agenda[0])
        self.meeting_id = meeting_id
        self._move(None, first, "Start walkthrough")
        return self._current_or_fail()

    def resume(self, meeting_id: int) -> AgendaStep:
        """Continue a meeting's walkthrough at its CURRENT step (after a crash or a pause)."""
        now = current_step(self.agenda(meeting_id))
        if now is None:
            return self.start(meeting_id)
        self.meeting_id = meeting_id
        self._entered = self.clock()
        return now

    def next(self) -> AgendaStep | None:
        """Move on; None when the last step was left (the walkthrough has ended)."""
        now = self._current_or_fail()
        following = self.next_step()
        if following is None:
            self.leave()
            return None
        self._move(now, following, "Next step")
        return self.current()

    def back(self) -> AgendaStep:
        """Re-open the previous step; at the first step nothing changes."""
        agenda = self.agenda()
        now = self._current_or_fail()
        index = agenda.index(now)
        if index == 0:
            return now
        self._move(now, agenda[index - 1], "Previous step")
        return self._current_or_fail()

    def go_to(self, step_id: int) -> AgendaStep:
        """Show any step of the running meeting."""
        now = self._current_or_fail()
        target = next((s for s in self.agenda() if s.id == step_id), None)
        if target is None:
            raise NotFoundError("That step is no longer on this meeting's agenda.")
        if target.id != now.id:
            self._move(now, target, "Go to step")
        return self._current_or_fail()

    def skip(self) -> AgendaStep | None:
        """Pass over the step on screen (SKIPPED unless run before) and move on."""
        now = self._current_or_fail()
        following = self.next_step()
        state = StepState.RUN if now.seconds > 0 else StepState.SKIPPED
        self._move(now, following, "Skip step", leaving_state=state)
        if following is None:
            self._stop()
            return None
        return self.current()

    def toggle_skipped(self, step_id: int) -> None:
        """Mark a step not shown yet as SKIPPED (or a skipped one as planned again)."""
        target = next((s for s in self.agenda() if s.id == step_id), None)
        if target is None:
            raise NotFoundError("That step is no longer on this meeting's agenda.")
        if target.state is StepState.PLANNED:
            after = StepState.SKIPPED
        elif target.state is StepState.SKIPPED and target.seconds == 0:
            after = StepState.PLANNED
        else:
            raise ValidationError("step", "Only a step that has not been shown can be skipped.")
        self._perform("Skip step", [self._update(target, {"state": after.value})])

    def leave(self) -> None:
        """End the walkthrough: the step on screen gets its time and becomes RUN."""
        if self.meeting_id is None:
            return
        now = self.current()
        if now is not None:
            self._move(now, None, "Leave walkthrough")
        self._stop()

    # -- helpers -----------------------------------------------------------------------------

    def _stop(self) -> None:
        self.meeting_id = None
        self._entered = None

    def _current_or_fail(self) -> AgendaStep:
        now = self.current()
        if now is None:
            raise ValidationError("walkthrough", "No walkthrough is running.")
        return now

    def _close_other(self, meeting_id: int) -> None:
        """Another meeting was left running (a crash): mark its step RUN, time unknown."""
        now = current_step(self.agenda(meeting_id))
        if now is not None:
            self._perform("Leave walkthrough", [self._update(now, {"state": "run"})])

    def _move(self, leaving: AgendaStep | None, entering: AgendaStep | None, text: str,
              leaving_state: StepState = StepState.RUN) -> None:
        moment = self.clock()
        updates: list[RowUpdate] = []
        if leaving is not None:
            spent = self.visit_seconds()
            updates.append(self._update(leaving, {
                "state": leaving_state.value, "seconds": round(leaving.seconds + spent, 1)}))
        if entering is not None:
            after: dict[str, Any] = {"state": StepState.CURRENT.value}
            if entering.started_at is None:
                after["started_at"] = moment.isoformat(timespec="seconds")
            updates.append(self._update(entering, after))
        self._perform(text, updates)
        self._entered = moment if entering is not None else None

    def _update(self, item: AgendaStep, after: dict[str, Any]) -> RowUpdate:
        before = {
            "state": item.state.value, "seconds": item.seconds,
            "started_at": (item.started_at.isoformat(timespec="seconds")
                           if item.started_at else None),
        }
        return RowUpdate("agenda_steps", item.id, {k: before[k] for k in after}, after)

    def _perform(self, text: str, updates: list[RowUpdate]) -> None:
        if updates:
            self.workshop.perform(UpdateRows(text, tuple(updates)))
