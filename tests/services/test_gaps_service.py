"""Gaps, experiments and measure values as undoable edits; gaps from ties; the follow-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest

from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.experiments import Act, ExperimentStatus
from rcdesk.domain.gaps import AreaKind, GapStatus, Measure
from rcdesk.services.edits import Change, Edit
from rcdesk.services.experiments import ExperimentsService
from rcdesk.services.follow_up import carry_forward, follow_up, next_meeting_after
from rcdesk.services.gap_from_tie import create_gap_from_tie, draft_from_tie
from rcdesk.services.gaps import GapsService
from rcdesk.services.library import LibraryService
from rcdesk.services.suggestions import load_table, suggest
from rcdesk.services.workshop import WorkshopService

from .conftest import Snapshot

Take = Callable[[], Snapshot]


def check_undo_redo(ws: WorkshopService, take: Take, edit: Edit | None,
                    before: Snapshot) -> None:
    """Undo gives back exactly the rows before the edit; redo exactly the rows after it."""
    assert edit is not None
    after = take()
    assert after != before
    ws.undo(edit)
    assert take() == before
    ws.redo(edit)
    assert take() == after


@pytest.fixture
def gaps(sample: WorkshopService) -> GapsService:
    return GapsService(sample)


@pytest.fixture
def cycles(gaps: GapsService) -> ExperimentsService:
    return ExperimentsService(gaps)


def tie_between(ws: WorkshopService, source: str, target: str) -> int:
    ids = {r.name: r.id for r in ws.roles()}
    return next(t.id for t in ws.ties() if (t.source_id, t.target_id) ==
                (ids[source], ids[target]))


def test_the_sample_has_gaps_cycles_with_an_adapt_chain_and_dated_values(gaps) -> None:
    found = gaps.gaps()
    # four gaps and a second outcome aim (issue 19's change model)
    assert len(found) == 5 and {g.area_kind for g in found} == set(AreaKind)
    assert sum(g.area_kind is AreaKind.OUTCOME for g in found) == 2
    chain = [e for e in gaps.experiments() if e.gap_id == found[0].id]
    assert chain[0].act is Act.ADAPT and chain[1].previous_id == chain[0].id
    assert len(gaps.measure_values(found[0].id)) >= 8
    assert gaps.area_text(found[0]) == "Physicians → Case managers: timely communication"


def test_create_update_and_delete_a_gap_are_each_one_undoable_edit(sample, gaps,
                                                                   snapshot) -> None:
    heard: list[Change] = []
    sample.subscribe(heard.append)
    before = snapshot()
    edit = gaps.create_gap(replace(gaps.draft("Orders by 10:00"), area_kind=AreaKind.OUTCOME,
                                   area_key="efficiency_finance"))
    assert edit.text == "Add gap" and heard[-1] == Change.GAPS
    check_undo_redo(sample, snapshot, edit, before)
    new = max(gaps.gaps(), key=lambda g: g.id)
    assert new.status is GapStatus.OPEN and new.created == sample.today()
    before = snapshot()
    edit = gaps.update_gap(replace(new, due=date(2026, 12, 1)))
    assert edit is not None and edit.text == "Change due date"
    check_undo_redo(sample, snapshot, edit, before)
    assert gaps.update_gap(gaps.gap(new.id)) is None
    before = snapshot()
    edit = gaps.update_gap(replace(gaps.gap(new.id), title="Orders by 9:30",
                                   measure=Measure(name="Before noon", target_value=50)))
    assert edit is not None and edit.text == "Edit gap"
    check_undo_redo(sample, snapshot, edit, before)


def test_gap_rules_are_enforced_with_calm_messages(gaps, sample) -> None:
    gap = gaps.gaps()[0]
    with pytest.raises(ValidationError) as caught:
        gaps.update_gap(replace(gap, title=" "))
    assert caught.value.field == "title"
    with pytest.raises(ValidationError, match="status buttons"):
        gaps.update_gap(replace(gap, status=GapStatus.DONE))
    with pytest.raises(ValidationError, match="owner"):
        gaps.update_gap(replace(gap, owner_role_id=99_999))
    with pytest.raises(ValidationError, match="tie"):
        gaps.create_gap(replace(gaps.draft(), area_kind=AreaKind.TIE, tie_id=99_999))
    with pytest.raises(NotFoundError):
        gaps.gap(99_999)


def test_status_changes_follow_the_rules_and_undo(sample, gaps, snapshot) -> None:
    gap = next(g for g in gaps.gaps() if g.status is GapStatus.OPEN)
    with pytest.raises(ValidationError):
        gaps.set_gap_status(gap.id, GapStatus.DONE)
    before = snapshot()
    edit = gaps.set_gap_status(gap.id, GapStatus.IN_PROGRESS)
    check_undo_redo(sample, snapshot, edit, before)
    gaps.set_gap_status(gap.id, GapStatus.DONE)
    edit = gaps.set_gap_status(gap.id, GapStatus.OPEN)
    assert edit is not None and edit.text == "Reopen gap"
    assert gaps.set_gap_status(gap.id, GapStatus.OPEN) is None


def test_deleting_a_gap_takes_its_cycles_and_values_and_undo_restores_them(
        sample, gaps, snapshot) -> None:
    gap = gaps.gaps()[0]
    before = snapshot()
    edit = gaps.delete_gap(gap.id)
    assert edit.changes == Change.GAPS | Change.EXPERIMENTS | Change.MEASURES
    assert gaps.experiments(gap.id) == [] and gaps.measure_values(gap.id) == []
    check_undo_redo(sample, snapshot, edit, before)


def test_measure_values_are_recorded_checked_and_deleted_with_undo(sample, gaps,
                                                                   snapshot) -> None:
    gap = next(g for g in gaps.gaps() if not gaps.measure_values(g.id))  # none recorded yet
    before = snapshot()
    edit = gaps.add_measure_value(gap.id, date(2026, 10, 1), 12.5, " after the change ")
    check_undo_redo(sample, snapshot, edit, before)
    [value] = gaps.measure_values(gap.id)
    assert (value.value, value.note) == (12.5, "after the change")
    with pytest.raises(ValidationError, match="number"):
        gaps.add_measure_value(gap.id, date(2026, 10, 1), float("inf"))
    before = snapshot()
    check_undo_redo(sample, snapshot, gaps.delete_measure_value(value.id), before)


def test_a_pdsa_cycle_is_planned_run_studied_decided_and_followed_on(sample, gaps, cycles,
                                                                     snapshot) -> None:
    gap = gaps.gaps()[2]
    before = snapshot()
    edit = cycles.add_experiment(gap.id, "Home-care call the day before",
                                 start=date(2026, 10, 1), due=date(2026, 10, 15))
    check_undo_redo(sample, snapshot, edit, before)
    cycle = gaps.experiments(gap.id)[0]
    before = snapshot()
    edit = cycles.update_experiment(replace(cycle, prediction="Fewer late starts",
                                            plan_who="Case managers"))
    check_undo_redo(sample, snapshot, edit, before)
    with pytest.raises(ValidationError, match="check date"):
        cycles.update_experiment(replace(cycle, due=date(2026, 9, 1)))
    with pytest.raises(ValidationError):
        cycles.add_follow_on(cycle.id)
    for status in (ExperimentStatus.RUNNING, ExperimentStatus.STUDYING):
        cycles.set_status(cycle.id, status)
    before = snapshot()
    edit = cycles.set_status(cycle.id, ExperimentStatus.DECIDED, Act.ADAPT)
    assert edit is not None and edit.text == "Decide: adapt"
    check_undo_redo(sample, snapshot, edit, before)
    before = snapshot()
    edit = cycles.add_follow_on(cycle.id)
    check_undo_redo(sample, snapshot, edit, before)
    follow = max(gaps.experiments(gap.id), key=lambda e: e.id)
    assert follow.previous_id == cycle.id and follow.change_idea == cycle.change_idea
    with pytest.raises(ValidationError, match="already"):
        cycles.add_follow_on(cycle.id)
    before = snapshot()
    check_undo_redo(sample, snapshot, cycles.delete_experiment(cycle.id), before)


def test_a_gap_from_a_weak_tie_is_prefilled_from_its_scores(sample, gaps, snapshot) -> None:
    tie = tie_between(sample, "Physicians", "Pharmacists")
    baseline = next(w for w in sample.waves() if w.name == "Baseline")
    draft = draft_from_tie(gaps, tie, baseline.id)
    gap = draft.gap
    assert (gap.area_kind, gap.tie_id, gap.area_label) == (AreaKind.TIE, tie,
                                                            "Physicians → Pharmacists")
    assert "Baseline wave" in gap.current_state and "2.14 overall (weak)" in gap.current_state
    assert gap.measure.baseline_value == 2.14 and gap.measure.baseline_date == baseline.date
    assert gap.measure.target_value == 4.0 and gap.area_key == "timely"
    assert "timely" in draft.weak_dimensions and draft.suggestions
    assert draft.suggestions[0].intervention.key in {"protocols", "huddles",
                                                     "information_systems"}
    before = snapshot()
    check_undo_redo(sample, snapshot, create_gap_from_tie(gaps, tie, baseline.id), before)
    with pytest.raises(NotFoundError):
        draft_from_tie(gaps, 99_999, baseline.id)


def test_deleting_the_tie_or_owner_of_a_gap_keeps_the_gap_and_undo_relinks(
        sample, gaps, snapshot) -> None:
    gap = gaps.gaps()[0]
    assert gap.tie_id is not None and gap.owner_role_id is not None
    before = snapshot()
    edit = sample.map.delete_ties([gap.tie_id])
    assert gaps.gap(gap.id) == gap
    assert gaps.area_text(gap) == ("Physicians → Case managers (tie removed): "
                                   "timely communication")
    check_undo_redo(sample, snapshot, edit, before)
    before = snapshot()
    edit = sample.map.delete_role(gap.owner_role_id)
    assert gaps.owner_text(gaps.gap(gap.id)) == "Dr. Amina Haddad"
    check_undo_redo(sample, snapshot, edit, before)
    sample.undo(edit)
    assert gaps.owner_text(gaps.gap(gap.id)) == "Physicians · Dr. Amina Haddad"


def test_duplicating_a_workshop_copies_gaps_cycles_and_values(library_service: LibraryService,
                                                              sample, gaps) -> None:
    sample.map.delete_role(gaps.gaps()[1].owner_role_id)  # a dangling owner is copied as none
    copy = GapsService(library_service.open(library_service.duplicate(sample.workshop_id)))
    old, new = gaps.gaps(), copy.gaps()
    assert [g.title for g in new] == [g.title for g in old]
    assert {g.workshop_id for g in new} == {copy.workshop_id}
    assert new[1].owner_role_id is None
    assert copy.area_text(new[0]) == gaps.area_text(old[0])
    assert new[0].tie_id not in {g.tie_id for g in old}
    chain = copy.experiments(new[0].id)
    assert chain[1].previous_id == chain[0].id
    assert [v.value for v in copy.measure_values()] == [v.value for v in gaps.measure_values()]


def test_follow_up_lists_open_gaps_and_due_cycles_and_carries_them_forward(
        sample, gaps, snapshot) -> None:
    today = sample.today()
    items = follow_up(gaps, today)
    assert len(items.gaps) == 5 and items.gaps[0].due == today - timedelta(days=7)
    assert [e.status for e in items.experiments] == [ExperimentStatus.STUDYING,
                                                     ExperimentStatus.RUNNING]
    to = next_meeting_after(sample.meetings(), today)
    assert to == today + timedelta(days=7)
    before = snapshot()
    edit = carry_forward(gaps, today, to)
    assert edit is not None and edit.changes == Change.GAPS | Change.EXPERIMENTS
    check_undo_redo(sample, snapshot, edit, before)
    assert all(e.due == to for e in follow_up(gaps, today).experiments)
    assert carry_forward(gaps, today, to) is None


def test_suggestions_come_from_the_editable_table_and_tolerate_mistakes() -> None:
    table = load_table()
    assert table["shared_knowledge"][:2] == ("training", "boundary_spanner")
    assert table["timely"] == ("protocols", "huddles", "information_systems")
    ranked = suggest(["timely", "frequent"], table)
    assert ranked[0].intervention.key == "huddles"
    assert ranked[0].because == ("frequent", "timely")
    own = load_table('{"dimensions": {"timely": ["huddles", "teleport"], "speed": ["x"]}}')
    assert own == {"timely": ("huddles",)}
    assert load_table("not json") == {}
    assert suggest([], table) == []
