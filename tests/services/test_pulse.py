"""PulseService: items and wording, answers, tallies, scale, clearing, results and trend."""

from __future__ import annotations

import pytest

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.psych_safety import ITEM_KEYS, ITEMS
from rcdesk.services.edits import Change
from rcdesk.services.pulse import PulseService, empty_result
from rcdesk.services.workshop import WorkshopService

from .conftest import Snapshot


@pytest.fixture
def pulses(sample: WorkshopService) -> PulseService:
    return PulseService(sample)


def first_wave(service: WorkshopService) -> int:
    return service.waves()[0].id


def answers(*values: int | None) -> dict[str, int | None]:
    return dict(zip(ITEM_KEYS, values, strict=True))


def test_a_wave_without_a_pulse_has_the_empty_shape(pulses: PulseService,
                                                    sample: WorkshopService) -> None:
    wave = sample.waves()[-1].id
    pulses.clear(wave)
    assert pulses.results(wave) == empty_result()
    assert pulses.state(wave).exists is False


def test_answers_score_after_reverse_scoring(pulses: PulseService,
                                             sample: WorkshopService) -> None:
    wave = sample.schedule.add_wave("Pulse wave")
    wave_id = sample.waves()[-1].id
    assert wave is not None
    for _ in range(3):  # ps1, ps3, ps5 reversed: 1 on a reversed item scores 7
        pulses.record_answers(wave_id, answers(1, 7, 1, 7, 1, 7, 7))
    assert pulses.results(wave_id).suppressed  # until the results are shown
    result = pulses.show_results(wave_id)
    assert pulses.results(wave_id) == result
    assert result.n == 3 and not result.suppressed
    assert result.score == pytest.approx(7.0)
    assert result.items == {key: pytest.approx(7.0) for key in ITEM_KEYS}


def test_respondents_get_generated_ids_and_one_insert_each(
        pulses: PulseService, sample: WorkshopService) -> None:
    sample.schedule.add_wave("Pulse wave")
    wave_id = sample.waves()[-1].id
    first = pulses.record_answers(wave_id, answers(4, 4, 4, 4, 4, 4, None))
    second = pulses.record_answers(wave_id, answers(None, 4, 4, 4, 4, 4, 4))
    assert [table for table, _ in first.groups] == ["pulses", "pulse_answers"]  # type: ignore[union-attr]
    assert [table for table, _ in second.groups] == ["pulse_answers"]  # type: ignore[union-attr]
    db = sample.library.db
    names = [r["respondent"] for r in db.query("SELECT respondent FROM pulse_answers "
                                               "ORDER BY id")]
    assert names[-2:] == ["laptop-1", "laptop-2"]
    assert pulses.response_count(wave_id) == 2


def test_reverse_scoring_follows_the_item_not_its_wording(pulses: PulseService,
                                                          sample: WorkshopService) -> None:
    sample.schedule.add_wave("Pulse wave")
    wave_id = sample.waves()[-1].id
    for _ in range(3):
        pulses.record_answers(wave_id, answers(2, 6, 2, 6, 2, 6, 6))
    before = pulses.show_results(wave_id)
    pulses.set_item("ps1", wording="Slips are remembered against you here.")
    pulses.set_item("ps2", wording="We can raise hard problems.")
    assert pulses.results(wave_id) == before
    assert pulses.items()[0].wording == "Slips are remembered against you here."
    assert pulses.items()[0].reversed is True
    pulses.set_item("ps1", reversed_=False)
    assert pulses.results(wave_id).items["ps1"] == pytest.approx(2.0)
    rows = list(sample.library.db.query("SELECT ps1 FROM pulse_answers WHERE pulse_id = ?",
                                        [pulses.pulse(wave_id).id]))  # type: ignore[union-attr]
    assert {r["ps1"] for r in rows} == {2}  # stored answers never change
    pulses.reset_items()
    assert pulses.items() == ITEMS
    assert pulses.results(wave_id) == before


