"""Captures: saved when entered, edited, tagged, deleted with undo, and turned into gaps."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rcdesk.domain.captures import CaptureKind, gap_title
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.gaps import AreaKind
from rcdesk.services.captures import CapturesService, gap_id_of
from rcdesk.services.gaps import GapsService
from rcdesk.services.workshop import WorkshopService

from .agenda_rows import add_agenda, new_meeting
from .conftest import Snapshot


@pytest.fixture
def captures(sample: WorkshopService) -> CapturesService:
    return CapturesService(sample)


def _role(service: WorkshopService, name: str) -> int:
    return next(r.id for r in service.roles() if r.name == name)


def test_a_capture_is_saved_with_its_meeting_step_and_speaker_role(
        sample: WorkshopService, captures: CapturesService) -> None:
    meeting = new_meeting(sample)
    step = add_agenda(sample, meeting)[1]
    nurses = _role(sample, "Nurses")
    captures.add("  We never hear about discharges until 9 am.  ", CaptureKind.QUOTE,
                 meeting, step, nurses)
    found = captures.captures(meeting)
    assert [(c.text, c.kind, c.agenda_step_id, c.speaker_role_id) for c in found] == [
        ("We never hear about discharges until 9 am.", CaptureKind.QUOTE, step, nurses)]
    assert captures.captures(new_meeting(sample, "Empty")) == []
    with pytest.raises(ValidationError, match="Type what was said"):
        captures.add("   ")
    with pytest.raises(ValidationError, match="roles of this workshop"):
        captures.add("x", speaker_role_id=99999)


def test_edit_tag_and_delete_are_undoable(sample: WorkshopService, captures: CapturesService,
                                          snapshot: Callable[[], Snapshot]) -> None:
    captures.add("Shared goals differ by shift")
    capture = captures.captures()[-1]
    before = snapshot()
    edits = [captures.edit_text(capture.id, "Shared goals differ between shifts"),
             captures.tag(capture.id, "shared_goals",
                          (_role(sample, "Nurses"), _role(sample, "Physicians"))),
             captures.delete(capture.id)]
    assert capture.id not in {c.id for c in captures.captures()}
    for edit in reversed(edits):
        assert edit is not None
        sample.undo(edit)
    assert snapshot() == before
    assert captures.tag(capture.id, None, None) is None  # nothing to change
    with pytest.raises(ValidationError, match="seven RC dimensions"):
        captures.tag(capture.id, "kindness")


def test_make_a_gap_from_a_pair_uses_their_tie(sample: WorkshopService,
                                                captures: CapturesService,
                                                snapshot: Callable[[], Snapshot]) -> None:
    gaps = GapsService(sample)
    physicians, case = _role(sample, "Physicians"), _role(sample, "Case managers")
    captures.add("Case managers learn of discharges on the morning itself.")
    capture = captures.captures()[-1]
    captures.tag(capture.id, "timely", (physicians, case))
    before = snapshot()
    edits = captures.make_gap(capture.id, gaps)
    gap = gaps.gap(gap_id_of(edits))
    tie = next(t for t in sample.ties() if (t.source_id, t.target_id) == (physicians, case))
    assert (gap.area_kind, gap.tie_id, gap.area_key) == (AreaKind.TIE, tie.id, "timely")
    assert gap.title == "Case managers learn of discharges on the morning itself."
    assert gap.current_state == capture.text
    assert captures.capture(capture.id).gap_id == gap.id
    with pytest.raises(ValidationError, match="already"):
        captures.make_gap(capture.id, gaps)
    for edit in reversed(edits):
        sample.undo(edit)
    assert snapshot() == before


def test_make_a_gap_falls_back_to_the_dimension_or_no_area(
        sample: WorkshopService, captures: CapturesService) -> None:
    gaps = GapsService(sample)
    captures.add("Nobody owns the medication list")
    captures.add("Why do we wait for the ward round?", CaptureKind.QUESTION)
    first, second = captures.captures()[-2:]
    captures.tag(first.id, "shared_knowledge")
    by_dimension = gaps.gap(gap_id_of(captures.make_gap(first.id, gaps)))
    assert (by_dimension.area_kind, by_dimension.area_key) == (AreaKind.DIMENSION,
                                                               "shared_knowledge")
    bare = gaps.gap(gap_id_of(captures.make_gap(second.id, gaps)))
    assert bare.area_kind is None and bare.title == "Why do we wait for the ward round?"


def test_gap_titles_are_short_and_cut_at_a_word() -> None:
    assert gap_title("“Short quote”") == "Short quote"
    long = "word " * 40
    title = gap_title(long)
    assert len(title) <= 80 and title.endswith("…") and not title.endswith(" …")
