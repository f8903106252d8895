"""Issue 15: showing pulse results is a recorded act that cannot be differenced.

Every team-facing surface (the service's result the Pulse tab draws, the scores JSON of
the command and of the export, the PDF's text) is read at n, n+1, …, n+k−1 answers:
nothing may change until k more answers came in and a new showing was made.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from rcdesk.cli.commands.scores import wave_pulse
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.psych_safety import ITEM_KEYS
from rcdesk.reports.exports import json_text
from rcdesk.reports.pdf import write_summary_pdf
from rcdesk.services.library import LibraryService
from rcdesk.services.pulse import PulseService
from rcdesk.services.report import ReportService
from rcdesk.services.workshop import WorkshopService
from rcdesk.services.workshop_file import export_workshop_file, import_workshop_file
from rcdesk.store.connection import Library, open_library

#: Seven answer sets, each very different, so any leak of one shows in every figure.
PEOPLE = [(1, 7, 1, 7, 1, 7, 7), (7, 1, 7, 1, 7, 1, 1), (4, 4, 4, 4, 4, 4, 4),
          (7, 1, 7, 1, 7, 1, 7), (2, 6, 2, 6, 2, 6, 2), (5, 3, 5, 3, 5, 3, 5),
          (3, 3, 3, 3, 3, 3, 3)]


def answers(values: tuple[int | None, ...]) -> dict[str, int | None]:
    return dict(zip(ITEM_KEYS, values, strict=True))


@pytest.fixture
def wave(sample: WorkshopService) -> int:
    sample.add_wave("Pulse wave")
    return sample.waves()[-1].id


def surfaces(library: Library, service: WorkshopService, wave_id: int,
             folder: Path) -> dict[str, object]:
    """Every team-facing form of the wave's pulse, as text or data."""
    pulses = PulseService(service)
    snapshot = ReportService(library, service.workshop_id).snapshot(wave_id)
    pdf = write_summary_pdf(snapshot, folder / "report.pdf")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    start = text.find("Psychological safety pulse")
    return {"screen": pulses.results(wave_id), "trend": pulses.trend(),
            "cli json": wave_pulse(library, service.workshop_id, wave_id),
            "export json": json_text(snapshot),
            "pdf": text[start:] if start >= 0 else ""}


def test_differencing_reveals_nothing_between_showings(
        library: Library, sample: WorkshopService, wave: int, tmp_path: Path) -> None:
    pulses = PulseService(sample)
    k = pulses.k
    for person in PEOPLE[:k]:
        pulses.record_answers(wave, answers(person))
    pulses.show_results(wave)
    shown = surfaces(library, sample, wave, tmp_path)
    assert pulses.results(wave).score is not None
    for person in PEOPLE[k:2 * k - 1]:  # n+1 … n+k−1
        pulses.record_answers(wave, answers(person))
        with pytest.raises(ValidationError, match="more answer"):
            pulses.show_results(wave)
        assert surfaces(library, sample, wave, tmp_path) == shown
    pulses.record_answers(wave, answers(PEOPLE[2 * k - 1]))
    assert surfaces(library, sample, wave, tmp_path) == shown  # not until shown
    pulses.show_results(wave)
    assert pulses.results(wave).n == 2 * k
    assert surfaces(library, sample, wave, tmp_path) != shown


def test_nothing_is_shown_before_the_first_showing(sample: WorkshopService, wave: int) -> None:
    pulses = PulseService(sample)
    for person in PEOPLE[:4]:
        pulses.record_answers(wave, answers(person))
    result = pulses.results(wave)
    assert result.suppressed and result.score is None
    assert set(result.items.values()) == {None}
    state = pulses.state(wave)
    assert state.responses == 4 and state.refusal is None  # may be shown now


def test_the_refusal_says_how_many_more_answers_are_needed(sample: WorkshopService,
                                                           wave: int) -> None:
    pulses = PulseService(sample)
    k = pulses.k
    pulses.record_answers(wave, answers(PEOPLE[0]))
    with pytest.raises(ValidationError, match=f"{k - 1} more answers are needed before the "
                                              "results can be shown"):
        pulses.show_results(wave)
    for person in PEOPLE[1:k]:
        pulses.record_answers(wave, answers(person))
    pulses.show_results(wave)
    pulses.record_answers(wave, answers(PEOPLE[k]))
    assert pulses.state(wave).refusal == (
        f"{k - 1} more answers are needed before the results can change (they were last "
        f"shown at {k} answers; each showing needs {k} more).")


