"""The Map page's image export: the map as it is shown (wave, lens, hidden scores), drawn
in a child process (services/map_request.py) so the window never waits for matplotlib:
a big map took seconds on the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rcdesk.domain.errors import DomainError
from rcdesk.services.map_request import MapImageRequest
from rcdesk.ui.background import Background, ChildCall, as_path

if TYPE_CHECKING:
    from rcdesk.ui.map.page import MapPage


def map_request(page: MapPage, path: str) -> MapImageRequest:
    """What `page` shows, to be written to `path` (DomainError for a refused name)."""
    service = page.model.service
    workshop = service.workshop()
    scene = page.scene
    wave = service.wave(scene.wave_id).name if scene.wave_id else ""
    lens = scene.lens
    return MapImageRequest.of(
        service.roles(), scene.shown_ties(), scene.scores, path, lens=lens.key,
        hidden=lens.hidden, projector=lens.projector,
        title=f"{workshop.title} — {wave}" if wave else workshop.title,
        weak_below=workshop.settings.weak_below, strong_above=workshop.settings.strong_above)


class MapExports:
    """The page's image exports, one at a time, each in a child process."""

    def __init__(self, page: MapPage) -> None:
        self.page = page
        self.background = Background(page)

    @property
    def busy(self) -> bool:
        return self.background.busy

    def start(self, path: str) -> bool:
        """Start writing the map to `path`; False (and a message) if refused at once."""
        feedback = self.page.feedback
        if self.busy:
            feedback.note("The map is still being saved; try again when it is done.")
            return False
        try:
            request = map_request(self.page, path)
        except DomainError as exc:
            feedback.error(exc)
            return False
        feedback.note(f"Saving the map to {Path(path).name}…")
        self.background.run(ChildCall("map_image", request.to_payload(), decode=as_path),
                            self._saved, feedback.error)
        return True

    def _saved(self, written: object) -> None:
        self.page.feedback.note(f"Map saved to {written}")
        self.page.image_exported.emit(written)

    def wait(self) -> bool:
        """Let an export under way finish (a closing page, the self-test)."""
        return self.background.wait()
