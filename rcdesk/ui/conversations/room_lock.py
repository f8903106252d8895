"""Rate the map on the passed laptop (issue 20): each participant, alone on the locked
screen of lock_window.py, says which role they are and rates the roles they work with in
the compact grid of rating_grid.py (short form: one overall rating per role; full form:
the seven dimensions, in the workshop's wording).

"Done" stores one anonymous respondent for the wave (services/room_ratings.py), throws
the grid away and thanks them; the next person starts from the choice of role with a
new, empty grid, so nothing of an earlier answer is ever on screen again. The only
number shown is how many people have rated.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.domain.errors import DomainError
from rcdesk.domain.model import Role
from rcdesk.services.room_ratings import RatingForm, RoleAnswer, RoomRatingsService
from rcdesk.ui.conversations.lock_window import LockWindow
from rcdesk.ui.conversations.rating_grid import RatingGrid
from rcdesk.ui.widgets import button, label

TITLE = "Rate the map"
SHORT_QUESTION = ("Overall, how well does your role coordinate with each of these roles? "
                  "1 = poorly, 5 = very well.")
FULL_QUESTION = ("How does your role work with each of these roles? Rate each side of the "
                 "work from 1 = poorly to 5 = very well.")
KEYS = ("Keys: 1–5 rate and move on · 0 or N: I don't work with this role · arrows and Tab "
        "move · Enter: Done")
_STYLE = """
QWidget#roomLock { font-size: 16pt; }
QLabel#columnHead { font-size: 11pt; }
QLabel#gridRole { font-size: 15pt; }
QLabel#keys { font-size: 11pt; }
QLabel#explain { font-size: 13pt; }
QCheckBox { font-size: 11pt; }
QPushButton#roleChoice { font-size: 18pt; padding: 8px 20px; }
"""


def _short(name: str) -> str:
    """A dimension's name for a column heading ("Timely communication" → "Timely"); the
    full name and the workshop's wording show above the grid for the focused column."""
    return name.removesuffix(" communication").replace("-", " ")


class RoleChoicePage(QScrollArea):
    """The page of role buttons: tells `fit` its viewport's width when it changes, so the
    buttons take as many columns as fit whole (long names: fewer columns, never a page
    that scrolls sideways)."""

    def __init__(self, fit: Callable[[int], None]) -> None:
        super().__init__()
        self._fit = fit

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit(self.viewport().width())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._fit(self.viewport().width())  # the buttons' type is known once polished
        super().showEvent(event)


