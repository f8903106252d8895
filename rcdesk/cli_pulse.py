"""`rcdesk import PULSE.csv`: pulse answers from a CSV file; `rcdesk show-pulse`: a
recorded showing of a wave's results (issue 15); and the pulse block of `rcdesk
scores --format json`, which prints the last showing only. Never imports Qt.

`rcdesk import` tells a pulse file from a survey file by its header
(services/pulse_import.looks_like_pulse); the messages, the exit codes and the
all-or-nothing rule are the survey import's (cli_survey.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rcdesk.analysis.psych_safety import PulseResult
from rcdesk.services.library import LibraryService
from rcdesk.services.pulse import PulseService
from rcdesk.services.pulse_import import commit_pulse, preview_pulse
from rcdesk.store.connection import Library, open_library

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def import_pulse(args: argparse.Namespace, path: Path) -> int:
    """Check the whole file, then write it in one transaction (after a backup)."""
    from rcdesk.cli_survey import checked_import

    csv_path = Path(args.csv)
    done = checked_import(path, args, lambda library, workshop_id, csv: preview_pulse(
        library, workshop_id, csv, wave=args.wave, scale_max=args.scale),
        commit_pulse)
    if done is None:
        return EXIT_BAD_INPUT
    preview, result, title = done
    plural = "s" if result.rows != 1 else ""
    lines = [f"Imported the pulse answers of {result.rows} respondent{plural} in "
             f"{csv_path.name} into “{title}” (wave “{result.wave}”, "
             f"{preview.scale_max}-point scale)."]
    if result.added_wave:
        lines.append(f"Added the wave “{result.wave}”.")
    if result.replaced:
        lines.append("Replaced the pulse that was already in the wave.")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_show_pulse(args: argparse.Namespace, path: Path) -> int:
    """Record a showing of the wave's pulse answers and print what it shows."""
    from rcdesk.cli_backup import writing
    from rcdesk.services.scores import ScoresService

    with writing(path):
        library = open_library(path, create=False)
        try:
            workshop_id = LibraryService(library).find(args.workshop)
            wave = ScoresService(library, workshop_id).find_wave(args.wave)
            pulses = PulseService(LibraryService(library).open(workshop_id))
            result = pulses.show_results(wave.id)
        finally:
            library.close()
    score = "–" if result.score is None else f"{result.score:.2f}"
    sys.stdout.write(f"Showed the pulse of wave “{wave.name}”: team score {score} on the "
                     f"{result.scale_max}-point scale, from {result.n} responses.\n")
    return EXIT_OK


def wave_pulse(library: Library, workshop_id: int, wave_id: int) -> PulseResult | None:
    """What the team may see of the wave's pulse (the last showing of its answers, or a
    tally's result), or None when it has no pulse."""
    pulses = PulseService(LibraryService(library).open_read_only(workshop_id))
    return pulses.results(wave_id) if pulses.pulse(wave_id) is not None else None
