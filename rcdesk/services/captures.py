"""Captured insights, quotes and questions: add, edit, tag, delete, and make a gap.

Every command checks the rules, performs one Edit through the WorkshopService (one
transaction, listeners told) and returns it for the undo stack, like GapsService.
A capture is saved the moment it is entered. "Make a gap" creates the gap and
links the capture to it inside one transaction and returns both edits, which the
UI pushes as one undo step (a macro), so Undo removes the gap and the link together.

Team-facing outputs (the PDF's highlights, the Captures tab on the projector) name a
speaker's role only by `team_speaker` (domain/anonymity.py, issue 15): never unless
the workshop turned attribution on, and then only when at least 2k people of that role
were at that meeting. The facilitator's own screens keep the role.
"""

from __future__ import annotations

from dataclasses import replace

from rcdesk.domain.anonymity import k_for, speaker_for_team
from rcdesk.domain.captures import (
    Capture,
    CaptureKind,
    check_tags,
    clean_capture_text,
    gap_title,
)
from rcdesk.domain.dimensions import dimension as dimension_of
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.gaps import AreaKind, Gap
from rcdesk.domain.model import Meeting
from rcdesk.reports.snapshot import HighlightLine, MeetingHighlights
from rcdesk.services.edits import (
    Change,
    DeleteRows,
    Edit,
    InsertRows,
    RowUpdate,
    UpdateRows,
    run_in_transaction,
)
from rcdesk.services.gap_text import tie_text
from rcdesk.services.gaps import GapsService
from rcdesk.services.records import stored_row, update_edit
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.agenda import list_workshop_agenda
from rcdesk.store.captures import capture_from_row, capture_row, list_captures
from rcdesk.store.rows import next_id, workshop_row

GONE = "That capture is no longer in this workshop."
LABELS = {"text": "capture", "kind": "capture kind", "speaker_role_id": "speaker",
          "dimension": "tag", "source_role_id": "tag", "target_role_id": "tag",
          "gap_id": "gap link"}


