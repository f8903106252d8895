"""The one-page change model: what it gathers from the library, and the page it prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from rcdesk.domain.errors import DomainError
from rcdesk.reports.change_model import write_change_model
from rcdesk.services.change_model import change_model
from rcdesk.services.drivers import DriversService
from rcdesk.services.gaps import GapsService
from rcdesk.services.scores import ScoresService
from rcdesk.services.workshop import WorkshopService


def test_the_sample_model_has_all_three_columns(sample: WorkshopService) -> None:
    waves = sample.waves()
    model = change_model(sample, ScoresService(sample.library, sample.workshop_id),
                         waves[-1].id)
    kinds = {i.kind for i in model.interventions}
    assert kinds == {"structural", "relational", "work_process"}
    assert [i.title for i in model.interventions if i.kind == "structural"] == [
        "Boundary spanner role", "Shared meetings / huddles", "Shared protocols",
        "Shared information systems"]  # the ones the team works on, in the model's order
    assert model.baseline == waves[0].name and model.rc is not None
    by_hand = ScoresService(sample.library, sample.workshop_id).compare(waves[0].id,
                                                                        waves[-1].id)
    assert model.rc_change == by_hand.rc
    assert {d.key: d.change for d in model.dimensions} == by_hand.dimensions
    readmissions, overtime = model.aims
    assert readmissions.outcome == "Quality & safety" and readmissions.lower_is_better
    assert readmissions.latest == 12.4 and readmissions.target == 10
    assert readmissions.target_met is False
    assert readmissions.drivers == ("Timely communication", "Accurate communication",
                                    "Case managers → Community care",
                                    "Shared information systems")
    assert len(overtime.values) == 10


def test_drivers_are_set_and_undone(sample: WorkshopService, snapshot) -> None:  # type: ignore[no-untyped-def]
    gaps = GapsService(sample)
    aim = next(g for g in gaps.gaps() if g.title.startswith("Less overtime"))
    drivers = DriversService(sample)
    before = snapshot()
    edit = drivers.set_drivers(aim.id, ["mutual_respect", "timely"], [])
    assert edit is not None
    assert drivers.drivers(aim.id).dimensions == ("timely", "mutual_respect")
    assert drivers.drivers(aim.id).tie_ids == frozenset()
    sample.undo(edit)
    assert snapshot() == before
    with pytest.raises(DomainError):
        drivers.set_drivers(aim.id, ["punctuality"])


def test_the_printed_page_keeps_its_words(sample: WorkshopService, tmp_path: Path) -> None:
    model = change_model(sample, ScoresService(sample.library, sample.workshop_id),
                         sample.waves()[-1].id)
    path = write_change_model(model, tmp_path / "model.pdf", "A3")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # A3 landscape
    text = reader.pages[0].extract_text()
    for words in ("What we are changing", "How we coordinate", "What we want to achieve",
                  "Boundary spanner role", "Fewer readmissions within 30 days"):
        assert words in text
    with pytest.raises(DomainError):
        write_change_model(model, tmp_path / "model.docx")


@pytest.mark.parametrize("table", ["structures", "aims"])
def test_the_model_tables_export_as_csv_and_json(tmp_path: Path, table: str, capsys) -> None:  # type: ignore[no-untyped-def]
    import csv
    import json

    from rcdesk.cli import main

    library = tmp_path / "lib.sqlite"
    assert main(["--library", str(library), "demo"]) == 0
    title = capsys.readouterr().out.strip().splitlines()[-1]
    for suffix in ("csv", "json"):
        out = tmp_path / f"{table}.{suffix}"
        assert main(["--library", str(library), "export", title, str(out),
                     "--table", table]) == 0
    document = json.loads((tmp_path / f"{table}.json").read_text("utf-8"))[table]
    with (tmp_path / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if table == "structures":
        spanner = next(s for s in document if s["key"] == "boundary_spanner")
        assert [(r["wave"], r["now"], r["wanted"]) for r in spanner["ratings"]] == [
            ("Baseline", 2, 4), ("Follow-up 1", 3, 4)]
        assert spanner["roles"] == ["Case managers"] and spanner["status"] == "in_place"
        assert len(rows) == 4 * 2 + 6  # four rated in both waves, six at baseline only
        assert {r["now"] for r in rows if r["key"] == "protocols"} == {"3", "4"}
    else:
        readmissions = next(a for a in document if a["aim"].startswith("Fewer readmissions"))
        assert readmissions["latest"] == 12.4 and readmissions["target_met"] is False
        assert [v["value"] for v in readmissions["values"]] == [14.3, 13.1, 12.4]
        assert [r["aim"] for r in rows] == [a["aim"] for a in document]
        assert rows[0]["values"].count("=") == len(document[0]["values"])


def test_the_change_is_measured_from_the_source_the_wave_shows(sample: WorkshopService,
                                                               tmp_path: Path) -> None:
    """A survey in the later wave only: the wave shows its survey results, and there is no
    survey at baseline to compare them with, so no change is claimed (it once printed the
    live ratings' change beside the survey's score)."""
    from rcdesk.domain.survey import FrequencyScale
    from rcdesk.services.survey_import import commit_survey, preview_survey

    later = sample.waves()[-1]
    survey = tmp_path / "later.csv"
    survey.write_text("respondent,role,target,frequent,timely,accurate,problem_solving,"
                      "shared_goals,shared_knowledge,mutual_respect\r\n"
                      + "".join(f"r{i},Nurses,Physicians,2,2,2,2,2,2,2\r\n" for i in range(3)),
                      encoding="utf-8")
    commit_survey(sample.library, preview_survey(
        sample.library, sample.workshop_id, survey, wave=later.name,
        frequency_scale=FrequencyScale.MONOTONIC))
    model = change_model(sample, ScoresService(sample.library, sample.workshop_id), later.id)
    assert model.source == "survey results" and model.rc == 2.0
    assert model.rc_change is None and model.baseline is None
    assert all(d.change is None for d in model.dimensions)


def test_user_text_is_never_read_as_mathtext(sample: WorkshopService, tmp_path: Path) -> None:
    from rcdesk.domain.change_model import DriverDiagram
    from rcdesk.reports.driver_diagram import driver_diagram_figure, write_driver_diagram

    diagram = DriverDiagram(aim="Cost $5 to $3_{ per bed", measure="$ saved", primary=("a$b",),
                            secondary=(), ideas=())
    words = [t.get_text() for t in driver_diagram_figure(diagram).findobj(
        match=lambda artist: hasattr(artist, "get_text"))]
    assert any("Cost $5 to $3_{" in w for w in words)
    assert write_driver_diagram(diagram, tmp_path / "d.png").stat().st_size > 0
