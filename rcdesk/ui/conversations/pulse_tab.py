"""The psychological-safety pulse: pass-the-laptop, tally, results and trend.

The tab follows the header's wave (set_wave) and projector mode (set_projector).
It never shows an individual answer: results are aggregates, hidden below the
workshop's anonymity threshold k. Collecting happens in a locked window
(pulse_lock.py), in the tally grid (pulse_tally.py) or from a CSV file.

Answers collected one by one reach the screen only through "Show results" (issue
15): a recorded showing, refused with the reason until k new answers came in; the
results drawn are the last showing's, whatever refresh happens in between (while
the laptop is passed round too). The line above the results is the facilitator's
view of the collection: a count of answers, never a figure. A show of cards is
public, so tallies are shown as counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError, ImportProblems
from rcdesk.domain.psych_safety import DEFAULT_SCALE, SCALE_SIZES
from rcdesk.services.jobs import in_library
from rcdesk.services.pulse import PulseState
from rcdesk.ui import messages
from rcdesk.ui.background import Background
from rcdesk.ui.conversations.pulse_results import PulseResults
from rcdesk.ui.conversations.pulse_tally import TallyGrid
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import EmptyState, button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:  # the rest is imported when first used: the tab's first visit is lighter
    from rcdesk.services.pulse_import import PulsePreview
    from rcdesk.ui.conversations.pulse_lock import PulseLockWindow

CSV_FILTER = "CSV files (*.csv *.txt);;All files (*)"
MAX_PROBLEM_LINES = 20
EMPTY_TEXT = ("A pulse asks the team seven short questions about how safe it feels to speak "
              "up, ask for help and take risks here. Collect it without any network: pass the "
              "laptop round (each person answers alone on a locked screen), count a show of "
              "cards into the tally grid, or import a CSV. The team sees only the result, "
              "and only once enough people have answered.")


class PulseTab(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None, *, wave_id: int | None = None,
                 projector: bool = False) -> None:
        """`parent`, `wave_id` and `projector`: the tab made in its place, in the header's
        wave and mode (styled and filled once; issue 23)."""
        super().__init__(parent)
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.pulses = model.session.pulse
        self.wave_id = wave_id
        self.projector = projector
        self.lock: PulseLockWindow | None = None
        #: Seams for tests: the file chooser and the lock window's clock.
        self.choose_file: Callable[[], str] = lambda: messages.choose_open_file(
            self, "Import pulse CSV", CSV_FILTER)
        self.lock_clock: Callable[[], float] | None = None
        self.ask_pin: Callable[[], str | None] = lambda: _questions().ask_facilitator_pin(self)
        self.ask_scale: Callable[[str], int | None] = (
            lambda name: _questions().ask_pulse_scale(self, name))
        self._scale_chosen = False  # the facilitator picked the scale for this wave
        self.background = Background(self)  # a CSV import's write
        self.importing = False
        self._build()
        for signal in (model.pulse_changed, model.waves_changed, model.workshop_changed):
            signal.connect(self.refresh)
        self.refresh()

    def _build(self) -> None:
        # Built from the top down (ui/page_pieces.py).
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        layout.addLayout(top)
        self.title = label("Psychological-safety pulse", "section", wrap=True)
        top.addWidget(self.title, 1)
        self.scale = named(QComboBox(), "Pulse scale")
        top.addWidget(self.scale)
        for size in sorted(SCALE_SIZES, reverse=True):
            self.scale.addItem(f"{size}-point agree scale", size)
        self.scale.activated.connect(self._on_scale_activated)
        self.start_button = button("Start pass-the-laptop", "Start pass-the-laptop",
                                   self.start_laptop, accent=True,
                                   tip="Each participant answers alone on a locked "
                                   "screen; you choose a PIN first, your second way out")
        self.tally_button = button("Enter tallies", "Enter tallies", self.toggle_tallies,
                                   tip="Count a show of cards per item and scale point")
        self.tally_button.setCheckable(True)
        self.import_button = button("Import pulse CSV…", "Import pulse CSV", self.import_csv)
        self.clear_button = button("Clear this wave's pulse", "Clear this wave's pulse",
                                   self.clear)
        self.action_grid = QGridLayout()
        layout.addLayout(self.action_grid)
        self._arrange_actions(columns=2 if self.projector else 4)
        showing = QHBoxLayout()
        layout.addLayout(showing)
        self.collection = label("", "muted", wrap=True)  # a count, never a figure
        showing.addWidget(self.collection, 1)
        self.show_button = button("Show results", "Show results", self.show_results,
                                  accent=True, tip="Show the team the results of the answers "
                                  "collected so far (recorded; the next showing needs "
                                  "enough new answers)")
        showing.addWidget(self.show_button)
        self.problems = label("", "error", wrap=True)
        self.problems.hide()
        layout.addWidget(self.problems)
        # filled when first shown (Enter tallies): a grid of spin boxes per item and point
        self.tally = TallyGrid(self.pulses, self.runner, self.current_scale)
        self.tally.hide()
        layout.addWidget(self.tally)
        self.body = QStackedWidget(self)
        layout.addWidget(self.body, 1)
        self.empty = EmptyState("No pulse in this wave yet", EMPTY_TEXT)
        self.body.addWidget(self.empty)
        scroll = QScrollArea(self.body)  # on small screens the results scroll rather than overlap
        self.body.addWidget(scroll)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.results = PulseResults(self.pulses)
        self.results.projector = self.projector
        scroll.setWidget(self.results)
        self.results_page = scroll

    # -- the page's hooks --------------------------------------------------------------------

    def set_wave(self, wave_id: int | None) -> None:
        """The header's wave: the pulse shown and collected is this wave's."""
        if wave_id != self.wave_id:
            self._scale_chosen = False
        self.wave_id = wave_id
        self.problems.hide()
        self.refresh()

    def set_projector(self, on: bool) -> None:
        self.projector = on
        self.results.projector = on
        self._arrange_actions(columns=2 if on else 4)
        self.refresh()

    def _arrange_actions(self, columns: int) -> None:
        """One row of actions on the laptop; two rows in projector mode's large type, so no
        button is ever clipped at 1280×720."""
        buttons = (self.start_button, self.tally_button, self.import_button, self.clear_button)
        for widget in buttons:
            self.action_grid.removeWidget(widget)
        for index, widget in enumerate(buttons):
            self.action_grid.addWidget(widget, index // columns, index % columns)
        for column in range(5):
            self.action_grid.setColumnStretch(column, 1 if column == columns else 0)

    # -- showing -----------------------------------------------------------------------------

    def current_scale(self) -> int:
        found = self.pulses.pulse(self.wave_id) if self.wave_id is not None else None
        if found is not None:
            return found.scale_max
        value = self.scale.currentData()
        return int(value) if value in SCALE_SIZES else DEFAULT_SCALE

    def _wave_name(self) -> str:
        names = {w.id: w.name for w in self.model.service.waves()}
        if self.wave_id not in names:
            self.wave_id = None
        return names.get(self.wave_id or -1, "")

    def refresh(self) -> None:
        wave_name = self._wave_name()
        has_wave = self.wave_id is not None
        for widget in (self.start_button, self.tally_button, self.import_button):
            widget.setEnabled(has_wave)
        self.import_button.setEnabled(has_wave and not self.importing)
        if self.wave_id is None:
            self.clear_button.setEnabled(False)
            self.scale.setEnabled(False)
            self.body.setCurrentWidget(self.empty)
            if self.tally_button.isChecked():
                self.tally.set_wave(None)
            self._show_collection(None)
            return
        state = self.pulses.state(self.wave_id)
        self._show_collection(state)
        self.scale.setCurrentIndex(max(0, self.scale.findData(self.current_scale())))
        self.scale.setEnabled(self.pulses.is_empty(self.wave_id))
        self.clear_button.setEnabled(state.exists)
        self.start_button.setEnabled(state.method != "tally")
        self.tally_button.setEnabled(state.method != "answers")
        if state.method == "answers" and self.tally_button.isChecked():
            self.tally_button.setChecked(False)
        self.tally.setVisible(self.tally_button.isChecked())
        self.tally_button.setText("Hide tallies" if self.tally_button.isChecked()
                                  else "Enter tallies")
        if self.tally_button.isChecked():  # else filled when next shown
            self.tally.set_wave(self.wave_id)
        # Wraps before the wave's name, kept whole (no-break spaces), when the row is short
        whole = wave_name.replace(" ", "\u00a0")
        self.title.setText(f"Psychological-safety pulse · {whole}")
        if state.exists or self.tally_button.isChecked():
            self.results.show_state(state, wave_name)
            self.results.show_trend()
            self.body.setCurrentWidget(self.results_page)
        else:
            self.body.setCurrentWidget(self.empty)


    def _show_collection(self, state: PulseState | None) -> None:
        """The facilitator's view of the collection: how many answered, when last shown,
        whether a showing may be made now. Never a result."""
        answers = state is not None and state.method == "answers"
        self.show_button.setVisible(answers)
        if state is None or state.method is None:
            text = ""
        elif state.method == "tally":
            text = ("A show of cards is public, so tallies need no “Show results”: the "
                    "result is shown as you count.")
        else:
            shown = state.shown
            text = f"{state.responses} answers collected. " + (
                f"Last shown at {shown.n} answers ({shown.shown_at.replace('T', ' ')[:16]})."
                if shown is not None else "Not shown to the team yet.")
            if state.refusal is not None:
                text += " " + state.refusal
        self.show_button.setEnabled(answers and state is not None and state.refusal is None
                                    and self.lock is None)
        self.collection.setText(text)
        self.collection.setAccessibleName(text)
        self.collection.setVisible(bool(text))

    # -- actions -----------------------------------------------------------------------------

    def show_results(self) -> None:
        """Show the team the results (a recorded showing; refused with the reason)."""
        wave_id = self.wave_id
        if wave_id is None:
            return
        if self.lock is not None:  # never while the laptop is being passed round
            self.feedback.note("Leave pass-the-laptop before showing results.")
            return
        try:
            result = self.pulses.show_results(wave_id)
        except DomainError as exc:
            self.feedback.error(exc)
            self.refresh()
            return
        self.feedback.note(f"Showed the results of {result.n} answers to the team.")

    def _on_scale_activated(self) -> None:
        self._scale_chosen = True
        wave_id, size = self.wave_id, int(self.scale.currentData())
        if wave_id is not None:
            self.runner.run(lambda: self.pulses.set_scale(wave_id, size))
        self.refresh()

    def toggle_tallies(self) -> None:
        self.refresh()

    def start_laptop(self) -> PulseLockWindow | None:
        """Open the locked participant window full-screen on this wave."""
        if self.wave_id is None:
            return None
        pin = self.ask_pin()
        if pin is None:  # the facilitator cancelled: no laptop is passed without a way out
            return None
        from rcdesk.ui.conversations.lock_window import show_on_laptop
        from rcdesk.ui.conversations.pulse_lock import PulseLockWindow

        self.lock = PulseLockWindow(self.pulses, self.wave_id, self.current_scale(),
                                    self.lock_clock or time.monotonic, pin)
        self.lock.recorded.connect(self.refresh)
        self.lock.left.connect(self._on_lock_left)
        show_on_laptop(self.lock, self)
        return self.lock

    def _on_lock_left(self) -> None:
        self.lock = None
        self.refresh()
        self.feedback.note("Left pass-the-laptop; the answers are saved.")

    def clear(self) -> None:
        wave_id, name = self.wave_id, self._wave_name()
        if wave_id is not None and self.runner.run(lambda: self.pulses.clear(wave_id)):
            self.feedback.deleted(f"Cleared the pulse of wave “{name}”")

    def import_csv(self) -> None:
        """Check the chosen file, ask before replacing, then write it in one go (off the UI
        thread; the tab refreshes when it is written)."""
        if self.wave_id is None or self.importing:
            return
        chosen = self.choose_file()
        if not chosen:
            return
        from rcdesk.services.pulse_import import commit_pulse

        service = self.model.service
        try:
            preview = self._preview(Path(chosen))
        except DomainError as exc:
            self.feedback.error(exc)
            return
        if preview is None:
            return
        if not preview.ok:
            self._show_problems(preview)
            return
        self.problems.hide()
        if preview.replaces and not messages.confirm(
                self, "Replace this wave's pulse?",
                f"This wave already has a pulse ({preview.replaces} responses or counts). "
                f"Importing {preview.path.name} replaces it; this cannot be undone.",
                "Replace"):
            return
        # The one import use case (the before-import backup, then one transaction), off the
        # UI thread on its own connection: a big library's backup never freezes the window.
        self.importing = True
        self.import_button.setEnabled(False)
        self.feedback.note(f"Importing {preview.path.name}…")
        self.background.run(in_library(service.library.path,
                                       lambda library: commit_pulse(library, preview),
                                       write=True),
                            partial(self._on_imported, preview.path.name), self._on_import_failed)

    def _on_imported(self, name: str, result: object) -> None:
        from rcdesk.services.pulse_import import PulseImportResult

        assert isinstance(result, PulseImportResult)
        self.importing = False
        self.model.service.announce(result.changes)  # refreshes the tab and its buttons
        self.feedback.note(f"Imported the pulse answers of {result.rows} respondents "
                           f"from {name}.")

    def _on_import_failed(self, error: DomainError) -> None:
        self.importing = False
        self.refresh()
        self.feedback.error(error)

    def _preview(self, path: Path) -> PulsePreview | None:
        """Check the file; the scale is the one chosen on the tab, else asked when the file
        cannot tell (no answer above 5). None: the facilitator cancelled the question."""
        from rcdesk.services.pulse_import import preview_pulse

        service = self.model.service
        scale = self.current_scale() if self._scale_chosen else None
        preview = preview_pulse(service.library, service.workshop_id, path,
                                wave=self._wave_name(), scale_max=scale)
        if not preview.needs_scale:
            return preview
        chosen = self.ask_scale(path.name)
        if chosen is None:
            return None
        return preview_pulse(service.library, service.workshop_id, path,
                             wave=self._wave_name(), scale_max=chosen)

    def _show_problems(self, preview: PulsePreview) -> None:
        shown = [p.describe() for p in preview.problems[:MAX_PROBLEM_LINES - 1]]
        more = preview.problem_count - len(shown)
        lines = [f"{preview.path.name} was not imported; nothing was changed:", *shown]
        if more > 0:
            lines.append(f"… and {more} more problems.")
        self.problems.setText("\n".join(lines))
        self.problems.setAccessibleName(self.problems.text())
        self.problems.show()
        self.feedback.error(ImportProblems(lines[0], list(preview.problems),
                                           preview.problem_count))


def _questions() -> ModuleType:
    """The PIN and scale questions (imported when first asked)."""
    from rcdesk.ui.conversations import pulse_questions

    return pulse_questions