class CapturesService:
    """The captures of one open workshop."""

    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    @property
    def workshop_id(self) -> int:
        return self.workshop.workshop_id

    # -- reading -----------------------------------------------------------------------------

    def step_titles(self) -> dict[int, str]:
        """The titles of the workshop's agenda steps by id (a capture names its step)."""
        return {s.id: s.title for s in list_workshop_agenda(self.workshop.library.db,
                                                            self.workshop_id)}

    def captures(self, meeting_id: int | None = None) -> list[Capture]:
        found = list_captures(self.workshop.library.db, self.workshop_id)
        return [c for c in found if meeting_id is None or c.meeting_id == meeting_id]

    def capture(self, capture_id: int) -> Capture:
        return capture_from_row(stored_row(self.workshop, "captures", capture_id, GONE))

    def tag_text(self, capture: Capture, names: dict[int, str] | None = None) -> str:
        """The capture's tags in words: "Nurses → Physicians · Timely communication".
        `names`: the roles' names by id when the caller has read them (a table of many
        captures), else read here."""
        if names is None:
            names = {r.id: r.name for r in self.workshop.roles()}
        parts = []
        if capture.pair is not None:
            source, target = capture.pair
            parts.append(f"{names.get(source, '?')} → {names.get(target, '?')}")
        if capture.dimension:
            parts.append(dimension_of(capture.dimension).name)
        return " · ".join(parts)

    # -- attribution (team-facing) -------------------------------------------------------------

    def attribution_on(self) -> bool:
        """Whether team-facing outputs may name a quote's role (never below 2k present)."""
        row = workshop_row(self.workshop.library.db, "workshops", self.workshop_id,
                           self.workshop_id)
        return bool(row and row["quote_attribution"])

    def set_attribution(self, on: bool) -> Edit | None:
        if self.attribution_on() == on:
            return None
        text = "Name speakers' roles to the team" if on else "Print quotes without roles"
        return self.workshop.perform(UpdateRows(text, (RowUpdate(
            "workshops", self.workshop_id, {"quote_attribution": int(not on)},
            {"quote_attribution": int(on)}),)))

    def team_speaker(self, capture: Capture, meetings: dict[int, Meeting] | None = None,
                     names: dict[int, str] | None = None) -> str:
        """The speaker's role as a team-facing output may print it: "" unless attribution
        is on and at least 2k of that role were at the capture's meeting."""
        found = meetings if meetings is not None else {m.id: m for m in
                                                       self.workshop.meetings()}
        meeting = found.get(capture.meeting_id or 0)
        roles = names if names is not None else {r.id: r.name for r in self.workshop.roles()}
        return speaker_for_team(
            roles.get(capture.speaker_role_id or 0, ""), capture.speaker_role_id,
            meeting.attendance if meeting is not None else None, self.attribution_on(),
            k_for(self.workshop.workshop().settings))

    # -- writing -----------------------------------------------------------------------------

    def _check_roles(self, *role_ids: int | None) -> None:
        known = {r.id for r in self.workshop.roles()}
        if any(rid is not None and rid not in known for rid in role_ids):
            raise ValidationError("role", "Choose among the roles of this workshop.")

    def add(self, text: str, kind: CaptureKind = CaptureKind.INSIGHT,
            meeting_id: int | None = None, agenda_step_id: int | None = None,
            speaker_role_id: int | None = None) -> Edit:
        """Save what was said, now, linked to the meeting and the step on screen."""
        self._check_roles(speaker_role_id)
        capture = Capture(
            id=next_id(self.workshop.library.db, "captures"), workshop_id=self.workshop_id,
            text=clean_capture_text(text), created_at=self.workshop.clock().replace(
                microsecond=0), kind=kind, meeting_id=meeting_id,
            agenda_step_id=agenda_step_id, speaker_role_id=speaker_role_id)
        name = {"insight": "Capture insight", "quote": "Capture quote",
                "question": "Capture question"}[kind.value]
        return self.workshop.perform(InsertRows(name, (("captures", (capture_row(capture),)),)))

    def update(self, capture: Capture) -> Edit | None:
        """Save text, kind, speaker and tags of an existing capture; None if unchanged."""
        before = stored_row(self.workshop, "captures", capture.id, GONE)
        check_tags(capture.dimension, capture.source_role_id, capture.target_role_id)
        self._check_roles(capture.speaker_role_id, capture.source_role_id,
                          capture.target_role_id)
        cleaned = replace(capture, text=clean_capture_text(capture.text))
        row = capture_row(cleaned)
        after = {k: row[k] for k in ("text", "kind", "speaker_role_id", "dimension",
                                     "source_role_id", "target_role_id")}
        return update_edit(self.workshop, "captures", before, after, LABELS)

    def edit_text(self, capture_id: int, text: str) -> Edit | None:
        return self.update(replace(self.capture(capture_id), text=text))

    def tag(self, capture_id: int, dimension: str | None = None,
            pair: tuple[int, int] | None = None) -> Edit | None:
        """Tag with an RC dimension and/or a role pair (None clears that tag)."""
        source, target = pair if pair is not None else (None, None)
        return self.update(replace(self.capture(capture_id), dimension=dimension,
                                   source_role_id=source, target_role_id=target))

    def delete(self, capture_id: int) -> Edit:
        row = stored_row(self.workshop, "captures", capture_id, GONE)
        return self.workshop.perform(DeleteRows("Delete capture", (("captures", (row,)),)))

    # -- make a gap --------------------------------------------------------------------------

    def draft_gap(self, capture: Capture, gaps: GapsService) -> Gap:
        """An unsaved gap from a capture: title from its first line, area from its tags
        (the tie between the pair if there is one, else the dimension), current state =
        the capture's text."""
        area: dict[str, object] = {}
        ties = self.workshop.ties()
        tie = None
        if capture.pair is not None:
            source, target = capture.pair
            tie = next((t for t in ties if (t.source_id, t.target_id) == (source, target)),
                       None) or next((t for t in ties if (t.source_id, t.target_id)
                                      == (target, source)), None)
        if tie is not None:
            area = {"area_kind": AreaKind.TIE, "tie_id": tie.id, "area_key": capture.dimension,
                    "area_label": tie_text(tie, self.workshop.roles())}
        elif capture.dimension is not None:
            area = {"area_kind": AreaKind.DIMENSION, "area_key": capture.dimension}
        return replace(gaps.draft(gap_title(capture.text)), current_state=capture.text,
                       **area)  # type: ignore[arg-type]

    def make_gap(self, capture_id: int, gaps: GapsService) -> tuple[Edit, Edit]:
        """Create the gap and link the capture to it, in one transaction.

        Returns (gap edit, link edit) for the UI to push as one undo step.
        """
        capture = self.capture(capture_id)
        if capture.gap_id is not None and capture.gap_id in {g.id for g in gaps.gaps()}:
            raise ValidationError("gap", "This capture has already become a gap.")
        made: list[Edit] = []

        def step(_db: object) -> None:
            created = gaps.create_gap(self.draft_gap(capture, gaps))
            assert isinstance(created, InsertRows)
            made.append(created)
            gap_id = int(created.groups[0][1][0]["id"])
            link = update_edit(self.workshop, "captures", {"id": capture.id,
                               "gap_id": capture.gap_id}, {"gap_id": gap_id}, LABELS,
                               "Link capture to gap")
            assert link is not None
            made.append(link)

        try:
            run_in_transaction(self.workshop.library.db, self.workshop.read_only,
                               "make a gap", step)
        except Exception:
            if made:  # the listeners heard of rows that were rolled back: refresh them
                self.workshop.announce(Change.GAPS | Change.CAPTURES)
            raise
        return made[0], made[1]


def gap_id_of(edits: tuple[Edit, Edit]) -> int:
    """The id of the gap made by make_gap."""
    created = edits[0]
    assert isinstance(created, InsertRows)
    return int(created.groups[0][1][0]["id"])


def highlight_groups(service: CapturesService,
                     meetings: list[Meeting]) -> tuple[MeetingHighlights, ...]:
    """The report's conversation highlights: captures grouped by meeting (in the meetings'
    order; captures outside any known meeting last), each in the order it was said."""
    ws = service.workshop
    captures = service.captures()
    if not captures:
        return ()
    steps = {s.id: s.title for s in list_workshop_agenda(ws.library.db, ws.workshop_id)}
    roles = {r.id: r.name for r in ws.roles()}
    gaps = {g.id: g.title for g in GapsService(ws).gaps()}
    by_id = {m.id: m for m in ws.meetings()}

    def line(c: Capture) -> HighlightLine:  # the report is team-facing: team_speaker
        return HighlightLine(
            kind=c.kind.label, text=c.text, step=steps.get(c.agenda_step_id or 0, ""),
            speaker=service.team_speaker(c, by_id, roles), tags=service.tag_text(c, roles),
            gap=gaps.get(c.gap_id or 0, ""))

    known = {m.id for m in meetings}
    groups = [MeetingHighlights(m, tuple(line(c) for c in captures if c.meeting_id == m.id))
              for m in meetings]
    others = tuple(line(c) for c in captures if c.meeting_id not in known)
    if others:
        groups.append(MeetingHighlights(None, others))
    return tuple(g for g in groups if g.lines)
