"""The map as the window shows it, drawn in a child process (Map ▸ Export Map…).

Drawing a map with matplotlib holds the interpreter for a second or more on a big map,
and matplotlib beside the window's own charts is not thread-safe; so the window hands
what it shows (roles, the ties on the map, the scores, the lens, the title) to
`rcdesk --child map_image` (rcdesk/child.py) and goes on. The request crosses as a
pickle, encoded for the child's JSON-free stdin: the child is this same program,
started by the window, so nothing foreign is ever unpickled.
"""

from __future__ import annotations

import base64
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rcdesk.domain.errors import DomainError
from rcdesk.domain.model import Role, Tie
from rcdesk.domain.scores import WaveScores
from rcdesk.domain.settings import DEFAULT_STRONG_ABOVE, DEFAULT_WEAK_BELOW


@dataclass(frozen=True)
class MapImageRequest:
    roles: tuple[Role, ...]
    ties: tuple[Tie, ...]
    scores: WaveScores | None
    out: Path
    lens: str | None = None
    hidden: bool = False
    projector: bool = False
    title: str = ""
    weak_below: float = DEFAULT_WEAK_BELOW
    strong_above: float = DEFAULT_STRONG_ABOVE

    def __post_init__(self) -> None:
        from rcdesk.reports.map_image import image_format

        image_format(self.out)  # PNG or SVG, checked now: a refused name is said at once

    @classmethod
    def of(cls, roles: Sequence[Role], ties: Sequence[Tie], scores: WaveScores | None,
           out: str | Path, *, lens: str | None, hidden: bool, projector: bool, title: str,
           weak_below: float, strong_above: float) -> MapImageRequest:
        return cls(tuple(roles), tuple(ties), scores, Path(out), lens, hidden, projector,
                   title, weak_below, strong_above)

    def to_payload(self) -> str:
        return base64.b64encode(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)).decode()

    @classmethod
    def from_payload(cls, text: str) -> MapImageRequest:
        try:
            request = pickle.loads(base64.b64decode(text.strip()))  # noqa: S301 - our own
        except Exception as exc:  # noqa: BLE001 - any damage reads as one calm refusal
            raise DomainError("The map to draw did not arrive whole; nothing was written.") \
                from exc
        if not isinstance(request, cls):
            raise DomainError("The map to draw did not arrive whole; nothing was written.")
        return request


def write_map_request(request: MapImageRequest) -> Path:
    """Draw the request's map and write it (atomically); the path written."""
    from rcdesk.reports.map_image import map_figure, write_map_image

    figure = map_figure(request.roles, request.ties, request.scores, lens=request.lens,
                        hidden=request.hidden, projector=request.projector,
                        title=request.title or None, weak_below=request.weak_below,
                        strong_above=request.strong_above)
    return write_map_image(figure, request.out)
