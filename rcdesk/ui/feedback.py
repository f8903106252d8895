"""How panels tell the window what happened, without knowing the window."""

from __future__ import annotations

from typing import Protocol

from rcdesk.domain.errors import DomainError


class Feedback(Protocol):
    def error(self, exc: DomainError) -> None:
        """A rule or a write failed: show a calm message; nothing was changed."""

    def deleted(self, what: str) -> None:
        """Something was deleted: say so and offer Undo for a few seconds."""

    def note(self, text: str) -> None:
        """A quiet, passing remark (nothing went wrong)."""
