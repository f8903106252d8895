"""`rcdesk export WORKSHOP OUT.png|OUT.svg [--wave NAME]`: the map as an image, headless.

Never imports Qt (it runs on machines with no display) and never writes to the
library. The wave defaults to the latest (services.scores.latest_wave) and its
scores to the default source (survey results when the wave has any, else the
map's live ratings); the image's title names the wave and the source. Prints the
path written, and nothing else, so scripts can use it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.domain.scores import WaveScores
from rcdesk.services.library import LibraryService
from rcdesk.services.scores import ScoresService
from rcdesk.store.connection import open_library


def cmd_export(args: argparse.Namespace, path: Path) -> int:
    from rcdesk.reports.map_image import image_format, map_figure, write_map_image

    out = Path(args.out)
    image_format(out)  # a wrong file name fails before the library is even opened
    library = open_library(path, create=False)
    try:
        service = LibraryService(library)
        workshop = service.open_read_only(service.find(args.workshop))
        details = workshop.workshop()
        roles, ties = workshop.roles(), workshop.ties()
        scores, heading = _scores(ScoresService(library, details.id), args.wave)
    finally:
        library.close()
    figure = map_figure(roles, ties, scores, title=f"{details.title}{heading}",
                        weak_below=details.settings.weak_below,
                        strong_above=details.settings.strong_above)
    print(write_map_image(figure, out))
    return 0


def _scores(service: ScoresService, wave_name: str | None) -> tuple[WaveScores | None, str]:
    """The chosen wave's scores and a title suffix naming the wave and the source.

    A workshop without waves still exports its map (with no scores) unless a wave
    was asked for by name.
    """
    if wave_name is None and not service.waves():
        return None, ""
    wave = service.find_wave(wave_name)
    scores = service.wave_scores(wave.id)
    return scores, f" · {wave.name} ({scores.source.label})"
