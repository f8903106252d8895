"""The report's change-model page (issue 19): "Our change model" on one page, first.

The one-page model is the landscape figure of reports/change_model.py turned a quarter on
the portrait page, filling it (readers turn the page); every figure on it is also printed
as text in the sections that follow, so nothing is only in a picture.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.platypus import Flowable

from rcdesk.reports.change_model import change_model_figure
from rcdesk.reports.figures import missing_glyphs_allowed
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]
DPI = 170
FRAME_PADDING = 6  # platypus frames keep 6 pt inside each edge


class TurnedImage(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A landscape PNG drawn a quarter turn anticlockwise, filling the frame."""

    def __init__(self, png: bytes, width: float, height: float) -> None:
        super().__init__()
        self.png, self.width, self.height = png, width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.lib.utils import ImageReader

        self.canv.saveState()
        self.canv.translate(self.width, 0)
        self.canv.rotate(90)
        self.canv.drawImage(ImageReader(io.BytesIO(self.png)), 0, 0, width=self.height,
                            height=self.width)
        self.canv.restoreState()


def model_page(snapshot: ReportSnapshot, width: float, height: float) -> Flowables:
    model = snapshot.model
    assert model is not None
    width, height = width - 2 * FRAME_PADDING, height - 2 * FRAME_PADDING
    figure = change_model_figure(model, height / 72, width / 72, DPI)
    buffer = io.BytesIO()
    with missing_glyphs_allowed():
        figure.savefig(buffer, format="png", dpi=DPI)
    return [TurnedImage(buffer.getvalue(), width, height)]
