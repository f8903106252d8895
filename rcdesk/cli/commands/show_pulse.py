"""`rcdesk show-pulse WORKSHOP`: a recorded showing of a wave's pulse results (issue 15),
refused until enough new answers came in. Never imports Qt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rcdesk.cli.common import EXIT_OK
from rcdesk.cli.library import writing
from rcdesk.services.library import LibraryService
from rcdesk.services.pulse import PulseService
from rcdesk.services.scores import ScoresService
from rcdesk.store.connection import open_library


def run(args: argparse.Namespace, path: Path) -> int:
    """Record a showing of the wave's pulse answers and print what it shows."""
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
