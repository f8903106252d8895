"""`rcdesk import` and `rcdesk scores` (survey results). Never imports Qt.

The JSON of `rcdesk scores --format json` is a documented contract for scripts
(issue 4; docs/import-formats.md): keys never change meaning, floats are
unrounded, suppressed or missing values are null. Table and CSV show two
decimals; the CSV keeps CRLF line ends and neutralises cells a spreadsheet
would run as a formula.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from rcdesk.cli_backup import writing
from rcdesk.domain.bands import Band, band_for
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.model import Wave, Workshop
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.domain.survey import FrequencyScale
from rcdesk.reports.scores_export import (  # noqa: F401 - re-exported for scripts and tests
    CSV_HEADER,
    csv_text,
    neutralise,
    scores_csv,
    scores_json,
    scores_json_text,
)
from rcdesk.reports.scores_export import two as _two
from rcdesk.services.importing import CheckedPreview
from rcdesk.services.library import LibraryService
from rcdesk.services.pulse_import import looks_like_pulse
from rcdesk.services.scores import ScoresService
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.services.survey_mapping import load_mapping
from rcdesk.store import repository
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library, open_for_reading, open_library

EXIT_OK, EXIT_BAD_INPUT = 0, 2
MAX_PROBLEM_LINES = 20
P = TypeVar("P", bound=CheckedPreview)
R = TypeVar("R")


# -- import ----------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace, path: Path) -> int:
    if Path(args.csv).suffix.lower() == ".rcdesk":
        from rcdesk.cli_export import cmd_import_workshop

        return cmd_import_workshop(args, path)
    if args.workshop is None:
        from rcdesk.cli import UsageError

        raise UsageError("the following arguments are required: --workshop")
    if looks_like_pulse(Path(args.csv)):
        from rcdesk.cli_pulse import import_pulse

        with writing(path):
            return import_pulse(args, path)
    if getattr(args, "scale", None) is not None:
        from rcdesk.cli import UsageError

        raise UsageError("--scale is for pulse files (columns respondent, ps1 … ps7); this "
                         "file's header is not a pulse header")
    with writing(path):
        return _import(args, path)


def checked_import(path: Path, args: argparse.Namespace,
                   preview_file: Callable[[Library, int, Path], P],
                   commit: Callable[[Library, P], R]) -> tuple[P, R, str] | None:
    """Check the whole file; only when it has no problem, commit it (services/importing:
    the before-import backup, then one transaction). (preview, result, workshop title),
    or None with the problems on stderr. Survey and pulse imports both come through here."""
    csv_path = Path(args.csv)
    library = open_library(path, create=False)
    try:
        service = LibraryService(library)
        workshop_id = service.find(args.workshop)
        preview = preview_file(library, workshop_id, csv_path)
        if not preview.ok:
            for line in problem_lines(csv_path.name, preview):
                print(line, file=sys.stderr)
            return None
        result = commit(library, preview)  # the before-import backup, then one transaction
        title = service.open_read_only(workshop_id).workshop().title
    finally:
        library.close()
    return preview, result, title


def _confirmed(args: argparse.Namespace) -> set[str]:
    return {key for key, flag in (("reversed", "confirm_reversed"),
                                  ("new_roles", "confirm_new_roles"),
                                  ("similar_roles", "confirm_similar_roles"))
            if getattr(args, flag, False)}


def _import(args: argparse.Namespace, path: Path) -> int:
    csv_path = Path(args.csv)
    mapping = load_mapping(args.mapping) if getattr(args, "mapping", None) else None
    scale = getattr(args, "frequency_scale", None)
    done = checked_import(path, args, lambda library, workshop_id, csv: preview_survey(
        library, workshop_id, csv, wave=args.wave, mapping=mapping,
        frequency_scale=FrequencyScale(scale) if scale else None,
        confirm=_confirmed(args), sheet=getattr(args, "sheet", None)), commit_survey)
    if done is None:
        return EXIT_BAD_INPUT
    preview, result, title = done
    waves = ", ".join(f"“{w}”" for w in preview.waves)
    print(f"Imported {result.rows} rows from {result.respondents} respondents in "
          f"{csv_path.name} into “{title}” (wave {waves}).")
    how = f"{preview.layout} layout" + (f", {preview.header_rows} header rows"
                                        if preview.header_rows > 1 else "")
    print(f"Read as {how}; scale: {preview.direction}")
    if preview.frequency_scale is not None:
        print(f"Frequency answers: {preview.frequency_scale.words}.")
    if result.added_roles:
        print(f"Added {len(result.added_roles)} new role"
              f"{'s' if len(result.added_roles) != 1 else ''}: {', '.join(result.added_roles)}.")
    if result.added_waves:
        print(f"Added the wave {', '.join(f'“{w}”' for w in result.added_waves)}.")
    if result.replaced:
        print(f"Replaced {result.replaced} survey responses that were already in the wave.")
    return EXIT_OK


def problem_lines(file_name: str, preview: CheckedPreview) -> list[str]:
    """At most MAX_PROBLEM_LINES lines: the problems, any overflow, and what happened; for
    a survey file with no problem but something to confirm, what and with which flag."""
    pending = getattr(preview, "pending", ())
    if preview.problem_count == 0 and pending:
        lines = [f"rcdesk: {file_name}: {p.message} "
                 + (f"(choose with {p.flag}.)" if p.key == "frequency_scale"
                    else f"({p.flag} confirms.)") for p in pending]
        return [*lines, "rcdesk: nothing was imported; run the import again with the flag."]
    room = MAX_PROBLEM_LINES - 1
    shown = list(preview.problems[:room])
    if preview.problem_count > room:
        shown = shown[:room - 1]
    lines = [f"rcdesk: {file_name}{', ' if p.row or p.column else ': '}{p.describe()}"
             for p in shown]
    if preview.problem_count > len(shown):
        lines.append(f"rcdesk: … and {preview.problem_count - len(shown)} more problems.")
    lines.append("rcdesk: nothing was imported; fix the file and run the import again.")
    return lines


# -- scores ----------------------------------------------------------------------------------


def cmd_scores(args: argparse.Namespace, path: Path) -> int:
    from rcdesk.cli_pulse import wave_pulse

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
