"""The home screen: the facilitator's workshops, and the ways to start one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.domain.model import WorkshopSummary
from rcdesk.services.library import LibraryService
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.overview.dated_list import show_date
from rcdesk.ui.table_model import Column, RecordTableModel, select_record, selected_record
from rcdesk.ui.widgets import EmptyState, button, label, record_table, widget_shortcut

NEW_TITLE = "New workshop"


def _when(value: datetime | None) -> str:
    return value.strftime("%d %b %Y, %H:%M") if value else "never"


def waves_text(names: tuple[str, ...]) -> str:
    """A workshop's waves in the list: all of two, else the first … the latest, so a
    long history never squeezes the workshop's title (projector mode at 1280×720)."""
    return ", ".join(names) if len(names) <= 2 else f"{names[0]} … {names[-1]}"


class HomePage(QWidget):
    open_requested = Signal(int, bool)
    """The user asked to open a workshop (id; True when it was just created)."""

    def __init__(self, service: LibraryService, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        # Made in place (the window passes its stack) and filled in place: a filled tree
        # moved to a new parent is re-resolved widget by widget (a table: 2-3 ms).
        super().__init__(parent)
        self._service = service
        self._feedback = feedback
        self.table_model: RecordTableModel[WorkshopSummary] = RecordTableModel(
            [
                Column("Workshop", lambda s: s.title),
                Column("Team", lambda s: s.team),
                Column("Roles", lambda s: s.role_count),
                Column("Waves", lambda s: waves_text(s.wave_names)),
                Column("Last opened", lambda s: _when(s.opened_at)),
                Column("Next meeting", lambda s: show_date(s.next_meeting)),
            ],
            service.summaries,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(label("Your workshops", "title"))
        layout.addWidget(label(f"Library: {service.library.path}", "muted"))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_list())
        self.pages.addWidget(EmptyState(
            "No workshops yet",
            "A workshop holds the roles of one work process, their map and scores, the "
            "conversations and the experiments. Create one, or open the sample to look around.",
            button("Create your first workshop", "Create your first workshop", self.new_workshop,
                   accent=True),
        ))
        layout.addWidget(self.pages, 1)
        self.refresh()

    def _build_list(self) -> QWidget:
        page = QWidget(self.pages)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        self.table = record_table("Workshops", self.table_model, stretch_column=0, parent=page)
        # the title and the team share the width: a long team name never squeezes the title
        # to nothing at projector type
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.activated.connect(self._on_table_activated)
        widget_shortcut(self.table, QKeySequence.StandardKey.Delete, self._on_delete)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.open_button = button("Open", "Open workshop", self.open_selected, accent=True,
                                  tip="Open the selected workshop (Enter)")
        row.addWidget(self.open_button)
        row.addWidget(button("New workshop", "New workshop", self.new_workshop, tip="Ctrl+N"))
        self.duplicate_button = button("Duplicate", "Duplicate workshop", self._on_duplicate)
        row.addWidget(self.duplicate_button)
        row.addStretch(1)
        row.addWidget(button("Open the sample workshop", "Open the sample workshop",
                             self.open_sample))
        self.delete_button = button("Delete…", "Delete workshop", self._on_delete)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        return page

    def refresh(self) -> None:
        selected = self.selected()
        self.table_model.reload()
        empty = self.table_model.rowCount() == 0
        self.pages.setCurrentIndex(1 if empty else 0)
        if not empty:
            self.select(selected.id if selected else self.table_model.record(0).id)

    def selected(self) -> WorkshopSummary | None:
        return selected_record(self.table, self.table_model)

    def select(self, workshop_id: int) -> None:
        if not select_record(self.table, self.table_model, workshop_id):
            self.table.selectRow(0)

    # -- commands ----------------------------------------------------------------------------

    def new_workshop(self) -> None:
        self._add_and_open(
            lambda: self._service.create(self._service.unique_title(NEW_TITLE)), is_new=True)

    def open_sample(self) -> None:
        from rcdesk.services.sample import build_sample  # its data and modules, only when asked

        self._add_and_open(lambda: build_sample(self._service), is_new=False)

    def _add_and_open(self, add: Callable[[], int], is_new: bool) -> None:
        try:
            workshop_id = add()
        except DomainError as exc:
            self._feedback.error(exc)
            return
        self.refresh()
        self.open_requested.emit(workshop_id, is_new)

    def open_selected(self) -> None:
        summary = self.selected()
        if summary is not None:
            self.open_requested.emit(summary.id, False)

    def _on_table_activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    def _on_duplicate(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        try:
            new_id = self._service.duplicate(summary.id)
        except DomainError as exc:
            self._feedback.error(exc)
            return
        self.refresh()
        self.select(new_id)

    def _on_delete(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        question = (f"Delete “{summary.title}” with its {summary.role_count} roles, map, "
                    "ratings and meetings? This cannot be undone.")
        from rcdesk.ui import messages  # (with its dialog classes) when first needed

        if not messages.confirm(self, "Delete workshop", question, "Delete workshop"):
            return
        try:
            self._service.delete(summary.id)
        except DomainError as exc:
            self._feedback.error(exc)
            return
        self.refresh()
        from rcdesk.ui.privacy import offer_backup_purge

        offer_backup_purge(self, self._service.library, f"“{summary.title}”", self._feedback)
