"""Beside the agenda: the selected step, then who came and what was decided (a side
panel, ux.md), built in the turns after the agenda's first frame (issue 23).

The scroll area is there from the start with its final width, so the agenda keeps its
place; the meeting's record fills it in the next turn, the step's form (hidden until a
step is chosen) in the one after. Until then the agenda's wishes (which meeting, which
step) are kept and shown once each part is built; asking for a part by its attribute
builds what is left at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from rcdesk.domain.agenda import AgendaStep
from rcdesk.services.agenda import AgendaService
from rcdesk.ui.page_pieces import Pieces
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import named
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:
    from rcdesk.ui.conversations.agenda_step_panel import StepPanel
    from rcdesk.ui.conversations.meeting_record import MeetingRecordPanel

StepShown = Callable[[], tuple[AgendaStep | None, list[str]]]
#: The panel's width beside the agenda, in average characters (the agenda holds it
#: between 34 and 44): one width whatever it holds, so nothing moves as its parts come.
WIDTH_CHARS = 37
#: Its height below the agenda (projector type), in lines, before the agenda's share.
HEIGHT_LINES = 12


class AgendaSide(QScrollArea):
    def __init__(self, model: WorkshopModel, service: AgendaService, runner: EditRunner,
                 pieces: Pieces, selected: StepShown) -> None:
        super().__init__()
        named(self, "This meeting's record")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._model, self._service, self._runner = model, service, runner
        self._pieces = pieces
        self._selected = selected
        self._meeting_id: int | None = None
        self._record: MeetingRecordPanel | None = None
        self._step_panel: StepPanel | None = None
        self._column: QVBoxLayout | None = None
        pieces.add(self._build_record)
        pieces.add(self._build_step_panel)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = self.fontMetrics()
        return QSize(max(1, metrics.averageCharWidth()) * WIDTH_CHARS,
                     metrics.lineSpacing() * HEIGHT_LINES)

    @property
    def record(self) -> MeetingRecordPanel:
        self._pieces.finish()
        assert self._record is not None
        return self._record

    @property
    def step_panel(self) -> StepPanel:
        self._pieces.finish()
        assert self._step_panel is not None
        return self._step_panel

    def set_meeting(self, meeting_id: int | None) -> None:
        self._meeting_id = meeting_id
        if self._record is not None:
            self._record.set_meeting(meeting_id)

    def show_step(self) -> None:
        """Show the agenda's selected step (once the form is built)."""
        if self._step_panel is not None:
            self._step_panel.show_item(*self._selected())

    def _build_record(self) -> None:
        from rcdesk.ui.conversations.meeting_record import MeetingRecordPanel

        side = QWidget()
        self.setWidget(side)
        self._column = column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self._record = MeetingRecordPanel(self._model, self._runner, side)
        column.addWidget(self._record, 1)
        self._record.show()  # now, not in the next turn as Qt shows a child added late
        self._record.set_meeting(self._meeting_id)

    def _build_step_panel(self) -> None:
        from rcdesk.ui.conversations.agenda_step_panel import StepPanel

        assert self._column is not None
        self._step_panel = StepPanel(self._service, self._runner)
        self._column.insertWidget(0, self._step_panel)
        self.show_step()
