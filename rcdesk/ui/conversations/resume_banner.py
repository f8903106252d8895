"""After a crash: a quiet banner offering to resume the walkthrough that was running.

Shown when a workshop opens and one of its meetings still has a step on screen
(StepState.CURRENT). It is a banner, not a dialog (ux.md: never a modal surprise);
it hides itself once the agenda changes (the walkthrough was resumed or left
there). Light on imports: it is built whenever a workshop opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout

from rcdesk.domain.agenda import current_step
from rcdesk.ui.widgets import button, label
from rcdesk.ui.workshop_model import WorkshopModel


def running_text(model: WorkshopModel) -> tuple[int, str] | None:
    """(meeting id, a sentence saying where the walkthrough stopped), or None."""
    walk = model.session.walkthrough
    meeting_id = walk.running_meeting()
    if meeting_id is None:
        return None
    agenda = walk.agenda(meeting_id)
    now = current_step(agenda)
    meeting = next((m for m in model.service.meetings() if m.id == meeting_id), None)
    name = (meeting.title or meeting.kind.label) if meeting else "a meeting"
    where = f" at step {agenda.index(now) + 1} of {len(agenda)}, “{now.title}”" if now else ""
    return meeting_id, f"The walkthrough of {name} did not finish{where}."


class ResumeBanner(QFrame):
    def __init__(self, model: WorkshopModel, resume: Callable[[int], object]) -> None:
        super().__init__()
        self.setObjectName("resume_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model = model
        self._resume = resume
        self.meeting_id: int | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        self.text = label("", wrap=True)
        row.addWidget(self.text, 1)
        self.resume_button = button("Resume walkthrough", "Resume walkthrough",
                                    self._on_resume_clicked, accent=True,
                                    tip="Continue at the step that was on screen")
        row.addWidget(self.resume_button)
        row.addWidget(button("Later", "Hide this message", self.hide,
                             tip="The agenda's Resume button stays available"))
        model.agenda_changed.connect(self.hide)  # resumed or left from the agenda instead
        found = running_text(model)
        if found is not None:
            self.meeting_id, text = found
            self.text.setText(text)
            self.text.setAccessibleName(text)
        else:
            self.hide()

    def _on_resume_clicked(self) -> None:
        if self.meeting_id is not None:
            self.hide()
            self._resume(self.meeting_id)
