"""The Conversations stage: a meeting's agenda and the walkthrough player, the decks,
the captures and the psychological-safety pulse, as tabs.

Each tab is its own module and takes the workshop model, the shared EditRunner and
the Feedback sink; the page only wires them together: the agenda's Start opens the
player (which takes the page's place until the walkthrough is left), a pulse step
shows the Pulse tab with a way back to the walkthrough, and the header's wave and
projector mode are passed on.

Opening the stage builds only what its first frame shows (issue 23): each tab is built
the first time it is shown or reached by its attribute (`page.pulse` …), and the player
when a walkthrough is first started; each comes up in the page's current wave and mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from rcdesk.ui.feedback import Feedback
from rcdesk.ui.lazy_tabs import LazyTabs
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:
    from rcdesk.domain.scores import WaveScores
    from rcdesk.ui.conversations.agenda import AgendaTab
    from rcdesk.ui.conversations.captures import CapturesTab
    from rcdesk.ui.conversations.deck_library import DeckLibraryTab
    from rcdesk.ui.conversations.dot_vote_tab import DotVoteTab
    from rcdesk.ui.conversations.pairs_tab import PairsTab
    from rcdesk.ui.conversations.player import Player
    from rcdesk.ui.conversations.pulse_tab import PulseTab
    from rcdesk.ui.conversations.room_tab import RoomRatingTab


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
        self._player: Player | None = None
        self.scores = model.session.scores
        # Built from the top down (ui/page_pieces.py).
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        browse = QWidget()
        self.stack.addWidget(browse)
        box = QVBoxLayout(browse)
        box.setContentsMargins(0, 0, 0, 0)
        self.running_bar = QFrame()
        box.addWidget(self.running_bar)
        self.running_bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.running_bar)
        self.running_text = label("A walkthrough is running.", wrap=True)
        bar.addWidget(self.running_text, 1)
        bar.addWidget(button("Back to the walkthrough", "Back to the walkthrough",
                             self.show_player, accent=True))
        self.running_bar.hide()
        self.tabs = named(LazyTabs(), "Conversations")
        box.addWidget(self.tabs, 1)
        self._agenda = self.tabs.add_lazy(self._build_agenda, "Agenda && walkthrough")
        self._decks = self.tabs.add_lazy(self._build_decks, "Decks")
        self._captures = self.tabs.add_lazy(self._build_captures, "Captures")
        self._pulse = self.tabs.add_lazy(self._build_pulse, "Pulse")
        # Every voice in the room (issue 20), one tab so the bar fits in projector mode.
        self.voices = named(LazyTabs(), "Every voice in the room")
        self.tabs.addTab(self.voices, "Every voice")
        self._room = self.voices.add_lazy(self._build_room, "Rate the map")
        self._dot_vote = self.voices.add_lazy(self._build_dot_vote, "Dot-vote")
        self._pairs = self.voices.add_lazy(self._build_pairs, "Pairs")

    def _wave_scores(self, wave_id: int | None) -> WaveScores | None:
        return self.scores.wave_scores(wave_id) if wave_id is not None else None

    # -- the tabs, each built on first use ---------------------------------------------------

    def _build_agenda(self) -> QWidget:
        from rcdesk.ui.conversations.agenda import AgendaTab

        tab = AgendaTab(self.model, self.runner, self.feedback, parent=self._agenda)
        tab.start_requested.connect(self.start_walkthrough)
        return tab

    def _build_decks(self) -> QWidget:
        from rcdesk.ui.conversations.deck_library import DeckLibraryTab

        tab = DeckLibraryTab(self.model, self.runner, self.feedback, parent=self._decks)
        tab.set_projector(self._projector)
        return tab

    def _build_captures(self) -> QWidget:
        from rcdesk.ui.conversations.captures import CapturesTab

        tab = CapturesTab(self.model, self.runner, self.feedback, parent=self._captures,
                          projector=self._projector)
        tab.gap_shown.connect(self.gap_requested)
        return tab

    def _build_pulse(self) -> QWidget:
        from rcdesk.ui.conversations.pulse_tab import PulseTab

        return PulseTab(self.model, self.runner, self.feedback, parent=self._pulse,
                        wave_id=self._wave_id, projector=self._projector)

    def _build_room(self) -> QWidget:
        from rcdesk.ui.conversations.room_tab import RoomRatingTab

        tab = RoomRatingTab(self.model, self.feedback)
        tab.set_wave(self._wave_id)
        return tab

    def _build_dot_vote(self) -> QWidget:
        from rcdesk.ui.conversations.dot_vote_tab import DotVoteTab

        return DotVoteTab(self.model, self.runner, self.feedback)

    def _build_pairs(self) -> QWidget:
        from rcdesk.ui.conversations.pairs_tab import PairsTab

        tab = PairsTab(self.model, self.feedback)
        tab.set_wave(self._wave_id)
        return tab

    @property
    def agenda(self) -> AgendaTab:
        return cast("AgendaTab", self._agenda.ensure())

    @property
    def decks(self) -> DeckLibraryTab:
        return cast("DeckLibraryTab", self._decks.ensure())

    @property
    def captures(self) -> CapturesTab:
        return cast("CapturesTab", self._captures.ensure())

    @property
    def pulse(self) -> PulseTab:
        return cast("PulseTab", self._pulse.ensure())

    @property
    def room(self) -> RoomRatingTab:
        return cast("RoomRatingTab", self._room.ensure())

    @property
    def dot_vote(self) -> DotVoteTab:
        return cast("DotVoteTab", self._dot_vote.ensure())

    @property
    def pairs(self) -> PairsTab:
        return cast("PairsTab", self._pairs.ensure())

    @property
    def player(self) -> Player:
        """The walkthrough player, built the first time a walkthrough is started."""
        if self._player is None:
            from rcdesk.ui.conversations.player import Player

            player = Player(self.model, self.runner, self.feedback, self._wave_scores,
                            parent=self)
            player.set_wave(self._wave_id)
            player.ended.connect(self._on_player_ended)
            player.pulse_requested.connect(self._on_player_pulse_requested)
            self.stack.addWidget(player.facilitator)
            self._player = player
        return self._player

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
        return self._player is not None and self.stack.currentWidget() is self._player.facilitator

    def _on_player_ended(self) -> None:
        self.running_bar.hide()
        self.stack.setCurrentIndex(0)
        self.tabs.setCurrentWidget(self._agenda)

    def _on_player_pulse_requested(self) -> None:
        now = self.player.current()
        self.running_text.setText(f"The walkthrough is paused at “{now.title}”." if now
                                  else "A walkthrough is running.")
        self.running_bar.show()
        self.stack.setCurrentIndex(0)
        self.tabs.setCurrentWidget(self._pulse)

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
        if self._player is not None:
            self._player.detach()

    # -- header ------------------------------------------------------------------------------

    def set_wave(self, wave_id: int | None) -> None:
        """The header's wave (the pulse and the reveal steps read it); a tab built later
        comes up in it."""
        self._wave_id = wave_id
        if self._player is not None:
            self._player.set_wave(wave_id)
        if self._pulse.built is not None:
            self.pulse.set_wave(wave_id)
        if self._room.built is not None:
            self.room.set_wave(wave_id)
        if self._pairs.built is not None:
            self.pairs.set_wave(wave_id)

    def set_projector(self, on: bool) -> None:
        self._projector = on
        if self._pulse.built is not None:
            self.pulse.set_projector(on)
        if self._decks.built is not None:
            self.decks.set_projector(on)
        if self._captures.built is not None:  # team-facing on the projector: no roles (15)
            self.captures.set_projector(on)
