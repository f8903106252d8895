"""A Qt face for one open workshop's session: turns its change flags into signals.

Views take this model in their constructor, read through `service`, reach the workshop's
other services through `session` (services/session.py; never building their own), and
refresh when the signal for what they show fires; they never update each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from rcdesk.services.edits import Change
from rcdesk.services.session import WorkshopSession


class WorkshopModel(QObject):
    workshop_changed = Signal()
    """The workshop's details or settings changed."""
    roles_changed = Signal()
    """Roles were added, removed, renamed, reordered, edited or moved on the map."""
    waves_changed = Signal()
    """Waves were added, removed, renamed or re-dated."""
    ties_changed = Signal()
    """Ties were added or removed."""
    ratings_changed = Signal()
    """Ratings changed in some wave."""
    meetings_changed = Signal()
    """Meetings were added, removed or edited."""
    survey_changed = Signal()
    """Survey answers were imported, replaced or deleted."""
    gaps_changed = Signal()
    """Gaps were added, removed or edited (status and due dates included)."""
    experiments_changed = Signal()
    """PDSA cycles were added, removed, edited, moved on or decided."""
    measures_changed = Signal()
    """Dated measure values were recorded or removed."""
    decks_changed = Signal()
    """The library's own decks were copied, edited, imported or deleted."""
    agenda_changed = Signal()
    """A meeting's agenda changed, or a walkthrough moved on (steps run or skipped)."""
    captures_changed = Signal()
    """Captured insights, quotes or questions were added, edited, tagged or removed."""
    pulse_changed = Signal()
    """Psychological-safety pulse answers or tallies changed."""
    structures_changed = Signal()
    """Structures were assessed, edited, linked, added or removed."""
    changed = Signal(object)
    """Any change was committed; carries its Change flags (after the specific signals)."""
    saved = Signal()
    """Any change was committed to the library."""

    def __init__(self, session: WorkshopSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = service = session.workshop
        service.subscribe(self._on_service_changed)
        self.destroyed.connect(self._disconnect)

    def _disconnect(self) -> None:
        self.service.unsubscribe(self._on_service_changed)

    def detach(self) -> None:
        """Stop listening to the service (the workshop is being closed)."""
        self.service.unsubscribe(self._on_service_changed)

    def _on_service_changed(self, changes: Change) -> None:
        signals = (
            (Change.WORKSHOP, self.workshop_changed),
            (Change.ROLES | Change.LAYOUT, self.roles_changed),
            (Change.WAVES, self.waves_changed),
            (Change.TIES, self.ties_changed),
            (Change.RATINGS, self.ratings_changed),
            (Change.MEETINGS, self.meetings_changed),
            (Change.SURVEY, self.survey_changed),
            (Change.GAPS, self.gaps_changed),
            (Change.EXPERIMENTS, self.experiments_changed),
            (Change.MEASURES, self.measures_changed),
            (Change.DECKS, self.decks_changed),
            (Change.AGENDA, self.agenda_changed),
            (Change.CAPTURES, self.captures_changed),
            (Change.PULSE, self.pulse_changed),
            (Change.STRUCTURES, self.structures_changed),
        )
        for flags, signal in signals:
            if changes & flags:
                signal.emit()
        self.changed.emit(changes)
        self.saved.emit()
