"""Rules of gaps and PDSA experiments (domain.md §7), as pure functions."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.experiments import (
    Act,
    Experiment,
    ExperimentStatus,
    chains,
    check_experiment_status,
    check_follow_on,
    cycle_number,
    next_experiment_status,
)
from rcdesk.domain.gaps import (
    AreaKind,
    Gap,
    GapStatus,
    Measure,
    allowed_statuses,
    check_gap_status,
    is_due,
    next_status,
    validate_gap,
)
from rcdesk.domain.interventions import INTERVENTIONS, OUTCOMES, STRUCTURAL_KEYS

OP, P, D, X = GapStatus.OPEN, GapStatus.IN_PROGRESS, GapStatus.DONE, GapStatus.DROPPED
ALLOWED = {(OP, P), (OP, X), (P, D), (P, X), (D, OP), (D, X), (X, OP)}


def gap(**changes: object) -> Gap:
    return replace(Gap(id=1, workshop_id=1, title="Orders by 10:00"), **changes)  # type: ignore[arg-type]


def cycle(id: int, previous: int | None = None, **changes: object) -> Experiment:
    base = Experiment(id=id, workshop_id=1, gap_id=1, change_idea=f"idea {id}",
                      previous_id=previous)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_catalogue_has_ten_structural_interventions_and_five_outcomes() -> None:
    assert STRUCTURAL_KEYS == ("selection", "training", "job_design", "accountability",
                               "rewards", "conflict_resolution", "boundary_spanner", "huddles",
                               "protocols", "information_systems")
    assert [o.key for o in OUTCOMES] == ["quality_safety", "efficiency_finance",
                                         "client_engagement", "worker_wellbeing",
                                         "learning_innovation"]
    assert len({i.key for i in INTERVENTIONS}) == len(INTERVENTIONS)


@pytest.mark.parametrize("current", list(GapStatus))
@pytest.mark.parametrize("new", list(GapStatus))
def test_gap_status_follows_open_in_progress_done_with_drop_and_reopen(current, new) -> None:
    if current is new or (current, new) in ALLOWED:
        check_gap_status(current, new)
    else:
        with pytest.raises(ValidationError) as caught:
            check_gap_status(current, new)
        assert caught.value.field == "status"
    assert set(allowed_statuses(current)) == {b for a, b in ALLOWED if a is current}


def test_open_cannot_jump_to_done_and_the_message_says_what_to_do() -> None:
    with pytest.raises(ValidationError, match="In progress"):
        check_gap_status(OP, D)
    assert next_status(OP) is P and next_status(P) is D
    assert next_status(D) is None and next_status(X) is None


def test_a_valid_gap_is_cleaned_and_its_interventions_put_in_catalogue_order() -> None:
    cleaned = validate_gap(gap(title="  Orders   by 10:00 ", current_state=" late \n",
                               interventions=("huddles", "selection")))
    assert cleaned.title == "Orders by 10:00" and cleaned.current_state == "late"
    assert cleaned.interventions == ("selection", "huddles")


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": "  "}, "title"),
    ({"area_kind": AreaKind.DIMENSION, "area_key": "speed"}, "area"),
    ({"area_kind": AreaKind.OUTCOME, "area_key": "timely"}, "area"),
    ({"area_kind": AreaKind.TIE}, "area"),
    ({"area_kind": AreaKind.DIMENSION, "area_key": "timely", "tie_id": 4}, "area"),
    ({"area_key": "timely"}, "area"),
    ({"interventions": ("magic",)}, "interventions"),
    ({"measure": Measure(baseline_value=math.nan)}, "baseline value"),
    ({"measure": Measure(baseline_date=date(2026, 5, 1), target_date=date(2026, 4, 1))},
     "target date"),
    ({"current_state": "x" * 5000}, "current state"),
])
def test_invalid_gaps_name_the_field(changes, field) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_gap(gap(**changes))
    assert caught.value.field == field


def test_tie_dimension_and_outcome_areas_are_accepted() -> None:
    validate_gap(gap(area_kind=AreaKind.TIE, tie_id=3, area_key="timely"))
    validate_gap(gap(area_kind=AreaKind.TIE, tie_id=3))
    validate_gap(gap(area_kind=AreaKind.DIMENSION, area_key="shared_goals"))
    validate_gap(gap(area_kind=AreaKind.OUTCOME, area_key="worker_wellbeing"))


def test_due_means_on_or_before_the_day() -> None:
    assert is_due(date(2026, 5, 1), date(2026, 5, 1))
    assert is_due(date(2026, 4, 1), date(2026, 5, 1))
    assert not is_due(date(2026, 5, 2), date(2026, 5, 1))
    assert not is_due(None, date(2026, 5, 1))


def test_experiment_moves_one_step_at_a_time_and_decides_with_an_act() -> None:
    S = ExperimentStatus
    check_experiment_status(S.PLANNED, S.RUNNING, None)
    check_experiment_status(S.RUNNING, S.STUDYING, None)
    check_experiment_status(S.STUDYING, S.DECIDED, Act.ADAPT)
    for current, new, act, field in ((S.PLANNED, S.STUDYING, None, "status"),
                                     (S.STUDYING, S.DECIDED, None, "decision"),
                                     (S.RUNNING, S.STUDYING, Act.ADOPT, "decision"),
                                     (S.DECIDED, S.PLANNED, None, "status"),
                                     (S.RUNNING, S.PLANNED, None, "status")):
        with pytest.raises(ValidationError) as caught:
            check_experiment_status(current, new, act)
        assert caught.value.field == field
    assert next_experiment_status(S.DECIDED) is None


def test_only_an_adapted_cycle_gets_one_follow_on() -> None:
    adapted = cycle(1, status=ExperimentStatus.DECIDED, act=Act.ADAPT)
    check_follow_on(adapted, [adapted])
    with pytest.raises(ValidationError, match="already"):
        check_follow_on(adapted, [adapted, cycle(2, previous=1)])
    for other in (cycle(1), cycle(1, status=ExperimentStatus.DECIDED, act=Act.ADOPT)):
        with pytest.raises(ValidationError, match="adapt"):
            check_follow_on(other, [other])


def test_chains_put_follow_ons_after_their_cycle_and_survive_a_deleted_link() -> None:
    items = [cycle(5, previous=2), cycle(1), cycle(2, previous=1), cycle(7), cycle(9, previous=8)]
    assert [[e.id for e in chain] for chain in chains(items)] == [[1, 2, 5], [7], [9]]
    assert cycle_number(items[0], items) == 3
    assert cycle_number(items[4], items) == 1  # its previous cycle (8) was deleted
