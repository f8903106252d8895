"""The Scores view: a wave's heat-map and dimension profile, and what changed since another wave.

It follows the header's wave (set_wave) and shows that wave's survey results when
it has any, else the live map ratings; the source line says which, and for survey
data which ties are shown (n ≥ k). Charts come from reports/charts.py, the same
builders the PDF uses. Charts are rebuilt only while the page is visible (and on
showing it after a change), so hidden pages cost nothing and matplotlib loads late.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import DomainError
from rcdesk.domain.model import Wave
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.reports.charts import heatmap_figure, profile_figure
from rcdesk.services.edits import Change
from rcdesk.services.scores import ScoresService
from rcdesk.ui import messages
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.privacy import offer_backup_purge
from rcdesk.ui.scores.change_panel import ChangePanel, signed
from rcdesk.ui.scores.chart_view import ChartView, pieces_canvas
from rcdesk.ui.scores.provenance import ProvenanceLine
from rcdesk.ui.scores.scoring import WaveScoring
from rcdesk.ui.scores.spread_table import SpreadTable
from rcdesk.ui.widgets import EmptyState, button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

EMPTY_TEXT = ("See how the roles of this wave rate each other: import your team's RC survey "
              "results (a CSV file), or rate ties on the Map.")

SCORING_TEXT = "Scoring this wave's survey results…"


def source_text(scores: WaveScores) -> str:
    if scores.source is ScoreSource.SURVEY:
        k = scores.min_respondents
        return (f"Showing survey results, n ≥ {k} shown: a tie rated by fewer than {k} "
                f"respondents is hidden (n<{k}) to protect anonymity.")
    return "Showing live map ratings made in the room."


class ScoresPage(QWidget):
    import_requested = Signal()
    """The user asked to import survey results (from the empty state)."""

    def __init__(self, model: WorkshopModel, scores: ScoresService, feedback: Feedback,
                 scoring: WaveScoring, parent: QWidget | None = None) -> None:
        """`scoring`: the workshop's, which scores a big survey wave off the UI thread; the page
        says so meanwhile and shows the scores when they come. Made in its place (`parent`)
        and top down: a part made loose is polished again at each level it moves up."""
        super().__init__(parent)
        self.model = model
        self.service = scores
        self.feedback = feedback
        self.scoring = scoring
        scoring.ready.connect(self._on_scored)
        self.wave_id: int | None = None
        self.scores: WaveScores | None = None
        self._had_survey: bool | None = None
        self._dirty = True
        #: Role names, read once per refresh: the tables ask a name per cell, and reading
        #: the roles each time made a 60-role wave's first visit take seconds (issue 23).
        self._names: dict[int, str] | None = None
        self.setAccessibleName("Scores")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._build_bar())
        self.provenance = ProvenanceLine(scores.library)  # where the survey answers came from
        layout.addWidget(self.provenance)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.empty = EmptyState("No scores for this wave yet", EMPTY_TEXT,
                                button("Import survey results", "Import survey results",
                                       self.import_requested.emit, accent=True,
                                       tip="Read survey results from a CSV file (Ctrl+I)"))
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        for signal in (model.survey_changed, model.ratings_changed, model.ties_changed,
                       model.roles_changed, model.workshop_changed, model.waves_changed):
            signal.connect(self._on_model_changed)
        # One change can fire several of those signals; `saved` comes once, last.
        model.saved.connect(self._on_model_saved)

    def _build_bar(self) -> QVBoxLayout:
        """The pickers and the delete button on one row, the note on the source (which can
        be long) on its own full-width row under them, so neither squeezes the other."""
        column = QVBoxLayout()
        row = QHBoxLayout()
        self.source_picker = named(QComboBox(), "Score source",
                                   "Survey results or the live ratings made on the map")
        self.source_picker.addItem("Survey results", ScoreSource.SURVEY.value)
        self.source_picker.addItem("Live map ratings", ScoreSource.MAP.value)
        self.source_picker.currentIndexChanged.connect(self._on_picker_changed)
        row.addWidget(self.source_picker)
        row.addWidget(label("Compare with", "muted"))
        self.compare_picker = named(QComboBox(), "Compare with",
                                    "Show what changed between this wave and another")
        self.compare_picker.currentIndexChanged.connect(self._on_picker_changed)
        row.addWidget(self.compare_picker)
        row.addStretch(1)
        self.delete_button = button("Delete survey data…",
                                    "Delete this wave's survey data", self.delete_survey,
                                    tip="Remove this wave's imported survey answers for good "
                                        "(cannot be undone)")
        row.addWidget(self.delete_button)
        column.addLayout(row)
        self.source_label = label("", "muted", wrap=True)
        column.addWidget(self.source_label)
        return column

    def _build_content(self) -> QWidget:
        self.split = split = QSplitter(self.stack)
        # a big matrix's names and legend: too much text to draw in one turn (issue 23)
        self.heatmap = ChartView("Heat-map of RC scores, rater roles by rated roles",
                                 pieces_canvas)
        self.profile = ChartView("Profile of the seven dimensions, weakest first")
        self.change = ChangePanel(self.role_name)
        self.side = named(QTabWidget(split), "Profile and change")
        self.side.addTab(self.profile, "Profile")
        self.side.addTab(self.change, "Change")
        self.spread = SpreadTable(self.role_name)
        self.side.addTab(self.spread, "Where we disagree")
        split.addWidget(self.heatmap)
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([620, 440])
        return split

    # -- following the header and the data ---------------------------------------------------

    def set_wave(self, wave_id: int | None) -> None:
        self.wave_id = wave_id
        self._fill_compare_picker()
        self._request_refresh()

    def set_projector(self, on: bool) -> None:
        """Chart text follows the application font, which projector mode enlarges; so on the
        projector the heat-map and the profile take turns (tabs) at the page's full width,
        instead of squeezing side by side."""
        if on and self.side.indexOf(self.heatmap) < 0:
            self.side.insertTab(0, self.heatmap, "Heat-map")
            self.side.setCurrentIndex(0)
        elif not on and self.side.indexOf(self.heatmap) >= 0:
            self.side.removeTab(self.side.indexOf(self.heatmap))
            self.split.insertWidget(0, self.heatmap)
            self.heatmap.show()
        self._request_refresh()

    def _on_model_changed(self) -> None:
        """Note what changed; _on_model_saved redraws once (scoring a big wave takes a second)."""
        self._fill_compare_picker()
        self._names = None
        self._dirty = True

    def _on_model_saved(self) -> None:
        if self._dirty and self.isVisible():
            self.refresh()

    def _on_picker_changed(self) -> None:
        self._request_refresh()

    def _request_refresh(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _waves(self) -> list[Wave]:
        return self.model.service.waves()

    def _fill_compare_picker(self) -> None:
        current = self.compare_picker.currentData()
        self.compare_picker.blockSignals(True)
        self.compare_picker.clear()
        self.compare_picker.addItem("(no comparison)", None)
        for wave in self._waves():
            if wave.id != self.wave_id:
                self.compare_picker.addItem(wave.name, wave.id)
        self.compare_picker.setCurrentIndex(max(self.compare_picker.findData(current), 0))
        self.compare_picker.blockSignals(False)

    def role_name(self, role_id: int) -> str:
        if self._names is None:
            self._names = {r.id: r.name for r in self.model.service.roles()}
        return self._names.get(role_id, "(deleted role)")

    # -- building ----------------------------------------------------------------------------

    def _on_scored(self, wave_id: int) -> None:
        if wave_id == self.wave_id:
            self._request_refresh()

    def _scoring_later(self) -> bool:
        """The wave's survey scores are on their way (a big wave, scored off the UI thread):
        the source line says so and the page is filled when they come (_on_scored)."""
        if self.wave_id is None or \
                self.source_picker.currentData() != ScoreSource.SURVEY.value or \
                not self.scoring.later(self.wave_id):
            return False
        self.source_label.setText(SCORING_TEXT)
        self.stack.setCurrentIndex(1)
        return True

    def refresh(self) -> None:
        """Re-read the wave's scores and rebuild what shows them."""
        self._dirty = False
        self._names = None
        has_survey = self.wave_id is not None and self.service.has_survey(self.wave_id)
        self.delete_button.setEnabled(has_survey and not self.model.service.read_only)
        self.source_picker.setEnabled(has_survey)
        self.provenance.show_wave(self.wave_id if has_survey else None)
        self._follow_survey(has_survey)
        if self._scoring_later():
            return
        self.scores = self._load_scores()  # (once: the picker says the source already)
        self.compare_picker.setEnabled(self.scores is not None)
        if self.scores is None:
            self.source_label.setText("")
            self.stack.setCurrentWidget(self.empty)
            self.heatmap.clear()
            self.profile.clear()
            self.spread.show_scores(None)
            return
        self.source_label.setText(source_text(self.scores))
        self.source_label.setAccessibleName(self.source_label.text())
        self.stack.setCurrentIndex(1)
        self._draw_charts(self.scores)
        self._show_change()

    def _follow_survey(self, has_survey: bool) -> None:
        """The picker names the source the note describes: the live ratings while the
        wave has no survey, its survey results as soon as it has."""
        if has_survey != self._had_survey:
            self._had_survey = has_survey
            wanted = ScoreSource.SURVEY if has_survey else ScoreSource.MAP
            self.source_picker.blockSignals(True)
            self.source_picker.setCurrentIndex(self.source_picker.findData(wanted.value))
            self.source_picker.blockSignals(False)

    def _chosen_source(self) -> ScoreSource:
        assert self.wave_id is not None
        if not self.service.has_survey(self.wave_id):
            return ScoreSource.MAP
        return ScoreSource(self.source_picker.currentData())

    def _load_scores(self) -> WaveScores | None:
        """The wave's scores from the chosen source; None when there is nothing to show."""
        if self.wave_id is None:
            return None
        try:
            scores = self.service.wave_scores(self.wave_id, self._chosen_source())
        except DomainError as exc:
            self.feedback.error(exc)
            return None
        has_any = any(t.shown or t.suppressed for t in scores.ties)
        return scores if has_any else None

    def _draw_charts(self, scores: WaveScores) -> None:
        """Both charts, each rebuilt only when what it is drawn from has changed."""
        names = {r.id: r.name for r in self.model.service.roles()}
        font_pt = max(self.font().pointSizeF(), 9.0)
        settings = self.service.workshop().settings
        cuts = (settings.weak_below, settings.strong_above)
        self.heatmap.show_chart(lambda w, h, dpi: heatmap_figure(
            names, scores, width_in=w, height_in=h, dpi=dpi, font_pt=font_pt),
            inputs=("heat-map", tuple(names.items()), scores, font_pt))
        self.spread.show_scores(scores)
        self.profile.show_chart(lambda w, h, dpi: profile_figure(
            scores, width_in=w, height_in=h, dpi=dpi, font_pt=font_pt, cut_points=cuts),
            inputs=("profile", scores, font_pt, cuts))

    def _show_change(self) -> None:
        other = self.compare_picker.currentData()
        change_tab = self.side.indexOf(self.change)
        self.side.setTabEnabled(change_tab, other is not None)
        if other is None or self.wave_id is None:
            self.change.show_comparison(None, "", (3.5, 4.0))
            if self.side.currentIndex() == change_tab:
                self.side.setCurrentIndex(0)
                self._share_width(0.42)
            return
        before, after = self._in_order(int(other), self.wave_id)
        settings = self.service.workshop().settings
        cuts = (settings.weak_below, settings.strong_above)
        try:
            comparison = self.service.compare(before.id, after.id)
        except DomainError as exc:
            self.change.show_comparison(None, f"These waves cannot be compared: {exc}", cuts)
        else:
            source = ("survey results" if self.service.has_survey(before.id)
                      and self.service.has_survey(after.id) else "live map ratings")
            self.change.show_comparison(comparison, (
                f"From “{before.name}” to “{after.name}” ({source}): overall RC "
                f"{signed(comparison.rc)}, between roles {signed(comparison.between_roles)}."),
                cuts)
        if self.side.currentIndex() != change_tab:
            self.side.setCurrentIndex(change_tab)
            self._share_width(0.52)  # the change tables need room for role names

    def _share_width(self, side: float) -> None:
        total = sum(self.split.sizes()) or self.split.width()
        self.split.setSizes([round(total * (1 - side)), round(total * side)])

    def _in_order(self, one: int, two: int) -> tuple[Wave, Wave]:
        """The two waves earlier first: by date (undated count as earliest), then creation."""
        waves = {w.id: w for w in self._waves()}
        pair = sorted((waves[one], waves[two]), key=lambda w: (w.date or date.min, w.id))
        return pair[0], pair[1]

    # -- deleting ----------------------------------------------------------------------------

    def delete_survey(self) -> None:
        """Confirm, then delete the wave's survey answers for good (not undoable)."""
        if self.wave_id is None:
            return
        wave = self.service.wave(self.wave_id)
        count = self.service.answer_count(wave.id)
        text = (f"Delete the {count:,} survey answers of wave “{wave.name}”? This cannot be "
                "undone: the answers leave the library for good (backups made before now "
                "still hold them). The map's live ratings are kept.")
        if not messages.confirm(self, "Delete survey data?", text, "Delete survey data"):
            return
        try:
            # (imported here: the import code's modules cost the page's build 0.05 s)
            from rcdesk.services.survey_import import delete_wave_survey

            delete_wave_survey(self.service.library, self.service.workshop_id, wave.id)
        except DomainError as exc:
            self.feedback.error(exc)
            return
        self.model.service.announce(Change.SURVEY)
        self.feedback.note(f"Deleted the survey results of “{wave.name}”.")
        offer_backup_purge(self, self.service.library,
                           f"The survey results of “{wave.name}”", self.feedback)
