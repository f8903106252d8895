"""Review of issue 5: typing in the capture panel survives refreshes and is never lost."""

from __future__ import annotations

from rcdesk.domain.captures import CaptureKind
from rcdesk.services.captures import CapturesService

from .test_captures_tab import _select, _texts, tab  # noqa: F401  (the fixture)


def _retype_first(qtbot, captures) -> None:
    """Select the first sample capture and type a new text over it (not saved yet)."""
    _select(captures, "Night shift never hears the plan")
    captures.panel.text.setFocus()
    captures.panel.text.selectAll()
    qtbot.keyClicks(captures.panel.text, "Night shift hears the plan last")


def test_a_refresh_keeps_what_is_being_typed(qtbot, tab) -> None:  # noqa: F811
    _, page, captures = tab
    _retype_first(qtbot, captures)
    # Meanwhile something else changes (a capture typed in the player, a walkthrough step).
    service = CapturesService(page.model.service)
    page.runner.run(lambda: service.add("Another thought", CaptureKind.INSIGHT))
    assert captures.panel.text.toPlainText() == "Night shift hears the plan last"
    assert captures.panel.capture is not None
    assert captures.panel.capture.text == "Night shift never hears the plan"


def test_choosing_another_capture_saves_the_typing_first(qtbot, tab) -> None:  # noqa: F811
    _, page, captures = tab
    _retype_first(qtbot, captures)
    captures.panel.speaker.setCurrentIndex(1)
    _select(captures, "Who owns the medication list?")
    assert captures.panel.text.toPlainText() == "Who owns the medication list?"
    texts = _texts(captures)
    assert "Night shift hears the plan last" in texts
    assert "Night shift never hears the plan" not in texts
    saved = next(c for c in CapturesService(page.model.service).captures()
                 if c.text == "Night shift hears the plan last")
    assert saved.speaker_role_id == page.model.service.roles()[0].id
