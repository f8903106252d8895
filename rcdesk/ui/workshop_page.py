"""One open workshop: a header, the rail of model stages, and the page for each stage."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.services.session import WorkshopSession
from rcdesk.ui import warm_up
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.first_paint import after_first_paint
from rcdesk.ui.overview.page import OverviewPage
from rcdesk.ui.theme import mark_text_role, set_text_role
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import ElidedLabel, EmptyState, LazyStage, button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:
    # The other stages' modules (and scoring, survey import) are imported when the stage is
    # first built: opening a workshop on its Overview should not pay for importing them
    # (0.1 s of a cold start; tests/test_startup_imports.py keeps it so).
    from rcdesk.services.scores import ScoresService
    from rcdesk.services.survey_import import ImportResult
    from rcdesk.ui.conversations.page import ConversationsPage
    from rcdesk.ui.conversations.resume_banner import ResumeBanner
    from rcdesk.ui.gaps.change_model_view import ChangeModelView
    from rcdesk.ui.gaps.page import GapsPage
    from rcdesk.ui.gaps.structures import StructuresView
    from rcdesk.ui.lazy_tabs import LazyTabs
    from rcdesk.ui.map.page import MapPage
    from rcdesk.ui.report_page import ReportPage
    from rcdesk.ui.scores.import_dialog import ImportDialog
    from rcdesk.ui.scores.page import ScoresPage
    from rcdesk.ui.scores.scoring import WaveScoring

#: The stages of the model, in order (ux.md), with what each later page will hold.
STAGES: tuple[tuple[str, str], ...] = (
    ("Overview", ""),
    ("Map & Scores", "Draw the roles of the work process and how they coordinate, rate each tie "
     "on the seven dimensions, and read survey scores by wave."),
    ("Conversations", "Guided walkthroughs that make it safe to talk: psychological safety, "
     "humble inquiry, and an anonymous pulse, shown on the projector."),
    ("Gaps & Experiments", "Where the team is, where it wants to be, and the small PDSA "
     "experiments that close the gap, followed up at every huddle; and how the structures "
     "that shape coordination work for the team."),
    ("Report", "A PDF for the team and sponsors after the workshop, and open exports."),
)


#: How long after the workshop's first frame a big wave starts being scored ahead.
SCORE_AHEAD_MS = 250
#: The rail's events after which its longest name may need another width.
RAIL_TYPE_EVENTS = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish)

class WorkshopPage(QWidget):
    close_requested = Signal()
    """The user asked to go back to the list of workshops."""

    def __init__(self, session: WorkshopSession, stack: QUndoStack, feedback: Feedback,
                 projector_action: QAction, parent: QWidget | None = None) -> None:
        # Containers are put in place before they are filled, and pages are made inside the
        # stack that shows them: moving a filled widget tree to a new parent makes Qt re-resolve
        # the style sheet, font and palette of every widget in it (70 ms at start, when the
        # Overview was built loose and moved three times).
        super().__init__(parent)
        self.model = WorkshopModel(session, self)
        self.stack = stack
        self.runner = EditRunner(session.workshop, stack, feedback.error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header(projector_action))
        self._column = layout
        self._resume_banner: ResumeBanner | None = None
        self._cancel_banner = after_first_paint(self, self._after_first_paint)
        body = QHBoxLayout()
        body.setSpacing(0)
        layout.addLayout(body, 1)
        self.rail = named(QListWidget(self), "Workshop stages")
        self.rail.setObjectName("rail")
        body.addWidget(self.rail)
        self.pages = QStackedWidget(self)
        body.addWidget(self.pages, 1)
        self.overview = OverviewPage(self.model, self.runner, feedback, self.pages)
        self.feedback = feedback
        self.import_dialog: ImportDialog | None = None
        self._projector = False
        self._map: MapPage | None = None
        self._scoring: WaveScoring | None = None
        self._scores_page: ScoresPage | None = None
        self._conversations: ConversationsPage | None = None
        self._report: ReportPage | None = None
        self._structures: StructuresView | None = None
        self._change_model: ChangeModelView | None = None
        # The other stages are built the first time they are shown or asked for: opening a
        # workshop on its Overview should not pay for the map, charts and forms (0.7 s).
        self._map_stage = LazyStage(self._build_map_stage, self.pages)
        self._conversations_stage = LazyStage(self._build_conversations_stage, self.pages)
        self._gaps_stage = LazyStage(self._build_gaps_stage, self.pages)
        self._report_stage = LazyStage(self._build_report_stage, self.pages)
        self.overview.meetings.huddle_started.connect(self._on_meetings_huddle_started)
        built: dict[str, QWidget] = {"Overview": self.overview, "Map & Scores": self._map_stage,
                                     "Conversations": self._conversations_stage,
                                     "Gaps & Experiments": self._gaps_stage,
                                     "Report": self._report_stage}
        for name, text in STAGES:
            self.rail.addItem(name)
            self.pages.addWidget(built.get(name) or self._placeholder(name, text))
        self._fit_rail()
        self.rail.installEventFilter(self)
        self.rail.currentRowChanged.connect(self._on_rail_current_row_changed)
        self.rail.setCurrentRow(0)
        self.model.workshop_changed.connect(self._on_model_workshop_changed)
        self.model.waves_changed.connect(self._on_model_waves_changed)
        self._on_model_workshop_changed()
        self._on_model_waves_changed()

    def _build_header(self, projector_action: QAction) -> QFrame:
        header = QFrame(self)
        header.setObjectName("header")
        row = QHBoxLayout(header)
        row.setContentsMargins(12, 8, 16, 8)
        row.addWidget(button("◀ Workshops", "Back to workshops", self.close_requested.emit,
                             tip="Back to the list of workshops (Ctrl+W)"))
        self.title = ElidedLabel()
        mark_text_role(self.title, "title")
        row.addWidget(self.title, 1)
        row.addWidget(label("Wave", "muted"))
        self.wave_picker = named(QComboBox(header), "Wave",
                                 "The measurement wave shown on the pages")
        self.wave_picker.setMinimumContentsLength(12)
        self.wave_picker.currentIndexChanged.connect(self._on_wave_picked)
        row.addWidget(self.wave_picker)
        projector = named(QToolButton(header), "Projector mode", "Projector mode (Ctrl+P)")
        projector.setDefaultAction(projector_action)
        row.addWidget(projector)
        return header

    # -- stages built on first use --------------------------------------------------------------

    @property
    def scores(self) -> ScoresService:
        """Scores of this workshop's waves, for the Map & Scores and Report stages."""
        return self.model.session.scores

    def _build_map_stage(self) -> QWidget:
        from PySide6.QtWidgets import QToolButton

        from rcdesk.ui.lazy_tabs import LazyTabs, tab_parent
        from rcdesk.ui.map.page import MapPage

        # Top down, in place: a page built loose is polished again as it moves in.
        tabs = named(LazyTabs(self._map_stage), "Map and scores")
        self._map = MapPage(self.model, self.runner, self.feedback, self.scores, self.scoring,
                            tab_parent(tabs))
        self._map.gap_requested.connect(self._on_map_gap_requested)
        tabs.addTab(self._map, "Map")
        # The Scores tab is built in the turn after the map's first frame (or when shown
        # or asked for), so neither first visit pays for both pages (issue 23).
        # (made in its tab's page: see lazy_tabs.tab_parent)
        scores_tab = tabs.add_lazy(lambda: self._build_scores_page(scores_tab), "Scores")
        after_first_paint(self._map, lambda: self._prebuild_scores(scores_tab))
        # a flat button: the tab bar's height holds its text at any type size (a push
        # button's frame and padding were cut off in projector mode)
        rate = named(QToolButton(), "Rate the map in the room",
                     "Each person rates the map alone on the passed laptop "
                     "(Conversations › Rate the map)")
        rate.setText("Rate the map in the room…")
        rate.setAutoRaise(True)
        rate.setStyleSheet("QToolButton { padding: 0px 8px; margin: 0px; }")
        rate.clicked.connect(self.start_room_rating)
        tabs.setCornerWidget(rate)
        self._map.set_wave(self.current_wave_id())
        self._map.set_projector(self._projector)
        return tabs

    @staticmethod
    def _prebuild_scores(tab: LazyStage) -> None:
        """The Scores page's modules now, the page a moment later: two short turns of the
        event loop rather than one long one (a 0 ms timer set now fired in the same pass)."""
        import rcdesk.ui.scores.page  # noqa: F401

        QTimer.singleShot(20, tab, tab.ensure)

    def _build_scores_page(self, place: QWidget) -> QWidget:
        from rcdesk.ui.scores.page import ScoresPage

        page = ScoresPage(self.model, self.scores, self.feedback, self.scoring, place)
        page.import_requested.connect(self.open_import)
        page.set_wave(self.current_wave_id())
        page.set_projector(self._projector)
        self._scores_page = page
        return page

    def _build_conversations_stage(self) -> QWidget:
        from rcdesk.ui.conversations.page import ConversationsPage

        page = ConversationsPage(self.model, self.runner, self.feedback)
        page.gap_requested.connect(self._on_conversations_gap_requested)
        page.set_wave(self.current_wave_id())
        page.set_projector(self._projector)
        self._conversations = page
        return page

    def _after_first_paint(self) -> None:
        """The resume banner, matplotlib warmed off the UI thread for the charts, a big
        survey wave scored ahead, also off the UI thread, and the map's code imported in
        idle turns (ui/map/preload.py)."""
        _ = self.resume_banner
        warm_up.start()
        from rcdesk.ui.map import preload

        preload.start(self)
        # a turn of its own, a moment later: its first use imports the scoring code (~60 ms)
        QTimer.singleShot(SCORE_AHEAD_MS, self, self._score_ahead)

    @property
    def scoring(self) -> WaveScoring:
        """Big survey waves scored off the UI thread, one job a wave for every page that shows
        their scores (the map, the Scores tab)."""
        if self._scoring is None:
            from rcdesk.ui.scores.scoring import WaveScoring

            self._scoring = WaveScoring(self.scores, self)
        return self._scoring

    def _score_ahead(self) -> None:
        """The wave shown, if scoring it would take long, scored now off the UI thread: the
        pages that ask for its scores without waiting (the room's map in a walkthrough, its
        rating grid) then find them at hand instead of scoring 30,000 answers in one turn
        of the event loop."""
        wave_id = self.current_wave_id()
        if wave_id is not None:
            self.scoring.later(wave_id)

    @property
    def resume_banner(self) -> ResumeBanner:
        """A walkthrough left running (a crash) is offered back in a banner, not a dialog.

        Built just after the page first paints (or when asked for): it is rarely shown, and
        finding out whether to show it imports the walkthrough code and reads the agenda.
        """
        if self._resume_banner is None:
            from PySide6.QtCore import Qt  # after the first frame (widgets.set_enum_property)

            from rcdesk.ui.conversations.resume_banner import ResumeBanner

            banner = ResumeBanner(self.model, self.resume_walkthrough)
            self._resume_banner = banner
            self._column.insertWidget(1, banner)  # under the header
            hidden = banner.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
            if self.isVisible() and not hidden:  # it hides itself when nothing is running
                banner.show()
        return self._resume_banner

    def start_room_rating(self) -> None:
        self.show_stage(self.pages.indexOf(self._conversations_stage))
        self.conversations.start_room_rating()

    def resume_walkthrough(self, meeting_id: int) -> bool:
        self.show_stage(self.pages.indexOf(self._conversations_stage))
        return self.conversations.resume(meeting_id)

    def _on_conversations_gap_requested(self, gap_id: int) -> None:
        self.show_gaps().show_gap(gap_id)

    def _build_gaps_stage(self) -> QWidget:
        from rcdesk.ui.gaps.page import GapsPage

        page = GapsPage(self.model, self.runner, self.feedback, self._gaps_stage)
        page.set_wave(self.current_wave_id())
        page.set_projector(self._projector)
        # Built the first time shown or asked for (issue 23), in the wave and mode then.
        self._structures_stage = page.add_lazy(self._build_structures, "Structures")
        page.add_lazy(self._build_change_model, "Our change model")
        return page

    def _build_structures(self) -> QWidget:
        from rcdesk.ui.gaps.structures import StructuresView

        self._structures = StructuresView(self.model, self.runner, self.feedback, self.scores,
                                          self.current_wave_id(), self._projector,
                                          self._structures_stage)  # made in its place
        self._structures.gap_requested.connect(self.gaps.show_gap)
        return self._structures

    def _build_change_model(self) -> QWidget:
        from rcdesk.ui.gaps.change_model_view import ChangeModelView

        self._change_model = ChangeModelView(self.model, self.feedback, self.scores,
                                             self.current_wave_id())
        return self._change_model

    def _build_report_stage(self) -> QWidget:
        from rcdesk.ui.report_page import ReportPage

        self._report = ReportPage(self.model, self.feedback)
        self._report.set_wave(self.current_wave_id())
        return self._report

    @property
    def conversations(self) -> ConversationsPage:
        self._conversations_stage.ensure()
        assert self._conversations is not None
        return self._conversations

    @property
    def map_tabs(self) -> LazyTabs:
        from rcdesk.ui.lazy_tabs import LazyTabs

        tabs = self._map_stage.ensure()
        assert isinstance(tabs, LazyTabs)
        return tabs

    @property
    def map(self) -> MapPage:
        self._map_stage.ensure()
        assert self._map is not None
        return self._map

    @property
    def scores_page(self) -> ScoresPage:
        self.map_tabs.ensure_tab("Scores")
        assert self._scores_page is not None
        return self._scores_page

    @property
    def report(self) -> ReportPage:
        self._report_stage.ensure()
        assert self._report is not None
        return self._report

    @property
    def gaps(self) -> GapsPage:
        from rcdesk.ui.gaps.page import GapsPage

        page = self._gaps_stage.ensure()
        assert isinstance(page, GapsPage)
        return page

    def _on_rail_current_row_changed(self, row: int) -> None:
        stage = self.pages.widget(row)
        if isinstance(stage, LazyStage):
            stage.ensure()
        self.pages.setCurrentIndex(row)

    def _fit_rail(self) -> None:
        self.rail.setFixedWidth(self.rail.sizeHintForColumn(0) + 8)

    def changeEvent(self, event: QEvent) -> None:
        """Keep the rail as wide as its longest stage name when the type size changes."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rail()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The rail's own type changes too (projector mode re-styles the rail itself, after
        the page): fit it again then."""
        if watched is self.rail and event.type() in RAIL_TYPE_EVENTS:
            self._fit_rail()
        return super().eventFilter(watched, event)

    def _placeholder(self, name: str, text: str) -> QWidget:
        return EmptyState(name, text, button("Back to the Overview", f"{name}: back to Overview",
                                             self.show_overview))

    def show_overview(self) -> None:
        self.rail.setCurrentRow(0)

    def current_page(self) -> QWidget:
        """The page of the stage on show (the built content of a lazily built stage)."""
        stage = self.pages.currentWidget()
        assert stage is not None
        return stage.ensure() if isinstance(stage, LazyStage) else stage

    def show_gaps(self) -> GapsPage:
        """Show the Gaps & Experiments stage (building it if needed); return its page."""
        self.show_stage(self.pages.indexOf(self._gaps_stage))
        return self.gaps

    def show_stage(self, index: int) -> None:
        if 0 <= index < self.rail.count():
            self.rail.setCurrentRow(index)

    def _on_map_gap_requested(self, tie_id: int, wave_id: int) -> None:
        if self.gaps.create_from_tie(tie_id, wave_id):
            self.show_gaps()

    def _on_meetings_huddle_started(self, meeting_id: int) -> None:
        self.show_gaps().start_follow_up(meeting_id)

    @property
    def change_model(self) -> ChangeModelView:
        self.gaps.ensure_tab("Our change model")
        assert self._change_model is not None
        return self._change_model

    @property
    def structures(self) -> StructuresView:
        self.gaps.ensure_tab("Structures")
        assert self._structures is not None
        return self._structures

    def _on_wave_picked(self) -> None:
        if self._report is not None:
            self._report.set_wave(self.current_wave_id())
        if self._gaps_stage.built is not None:
            self.gaps.set_wave(self.current_wave_id())
        if self._structures is not None:
            self._structures.set_wave(self.current_wave_id())
        if self._change_model is not None:
            self._change_model.set_wave(self.current_wave_id())
        if self._conversations is not None:
            self._conversations.set_wave(self.current_wave_id())
        if self._map is not None:
            self._map.set_wave(self.current_wave_id())
        if self._scores_page is not None:
            self._scores_page.set_wave(self.current_wave_id())
        if self._scoring is not None:  # (the first is scored ahead after the first frame)
            self._score_ahead()

    def set_projector(self, on: bool) -> None:
        self._projector = on
        if self._gaps_stage.built is not None:
            self.gaps.set_projector(on)
        if self._structures is not None:
            self._structures.set_projector(on)
        # Projector type: the header's title at section size, so it shows whole at 1280 px
        # beside the wave picker (the pages' own titles stay large).
        role = "section" if on else "title"
        if self.title.property("textRole") == role:
            pass
        elif self.title.isVisible():
            set_text_role(self.title, role)  # re-polished on screen
        else:
            mark_text_role(self.title, role)  # read at its first polish (no Qt namespace)
        if self._conversations is not None:
            self._conversations.set_projector(on)
        if self._map is not None:
            self._map.set_projector(on)
        if self._scores_page is not None:
            self._scores_page.set_projector(on)

    def show_scores(self, wave_id: int | None = None) -> None:
        """Show the Scores tab, on `wave_id` when given."""
        if wave_id is not None and (index := self.wave_picker.findData(wave_id)) >= 0:
            self.wave_picker.setCurrentIndex(index)
        self.show_stage(1)
        self.map_tabs.setCurrentWidget(self.scores_page)

    # -- survey import -----------------------------------------------------------------------

    def open_import(self, path: Path | None = None) -> ImportDialog | None:
        """Open the import dialog on `path`, or ask for a file first; None if none chosen."""
        from rcdesk.ui.scores.import_dialog import ImportDialog, choose_survey_file

        if path is None:
            path = choose_survey_file(self)
            if path is None:
                return None
        if self.import_dialog is not None and self.import_dialog.isVisible():
            self.import_dialog.open_file(path)
            return self.import_dialog
        dialog = ImportDialog(self.model.service, self.window(), path)
        dialog.imported.connect(self._on_import_dialog_imported)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _on_import_dialog_imported(self, result: ImportResult) -> None:
        replaced = f"; {result.replaced:,} earlier answers were replaced" if result.replaced else ""
        self.feedback.note(f"Imported {result.rows:,} survey answers from "
                           f"{result.respondents:,} respondents{replaced}.")
        self.show_scores(result.wave_ids[-1] if result.wave_ids else None)

    def current_wave_id(self) -> int | None:
        data = self.wave_picker.currentData()
        return int(data) if data is not None else None

    def _on_model_workshop_changed(self) -> None:
        self.title.setText(self.model.service.workshop().title)

    def _on_model_waves_changed(self) -> None:
        current = self.current_wave_id()
        self.wave_picker.blockSignals(True)
        self.wave_picker.clear()
        for wave in self.model.service.waves():
            self.wave_picker.addItem(wave.name, wave.id)
        index = self.wave_picker.findData(current) if current is not None else -1
        self.wave_picker.setCurrentIndex(max(index, 0) if self.wave_picker.count() else -1)
        self.wave_picker.blockSignals(False)
        self._on_wave_picked()

    def detach(self) -> None:
        self._cancel_banner()  # a closed page builds nothing more
        self.overview.detach()
        if self.import_dialog is not None:
            self.import_dialog.reject()  # refused only while an import is being written
        if self._report is not None:
            self._report.detach()  # let a running export finish
        if self._conversations is not None:
            self._conversations.detach()  # close the projector window; the run stays resumable
        if self._map is not None:
            self._map.detach()  # its scene's last signals must not reach a deleted page
        if self._scoring is not None:
            self._scoring.wait()  # a wave being scored on its own connection
        self.model.detach()
