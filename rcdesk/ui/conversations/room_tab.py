"""Rate the map, each person alone (issue 20): the facilitator's tab beside the pulse.

The facilitator picks the form (short: one overall rating per role; full: the seven
dimensions) and passes the laptop round (room_lock.py, the pulse's lock and ways out).
The tab shows the collection as counts only, never a figure, and "Show results": a
recorded showing, refused with the reason until some tie has k new respondents since its
last showing (services/room_ratings.py). What a showing shows reaches the Map, Scores,
the reveal and every export, which all read the wave's scores through ScoresService.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from rcdesk.domain.errors import DomainError
from rcdesk.services.room_ratings import RatingForm, RoomState
from rcdesk.ui.conversations.lock_window import show_on_laptop
from rcdesk.ui.conversations.pulse_questions import ask_facilitator_pin
from rcdesk.ui.conversations.room_lock import RoomRatingLock
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.widgets import EmptyState, button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

FORMS = ((RatingForm.SHORT, "Short form: one overall rating per role"),
         (RatingForm.FULL, "Full form: the seven dimensions per role"))
ABOUT = ("Instead of one number the room agrees on, each person rates the map alone on the "
         "passed laptop: which role they are, then how well they work with each role they "
         "work with. Nobody's answers are ever shown; the team sees a tie only once enough "
         "people rated it, and only when you choose to show results. The short form takes "
         "under a minute, the full form a few.")


class RoomRatingTab(QWidget):
    def __init__(self, model: WorkshopModel, feedback: Feedback) -> None:
        super().__init__()
        self.model = model
        self.feedback = feedback
        self.ratings = model.session.room_ratings
        self.wave_id: int | None = None
        self.lock: RoomRatingLock | None = None
        #: Seams for tests: the PIN question and the lock window's clock.
        self.ask_pin: Callable[[], str | None] = lambda: ask_facilitator_pin(self)
        self.lock_clock: Callable[[], float] | None = None
        self.title = label("Rate the map", "section")
        self.form = named(QComboBox(), "Rating form")
        for form, text in FORMS:
            self.form.addItem(text, form.value)
        self.start_button = button("Pass the laptop round", "Rate the map: pass the laptop",
                                   self.start_laptop, accent=True,
                                   tip="Each participant rates alone on a locked screen; "
                                   "you choose a PIN first, your second way out")
        self.show_button = button("Show results", "Show the in-room ratings",
                                  self.show_results, accent=True,
                                  tip="Show the team the ties rated by enough people "
                                  "(recorded; the next showing needs enough new people)")
        self.collection = label("", "muted", wrap=True)  # counts, never a figure
        top = QHBoxLayout()  # under the title, so projector mode's large type never clips
        top.addWidget(self.form)
        top.addWidget(self.start_button)
        top.addStretch(1)
        showing = QHBoxLayout()
        showing.addWidget(self.collection, 1)
        showing.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addLayout(showing)
        layout.addWidget(EmptyState("Every voice in the room", ABOUT), 1)
        for signal in (model.survey_changed, model.waves_changed, model.roles_changed,
                       model.workshop_changed):
            signal.connect(self.refresh)
        self.refresh()

    def set_wave(self, wave_id: int | None) -> None:
        self.wave_id = wave_id
        self.refresh()

    def chosen_form(self) -> RatingForm:
        return RatingForm(self.form.currentData() or RatingForm.SHORT.value)

    def refresh(self) -> None:
        names = {w.id: w.name for w in self.model.service.waves()}
        if self.wave_id not in names:
            self.wave_id = None
        has_roles = bool(self.model.service.roles())
        self.start_button.setEnabled(self.wave_id is not None and has_roles
                                     and self.lock is None)
        if self.wave_id is None:
            self.title.setText("Rate the map")
            self._show_collection(None)
            return
        self.title.setText(f"Rate the map · {names[self.wave_id]}")
        self._show_collection(self.ratings.state(self.wave_id))

    def _show_collection(self, state: RoomState | None) -> None:
        if state is None:
            text = "Choose a wave in the header to rate the map in."
        else:
            people = "person has" if state.respondents == 1 else "people have"
            text = f"{state.respondents} {people} rated the map in this wave. " + (
                f"Shown {state.showings} time{'s' if state.showings != 1 else ''}."
                if state.showings else "Not shown to the team yet.")
            if state.refusal is not None and state.respondents:
                text += " " + state.refusal
        self.show_button.setEnabled(state is not None and state.refusal is None
                                    and self.lock is None)
        self.collection.setText(text)
        self.collection.setAccessibleName(text)

    def show_results(self) -> None:
        wave_id = self.wave_id
        if wave_id is None:
            return
        if self.lock is not None:
            self.feedback.note("Leave pass-the-laptop before showing results.")
            return
        try:
            shown = self.ratings.show(wave_id)
        except DomainError as exc:
            self.feedback.error(exc)
            self.refresh()
            return
        ties = "tie" if shown == 1 else "ties"
        self.feedback.note(f"Showed {shown} {ties} rated in the room; see them on the Map "
                           "and in Scores.")

    def start_laptop(self) -> RoomRatingLock | None:
        """Open the locked participant window full-screen on this wave."""
        if self.wave_id is None or self.lock is not None:
            return None
        pin = self.ask_pin()
        if pin is None:  # no laptop is passed without a second way out
            return None
        workshop = self.model.service.workshop()
        self.lock = RoomRatingLock(self.ratings, self.wave_id, self.chosen_form(),
                                   self.ratings.present_roles(), workshop.description,
                                   self.lock_clock or time.monotonic, pin)
        self.lock.recorded.connect(self.refresh)
        self.lock.left.connect(self._on_lock_left)
        show_on_laptop(self.lock, self)
        self.refresh()
        return self.lock

    def _on_lock_left(self) -> None:
        self.lock = None
        self.refresh()
        self.feedback.note("Left pass-the-laptop; the ratings are saved.")
