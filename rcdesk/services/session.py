"""One open workshop's services, built once when the window opens the workshop.

After gaphor's `Session(services=[...])`: the window builds a `WorkshopSession` when it
opens a workshop (ui/main_window.open_workshop) and hands it to the pages through their
`WorkshopModel` (`model.session.gaps`, `model.session.pulse`, …); no widget builds a
service itself. Closing the workshop, or opening another, drops the session with its page.
Every service here edits through the same `WorkshopService`, so undo and redo reach the
same workshop whichever page made the edit.

Each service is made the first time it is asked for: opening a workshop on its Overview
should not import the modules of the stages not yet shown (tests/test_startup_imports.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from rcdesk.services.workshop import WorkshopService

if TYPE_CHECKING:
    from rcdesk.services.agenda import AgendaService
    from rcdesk.services.captures import CapturesService
    from rcdesk.services.dot_votes import DotVoteService
    from rcdesk.services.drivers import DriversService
    from rcdesk.services.experiments import ExperimentsService
    from rcdesk.services.gaps import GapsService
    from rcdesk.services.meeting_record import MeetingRecordService
    from rcdesk.services.pairs import PairsService
    from rcdesk.services.pulse import PulseService
    from rcdesk.services.room_ratings import RoomRatingsService
    from rcdesk.services.schedule import ScheduleService
    from rcdesk.services.scores import ScoresService
    from rcdesk.services.structures import StructuresService
    from rcdesk.services.walkthrough import WalkthroughService
    from rcdesk.services.workshop_map import MapService


class WorkshopSession:
    """The services of one open workshop, each made once, on first use."""

    def __init__(self, workshop: WorkshopService,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.workshop = workshop
        #: the clock of the walkthrough's record (a test puts a fake one here)
        self.clock = clock

    @property
    def workshop_id(self) -> int:
        return self.workshop.workshop_id

    @property
    def map(self) -> MapService:
        """Roles, ties, ratings and places on the map."""
        return self.workshop.map

    @property
    def schedule(self) -> ScheduleService:
        """Waves and meetings."""
        return self.workshop.schedule

    @cached_property
    def scores(self) -> ScoresService:
        from rcdesk.services.scores import ScoresService

        return ScoresService(self.workshop.library, self.workshop.workshop_id)

    @cached_property
    def gaps(self) -> GapsService:
        from rcdesk.services.gaps import GapsService

        return GapsService(self.workshop)

    @cached_property
    def experiments(self) -> ExperimentsService:
        from rcdesk.services.experiments import ExperimentsService

        return ExperimentsService(self.gaps)

    @cached_property
    def drivers(self) -> DriversService:
        from rcdesk.services.drivers import DriversService

        return DriversService(self.workshop)

    @cached_property
    def structures(self) -> StructuresService:
        from rcdesk.services.structures import StructuresService

        return StructuresService(self.workshop)

    @cached_property
    def captures(self) -> CapturesService:
        from rcdesk.services.captures import CapturesService

        return CapturesService(self.workshop)

    @cached_property
    def pulse(self) -> PulseService:
        from rcdesk.services.pulse import PulseService

        return PulseService(self.workshop)

    @cached_property
    def agenda(self) -> AgendaService:
        from rcdesk.services.agenda import AgendaService

        return AgendaService(self.workshop)

    @cached_property
    def meeting_record(self) -> MeetingRecordService:
        from rcdesk.services.meeting_record import MeetingRecordService

        return MeetingRecordService(self.workshop)

    @cached_property
    def walkthrough(self) -> WalkthroughService:
        """The record of the walkthrough run in this workshop (the player's; one at a time)."""
        from rcdesk.services.walkthrough import WalkthroughService

        return WalkthroughService(self.workshop, self.clock)

    @cached_property
    def room_ratings(self) -> RoomRatingsService:
        """The map rated by each person alone, on the passed laptop (issue 20)."""
        from rcdesk.services.room_ratings import RoomRatingsService

        return RoomRatingsService(self.workshop)

    @cached_property
    def dot_votes(self) -> DotVoteService:
        from rcdesk.services.dot_votes import DotVoteService

        return DotVoteService(self.workshop)

    @cached_property
    def pairs(self) -> PairsService:
        """Cross-role pairs for humble-inquiry practice, from the scores the room may see."""
        from rcdesk.services.pairs import PairsService

        return PairsService(self.workshop, self.scores)
