"""Pulse CSV import: good files, every kind of bad file, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcdesk.services.pulse import PulseService
from rcdesk.services.pulse_import import commit_pulse, looks_like_pulse, preview_pulse
from rcdesk.services.workshop import WorkshopService

from .conftest import Snapshot

HEADER = "respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7"


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    return path


def test_a_good_file_replaces_the_wave_pulse_in_one_go(sample: WorkshopService,
                                                       tmp_path: Path) -> None:
    pulses = PulseService(sample)
    wave = sample.waves()[0]
    pulses.clear(wave.id)
    pulses.set_tally(wave.id, "ps1", 4, 9)
    path = write(tmp_path / "pulse.csv", "a,1,7,1,7,1,7,7", "b,2,6,,6,2,6,6",
                 "c,1,7,1,7,1,7,7.0")
    preview = preview_pulse(sample.library, sample.workshop_id, path, wave=wave.name)
    assert preview.ok and preview.row_count == 3 and preview.replaces == 9
    result = commit_pulse(sample.library, preview)
    assert result.replaced and not result.added_wave
    pulses.show_results(wave.id)
    state = pulses.state(wave.id)
    assert state.method == "answers" and state.responses == 3
    assert state.result.items["ps3"] is None  # blank not counted: two answers, below k
    assert state.result.items["ps1"] == pytest.approx((7 + 6 + 7) / 3)


def test_a_named_missing_wave_is_created(sample: WorkshopService, tmp_path: Path) -> None:
    path = write(tmp_path / "pulse.csv", "a,1,2,3,4,5,4,3")
    preview = preview_pulse(sample.library, sample.workshop_id, path, wave="Spring",
                            scale_max=5)
    assert preview.new_wave
    result = commit_pulse(sample.library, preview)
    assert result.added_wave
    wave = next(w for w in sample.waves() if w.name == "Spring")
    assert PulseService(sample).state(wave.id).scale_max == 5


@pytest.mark.parametrize(("rows", "header", "expected"), [
    (["a,8,1,1,1,1,1,1"], HEADER, ("row 2", "column ps1", "outside the 7-point scale")),
    (["a,x,1,1,1,1,1,1"], HEADER, ("row 2", "column ps1", "not a whole number")),
    (["a,4.5,1,1,1,1,1,1"], HEADER, ("row 2", "column ps1", "not a whole number")),
    (["a,1,1,1,1,1,1,1", "a,2,2,2,2,2,2,2"], HEADER, ("row 3", "column respondent", "row 2")),
    ([",1,1,1,1,1,1,1"], HEADER, ("row 2", "column respondent", "empty")),
    (["a,1,1,1,1,1,1"], "respondent,ps1,ps2,ps3,ps4,ps5,ps6",
     ("row 1", "column ps7", "no “ps7” column")),
    (["a,1,1"], HEADER, ("row 2", "cells")),
])
def test_bad_files_name_row_and_column(sample: WorkshopService, tmp_path: Path,
                                       rows: list[str], header: str,
                                       expected: tuple[str, ...]) -> None:
    path = write(tmp_path / "bad.csv", *rows, header=header)
    preview = preview_pulse(sample.library, sample.workshop_id, path)
    assert not preview.ok and not preview.rows
    text = preview.problems[0].describe()
    for part in expected:
        assert part in text


def test_a_5_point_file_refuses_6(sample: WorkshopService, tmp_path: Path) -> None:
    path = write(tmp_path / "five.csv", "a,6,1,1,1,1,1,1")
    preview = preview_pulse(sample.library, sample.workshop_id, path, scale_max=5)
    assert "outside the 5-point scale" in preview.problems[0].message


def test_the_header_tells_pulse_from_survey(tmp_path: Path) -> None:
    assert looks_like_pulse(write(tmp_path / "p.csv", "a,1,1,1,1,1,1,1"))
    assert looks_like_pulse(write(tmp_path / "q.csv", "a;1;1;1;1;1;1;1",
                                  header="Respondent;PS1;PS2;PS3;PS4;PS5;PS6;PS7"))
    assert not looks_like_pulse(write(tmp_path / "s.csv", "x",
                                      header="respondent,role,target,frequent"))
    (tmp_path / "empty.csv").write_bytes(b"")
    assert not looks_like_pulse(tmp_path / "empty.csv")
    assert not looks_like_pulse(tmp_path / "missing.csv")


_CELL = st.one_of(st.sampled_from(["", "1", "4", "7", "0", "8", "x", "3.5", "-2"]),
                  st.text(max_size=4))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=8, max_size=8), min_size=1, max_size=6))
def test_a_bad_file_never_changes_the_library(sample: WorkshopService, tmp_path: Path,
                                              snapshot: Snapshot,
                                              rows: list[list[str]]) -> None:
    lines = [",".join(cell.replace(",", "").replace("\n", "").replace("\r", "")
                      .replace('"', "") for cell in row) for row in rows]
    path = write(tmp_path / "fuzz.csv", *lines)
    before = snapshot()
    preview = preview_pulse(sample.library, sample.workshop_id, path, wave="Fuzz")
    if preview.ok:
        return
    with pytest.raises(Exception):  # noqa: B017 - ImportProblems; what matters is no write
        commit_pulse(sample.library, preview)
    assert snapshot() == before
