"""The Conversations stage: a meeting's agenda and the walkthrough player, the decks,
the captures and the psychological-safety pulse, as tabs.

Each tab is its own module and takes the workshop model, the shared EditRunner and
the Feedback sink; the page only wires them together (start a walkthrough from the
agenda, pass the header's wave and projector mode on).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rcdesk.ui.conversations.agenda import AgendaTab
from rcdesk.ui.conversations.captures import CapturesTab
from rcdesk.ui.conversations.deck_library import DeckLibraryTab
from rcdesk.ui.conversations.pulse_tab import PulseTab
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import named
from rcdesk.ui.workshop_model import WorkshopModel


class ConversationsPage(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback) -> None:
        super().__init__()
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self._wave_id: int | None = None
        self._projector = False
        self.agenda = AgendaTab(model, runner, feedback)
        self.decks = DeckLibraryTab(model, runner, feedback)
        self.captures = CapturesTab(model, runner, feedback)
        self.pulse = PulseTab(model, runner, feedback)
        self.tabs = named(QTabWidget(), "Conversations")
        self.tabs.addTab(self.agenda, "Agenda && walkthrough")
        self.tabs.addTab(self.decks, "Decks")
        self.tabs.addTab(self.captures, "Captures")
        self.tabs.addTab(self.pulse, "Pulse")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_wave(self, wave_id: int | None) -> None:
        """The header's wave (the pulse and the reveal steps read it)."""
        self._wave_id = wave_id

    def set_projector(self, on: bool) -> None:
        self._projector = on