class RoomRatingLock(LockWindow):
    def __init__(self, ratings: RoomRatingsService, wave_id: int, form: RatingForm,
                 roles: Sequence[Role], descriptions: Callable[[str], str],
                 clock: Callable[[], float] = time.monotonic, pin: str = "") -> None:
        super().__init__(TITLE, _STYLE, clock, pin)
        self.setObjectName("roomLock")
        self.ratings = ratings
        self.wave_id = wave_id
        self.form = form
        self.roles = list(roles)
        self.descriptions = descriptions
        self.role_id: int | None = None
        self.grid: RatingGrid | None = None
        self.grid_host: QWidget | None = None
        self.welcome = self.message_page(
            TITLE, "Say how well your role works with each role you work with. Answer "
            "alone: nobody sees your answers, only the team's results once enough people "
            "have rated.", button("Start", "Start rating", self.show_roles, accent=True))
        self.thanks = self.message_page(
            "Thank you.", "Your ratings are saved and cleared from the screen. Please pass "
            "the laptop on.", button("I'm next", "Start rating as the next person",
                                     self.show_roles, accent=True))
        self.role_page = self._role_page()
        self.grid_page = QWidget()
        self.grid_layout = QVBoxLayout(self.grid_page)
        self.grid_layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.grid_page)
        self.show_welcome()

    def _role_page(self) -> QWidget:
        """"Which role are you?": a button per role (keys 1–9), scrolling on a small screen."""
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addStretch(1)
        question = label("Which role are you?", "title")
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(question)
        layout.addSpacing(16)
        self.choices = QGridLayout()
        self.role_buttons = []
        for index, role in enumerate(self.roles):
            number = f"{index + 1}  " if index < 9 else ""
            choice = button(f"{number}{role.name}", f"I am: {role.name}",
                            partial(self.choose_role, role.id))
            choice.setObjectName("roleChoice")
            self.role_buttons.append(choice)
        self._columns = 0
        self._arrange_choices(3)
        layout.addLayout(self.choices)
        layout.addStretch(1)
        page = RoleChoicePage(self._fit_choices)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setWidget(inner)
        self.pages.addWidget(page)
        return page

    def _fit_choices(self, width: int) -> None:
        """As many columns of role buttons (up to three) as fit `width` whole."""
        widest = max((b.sizeHint().width() for b in self.role_buttons), default=0)
        spacing = max(self.choices.horizontalSpacing(), 0)
        margins = self.choices.contentsMargins()
        room = width - margins.left() - margins.right() - 24
        fitting = max(1, min(3, (room + spacing) // max(widest + spacing, 1)))
        self._arrange_choices(fitting)

    def _arrange_choices(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for choice in self.role_buttons:
            self.choices.removeWidget(choice)
        for index, choice in enumerate(self.role_buttons):
            self.choices.addWidget(choice, index // columns, index % columns)

    # -- screens -----------------------------------------------------------------------------

    def response_count(self) -> int:
        return self.ratings.respondents(self.wave_id)

    def show_welcome(self) -> None:
        self._drop_grid()
        self._show(self.welcome)

    def show_roles(self) -> None:
        self._drop_grid()
        self.error_label.hide()
        self._show(self.role_page)
        if self.role_buttons:
            self.role_buttons[0].setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """On the choice of role, 1–9 choose a role; every other key stops here."""
        number = event.key() - Qt.Key.Key_1
        if (self.pages.currentWidget() is self.role_page
                and 0 <= number < min(9, len(self.roles))):
            self.choose_role(self.roles[number].id)
        event.accept()

    def choose_role(self, role_id: int) -> None:
        """Build a new, empty grid of the roles this role works with."""
        self._drop_grid()
        self.role_id = role_id
        partners = self.ratings.partners(role_id)
        rows = [(r.id, f"{r.name} (your role)" if r.id == role_id else r.name)
                for r in partners]
        full = self.form is RatingForm.FULL
        columns = [_short(d.name) for d in DIMENSIONS] if full else ["Overall"]
        self.grid = RatingGrid(rows, columns)
        question = label(FULL_QUESTION if full else SHORT_QUESTION, wrap=True)
        question.setObjectName("question")
        self.explain = label("", "muted", wrap=True)
        self.explain.setObjectName("explain")
        self.explain.setVisible(full)
        self.grid.focused.connect(self._explain)
        self.grid.done_requested.connect(self.done)
        keys = label(KEYS, "muted", wrap=True)
        keys.setObjectName("keys")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid)
        self.grid_host = QWidget()
        host = QVBoxLayout(self.grid_host)
        host.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        actions.addWidget(keys, 1)
        actions.addWidget(button("Back", "Back to the choice of role", self.show_roles))
        self.done_button = button("Done", "Done: save my ratings", self.done, accent=True)
        actions.addWidget(self.done_button)
        for widget in (question, self.explain, scroll):
            host.addWidget(widget, 1 if widget is scroll else 0)
        host.addLayout(actions)
        self.grid_layout.addWidget(self.grid_host)
        self.grid_host.show()  # now, so the first cell can take the focus
        self._show(self.grid_page)
        first = self.grid.first_cell()
        if first is not None:
            first.setFocus()

    def _explain(self, column: int) -> None:
        if self.form is RatingForm.FULL:
            dimension = DIMENSIONS[column]
            self.explain.setText(f"{dimension.name}: {self.descriptions(dimension.key)}")

    def _drop_grid(self) -> None:
        """Throw the grid away with every answer in it (the next person gets a new one)."""
        if self.grid_host is not None:
            self.grid_host.hide()
            self.grid_host.deleteLater()
        self.grid_host = None
        self.grid = None
        self.role_id = None

    def answers(self) -> dict[int, RoleAnswer]:
        if self.grid is None:
            return {}
        found: dict[int, RoleAnswer] = {}
        for role_id, values in self.grid.values().items():
            if values is None:
                found[role_id] = None
            else:
                found[role_id] = values if self.form is RatingForm.FULL else values[0]
        return found

    def done(self) -> None:
        """Save this participant's ratings, wipe the screen, thank them."""
        if self.grid is None or self.role_id is None:
            return
        missing = [self.grid.row_ids[i] for i in self.grid.unanswered()]
        if missing:
            names = ", ".join(r.name for r in self.roles if r.id in missing) or "a role"
            self.show_error(f"Rate {names}, or tick “I don't work with this role” (key 0).")
            return
        try:
            self.ratings.record(self.wave_id, self.role_id, self.answers(), self.form)
        except DomainError as exc:
            self.show_error(f"Your ratings could not be saved: {exc}")
            return
        self.error_label.hide()
        self._drop_grid()
        self._show(self.thanks)
        self.thanks.setFocus()
        self.recorded.emit()

