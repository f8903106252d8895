"""What the room said: captured insights, quotes and questions, tagged and turned into gaps.

All captures of the workshop (meeting date, step, kind, text, speaker's role, tags,
gap), filtered by meeting and kind; the side panel edits and tags the selected one.
Delete offers Undo; "Make a gap" creates the gap and links the capture in one undo
step, then offers to show it in Gaps & Experiments.

In projector mode the tab is team-facing (issue 15): the Speaker column shows a role
only where CapturesService.team_speaker allows it (attribution on and at least 2k of
that role at that meeting) and the side panel hides the speaker; on the laptop the
facilitator sees every role.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.captures import Capture, CaptureKind
from rcdesk.domain.model import Meeting, Role
from rcdesk.services.captures import gap_id_of
from rcdesk.services.edits import Edit
from rcdesk.ui.conversations.capture_panel import CapturePanel
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.table_model import Column, RecordTableModel, select_record, selected_record
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import EmptyState, button, named, record_table
from rcdesk.ui.workshop_model import WorkshopModel

EMPTY = ("What the room says during a walkthrough lands here: type it in the capture box "
         "of the facilitator view and press Enter.")


TEXT_COLUMN = 1  # see _columns


class CapturesTab(QWidget):
    gap_shown = Signal(int)
    """Show this gap in Gaps & Experiments."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None, *, projector: bool = False) -> None:
        """`parent` and `projector`: the tab made in its place and in the header's mode
        (styled and filled once; issue 23)."""
        super().__init__(parent)
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.service = model.session.captures
        self.gaps = model.session.gaps
        self._names: dict[int, str] = {}
        self._projector = projector
        self._meeting_rows: dict[int, Meeting] = {}
        self._meetings: dict[int, str] = {}
        self._steps: dict[int, str] = {}
        self._gap_titles: dict[int, str] = {}
        self.table_model: RecordTableModel[Capture] = RecordTableModel(self._columns(),
                                                                      self._rows)
        self._build_layout()
        self.panel.set_projector(projector)
        self.delete_button = button("Delete", "Delete the capture", self.delete_selected,
                                    tip="Delete the selected capture (Ctrl+Z brings it back)")
        self.gap_button = button("Make a gap", "Make a gap from the capture", self.make_gap,
                                 tip="Create a gap from this capture: its text becomes the "
                                 "current state")
        self.show_gap_button = button("Show the gap", "Show the capture's gap", self.show_gap)
        for index, widget in enumerate((self.gap_button, self.show_gap_button,
                                        self.delete_button)):
            self.panel.action_row.addWidget(widget, index // 2, index % 2)
        self.meeting_filter.currentIndexChanged.connect(self.refresh)
        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.panel.save_requested.connect(self._on_panel_save_requested)
        for signal in (model.captures_changed, model.roles_changed, model.meetings_changed,
                       model.agenda_changed, model.gaps_changed, model.workshop_changed):
            signal.connect(self.refresh)
        self.refresh()

    def _build_layout(self) -> None:
        # Built from the top down (ui/page_pieces.py).
        layout = QVBoxLayout(self)
        splitter = QSplitter(self)
        layout.addWidget(splitter)
        splitter.setChildrenCollapsible(False)  # the panel keeps room for its buttons
        left = QWidget()
        splitter.addWidget(left)
        self.panel = CapturePanel(splitter)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        # The boxes say what they filter ("All meetings", "Insights"): no labels beside
        # them, so their texts stay whole beside the panel at projector type.
        filters = QHBoxLayout()
        box.addLayout(filters)
        self.meeting_filter = named(QComboBox(), "Show meeting")
        self.kind_filter = named(QComboBox(), "Show kind")
        self.kind_filter.addItem("All kinds", None)
        for kind in CaptureKind:
            self.kind_filter.addItem(kind.label + "s", kind)
        filters.addWidget(self.meeting_filter, 1)
        filters.addWidget(self.kind_filter)
        self.empty = EmptyState("No captures yet", EMPTY)
        box.addWidget(self.empty)
        self.table = record_table("Captures", self.table_model, stretch_column=TEXT_COLUMN,
                                  parent=left)
        box.addWidget(self.table, 1)

    def _columns(self) -> list[Column[Capture]]:
        return [
            # What was said comes first and takes the room; where it was said follows.
            Column("Kind", lambda c: c.kind.label),
            Column("Text", lambda c: c.text),
            Column("Speaker", self._speaker),
            Column("Tags", lambda c: self.service.tag_text(c, self._names)),
            Column("Meeting", lambda c: self._meetings.get(c.meeting_id or 0, "—")),
            Column("Step", lambda c: self._steps.get(c.agenda_step_id or 0, "—")),
            Column("Gap", lambda c: self._gap_titles.get(c.gap_id or 0, "")),
        ]

    # -- data --------------------------------------------------------------------------------

    def _rows(self) -> list[Capture]:
        meeting = self.meeting_filter.currentData() if hasattr(self, "meeting_filter") else None
        kind = self.kind_filter.currentData() if hasattr(self, "kind_filter") else None
        return [c for c in self.service.captures()
                if (meeting is None or c.meeting_id == meeting)
                and (kind is None or c.kind is kind)]

    def _speaker(self, capture: Capture) -> str:
        if self._projector:  # team-facing: only a role the rule allows
            return self.service.team_speaker(capture, self._meeting_rows, self._names)
        return self._names.get(capture.speaker_role_id or 0, "")

    def set_projector(self, on: bool) -> None:
        self._projector = on
        self.panel.set_projector(on)
        self.refresh()

    def _read_names(self) -> list[Role]:
        """Read what the table's columns name (once a refresh, not once a cell); the roles."""
        service = self.model.service
        roles = service.roles()
        self._names = {r.id: r.name for r in roles}
        meetings = service.meetings()
        self._meeting_rows = {m.id: m for m in meetings}
        self._meetings = {m.id: f"{m.date.isoformat()} {_short(m.title or m.kind.label)}"
                          for m in meetings}
        self._steps = self.service.step_titles()
        self._gap_titles = {g.id: g.title for g in self.gaps.gaps()}
        return roles

    def refresh(self) -> None:
        selected = self.selected()
        roles = self._read_names()
        self._fill_meeting_filter()
        self.panel.set_roles(roles)
        self.table_model.reload()
        has_any = bool(self.table_model.rowCount()) or bool(self.service.captures())
        self.empty.setVisible(not has_any)
        self.table.setVisible(has_any)
        if selected is not None:
            select_record(self.table, self.table_model, selected.id)
        self._fit_text_column()
        self._on_selection_changed()

    def _fit_text_column(self) -> None:
        """What was said gets the room the kind and speaker leave; tags, meeting, step and
        gap follow to the right (the table scrolls sideways for them)."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Interactive)
        others = sum(header.sectionSize(c) for c in range(TEXT_COLUMN + 2)
                     if c != TEXT_COLUMN)
        header.resizeSection(TEXT_COLUMN, max(self.fontMetrics().averageCharWidth() * 24,
                                              self.table.viewport().width() - others))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text_column()

    def _fill_meeting_filter(self) -> None:
        current = self.meeting_filter.currentData()
        self.meeting_filter.blockSignals(True)
        self.meeting_filter.clear()
        self.meeting_filter.addItem("All meetings", None)
        for meeting_id, text in self._meetings.items():
            self.meeting_filter.addItem(text, meeting_id)
        self.meeting_filter.setCurrentIndex(max(0, self.meeting_filter.findData(current)))
        self.meeting_filter.blockSignals(False)

    def selected(self) -> Capture | None:
        return selected_record(self.table, self.table_model)

    def select(self, capture_id: int) -> bool:
        return select_record(self.table, self.table_model, capture_id)

    def _on_selection_changed(self) -> None:
        """Show the selected capture; never drop what is being typed in the panel.

        A refresh while the same, unchanged capture stays selected keeps the typing;
        choosing another capture saves the typing first (every change is saved).
        """
        capture = self.selected()
        gap = self._gap_titles.get(capture.gap_id or 0) if capture else None
        shown = self.panel.capture
        pending = self.panel.edited() if self.panel.dirty() else None
        if pending is not None and capture is not None and capture == shown:
            self.panel.gap_line.setText(f"Gap: {gap}" if gap else "")
            pending = None
        else:
            self.panel.show_capture(capture, f"Gap: {gap}" if gap else "")
        self.delete_button.setEnabled(capture is not None)
        self.gap_button.setEnabled(capture is not None and gap is None)
        self.show_gap_button.setEnabled(gap is not None)
        if pending is not None and (capture is None or capture.id != pending.id):
            self.runner.run(lambda: self.service.update(pending))

    # -- actions -----------------------------------------------------------------------------

    def _on_panel_save_requested(self, capture: Capture) -> None:
        self.runner.run(lambda: self.service.update(capture))

    def delete_selected(self) -> None:
        capture = self.selected()
        if capture is not None and self.runner.run(lambda: self.service.delete(capture.id)):
            self.feedback.deleted("Capture deleted")

    def make_gap(self) -> int | None:
        """Turn the selected capture into a gap (one undo step); return the gap's id."""
        capture = self.selected()
        if capture is None:
            return None
        made: list[Edit] = []

        def create() -> Edit:
            made.extend(self.service.make_gap(capture.id, self.gaps))
            return made[0]

        if not self.runner.run_many("Make a gap", [create, lambda: made[1]]):
            return None
        gap_id = gap_id_of((made[0], made[1]))
        self.feedback.note(f"Gap made: “{self._gap_titles.get(gap_id, '')}”. "
                           "Show the gap to add its desired state and measure.")
        self.select(capture.id)
        return gap_id

    def show_gap(self) -> None:
        capture = self.selected()
        if capture is not None and capture.gap_id is not None:
            self.gap_shown.emit(capture.gap_id)


def _short(text: str, limit: int = 18) -> str:
    """A meeting's title short enough that the captured text keeps the table's width."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
