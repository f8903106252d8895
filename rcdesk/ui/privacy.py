"""After deleting sensitive data: say that backups still hold it, and offer to purge them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from rcdesk.domain.errors import DomainError
from rcdesk.services.backups import list_backups, purge_backups
from rcdesk.ui import messages
from rcdesk.ui.feedback import Feedback

if TYPE_CHECKING:  # a type only: the ui reaches the library through services
    from rcdesk.store.connection import Library


def offer_backup_purge(parent: QWidget, library: Library, what: str,
                       feedback: Feedback) -> bool:
    """Ask whether to delete the backups that still hold `what`; True when purged."""
    count = len(list_backups(library.path))
    if count == 0:
        return False
    text = (f"{what} is gone from the library, but the {count} backup"
            f"{'s' if count != 1 else ''} made before now still hold it until they rotate "
            "out (at most about nine months).\n\nDelete those backups too? A fresh backup of "
            "the library as it is now is kept. You cannot go back to the deleted ones.")
    if not messages.confirm(parent, "Delete older backups?", text, "Delete older backups"):
        feedback.note("Older backups still hold it until they rotate out.")
        return False
    try:
        deleted = purge_backups(library)
    except DomainError as exc:
        feedback.error(exc)
        return False
    feedback.note(f"Deleted {deleted} older backup{'s' if deleted != 1 else ''}; "
                  "kept a fresh one.")
    return True
