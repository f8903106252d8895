"""The Map page's image export: the map as it is shown (wave, lens, hidden scores)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.domain.errors import DomainError

if TYPE_CHECKING:
    from rcdesk.ui.map.page import MapPage


def export_map_image(page: MapPage, path: str) -> bool:
    """Write the map as `page` shows it to PNG or SVG; False (and a message) if refused."""
    from rcdesk.reports.map_image import map_figure, write_map_image

    service = page.model.service
    workshop = service.workshop()
    scene = page.scene
    wave = service.wave(scene.wave_id).name if scene.wave_id else ""
    lens = scene.lens
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        figure = map_figure(
            service.roles(), scene.shown_ties(), scene.scores, lens=lens.key,
            hidden=lens.hidden, projector=lens.projector,
            title=f"{workshop.title} — {wave}" if wave else workshop.title,
            weak_below=workshop.settings.weak_below,
            strong_above=workshop.settings.strong_above)
        written = write_map_image(figure, path)
    except DomainError as exc:
        page.feedback.error(exc)
        return False
    finally:
        QApplication.restoreOverrideCursor()
    page.feedback.note(f"Map saved to {written}")
    return True
