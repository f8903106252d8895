"""The agenda of a meeting: decks and free steps, planned times, and Start walkthrough.

The facilitator picks a meeting (newest first; "New meeting" adds one dated today), adds
decks (each copies its steps) and free steps, reorders them and edits planned
minutes in place. Start walkthrough hands the meeting to the player (the page
connects `start_requested`); it reads "Resume walkthrough" while a step of the
meeting is on screen, so a walkthrough interrupted by a crash picks up where it was.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.agenda import AgendaStep, current_step, planned_minutes, spent_seconds
from rcdesk.domain.model import Meeting, MeetingKind, next_meeting
from rcdesk.services.edits import InsertRows
from rcdesk.ui.conversations.agenda_side import AgendaSide
from rcdesk.ui.conversations.agenda_table import agenda_columns, clock_text
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.gaps.fields import number_text, parse_number, show_date
from rcdesk.ui.page_pieces import Pieces
from rcdesk.ui.table_model import RecordTableModel, select_record, selected_record
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import EmptyState, button, follows_width, label, named, record_table
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:
    from rcdesk.services.deck_library import DeckLibrary
    from rcdesk.ui.conversations.agenda_step_panel import StepPanel
    from rcdesk.ui.conversations.meeting_record import MeetingRecordPanel

EMPTY_AGENDA = ("Plan the agenda: add a deck (its steps are copied here) or a free step, "
                "then adjust the planned minutes. Start the walkthrough when the room is ready.")
NO_MEETING = ("An agenda belongs to a meeting: the kick-off workshop or a huddle. Add "
              "today's meeting to plan what you will walk the room through.")
EMPTY_TIP = "Add a deck or a free step to the agenda first"
#: The agenda table's deck column, and its width in average characters.
DECK_COLUMN, DECK_CHARS = 1, 14
#: The tab's width, in average characters, that holds the agenda and the record side by side.
BESIDE_CHARS = 120
#: Room for "Meeting", New meeting and Start walkthrough beside the picker's title.
ACTIONS_CHARS = 60
#: Qt's largest widget size (QWIDGETSIZE_MAX), for "no maximum".
QWIDGETSIZE_MAX = (1 << 24) - 1


class AgendaTab(QWidget):
    start_requested = Signal(int)
    """The facilitator asked to start (or resume) the walkthrough of this meeting."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)  # in its place from the start: its parts are styled once
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.service = model.session.agenda
        self._meeting_id: int | None = None
        self.table_model: RecordTableModel[AgendaStep] = RecordTableModel(
            agenda_columns(self._set_minutes, self._set_title), self._rows)
        # Built from the top down, the side panel and the deck list in the turns after
        # the first frame (ui/page_pieces.py; issue 23).
        self._pieces = Pieces(self)
        self.pages = QStackedWidget(self)
        QVBoxLayout(self).addWidget(self.pages)
        self.no_meeting = EmptyState(
            "No meeting yet", NO_MEETING,
            button("New meeting today", "New meeting today (first)", self.new_meeting,
                   accent=True))
        self.pages.addWidget(self.no_meeting)
        self._build_planner()
        for keys, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.move_step(d))
        model.meetings_changed.connect(self._on_model_meetings_changed)
        model.agenda_changed.connect(self._on_model_agenda_changed)
        model.decks_changed.connect(self._on_model_decks_changed)
        self._on_model_meetings_changed()
        self._pieces.add(self._on_model_decks_changed)

    def _build_planner(self) -> None:
        box = QWidget()
        self.pages.addWidget(box)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        # The buttons beside the meeting's picker, or under it when its title would be cut
        # beside them (projector type): see _fit_record.
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        column.addLayout(self.top)
        top = QHBoxLayout()
        self.top.addLayout(top, 1)
        top.addWidget(label("Meeting", "section"))
        self.meeting_picker = named(QComboBox(), "Meeting", "The meeting whose agenda is shown")
        # As wide as the row allows, down to 14 characters: a long title is cut, not the
        # Start button (projector type on a 1280-pixel screen).
        follows_width(self.meeting_picker, 14)
        self.meeting_picker.setSizePolicy(QSizePolicy.Policy.Expanding,
                                          QSizePolicy.Policy.Fixed)
        self.meeting_picker.activated.connect(self._on_meeting_picker_activated)
        top.addWidget(self.meeting_picker, 3)
        actions = QHBoxLayout()
        self.top.addLayout(actions)
        actions.addStretch(1)
        actions.addWidget(button("New meeting", "New meeting today", self.new_meeting,
                                 tip="Add a meeting dated today and plan its agenda"))
        self.start = button("Start walkthrough", "Start walkthrough", self.request_start,
                            accent=True)
        actions.addWidget(self.start)
        self.start.setMinimumHeight(int(self.start.sizeHint().height() * 1.4))
        self._build_adders(column)
        # Beside the agenda when the tab is wide enough for both, below it otherwise (projector
        # type on a 1280-pixel screen): see _fit_record.
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        column.addLayout(self.middle, 1)
        self.body = QStackedWidget()
        self.middle.addWidget(self.body, 3)
        self.empty = EmptyState("Nothing planned for this meeting yet", EMPTY_AGENDA)
        self.body.addWidget(self.empty)
        self.table: QTableView = record_table("Agenda", self.table_model, 2, parent=self.body)
        self.body.addWidget(self.table)
        # The deck's title is cut (and can be widened by hand) so the step's keeps its room.
        self.table.horizontalHeader().setSectionResizeMode(
            DECK_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._show_selected_step)
        self.record_scroll = AgendaSide(self.model, self.service, self.runner, self._pieces,
                                        self._selected_step)
        self.middle.addWidget(self.record_scroll)
        self._fit_record()
        self.meeting_picker.currentIndexChanged.connect(lambda _row: self._fit_top())
        self._build_step_buttons(column)

    @cached_property
    def decks(self) -> DeckLibrary:
        """The deck library (its shipped decks are read on first use)."""
        from rcdesk.services.deck_library import DeckLibrary

        return DeckLibrary(self.model.service)

    @property
    def deck_picker(self) -> QComboBox:
        """The decks to add (listed now if they were not yet)."""
        self._pieces.finish()
        return self._deck_picker

    @property
    def step_panel(self) -> StepPanel:
        """The selected step's form beside the agenda (built now if it was not yet)."""
        return self.record_scroll.step_panel

    @property
    def record(self) -> MeetingRecordPanel:
        """Who came and what was decided (built now if it was not yet)."""
        return self.record_scroll.record

    def _fit_record(self) -> None:
        """The record sits beside the agenda when the tab holds both at the current type size
        (projector mode, zoom), with a width that follows the type; else below the agenda."""
        char = max(1, self.fontMetrics().averageCharWidth())
        beside = self.width() >= char * BESIDE_CHARS
        self.middle.setDirection(QBoxLayout.Direction.LeftToRight if beside
                                 else QBoxLayout.Direction.TopToBottom)
        self.middle.setStretch(1, 0 if beside else 2)
        self.record_scroll.setMinimumWidth(char * 34 if beside else 0)
        self.record_scroll.setMaximumWidth(char * 44 if beside else QWIDGETSIZE_MAX)
        self._fit_top()

    def _fit_top(self) -> None:
        """New meeting and Start walkthrough beside the meeting's picker when its chosen
        title fits beside them (with the label, ACTIONS_CHARS characters); else under it."""
        char = max(1, self.fontMetrics().averageCharWidth())
        title = self.fontMetrics().horizontalAdvance(self.meeting_picker.currentText())
        self.top.setDirection(QBoxLayout.Direction.LeftToRight
                              if self.width() >= title + char * ACTIONS_CHARS else
                              QBoxLayout.Direction.TopToBottom)

    def record_beside(self) -> bool:
        return self.middle.direction() == QBoxLayout.Direction.LeftToRight

    def _fit_deck_column(self) -> None:
        """The deck's title gets what it needs up to a quarter of the table (at least
        DECK_CHARS): the step's title, which stretches, keeps its room."""
        char = max(1, self.fontMetrics().averageCharWidth())
        cap = max(char * DECK_CHARS, self.table.width() // 4)
        needed = self.table.sizeHintForColumn(DECK_COLUMN)
        self.table.horizontalHeader().resizeSection(DECK_COLUMN, min(needed, cap))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_record()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_record()
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_deck_column()  # a share of the table's own, laid-out width
        return super().eventFilter(watched, event)

    def _build_adders(self, column: QVBoxLayout) -> None:
        # The deck's box takes the width the buttons leave (at projector type a deck's
        # title and minutes need most of the row); the buttons' short words start with
        # the deck's "Add". Its decks are listed in a later turn.
        row = QHBoxLayout()
        column.addLayout(row)
        self._deck_picker = named(QComboBox(), "Deck to add")
        follows_width(self._deck_picker, 22)
        self._deck_picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row.addWidget(self._deck_picker, 1)
        row.addWidget(button("Add deck", "Add deck", self.add_deck,
                             tip="Copy the deck's steps to the end of the agenda"))
        row.addWidget(button("Free step", "Add free step", self.add_free_step,
                             tip="Add a step of your own (introductions…), written beside "
                             "the agenda"))
        row.addWidget(button("Break", "Add break", self.add_break,
                             tip="Add a break: the room sees a calm countdown and when to be "
                             "back"))

    def _build_step_buttons(self, column: QVBoxLayout) -> None:
        """Below the table, beside the totals, so each row fits projector mode's type too."""
        row = QHBoxLayout()
        column.addLayout(row)
        self.total = label("", "muted", wrap=True)  # wraps before the buttons are cut
        row.addWidget(self.total, 1)
        self.step_buttons = [
            button("Move up", "Move step up", lambda: self.move_step(-1), tip="Alt+↑"),
            button("Move down", "Move step down", lambda: self.move_step(1), tip="Alt+↓"),
            button("Remove", "Remove step", self.remove,
                   tip="Remove the selected step from the agenda (can be undone)"),
            button("Clear", "Clear agenda", self.clear,
                   tip="Remove every planned step (steps already run stay)"),
        ]
        for widget in self.step_buttons:
            row.addWidget(widget)

    # -- reading -----------------------------------------------------------------------------

    def current_meeting_id(self) -> int | None:
        return self._meeting_id

    def _rows(self) -> list[AgendaStep]:
        if self._meeting_id is None:
            return []
        return self.service.agenda(self._meeting_id)

    def _meetings_newest_first(self) -> list[Meeting]:
        return sorted(self.model.service.meetings(), key=lambda m: (m.date, m.id), reverse=True)

    def _default_meeting(self, meetings: list[Meeting]) -> int | None:
        """A meeting with a walkthrough on screen, else the next planned one, else the newest."""
        for meeting in meetings:
            if current_step(self.service.agenda(meeting.id)) is not None:
                return meeting.id
        upcoming = next_meeting(meetings, self.model.service.today())
        if upcoming is not None:
            return upcoming.id
        return meetings[0].id if meetings else None

    # -- showing -----------------------------------------------------------------------------

    def select_meeting(self, meeting_id: int) -> None:
        self._meeting_id = meeting_id
        self._on_model_meetings_changed()

    def _on_model_meetings_changed(self) -> None:
        meetings = self._meetings_newest_first()
        ids = [m.id for m in meetings]
        if self._meeting_id not in ids:
            self._meeting_id = self._default_meeting(meetings)
        self.meeting_picker.clear()
        for meeting in meetings:
            self.meeting_picker.addItem(_meeting_text(meeting), meeting.id)
        if self._meeting_id is not None:
            self.meeting_picker.setCurrentIndex(ids.index(self._meeting_id))
        self.pages.setCurrentIndex(1 if meetings else 0)
        self.record_scroll.set_meeting(self._meeting_id)
        self._on_model_agenda_changed()

    def _on_model_agenda_changed(self) -> None:
        self.table_model.reload()
        self._fit_deck_column()
        agenda = self.table_model.records()
        self.body.setCurrentWidget(self.table if agenda else self.empty)
        spent = spent_seconds(agenda)
        self.total.setText((f"{_steps(len(agenda))} · {number_text(planned_minutes(agenda))} "
                            "min planned" + (f" · {clock_text(spent)} spent" if spent else ""))
                           if agenda else "")
        running = current_step(agenda) is not None
        self.start.setText("Resume walkthrough" if running else "Start walkthrough")
        self.start.setAccessibleName(self.start.text())
        self.start.setEnabled(bool(agenda))
        self.start.setToolTip("" if agenda else EMPTY_TIP)
        for widget in self.step_buttons:
            widget.setEnabled(bool(agenda))
        self._show_selected_step()

    def _show_selected_step(self) -> None:
        self.record_scroll.show_step()

    def _selected_step(self) -> tuple[AgendaStep | None, list[str]]:
        return self._selected(), [r.name for r in self.model.service.roles()]

    def _on_model_decks_changed(self) -> None:
        chosen = self._deck_picker.currentData()
        self._deck_picker.clear()
        for deck in self.decks.decks():
            mine = "" if deck.shipped else " (yours)"
            self._deck_picker.addItem(f"{deck.deck.title}{mine} · "
                                     f"{number_text(deck.deck.minutes)} min", deck.key)
        index = self._deck_picker.findData(chosen)
        self._deck_picker.setCurrentIndex(max(index, 0))

    def _on_meeting_picker_activated(self, index: int) -> None:
        meeting_id = self.meeting_picker.itemData(index)
        if meeting_id is not None:
            self.select_meeting(int(meeting_id))

    # -- actions -----------------------------------------------------------------------------

    def new_meeting(self) -> None:
        """A meeting dated today: the kick-off when there is none yet, else a huddle."""
        service = self.model.service
        meetings = service.meetings()
        huddles = sum(1 for m in meetings if m.kind is MeetingKind.HUDDLE)
        kind = MeetingKind.HUDDLE if meetings else MeetingKind.KICKOFF
        title = f"Huddle {huddles + 1}" if meetings else "Kick-off workshop"
        made: list[int] = []

        def command() -> Any:
            edit = self.model.session.schedule.add_meeting(kind, service.today(), title)
            assert isinstance(edit, InsertRows)
            made.append(int(edit.groups[0][1][0]["id"]))
            return edit

        if self.runner.run(command):
            self.select_meeting(made[0])

    def request_start(self) -> None:
        if self._meeting_id is not None and self.table_model.rowCount():
            self.start_requested.emit(self._meeting_id)

    def add_deck(self) -> None:
        key = self.deck_picker.currentData()
        meeting = self._meeting_id
        if key is None or meeting is None:
            return
        # The deck is read inside the command: one gone since the list was filled (an undo,
        # a library shared with another window) is reported, not raised.
        if self.runner.run(lambda: self.service.add_deck(meeting, self.decks.deck(str(key)).deck)):
            self.table.scrollToBottom()

    def add_free_step(self) -> None:
        meeting = self._meeting_id
        if meeting is not None and self.runner.run(
                lambda: self.service.add_free_step(meeting)):
            self.table.selectRow(self.table_model.rowCount() - 1)
            self.step_panel.title.setFocus()  # write it at once
            self.step_panel.title.selectAll()

    def add_break(self) -> None:
        meeting = self._meeting_id
        if meeting is not None and self.runner.run(lambda: self.service.add_break(meeting)):
            self.table.selectRow(self.table_model.rowCount() - 1)

    def _selected(self) -> AgendaStep | None:
        return selected_record(self.table, self.table_model)

    def move_step(self, delta: int) -> None:
        item = self._selected()
        if item is not None and self.runner.run(lambda: self.service.move(item.id, delta)):
            select_record(self.table, self.table_model, item.id)

    def remove(self) -> None:
        item = self._selected()
        if item is not None and self.runner.run(lambda: self.service.remove(item.id)):
            self.feedback.deleted(f"Removed “{item.title}” from the agenda")

    def clear(self) -> None:
        meeting = self._meeting_id
        if meeting is not None and self.runner.run(lambda: self.service.clear(meeting)):
            self.feedback.deleted("Cleared the agenda")

    def _set_title(self, item: AgendaStep, value: Any) -> bool:
        return self.runner.run(lambda: self.service.set_step(item.id, title=str(value)))

    def _set_minutes(self, item: AgendaStep, value: Any) -> bool:
        def command() -> Any:
            minutes = parse_number(str(value), "planned time")
            if minutes is None:
                return None
            return self.service.set_planned_minutes(item.id, minutes)

        return self.runner.run(command)


def _meeting_text(meeting: Meeting) -> str:
    return f"{show_date(meeting.date)} · {meeting.title or meeting.kind.label}"


def _steps(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"
