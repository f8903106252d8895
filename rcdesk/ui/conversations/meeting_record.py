"""Beside a meeting's agenda: who was there (a count per role) and what was decided.

domain.md §6: a meeting records who came, as counts per role (no names), and its
decisions. Each count is saved as it changes (a run of arrow clicks on one role is
one undo step); the decisions save when the facilitator leaves the box. The panel is
redrawn from the library when meetings or roles change, so undo shows up here too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QMessageBox, QSpinBox, QWidget

from rcdesk.domain.attendance import MAX_PRESENT
from rcdesk.domain.errors import DomainError
from rcdesk.domain.model import Meeting, Role
from rcdesk.ui.gaps.fields import LongText
from rcdesk.ui.page_pieces import Pieces
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import clear_layout, label, named, section
from rcdesk.ui.workshop_model import WorkshopModel

NO_ROLES = "Add the roles of the work process (Overview) to count who came."
#: Rows of the attendance grid built in one turn of the event loop.
ROWS_A_TURN = 15


def ask_update_headcount(parent: QWidget | None, text: str) -> bool:
    """Yes or no (tests replace this): update the role's headcount to the count typed?"""
    box = QMessageBox(QMessageBox.Icon.Question, "More people than the headcount", text,
                      parent=parent)
    yes = box.addButton("Update the headcount", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is yes


class MeetingRecordPanel(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = model.session.meeting_record
        self.map = model.session.map
        self.runner = runner
        self.meeting_id: int | None = None
        self._notes_of: int | None = None  # the meeting whose notes the box shows
        self._spins: dict[int, QSpinBox] = {}
        self._rows = Pieces(self)  # a large team's rows, ROWS_A_TURN a turn (issue 23)
        self._generation = 0  # which rebuild the rows still to come belong to
        self._roles: list[tuple[int, str, int | None]] = []
        self._loading = False
        self._stale = True  # filled when shown: a row per role is costly on a large map
        self._asked: set[tuple[int, int]] = set()  # (meeting, role) asked about the headcount
        layout = section(self, "Who was there")
        layout.addWidget(label("How many of each role came (no names).", "muted", wrap=True))
        self.grid = QGridLayout()
        self.grid.setColumnStretch(3, 1)  # names, counts and "of N" stay together
        layout.addLayout(self.grid)
        self.total = named(label("", "muted", wrap=True), "People present")
        layout.addWidget(self.total)
        layout.addSpacing(10)
        layout.addWidget(label("Decisions and notes", "section"))
        self.notes = LongText("Decisions and notes", lines=6)
        self.notes.setPlaceholderText("What the room decided, and what to remember next time")
        self.notes.committed.connect(self._on_notes_committed)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        model.meetings_changed.connect(self.refresh)
        model.roles_changed.connect(self.refresh)

    # -- showing -----------------------------------------------------------------------------

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def _meeting(self) -> Meeting | None:
        if self.meeting_id is None:
            return None
        try:
            return self.service.workshop.meeting(self.meeting_id)
        except DomainError:
            return None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    @property
    def spins(self) -> dict[int, QSpinBox]:
        """Each role's count (every row built now if some were still to come)."""
        self._rows.finish()
        return self._spins

    def refresh(self) -> None:
        """Show the meeting's record; while hidden (no meeting yet, another tab), only
        noted, and done when next shown."""
        self._stale = not self.isVisible()
        if self._stale:
            return
        meeting = self._meeting()
        roles = self.service.workshop.roles()
        shape = [(r.id, r.name, r.headcount) for r in roles]
        if shape != self._roles:
            self._rebuild(roles)
        self._load_counts(list(self._spins))
        # Words being typed, or refused as too long, stay while the same meeting shows.
        if self.meeting_id != self._notes_of or not self.notes.unsaved():
            self.notes.set_value(meeting.notes if meeting else "")
            self._notes_of = self.meeting_id
        self.notes.setEnabled(meeting is not None)
        self.total.setText(self._total_text(meeting))

    def _load_counts(self, role_ids: list[int]) -> None:
        """Show the meeting's count in these roles' boxes (not saved again)."""
        meeting = self._meeting()
        attendance = meeting.attendance if meeting else {}
        self._loading = True
        try:
            for role_id in role_ids:
                spin = self._spins[role_id]
                spin.setValue(attendance.get(role_id, 0))
                spin.setEnabled(meeting is not None)
        finally:
            self._loading = False

    def _rebuild(self, roles: list[Role]) -> None:
        """A row per role: the first ROWS_A_TURN now, the rest in later turns (a large
        team's rows of spin boxes froze the window for longer than a frame)."""
        clear_layout(self.grid)
        self._spins.clear()
        self._generation += 1
        self._roles = [(r.id, r.name, r.headcount) for r in roles]
        if not roles:
            self.grid.addWidget(label(NO_ROLES, "muted", wrap=True), 0, 0, 1, 3)
            return
        self._add_rows(roles, 0, self._generation)

    def _add_rows(self, roles: list[Role], start: int, generation: int) -> None:
        if generation != self._generation:
            return  # the roles changed again since: a newer rebuild has its own rows
        end = min(start + ROWS_A_TURN, len(roles))
        # The panel's layout waits while the rows come: each widget shown on a shown panel
        # would lay the whole panel out again (a quarter of a second for 60 roles).
        layout = self.layout()
        assert layout is not None
        layout.setEnabled(False)
        try:
            for row in range(start, end):
                self._add_row(row, roles[row])
        finally:
            layout.setEnabled(True)
            layout.invalidate()
        if start > 0:
            self._load_counts([role.id for role in roles[start:end]])
        if end < len(roles):
            self._rows.add(partial(self._add_rows, roles, end, generation))

    def _add_row(self, row: int, role: Role) -> None:
        name = QLabel(role.name)
        name.setWordWrap(True)
        spin = named(QSpinBox(self), f"{role.name} present",
                     f"How many {role.name} came to this meeting")
        spin.setRange(0, MAX_PRESENT)
        spin.setKeyboardTracking(False)  # typed numbers count once, when confirmed
        spin.valueChanged.connect(self._saver(role.id))
        self._spins[role.id] = spin
        of = "" if role.headcount is None else f"of {role.headcount}"
        for column, widget in enumerate((name, spin, label(of, "muted"))):
            self.grid.addWidget(widget, row, column)
            widget.show()  # now (Qt shows a widget added to a shown panel a turn later)

    def _total_text(self, meeting: Meeting | None) -> str:
        if meeting is None:
            return ""
        people = self.service.present(meeting.attendance)
        if not people:
            return "Nobody counted yet."
        roles = sum(1 for role_id, _, _ in self._roles if meeting.attendance.get(role_id))
        return (f"{people} {'person' if people == 1 else 'people'} present, from {roles} "
                f"{'role' if roles == 1 else 'roles'}.")

    # -- saving ------------------------------------------------------------------------------

    def _saver(self, role_id: int) -> Callable[[int], None]:
        def save(count: int) -> None:
            self.save_count(role_id, count)
        return save

    def save_count(self, role_id: int, count: int) -> None:
        meeting_id = self.meeting_id
        if self._loading or meeting_id is None:
            return
        if not self.runner.run(lambda: self.service.set_count(meeting_id, role_id, count)):
            self.refresh()  # refused: show what is stored
            return
        self._check_headcount(meeting_id, role_id, count)

    def _check_headcount(self, meeting_id: int, role_id: int, count: int) -> None:
        """More people came than the role's headcount: ask once (per meeting and role)
        whether the headcount should follow; the count itself is kept either way."""
        role = self.service.workshop.role(role_id)
        if role.headcount is None or count <= role.headcount or \
                (meeting_id, role_id) in self._asked:
            return
        self._asked.add((meeting_id, role_id))
        question = (f"{count} people came but the role has {role.headcount} — update the "
                    "headcount?")
        if ask_update_headcount(self, question):
            self.runner.run(lambda: self.map.set_role_headcount(role_id, count))

    def _on_notes_committed(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        text = self.notes.value()
        if not self.runner.run(lambda: self.service.set_notes(meeting_id, text)):
            meeting = self._meeting()  # refused (too long): the words stay in the box
            self.notes.keep_unsaved(meeting.notes if meeting else "")