def test_wording_edits_are_checked_and_undoable(pulses: PulseService,
                                                sample: WorkshopService) -> None:
    with pytest.raises(ValidationError):
        pulses.set_item("ps3", wording="   ")
    with pytest.raises(ValidationError):
        pulses.set_item("ps3", wording="x" * 201)
    edit = pulses.set_item("ps3", wording="Different people are kept out.")
    assert edit is not None and Change.WORKSHOP in edit.changes
    sample.undo(edit)
    assert pulses.items()[2] == ITEMS[2]
    assert pulses.set_item("ps3", wording=ITEMS[2].wording) is None


def test_suppressed_below_k(pulses: PulseService, sample: WorkshopService) -> None:
    sample.schedule.add_wave("Pulse wave")
    wave_id = sample.waves()[-1].id
    k = sample.workshop().settings.anonymity_k
    for _ in range(k - 1):
        pulses.record_answers(wave_id, answers(5, 5, 5, 5, 5, 5, 5))
    state = pulses.state(wave_id)
    assert state.result.suppressed and state.result.score is None
    assert set(state.result.items.values()) == {None}
    assert state.responses == k - 1 and state.refusal is not None
    with pytest.raises(ValidationError, match="1 more answer is needed"):
        pulses.show_results(wave_id)
    pulses.record_answers(wave_id, answers(5, 5, 5, 5, 5, 5, 5))
    pulses.show_results(wave_id)
    state = pulses.state(wave_id)
    assert not state.result.suppressed and state.result.n == k


def test_tallies_score_as_the_mean_of_item_means(pulses: PulseService,
                                                 sample: WorkshopService,
                                                 snapshot: object) -> None:
    sample.schedule.add_wave("Cards")
    wave_id = sample.waves()[-1].id
    for key in ITEM_KEYS:
        pulses.set_tally(wave_id, key, 6, 4, scale_max=7)
        pulses.set_tally(wave_id, key, 2, 1)
    result = pulses.results(wave_id)
    assert result.n == 5
    assert result.items["ps2"] == pytest.approx((6 * 4 + 2) / 5)
    assert result.items["ps1"] == pytest.approx((2 * 4 + 6) / 5)  # reversed: 8 - value
    assert pulses.tally(wave_id)["ps4"] == {6: 4, 2: 1}
    assert pulses.state(wave_id).method == "tally"


def test_a_tally_cell_edit_is_undoable(pulses: PulseService, sample: WorkshopService,
                                       snapshot: Snapshot) -> None:
    sample.schedule.add_wave("Cards")
    wave_id = sample.waves()[-1].id
    pulses.set_tally(wave_id, "ps1", 3, 2)
    before = snapshot()
    edit = pulses.set_tally(wave_id, "ps1", 3, 5)
    assert edit is not None
    assert pulses.set_tally(wave_id, "ps1", 3, 5) is None
    sample.undo(edit)
    assert snapshot() == before


def test_methods_do_not_mix(pulses: PulseService, sample: WorkshopService) -> None:
    sample.schedule.add_wave("Cards")
    wave_id = sample.waves()[-1].id
    pulses.set_tally(wave_id, "ps1", 3, 2)
    with pytest.raises(ValidationError, match="tallies"):
        pulses.record_answers(wave_id, answers(1, 1, 1, 1, 1, 1, 1))
    pulses.clear(wave_id)
    pulses.record_answers(wave_id, answers(1, 1, 1, 1, 1, 1, 1))
    with pytest.raises(ValidationError, match="individual answers"):
        pulses.set_tally(wave_id, "ps1", 3, 2)


def test_values_outside_the_scale_are_refused(pulses: PulseService,
                                              sample: WorkshopService) -> None:
    sample.schedule.add_wave("Five")
    wave_id = sample.waves()[-1].id
    pulses.record_answers(wave_id, answers(5, 5, 5, 5, 5, 5, 5), scale_max=5)
    with pytest.raises(ValidationError):
        pulses.record_answers(wave_id, answers(6, 5, 5, 5, 5, 5, 5))
    with pytest.raises(ValidationError):
        pulses.set_tally(wave_id, "ps9", 1, 1)


