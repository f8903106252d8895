"""The Conversations stage: a meeting's agenda and the walkthrough player, the decks,
the captures and the psychological-safety pulse, as tabs.

Each tab is its own module and takes the workshop model, the shared EditRunner and
the Feedback sink; the page only wires them together: the agenda's Start opens the
player (which takes the page's place until the walkthrough is left), a pulse step
shows the Pulse tab with a way back to the walkthrough, and the header's wave and
projector mode are passed on.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from rcdesk.domain.scores import WaveScores
from rcdesk.ui.conversations.agenda import AgendaTab
from rcdesk.ui.conversations.captures import CapturesTab
from rcdesk.ui.conversations.deck_library import DeckLibraryTab
from rcdesk.ui.conversations.dot_vote_tab import DotVoteTab
from rcdesk.ui.conversations.pairs_tab import PairsTab
from rcdesk.ui.conversations.player import Player
from rcdesk.ui.conversations.pulse_tab import PulseTab
from rcdesk.ui.conversations.room_tab import RoomRatingTab
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named
from rcdesk.ui.workshop_model import WorkshopModel


class ConversationsPage(QWidget):
    gap_requested = Signal(int)
    """Show this gap in Gaps & Experiments (a capture was just turned into it)."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback) -> None:
        super().__init__()
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self._wave_id: int | None = None
        self._projector = False
        self.scores = model.session.scores
        self.agenda = AgendaTab(model, runner, feedback)
        self.decks = DeckLibraryTab(model, runner, feedback)
        self.captures = CapturesTab(model, runner, feedback)
        self.pulse = PulseTab(model, runner, feedback)
        self.room = RoomRatingTab(model, feedback)
        self.dot_vote = DotVoteTab(model, runner, feedback)
        self.pairs = PairsTab(model, feedback)
        self.player = Player(model, runner, feedback, self._wave_scores, parent=self)
        self.tabs = named(QTabWidget(), "Conversations")
        self.tabs.addTab(self.agenda, "Agenda && walkthrough")
        self.tabs.addTab(self.decks, "Decks")
        self.tabs.addTab(self.captures, "Captures")
        self.tabs.addTab(self.pulse, "Pulse")
        # Every voice in the room (issue 20), one tab so the bar fits in projector mode.
        self.voices = named(QTabWidget(), "Every voice in the room")
        self.voices.addTab(self.room, "Rate the map")
        self.voices.addTab(self.dot_vote, "Dot-vote")
        self.voices.addTab(self.pairs, "Pairs")
        self.tabs.addTab(self.voices, "Every voice")
        self.running_bar = QFrame()
        self.running_bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.running_bar)
        self.running_text = label("A walkthrough is running.", wrap=True)
        bar.addWidget(self.running_text, 1)
        bar.addWidget(button("Back to the walkthrough", "Back to the walkthrough",
                             self.show_player, accent=True))
        self.running_bar.hide()
        browse = QWidget()
        box = QVBoxLayout(browse)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.running_bar)
        box.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(browse)
        self.stack.addWidget(self.player.facilitator)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.agenda.start_requested.connect(self.start_walkthrough)
        self.player.ended.connect(self._on_player_ended)
        self.player.pulse_requested.connect(self._on_player_pulse_requested)
        self.captures.gap_shown.connect(self.gap_requested)

    def _wave_scores(self, wave_id: int | None) -> WaveScores | None:
        return self.scores.wave_scores(wave_id) if wave_id is not None else None

    # -- the walkthrough ---------------------------------------------------------------------

    def start_walkthrough(self, meeting_id: int) -> bool:
        """Open the player on the meeting (resuming it when a step is on screen)."""
        self.player.set_wave(self._wave_id)
        if not self.player.open(meeting_id):
            return False
        self.show_player()
        return True

    def resume(self, meeting_id: int) -> bool:
        self.player.set_wave(self._wave_id)
        if not self.player.resume(meeting_id):
            return False
        self.show_player()
        return True

    def show_player(self) -> None:
        self.running_bar.hide()
        self.stack.setCurrentWidget(self.player.facilitator)
        self.player.facilitator.setFocus()

    def showing_player(self) -> bool:
        return self.stack.currentWidget() is self.player.facilitator

    def _on_player_ended(self) -> None:
        self.running_bar.hide()
        self.stack.setCurrentIndex(0)
        self.tabs.setCurrentWidget(self.agenda)

    def _on_player_pulse_requested(self) -> None:
        now = self.player.current()
        self.running_text.setText(f"The walkthrough is paused at “{now.title}”." if now
                                  else "A walkthrough is running.")
        self.running_bar.show()
        self.stack.setCurrentIndex(0)
        self.tabs.setCurrentWidget(self.pulse)

    def start_room_rating(self) -> None:
        """Show "Rate the map" and pass the laptop round (the Map's button asks this)."""
        self.show_voice(self.room)
        self.room.start_laptop()

    def show_voice(self, tab: QWidget) -> None:
        """Show one of the "Every voice" tabs (Rate the map, Dot-vote, Pairs)."""
        self.tabs.setCurrentWidget(self.voices)
        self.voices.setCurrentWidget(tab)

    def detach(self) -> None:
        """The workshop is closing: close the room's window without ending the walkthrough
        (a step left CURRENT is offered for resuming when the workshop opens again)."""
        self.player.detach()

    # -- header ------------------------------------------------------------------------------

    def set_wave(self, wave_id: int | None) -> None:
        """The header's wave (the pulse and the reveal steps read it)."""
        self._wave_id = wave_id
        self.player.set_wave(wave_id)
        self.pulse.set_wave(wave_id)
        self.room.set_wave(wave_id)
        self.pairs.set_wave(wave_id)

    def set_projector(self, on: bool) -> None:
        self._projector = on
        self.pulse.set_projector(on)
        self.decks.set_projector(on)
        self.captures.set_projector(on)  # team-facing on the projector: no roles (issue 15)
