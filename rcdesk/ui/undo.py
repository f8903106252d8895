"""The thin adapter between service Edits and Qt's undo stack.

Following platform-notes.md: the service applies an edit first (in its own
transaction) and only a successful edit is pushed; the command's first redo()
is therefore a no-op. A failed undo or redo reports a calm message and leaves
the stack usable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from rcdesk.domain.errors import DomainError
from rcdesk.services.edits import Edit, UpdateRows
from rcdesk.services.workshop import WorkshopService

ErrorSink = Callable[[DomainError], None]
MERGE_ID = 1


class EditCommand(QUndoCommand):
    def __init__(self, service: WorkshopService, edit: Edit, on_error: ErrorSink) -> None:
        super().__init__(edit.text)
        self._service = service
        self.edit = edit
        self._on_error = on_error
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
            return
        self._attempt(self._service.redo)

    def undo(self) -> None:
        self._attempt(self._service.undo)

    def _attempt(self, step: Callable[[Edit], None]) -> None:
        """Run an undo or redo; on failure drop this step from the stack and say why."""
        try:
            step(self.edit)
        except DomainError as exc:
            self.setObsolete(True)
            self._on_error(exc)

    def id(self) -> int:
        if isinstance(self.edit, UpdateRows) and self.edit.merge_key:
            return MERGE_ID
        return -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand):
            return False
        mine, theirs = self.edit, other.edit
        if not (isinstance(mine, UpdateRows) and isinstance(theirs, UpdateRows)):
            return False
        if not mine.merge_key or mine.merge_key != theirs.merge_key:
            return False
        self.edit = mine.merged(theirs)
        return True


class EditRunner:
    """Runs a service command and pushes its edit; reports rule and storage errors."""

    def __init__(self, service: WorkshopService, stack: QUndoStack, on_error: ErrorSink) -> None:
        self.service = service
        self.stack = stack
        self._on_error = on_error

    def run(self, command: Callable[[], Edit | None], on_error: ErrorSink | None = None) -> bool:
        """True when the command succeeded (whether or not it changed anything).

        `on_error` lets a form show the message beside the field instead of the status bar.
        """
        try:
            edit = command()
        except DomainError as exc:
            (on_error or self._on_error)(exc)
            return False
        if edit is not None:
            self.stack.push(EditCommand(self.service, edit, self._on_error))
        return True

    def run_many(self, text: str, commands: list[Callable[[], Edit | None]]) -> bool:
        """Several commands as one undo step (for example deleting a selection).

        Stops at the first failure; what was done before it stays done and undoable.
        """
        self.stack.beginMacro(text)
        try:
            return all(self.run(command) for command in commands)
        finally:
            self.stack.endMacro()
