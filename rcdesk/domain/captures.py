"""What the room said: insights, quotes and questions the facilitator captures.

A capture is tied to the meeting and the agenda step on screen when it was typed,
may name the speaker's *role* (never a person), and may be tagged with an RC
dimension or a role pair, so it can become a gap with one action. The ids it
holds are plain ids (no foreign keys): a capture outlives a deleted step or role
and reads them as "none", so undoing the deletion restores the link exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.limits import check_characters

MAX_CAPTURE = 2000


class CaptureKind(Enum):
    INSIGHT = "insight"
    QUOTE = "quote"
    QUESTION = "question"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Capture:
    id: int
    workshop_id: int
    text: str
    created_at: datetime
    kind: CaptureKind = CaptureKind.INSIGHT
    meeting_id: int | None = None
    agenda_step_id: int | None = None
    speaker_role_id: int | None = None
    dimension: str | None = None
    source_role_id: int | None = None
    target_role_id: int | None = None
    gap_id: int | None = None

    @property
    def pair(self) -> tuple[int, int] | None:
        if self.source_role_id is None or self.target_role_id is None:
            return None
        return self.source_role_id, self.target_role_id


def clean_capture_text(text: str) -> str:
    """The text as typed without surrounding blanks; ValidationError if empty or too long."""
    cleaned = text.strip() if isinstance(text, str) else ""
    if not cleaned:
        raise ValidationError("text", "Type what was said first.")
    if len(cleaned) > MAX_CAPTURE:
        raise ValidationError("text", f"Keep a capture under {MAX_CAPTURE} characters.")
    return check_characters(cleaned, "capture")


def check_tags(dimension: str | None, source_role_id: int | None,
               target_role_id: int | None) -> None:
    if dimension is not None and dimension not in DIMENSION_KEYS:
        raise ValidationError("dimension", "Choose one of the seven RC dimensions.")
    if (source_role_id is None) != (target_role_id is None):
        raise ValidationError("roles", "A role pair needs both roles.")


def gap_title(text: str, limit: int = 80) -> str:
    """A gap title from a capture: its first line, shortened at a word with "…"."""
    line = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    line = line.strip("“”\"'")
    if len(line) <= limit:
        return line or "Gap from a conversation"
    cut = line[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–— ")
    return (cut or line[:limit - 1]) + "…"
