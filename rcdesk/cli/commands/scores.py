"""`rcdesk scores WORKSHOP`: a wave's RC scores as a table, JSON or CSV (read-only).
Never imports Qt.

The JSON of `rcdesk scores --format json` is a documented contract for scripts
(issue 4; docs/import-formats.md): keys never change meaning, floats are
unrounded, suppressed or missing values are null; its pulse block prints the last
showing only. Table and CSV show two decimals; the CSV keeps CRLF line ends and
neutralises cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from rcdesk.analysis.psych_safety import PulseResult
from rcdesk.cli.common import EXIT_OK
from rcdesk.domain.bands import Band, band_for
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.model import Wave, Workshop
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.reports.scores_export import csv_text, scores_csv, scores_json_text
from rcdesk.reports.scores_export import two as _two
from rcdesk.services.library import LibraryService
from rcdesk.services.pulse import PulseService
from rcdesk.services.scores import ScoresService
from rcdesk.store import repository
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library, open_for_reading


def run(args: argparse.Namespace, path: Path) -> int:
    library = open_for_reading(path)
    try:
        workshop_id = LibraryService(library).find(args.workshop)
        service = ScoresService(library, workshop_id)
        wave = service.find_wave(args.wave)
        scores = service.wave_scores(wave.id, ScoreSource(args.source) if args.source else None)
        workshop = service.workshop()
        names = {r.id: r.name for r in repository.list_roles(library.db, workshop_id)}
        pulse = wave_pulse(library, workshop_id, wave.id) if args.format == "json" else None
        imports = survey_store.import_records(library.db, wave.id)
    finally:
        library.close()
    if args.format == "json":
        sys.stdout.write(scores_json_text(workshop, wave, scores, names, pulse, imports))
    elif args.format == "csv":
        _write_crlf(scores_csv(workshop, scores, names))
    else:
        print("\n".join(scores_table(workshop, wave, scores, names)))
    return EXIT_OK


def _write_crlf(rows: list[list[str]]) -> None:
    """CSV with CRLF line ends (a lone CR inside a cell stays quoted and round-trips)."""
    out = sys.stdout
    try:
        out.reconfigure(newline="")  # type: ignore[union-attr]  # no CRLF → CRCRLF on Windows
    except (AttributeError, ValueError):
        pass
    out.write(csv_text(rows))


# -- table -----------------------------------------------------------------------------------

_SHORT = {"frequent": "freq", "timely": "time", "accurate": "accu", "problem_solving": "prob",
          "shared_goals": "goal", "shared_knowledge": "know", "mutual_respect": "resp"}


def scores_table(workshop: Workshop, wave: Wave, scores: WaveScores,
                 names: dict[int, str]) -> list[str]:
    """A plain-text report: ties, roles, overall; two decimals, bands beside the values."""
    s = workshop.settings
    when = f" ({wave.date.isoformat()})" if wave.date else ""
    lines = [f"{workshop.title} — wave “{wave.name}”{when} — {scores.source.label}",
             f"Bands: weak below {s.weak_below:.2f}, moderate {s.weak_below:.2f}–"
             f"{s.strong_above:.2f}, strong above {s.strong_above:.2f}."]
    if scores.source is ScoreSource.SURVEY:
        lines.append(f"Ties rated by fewer than {scores.min_respondents} respondents are "
                     f"hidden (n<{scores.min_respondents}).")
    if not scores.ties:
        lines += ["", "No scores in this wave yet."]
        return lines
    lines += ["", *_tie_lines(scores, names), "", *_role_lines(workshop, scores, names), "",
              *_overall_lines(workshop, scores)]
    return lines


def _tie_lines(scores: WaveScores, names: dict[int, str]) -> Iterator[str]:
    width = max(len("from"), *(len(n) for n in names.values()))
    yield (f"{'from':{width}}  {'to':{width}}  {'n':>4}  {'RC':>5}  {'band':8}  {'comm':>5}  "
           f"{'rel':>5}  " + "  ".join(f"{_SHORT[k]:>5}" for k in DIMENSION_KEYS))
    for t in scores.ties:
        n = "" if t.n is None else str(t.n)
        start = f"{names.get(t.source_id, '?'):{width}}  {names.get(t.target_id, '?'):{width}}"
        if t.suppressed:
            yield f"{start}  {n:>4}  {'n<' + str(scores.min_respondents):>5}"
            continue
        band = "" if t.band is Band.UNRATED else t.band.value
        values = "  ".join(f"{_two(t.dimensions.get(k)):>5}" for k in DIMENSION_KEYS)
        yield (f"{start}  {n:>4}  {_two(t.rc):>5}  {band:8}  {_two(t.communication):>5}  "
               f"{_two(t.relationship):>5}  {values}")


def _with_band(workshop: Workshop, value: float | None) -> str:
    if value is None:
        return "—"
    s = workshop.settings
    return f"{value:.2f} {band_for(value, s.weak_below, s.strong_above).value}"


def _role_lines(workshop: Workshop, scores: WaveScores,
                names: dict[int, str]) -> Iterator[str]:
    width = max(len("role"), *(len(n) for n in names.values()))
    yield f"{'role':{width}}  {'given':14}  {'received':14}  within"
    for r in scores.roles:
        yield (f"{names.get(r.role_id, '?'):{width}}  {_with_band(workshop, r.given):14}  "
               f"{_with_band(workshop, r.received):14}  {_with_band(workshop, r.within)}")


def _overall_lines(workshop: Workshop, scores: WaveScores) -> Iterator[str]:
    o = scores.overall
    yield f"{'overall, all ties':24}  {_with_band(workshop, o.rc)}"
    yield f"{'overall, between roles':24}  {_with_band(workshop, o.between_roles)}"
    for key in DIMENSION_KEYS:
        yield f"{key:24}  {_with_band(workshop, o.dimensions.get(key))}"


def wave_pulse(library: Library, workshop_id: int, wave_id: int) -> PulseResult | None:
    """What the team may see of the wave's pulse (the last showing of its answers, or a
    tally's result), or None when it has no pulse."""
    pulses = PulseService(LibraryService(library).open_read_only(workshop_id))
    return pulses.results(wave_id) if pulses.pulse(wave_id) is not None else None