def test_a_statement_with_fewer_than_k_new_answers_is_not_shown_again(
        sample: WorkshopService, wave: int) -> None:
    """Three more people come, but only one of them answers statement 7: its new mean
    would be that one answer minus the old ones."""
    pulses = PulseService(sample)
    k = pulses.k
    for person in PEOPLE[:k]:
        pulses.record_answers(wave, answers(person))
    pulses.show_results(wave)
    assert pulses.results(wave).items["ps7"] is not None
    pulses.record_answers(wave, answers(PEOPLE[k]))
    for person in PEOPLE[k + 1:2 * k]:
        pulses.record_answers(wave, answers(person[:6] + (None,)))
    pulses.show_results(wave)
    result = pulses.results(wave)
    assert result.items["ps7"] is None and result.items["ps2"] is not None
    shown = [v for v in result.items.values() if v is not None]
    assert result.score == pytest.approx(sum(shown) / len(shown))


def test_showings_survive_reopening_clearing_and_the_workshop_file(
        library: Library, library_service: LibraryService, sample: WorkshopService,
        wave: int, tmp_path: Path) -> None:
    pulses = PulseService(sample)
    k = pulses.k
    for person in PEOPLE[:k]:
        pulses.record_answers(wave, answers(person))
    pulses.show_results(wave)
    shown = pulses.results(wave)
    path = library.path
    library.close()
    reopened = open_library(path, create=False)
    try:
        again = PulseService(LibraryService(reopened).open(sample.workshop_id))
        assert again.results(wave) == shown
        again.record_answers(wave, answers(PEOPLE[k]))
        with pytest.raises(ValidationError):
            again.show_results(wave)
        again.clear(wave)  # clearing and collecting again does not start afresh
        for person in PEOPLE[:k]:
            again.record_answers(wave, answers(person))
        with pytest.raises(ValidationError, match="more answers are needed before the "
                                                  "results can change"):
            again.show_results(wave)
        copy = import_workshop_file(reopened, export_workshop_file(
            reopened, sample.workshop_id, tmp_path / "w.rcdesk"))
        copied = PulseService(LibraryService(reopened).open(copy))
        copied_wave = copied.workshop.waves()[-1].id
        assert copied.results(copied_wave) == shown
        with pytest.raises(ValidationError):
            copied.show_results(copied_wave)
    finally:
        reopened.close()


def test_tallies_need_no_showing(sample: WorkshopService, wave: int) -> None:
    pulses = PulseService(sample)
    for key in ITEM_KEYS:
        pulses.set_tally(wave, key, 6, 3)
    result = pulses.results(wave)
    assert not result.suppressed and result.score is not None
    assert pulses.state(wave).refusal is None


def test_deleting_a_wave_and_undoing_brings_its_showings_back(sample: WorkshopService,
                                                              wave: int) -> None:
    pulses = PulseService(sample)
    for person in PEOPLE[:pulses.k]:
        pulses.record_answers(wave, answers(person))
    shown = pulses.show_results(wave)
    deleted = sample.delete_wave(wave)
    assert pulses.showings(wave) == []
    sample.undo(deleted)
    assert pulses.results(wave) == shown and len(pulses.showings(wave)) == 1


def test_a_csv_wave_plus_one_laptop_answer_reveals_nothing(
        library: Library, sample: WorkshopService, wave: int, tmp_path: Path) -> None:
    from rcdesk.services.pulse_import import commit_pulse, preview_pulse

    path = tmp_path / "wave.csv"
    path.write_text("respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7\n" + "".join(
        f"p{i},{','.join(map(str, person))}\n" for i, person in enumerate(PEOPLE[:3])), "utf-8")
    name = sample.wave(wave).name
    commit_pulse(library, preview_pulse(library, sample.workshop_id, path, wave=name,
                                        scale_max=7))
    pulses = PulseService(sample)
    pulses.show_results(wave)
    shown = surfaces(library, sample, wave, tmp_path)
    pulses.record_answers(wave, answers(PEOPLE[3]))  # one person on the laptop
    with pytest.raises(ValidationError, match="2 more answers are needed"):
        pulses.show_results(wave)
    assert surfaces(library, sample, wave, tmp_path) == shown
    assert "not shown" not in str(shown["pdf"])


def test_the_pdf_prints_no_figure_of_answers_never_shown(
        library: Library, sample: WorkshopService, wave: int, tmp_path: Path) -> None:
    pulses = PulseService(sample)
    for person in PEOPLE[:4]:
        pulses.record_answers(wave, answers(person))
    text = str(surfaces(library, sample, wave, tmp_path)["pdf"])
    assert "4 responses; the results have not been shown to the team yet" in " ".join(
        text.split())
    assert "not shown yet" in text
