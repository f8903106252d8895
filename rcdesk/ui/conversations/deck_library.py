"""The deck library: the shipped decks (read-only) and the facilitator's own copies.

The list shows every deck with its total time; the middle shows the selected deck's
summary and steps; the side panel edits the selected step of an own deck (and shows
a shipped one read-only). Duplicate, import, export and delete work on the selected
deck. Every change is one undo step through the shared EditRunner (the decks belong
to the library, so a copy made in one workshop is offered in all of them), and the
tab redraws from the model's decks_changed signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.services.deck_library import DeckLibrary, LibraryDeck, created_key
from rcdesk.services.edits import Edit
from rcdesk.services.importing import import_deck
from rcdesk.ui import messages
from rcdesk.ui.conversations.deck_step_form import StepForm
from rcdesk.ui.conversations.deck_steps import StepRow, step_columns
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.gaps.fields import ShortText, number_text
from rcdesk.ui.table_model import RecordTableModel, select_record, selected_record
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named, record_table, wraps
from rcdesk.ui.workshop_model import WorkshopModel

DECK_FILES = "rcdesk deck (*.json);;All files (*)"
READ_ONLY_NOTE = "A shipped deck: read-only. Duplicate it to your decks to change it."


class DeckLibraryTab(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)  # in its place from the start: its parts are styled once
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.library = DeckLibrary(model.service)
        self._decks: list[LibraryDeck] = []
        self._key: str | None = None
        # The list | (the deck's steps | the chosen step). Each pane scrolls down rather
        # than squeezing its controls; at projector type the steps sit above the chosen
        # step (set_projector), since three panes side by side scrolled sideways. Built
        # from the top down (ui/page_pieces.py).
        layout = QVBoxLayout(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(self.splitter)
        self.splitter.setChildrenCollapsible(False)
        self._build_list(_scrolled(self.splitter, "Deck list panel"))
        self.detail = QSplitter(Qt.Orientation.Horizontal, self.splitter)
        self.splitter.addWidget(self.detail)
        self.detail.setChildrenCollapsible(False)
        self._build_steps(_scrolled(self.detail, "Deck steps panel"))
        step_panel = named(QScrollArea(self.detail), "Step panel")
        self.detail.addWidget(step_panel)
        self.form = StepForm(runner.run, step_panel)
        _scroll(step_panel, self.form)
        self.form.set_roles(model.service.roles())
        self.detail.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.set_projector(False)
        for keys, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: self.move_step(d))
        model.decks_changed.connect(self.refresh)
        model.roles_changed.connect(self._on_model_roles_changed)
        self.refresh()

    def _build_list(self, box: QWidget) -> None:
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label("Decks", "section"))
        self.deck_list = named(QListWidget(), "Decks")
        self.deck_list.setSpacing(2)
        wraps(self.deck_list)  # a long title wraps rather than losing its end
        self.deck_list.currentRowChanged.connect(self._on_deck_list_current_row_changed)
        column.addWidget(self.deck_list, 1)
        self.duplicate_button = button("Duplicate to my decks", "Duplicate to my decks",
                                       self.duplicate, accent=True,
                                       tip="Copy the selected deck to your decks to edit it")
        column.addWidget(self.duplicate_button)
        column.addWidget(button("Import deck…", "Import deck", self.import_deck,
                                tip="Add a deck file from a colleague"))
        self.export_button = button("Export deck…", "Export deck", self.export_deck,
                                    tip="Save the selected deck as a file to share")
        column.addWidget(self.export_button)
        self.delete_button = button("Delete deck", "Delete deck", self.delete_deck,
                                    tip="Delete the selected deck of yours (can be undone)")
        column.addWidget(self.delete_button)

    def _build_steps(self, box: QWidget) -> None:
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = label("", "section")
        self.heading.setWordWrap(True)
        column.addWidget(self.heading)
        self.deck_title = ShortText("Deck title", "deck title")
        self.deck_title.committed.connect(self._on_deck_title_committed)
        column.addWidget(self.deck_title)
        self.summary = label("", "muted", wrap=True)
        column.addWidget(self.summary)
        self.note = label(READ_ONLY_NOTE, "muted", wrap=True)
        column.addWidget(self.note)
        self.steps_model: RecordTableModel[StepRow] = RecordTableModel(step_columns(),
                                                                       self._step_rows)
        self.steps: QTableView = record_table("Steps", self.steps_model, 4, parent=box)
        # the step's title shares the width with what the room sees (projector type)
        self.steps.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.steps.setWordWrap(False)
        self.steps.selectionModel().selectionChanged.connect(self._on_steps_selection_changed)
        column.addWidget(self.steps, 1)
        grid = QGridLayout()  # two by two: one row of four was wider than the pane
        self.step_buttons = [
            button("Add step", "Add step", self.add_step, tip="Add a step after the selected one"),
            button("Delete step", "Delete step", self.delete_step),
            button("Move up", "Move step up", lambda: self.move_step(-1), tip="Alt+↑"),
            button("Move down", "Move step down", lambda: self.move_step(1), tip="Alt+↓"),
        ]
        for index, widget in enumerate(self.step_buttons):
            grid.addWidget(widget, index // 2, index % 2)
        grid.setColumnStretch(2, 1)
        column.addLayout(grid)

    def set_projector(self, on: bool) -> None:
        """Projector type: the deck's steps above the chosen step, beside the list."""
        self.detail.setOrientation(Qt.Orientation.Vertical if on else
                                   Qt.Orientation.Horizontal)
        self.splitter.setSizes([340, 620] if on else [275, 845])
        self.detail.setSizes([400, 160] if on else [545, 300])

    # -- reading -----------------------------------------------------------------------------

    def current(self) -> LibraryDeck | None:
        return next((d for d in self._decks if d.key == self._key), None)

    def current_step_index(self) -> int | None:
        row = selected_record(self.steps, self.steps_model)
        return row.id if row is not None else None

    def _step_rows(self) -> list[StepRow]:
        deck = self.current()
        return [StepRow(i, s) for i, s in enumerate(deck.deck.steps)] if deck else []

    # -- showing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the decks; keep the selected deck and step when they still exist."""
        step = self.current_step_index()
        self._decks = self.library.decks()
        keys = [d.key for d in self._decks]
        if self._key not in keys:
            self._key = keys[0] if keys else None
        self.deck_list.blockSignals(True)
        self.deck_list.clear()
        shown_own = False
        for number, deck in enumerate(self._decks):
            if number == 0 or (deck.editable and not shown_own):
                self._add_list_heading("Your decks" if deck.editable else "Shipped decks")
                shown_own = shown_own or deck.editable
            item = QListWidgetItem(_list_text(deck))
            item.setData(Qt.ItemDataRole.UserRole, deck.key)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, _list_text(deck))
            self.deck_list.addItem(item)
            if deck.key == self._key:
                self.deck_list.setCurrentItem(item)
        self.deck_list.blockSignals(False)
        self._show_deck(step)

    def _add_list_heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.deck_list.addItem(item)

    def select_deck(self, key: str) -> None:
        self._key = key
        self.refresh()

    def _show_deck(self, step: int | None = None) -> None:
        deck = self.current()
        self.steps_model.reload()
        own = deck is not None and deck.editable
        if deck is not None:
            count = len(deck.deck.steps)
            size = (f"{count} step{'' if count == 1 else 's'} · "
                    f"{number_text(deck.deck.minutes)} min")
            self.heading.setText(f"Your deck · {size}" if own else f"{deck.deck.title} · {size}")
            self.heading.setAccessibleName(self.heading.text())
            self.summary.setText(deck.deck.summary or "No summary.")
            self.deck_title.set_value(deck.deck.title)
        self.deck_title.setVisible(own)
        self.note.setVisible(deck is not None and not own)
        for widget in self.step_buttons:
            widget.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.export_button.setEnabled(deck is not None)
        self.duplicate_button.setEnabled(deck is not None)
        rows = self.steps_model.rowCount()
        if rows:
            self.steps.selectRow(min(step or 0, rows - 1))
        self._show_step()  # also when the row stayed selected: the deck may have changed

    def _show_step(self) -> None:
        deck = self.current()
        index = self.current_step_index()
        if deck is None or index is None:
            self.form.show_step(0, None, None)
            return
        key = deck.key

        def save(field: str, value: object) -> Edit | None:
            return self.library.set_step_field(key, index, field, value)

        self.form.show_step(index + 1, deck.deck.steps[index], save if deck.editable else None)

    # -- slots -------------------------------------------------------------------------------

    def _on_deck_list_current_row_changed(self, row: int) -> None:
        item = self.deck_list.item(row)
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if key:
            self._key = str(key)
            self._show_deck()

    def _on_steps_selection_changed(self) -> None:
        self._show_step()

    def _on_model_roles_changed(self) -> None:
        self.form.set_roles(self.model.service.roles())

    def _on_deck_title_committed(self) -> None:
        deck = self.current()
        if deck is not None and deck.editable:
            title = self.deck_title.value()
            if not self.runner.run(lambda: self.library.rename(deck.key, title)):
                self.deck_title.set_value(deck.deck.title)

    # -- actions -----------------------------------------------------------------------------

    def duplicate(self) -> None:
        deck = self.current()
        if deck is None:
            return
        made: list[str] = []

        def command() -> Edit:
            edit = self.library.duplicate(deck.key)
            made.append(created_key(edit))
            return edit

        if self.runner.run(command):
            self.select_deck(made[0])
            self.feedback.note(f"Copied to your decks as “{self.current_title()}”.")

    def current_title(self) -> str:
        deck = self.current()
        return deck.deck.title if deck else ""

    def import_deck(self) -> None:
        path = messages.choose_open_file(self, "Import a deck", DECK_FILES)
        if not path:
            return
        made: list[str] = []

        def command() -> Edit:
            edit = import_deck(self.library, Path(path))  # checked, backed up, written
            made.append(created_key(edit))
            return edit

        if self.runner.run(command, on_error=self._import_failed):
            self.select_deck(made[0])
            self.feedback.note(f"Imported “{self.current_title()}”.")

    def _import_failed(self, error: DomainError) -> None:
        """One problem: the status line. Several: the whole list, to mend the file by."""
        text = str(error)
        if "\n" in text:
            messages.warn(self, "This deck file cannot be imported", text)
        else:
            self.feedback.error(error)

    def export_deck(self) -> None:
        deck = self.current()
        if deck is None:
            return
        path = messages.choose_save_file(self, "Export the deck", f"{deck.key}.json", DECK_FILES)
        if not path:
            return
        try:
            self.library.export_file(deck.key, Path(path))
        except DomainError as exc:
            self.feedback.error(exc)
            return
        self.feedback.note(f"Saved “{deck.deck.title}” to {path}.")

    def delete_deck(self) -> None:
        deck = self.current()
        if deck is None or not deck.editable:
            return
        if self.runner.run(lambda: self.library.delete(deck.key)):
            self.feedback.deleted(f"Deleted deck “{deck.deck.title}”")

    def add_step(self) -> None:
        self._save_pending()
        deck = self.current()
        if deck is None or not deck.editable:
            return
        after = self.current_step_index()
        if self.runner.run(lambda: self.library.add_step(deck.key, after)):
            at = len(deck.deck.steps) if after is None else after + 1
            self.steps.selectRow(at)
            self.form.title.setFocus()
            self.form.title.selectAll()

    def delete_step(self) -> None:
        self._save_pending()
        deck = self.current()
        index = self.current_step_index()
        if deck is None or index is None or not deck.editable:
            return
        title = deck.deck.steps[index].title
        if self.runner.run(lambda: self.library.delete_step(deck.key, index)):
            self.feedback.deleted(f"Deleted step “{title}”")

    def _save_pending(self) -> None:
        """Save a field still being typed in (Alt+↓ from the title), as leaving it would."""
        widget = self.focusWidget()
        if widget is not None and self.form.isAncestorOf(widget):
            widget.clearFocus()

    def move_step(self, delta: int) -> None:
        self._save_pending()
        deck = self.current()
        index = self.current_step_index()
        if deck is None or index is None or not deck.editable:
            return
        if self.runner.run(lambda: self.library.move_step(deck.key, index, delta)):
            target = max(0, min(index + delta, len(deck.deck.steps) - 1))
            select_record(self.steps, self.steps_model, target)


def _list_text(deck: LibraryDeck) -> str:
    where = "shipped · read-only" if deck.shipped else "your deck"
    return f"{deck.deck.title}\n{number_text(deck.deck.minutes)} min · {where}"


def _scrolled(splitter: QSplitter, name: str) -> QWidget:
    """A new pane of `splitter` that scrolls down; the (empty) widget it shows."""
    area = named(QScrollArea(splitter), name)
    splitter.addWidget(area)
    box = QWidget()
    _scroll(area, box)
    return box


def _scroll(area: QScrollArea, widget: QWidget) -> None:
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
