"""The psychological-safety pulse: pass-the-laptop, tally, results and trend.

(A placeholder; the real tab replaces this module.)
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from rcdesk.ui.feedback import Feedback
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import label
from rcdesk.ui.workshop_model import WorkshopModel


class PulseTab(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback) -> None:
        super().__init__()
        self.model = model
        self.runner = runner
        self.feedback = feedback
        QVBoxLayout(self).addWidget(label(__doc__ or ""))