def test_the_scale_changes_only_while_empty(pulses: PulseService,
                                            sample: WorkshopService) -> None:
    sample.schedule.add_wave("Cards")
    wave_id = sample.waves()[-1].id
    assert pulses.set_scale(wave_id, 5) is None  # nothing stored yet
    pulses.set_tally(wave_id, "ps1", 7, 3)
    with pytest.raises(ValidationError, match="empty"):
        pulses.set_scale(wave_id, 5)
    pulses.set_tally(wave_id, "ps1", 7, 0)
    assert pulses.set_scale(wave_id, 5) is not None
    assert pulses.state(wave_id).scale_max == 5
    assert pulses.results(wave_id).n == 0  # the zero cell on point 7 is ignored


def test_clear_is_undoable(pulses: PulseService, sample: WorkshopService,
                           snapshot: Snapshot) -> None:
    wave_id = first_wave(sample)
    pulses.clear(wave_id)
    for _ in range(3):
        pulses.record_answers(wave_id, answers(3, 4, 3, 4, 3, 4, 4))
    before = snapshot()
    edit = pulses.clear(wave_id)
    assert edit is not None and pulses.pulse(wave_id) is None
    sample.undo(edit)
    assert snapshot() == before


def test_trend_lists_waves_with_a_pulse_in_order(pulses: PulseService,
                                                 sample: WorkshopService) -> None:
    for wave in sample.waves():
        pulses.clear(wave.id)
    sample.schedule.add_wave("Fresh")  # the sample's answered wave was shown at 8 answers already
    first, last = sample.waves()[0].id, sample.waves()[-1].id
    pulses.clear(next(w.id for w in sample.waves() if w.name == "Follow-up 1"))
    for _ in range(5):
        pulses.record_answers(last, answers(2, 6, 2, 6, 2, 6, 6))
        pulses.record_answers(first, answers(4, 4, 4, 4, 4, 4, 4))
    pulses.show_results(first)
    pulses.show_results(last)
    trend = pulses.trend()
    assert [wave.id for wave, _ in trend] == [first, last]  # cleared waves are left out
    assert trend[0][1].score == pytest.approx(4.0)
    assert trend[1][1].score == pytest.approx(6.0)


def test_the_sample_has_a_tally_wave_and_an_answers_wave(pulses: PulseService,
                                                         sample: WorkshopService) -> None:
    baseline, _, follow_up = (w.id for w in sample.waves())  # "Kick-off ratings" between
    first, second = pulses.state(baseline), pulses.state(follow_up)
    assert (first.method, second.method) == ("tally", "answers")
    k = sample.workshop().settings.anonymity_k
    assert first.result.n >= k and second.result.n >= k
    assert not first.result.suppressed and not second.result.suppressed
    assert first.result.score is not None and second.result.score is not None
    assert second.result.score > first.result.score  # the story: safer after the kick-off
    assert [wave.name for wave, _ in pulses.trend()] == ["Baseline", "Follow-up 1"]


def test_review_an_item_few_answered_shows_no_mean(
        pulses: PulseService, sample: WorkshopService) -> None:
    """The mean of an item only one person answered would be that answer (issue 15: no
    per-point counts reach the team at all, so the state has none)."""
    sample.schedule.add_wave("Pulse wave")
    wave_id = sample.waves()[-1].id
    for _ in range(3):
        pulses.record_answers(wave_id, answers(4, 4, 4, 4, 4, 4, None))
    pulses.record_answers(wave_id, answers(4, 4, 4, 4, 4, 4, 2))
    pulses.show_results(wave_id)
    state = pulses.state(wave_id)
    assert not state.result.suppressed
    assert not hasattr(state, "distributions")
    assert state.result.items["ps7"] is None


def test_undoing_a_clear_after_new_answers_says_why_in_plain_words(
        pulses: PulseService, sample: WorkshopService) -> None:
    from rcdesk.domain.errors import StorageError

    sample.schedule.add_wave("Cleared")
    wave = sample.waves()[-1].id
    for _ in range(3):
        pulses.record_answers(wave, answers(4, 4, 4, 4, 4, 4, 4))
    cleared = pulses.clear(wave)
    assert cleared is not None
    pulses.record_answers(wave, answers(5, 5, 5, 5, 5, 5, 5))  # collected again since
    with pytest.raises(StorageError) as raised:
        sample.undo(cleared)
    message = str(raised.value)
    assert "newer" in message and "Nothing was changed" in message
    assert "UNIQUE" not in message and "constraint" not in message
    assert pulses.response_count(wave) == 1  # the new answers are untouched
