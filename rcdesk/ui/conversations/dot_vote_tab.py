"""Dot-voting on gaps (issue 20): the facilitator's tab beside "Rate the map".

Start a vote (N dots each, how many people vote, on the passed laptop or as a tally of a
show of hands); pass the laptop round (dot_vote_lock.py) or count hands per gap; the
totals appear only when everyone has voted (services/dot_votes.py). The gap log sorts by
these votes and the PDF lists the top priorities.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rcdesk.services.dot_votes import MAX_DOTS, MAX_VOTERS, DotVote
from rcdesk.ui.conversations.dot_vote_lock import DotVoteLock
from rcdesk.ui.conversations.lock_window import show_on_laptop
from rcdesk.ui.conversations.pulse_questions import ask_facilitator_pin
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, clear_layout, label, named
from rcdesk.ui.workshop_model import WorkshopModel

METHODS = (("laptop", "On the passed laptop"), ("tally", "Count a show of hands"))


class DotVoteTab(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback) -> None:
        super().__init__()
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.votes = model.session.dot_votes
        self.lock: DotVoteLock | None = None
        #: Seams for tests: the PIN question and the lock window's clock.
        self.ask_pin: Callable[[], str | None] = lambda: ask_facilitator_pin(self)
        self.lock_clock: Callable[[], float] | None = None
        self.dots = named(QSpinBox(), "Dots per person")
        self.dots.setRange(1, MAX_DOTS)
        self.dots.setValue(3)
        self.voters = named(QSpinBox(), "People voting")
        self.voters.setRange(1, MAX_VOTERS)
        self.voters.setValue(self._people_present() or 8)
        self.method = named(QComboBox(), "How people vote")
        for key, text in METHODS:
            self.method.addItem(text, key)
        form = QFormLayout()
        form.addRow("Dots per person", self.dots)
        form.addRow("People voting", self.voters)
        form.addRow("How", self.method)
        self.start_button = button("Start a vote", "Start a dot-vote", self.start,
                                   accent=True)
        self.state_label = label("", "muted", wrap=True)
        self.laptop_button = button("Pass the laptop round", "Dot-vote: pass the laptop",
                                    self.start_laptop, accent=True)
        self.close_button = button("Everyone has voted", "Everyone has voted: show totals",
                                   self.close_tally)
        self.tally = QGridLayout()
        self.spins: dict[int, QSpinBox] = {}
        self._tally_of: tuple[int, tuple[int, ...]] | None = None  # (vote, gaps) drawn
        self.results = label("", wrap=True)
        self.results.setObjectName("voteResults")
        actions = QHBoxLayout()
        actions.addWidget(self.laptop_button)
        actions.addWidget(self.close_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Dot-vote on gaps", "section"))
        layout.addLayout(form)
        layout.addWidget(self.start_button)
        layout.addWidget(self.state_label)
        layout.addLayout(actions)
        layout.addLayout(self.tally)
        layout.addWidget(self.results)
        layout.addStretch(1)
        model.gaps_changed.connect(self.refresh)
        self.refresh()

    def _people_present(self) -> int:
        meetings = self.model.service.meetings()
        return sum(meetings[-1].attendance.values()) if meetings else 0

    def current(self) -> DotVote | None:
        return self.votes.latest()

    def refresh(self) -> None:
        vote = self.current()
        self.start_button.setEnabled(self.lock is None and bool(self.votes.candidates()))
        if vote is None:
            self._clear_tally()
            self.state_label.setText("No vote yet. Record the gaps first, then start a vote.")
            self.laptop_button.hide()
            self.close_button.hide()
            self.results.setText("")
            return
        state = self.votes.state(vote.id)
        laptop = vote.method == "laptop"
        text = (f"{state.voted} of {vote.voters} people have voted ({vote.dots} dots each)."
                if laptop else f"{state.voted} dots counted ({vote.dots} each, "
                f"{vote.voters} people).")
        self.state_label.setText(text + (f" {state.refusal}" if state.refusal else ""))
        self.laptop_button.setVisible(laptop)
        self.laptop_button.setEnabled(laptop and state.refusal is not None
                                      and state.voted < vote.voters and self.lock is None)
        self.close_button.setVisible(not laptop and vote.closed_at is None)
        if not laptop and vote.closed_at is None:
            self._fill_tally(vote)
        else:
            self._clear_tally()
        found = self.votes.results(vote.id)
        self.results.setText("" if found is None else "\n".join(
            f"{rank}. {p.title}: {p.votes} dot{'s' if p.votes != 1 else ''}"
            for rank, p in enumerate(found, start=1)) or "No dots placed.")

    def _clear_tally(self) -> None:
        clear_layout(self.tally)
        self.spins = {}
        self._tally_of = None

    def _fill_tally(self, vote: DotVote) -> None:
        """One count per open gap; rebuilt only when the vote or its gaps change, so a
        count being typed keeps its field (each count is saved and refreshes the tab)."""
        hands = self.votes.hands(vote.id)
        gaps = self.votes.candidates()
        wanted = (vote.id, tuple(g.id for g in gaps))
        if wanted == self._tally_of:
            for gap_id, spin in self.spins.items():
                spin.blockSignals(True)
                spin.setValue(hands.get(gap_id, 0))
                spin.blockSignals(False)
            return
        self._clear_tally()
        self._tally_of = wanted
        for row, gap in enumerate(gaps):
            self.tally.addWidget(QLabel(gap.title), row, 0)
            spin = named(QSpinBox(), f"Hands for {gap.title}")
            spin.setRange(0, 10_000)
            spin.setValue(hands.get(gap.id, 0))
            spin.valueChanged.connect(lambda value, g=gap.id: self._count(vote.id, g, value))
            self.tally.addWidget(spin, row, 1)
            self.spins[gap.id] = spin

    def _count(self, vote_id: int, gap_id: int, value: int) -> None:
        self.runner.run(lambda: self.votes.set_hands(vote_id, gap_id, value))

    def start(self) -> None:
        dots, voters, method = self.dots.value(), self.voters.value(), self.method.currentData()
        if self.runner.run(lambda: self.votes.start(dots, voters, str(method))):
            self.feedback.note("Started a dot-vote.")
        self.refresh()

    def close_tally(self) -> None:
        vote = self.current()
        if vote is not None:
            self.runner.run(lambda: self.votes.close(vote.id))
        self.refresh()

    def start_laptop(self) -> DotVoteLock | None:
        vote = self.current()
        if vote is None or vote.method != "laptop" or self.lock is not None:
            return None
        pin = self.ask_pin()
        if pin is None:
            return None
        self.lock = DotVoteLock(self.votes, vote.id, self.lock_clock or time.monotonic, pin)
        self.lock.recorded.connect(self.refresh)
        self.lock.left.connect(self._on_lock_left)
        show_on_laptop(self.lock, self)
        self.refresh()
        return self.lock

    def _on_lock_left(self) -> None:
        self.lock = None
        self.refresh()
        self.feedback.note("Left pass-the-laptop; the dots are saved.")
