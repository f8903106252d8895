"""The Gaps & Experiments page: the gap log with its side panel, and the huddle follow-up.

The log is a sortable, filterable table (a GapFilter proxy over named columns);
the side panel edits the selected gap (Gap), its PDSA cycles (Experiments) and
its measure (Run chart). Every change goes through the shared EditRunner, so it
is saved at once and is one undo step; the page redraws from the model's signals.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import NotFoundError
from rcdesk.domain.gaps import AreaKind, Gap, is_due
from rcdesk.services.gaps import gap_or_none
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.gaps.fields import number_text
from rcdesk.ui.gaps.gap_table import STATUS_FILTERS, GapFilter, GapRow, gap_columns
from rcdesk.ui.lazy_tabs import LazyTabs
from rcdesk.ui.page_pieces import Pieces
from rcdesk.ui.table_model import RecordTableModel
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import (
    EmptyState,
    button,
    named,
    record_table,
    scrolled,
    widget_shortcut,
)
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:
    from rcdesk.services.suggestions import Suggestion
    from rcdesk.ui.gaps.drivers_panel import DriversPanel
    from rcdesk.ui.gaps.experiments_panel import ExperimentsPanel
    from rcdesk.ui.gaps.follow_up import FollowUpView
    from rcdesk.ui.gaps.gap_form import GapForm
    from rcdesk.ui.gaps.measure_panel import MeasurePanel

#: What the Gap panel's form needs, imported after the stage's first frame.
FORM_MODULES = ("rcdesk.ui.gaps.gap_form", "rcdesk.services.gap_from_tie",
                "rcdesk.services.suggestions", "rcdesk.services.wave_choice")
EMPTY_TEXT = ("Write down where the team is, where it wants to be, and small PDSA "
              "experiments to close the gap; follow them up at every huddle. You can also "
              "start from a weak tie on the map (“Gap from tie”).")


class GapsPage(LazyTabs):
    """The stage's tabs; the side panel's PDSA, Chart and Drivers tabs (and the stage's
    Structures and Our change model, added by the workshop page) are built the first time
    they are shown or asked for (issue 23), on the gap selected then. The Gap panel's form
    comes in the turns after the stage's first frame (its modules, then the form, then
    the form filled and shown; all at once when asked for): the first frame shows the
    log, the side panel's tabs and its empty place."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        # Made in place (in `parent`, each part in its own): a widget made loose and added
        # later is styled again with every container it moves into (issue 23).
        super().__init__(parent)
        self.setAccessibleName("Gaps and experiments")
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self._pieces = Pieces(self)
        self._form: GapForm | None = None
        self._header_wave: int | None = None  # the header's wave (set_wave)
        self._experiments: ExperimentsPanel | None = None
        self._measure: MeasurePanel | None = None
        self._drivers: DriversPanel | None = None
        self.service = model.session.gaps
        self.cycles = model.session.experiments
        self.table_model: RecordTableModel[GapRow] = RecordTableModel(gap_columns(), self._rows)
        self.proxy = GapFilter(self.table_model)
        self.log = QStackedWidget()
        self.addTab(self.log, "Gap log")
        self.empty = EmptyState("Gaps & Experiments", EMPTY_TEXT,
                                button("Add the first gap", "Add the first gap", self.new_gap,
                                       accent=True))
        self.log.addWidget(self.empty)
        self.splitter = QSplitter()
        self.log.addWidget(self.splitter)
        self._build_log(self.splitter)
        self._follow_up: FollowUpView | None = None
        self._follow_up_tab = self.add_lazy(self._build_follow_up, "Huddle follow-up")
        for signal in (model.gaps_changed, model.experiments_changed, model.measures_changed,
                       model.roles_changed, model.ties_changed):
            signal.connect(self.refresh)
        self._selected_id: int | None = None
        self._show_rows()  # the model has just read them

    def _build_log(self, splitter: QSplitter) -> None:
        left = QWidget(splitter)
        box = QVBoxLayout(left)
        box.setContentsMargins(8, 8, 0, 8)
        bar = QHBoxLayout()
        bar.addWidget(button("New gap", "New gap", self.new_gap, accent=True,
                             tip="Add a gap and edit it in the side panel"))
        self.search = named(QLineEdit(), "Find gaps", "Show gaps whose title, area or owner "
                            "contains these words")
        self.search.setPlaceholderText("Find…")
        self.search.textChanged.connect(self.proxy.set_words)
        self.status_filter = named(QComboBox(), "Status filter", "Which gaps to list")
        for text, statuses in STATUS_FILTERS:
            self.status_filter.addItem(text, statuses)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.delete = button("Delete", "Delete gap", self.delete_selected,
                             tip="Delete the selected gap with its experiments (Delete); "
                                 "Ctrl+Z brings it back")
        for widget, stretch in ((self.search, 1), (self.status_filter, 0), (self.delete, 0)):
            bar.addWidget(widget, stretch)
        box.addLayout(bar)
        self.table: QTableView = record_table("Gap log", self.proxy, stretch_column=0,
                                              parent=left)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by due date
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        header = self.table.horizontalHeader()
        for column, width in ((0, 230), (5, 190)):  # long texts: elided, resizable
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        widget_shortcut(self.table, QKeySequence.StandardKey.Delete, self.delete_selected)
        box.addWidget(self.table, 1)
        self.side = named(LazyTabs(splitter), "Gap side panel")
        self._form_area = scrolled(QWidget(), "Gap details")
        self.side.addTab(self._form_area, "Gap")
        for piece in (self._import_form, self._build_form, self._show_form):
            self._pieces.add(piece)
        # Short tab names: all four fit the side panel at projector type.
        self._experiments_tab = self.side.add_lazy(self._build_experiments, "PDSA")
        self._measure_tab = self.side.add_lazy(self._build_measure, "Chart")
        self._drivers_tab = self.side.add_lazy(self._build_drivers, "Drivers")
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([560, 520])
        self.side.setMinimumWidth(420)

    @staticmethod
    def _import_form() -> None:
        """The form's modules and those of its suggestions, in a turn of their own."""
        for name in FORM_MODULES:
            importlib.import_module(name)

    def _build_form(self) -> None:
        from rcdesk.ui.gaps.gap_form import GapForm

        # made in its place (the area's viewport), its widgets are styled once; hidden
        # until it shows the selected gap (the viewport is on screen: a new child is not)
        self._form = GapForm(self.service, self.runner, self._suggestions,
                             self._form_area.viewport())

    def _show_form(self) -> None:
        assert self._form is not None
        self._form.show_gap(self.selected_gap())
        self._form_area.setWidget(self._form)

    @property
    def form(self) -> GapForm:
        """The Gap panel's form (built now if it waits for its turn)."""
        self._pieces.finish()
        assert self._form is not None
        return self._form

    def _build_follow_up(self) -> QWidget:
        from rcdesk.ui.gaps.follow_up import FollowUpView

        self._follow_up = FollowUpView(self.cycles, self.runner, self.feedback)
        self._follow_up.open_requested.connect(self.show_gap)
        self._follow_up.refresh()
        return self._follow_up

    @property
    def follow_up(self) -> FollowUpView:
        self._follow_up_tab.ensure()
        assert self._follow_up is not None
        return self._follow_up

    def _build_experiments(self) -> QWidget:
        from rcdesk.ui.gaps.experiments_panel import ExperimentsPanel

        area = self._area_in(self._experiments_tab, "Experiments")
        self._experiments = ExperimentsPanel(self.cycles, self.runner, self.feedback,
                                             area.viewport())
        area.setWidget(self._experiments)
        self._experiments.show_gap(self._shown_gap_id())
        return area

    def _build_measure(self) -> QWidget:
        from rcdesk.ui.gaps.measure_panel import MeasurePanel

        area = self._area_in(self._measure_tab, "Measure and chart")
        self._measure = MeasurePanel(self.service, self.runner, self.feedback, area.viewport())
        area.setWidget(self._measure)
        self._measure.show_gap(self._shown_gap_id())
        return area

    def _build_drivers(self) -> QWidget:
        from rcdesk.ui.gaps.drivers_panel import DriversPanel

        area = self._area_in(self._drivers_tab, "Drivers of this aim")
        self._drivers = DriversPanel(self.model, self.runner, self.feedback, area.viewport())
        area.setWidget(self._drivers)
        self._drivers.show_gap(self._shown_gap_id())
        return area

    @staticmethod
    def _area_in(tab: QWidget, name: str) -> QScrollArea:
        """A side tab's scroll area, made in its tab so that its panel, made in the area's
        viewport, is styled once: a panel made loose was styled again with each move (into
        the area, then into the tab), 286 polishes for the PDSA tab's 105 widgets."""
        area = scrolled(QWidget(), name)
        area.setParent(tab)
        return area

    def _shown_gap_id(self) -> int | None:
        gap = self.selected_gap()
        return gap.id if gap else None

    @property
    def experiments(self) -> ExperimentsPanel:
        self._experiments_tab.ensure()
        assert self._experiments is not None
        return self._experiments

    @property
    def measure(self) -> MeasurePanel:
        self._measure_tab.ensure()
        assert self._measure is not None
        return self._measure

    @property
    def drivers(self) -> DriversPanel:
        self._drivers_tab.ensure()
        assert self._drivers is not None
        return self._drivers

    def set_projector(self, on: bool) -> None:
        """At projector type the log and its side panel sit one above the other, each the
        stage's full width: side by side, the gap's form, its experiments and its chart
        needed twice the half they had and scrolled sideways."""
        wanted = Qt.Orientation.Vertical if on else Qt.Orientation.Horizontal
        if self.splitter.orientation() == wanted:
            return
        self.splitter.setOrientation(wanted)
        self.side.setMinimumWidth(0 if on else 420)
        self.splitter.setSizes([280, 400] if on else [560, 520])

    def show_side(self, panel: QWidget) -> None:
        """Show the side tab holding `panel` (the longer panels sit in a scroll area)."""
        if self.side.indexOf(page := self.side.page_of(panel)) >= 0:
            self.side.setCurrentWidget(page)

    # -- rows and selection ------------------------------------------------------------------

    def _rows(self) -> list[GapRow]:
        today = self.service.workshop.today()
        counts: dict[int, int] = {}
        for e in self.service.experiments():
            counts[e.gap_id] = counts.get(e.gap_id, 0) + 1
        latest = {v.gap_id: v for v in self.service.measure_values()}
        votes = self.model.session.dot_votes.gap_votes()
        rows = []
        for gap in self.service.gaps():
            value = latest.get(gap.id)
            unit = f" {gap.measure.unit}" if gap.measure.unit else ""
            rows.append(GapRow(
                id=gap.id, title=gap.title, area=self.service.area_text(gap),
                owner=self.service.owner_text(gap), priority=gap.priority, status=gap.status,
                due=gap.due, overdue=is_due(gap.due, today) and gap.due != today
                and not gap.status.finished, cycles=counts.get(gap.id, 0),
                latest=f"{number_text(value.value)}{unit}" if value else "",
                votes=votes.get(gap.id) if votes else None))
        return rows

    def refresh(self) -> None:
        self.table_model.reload()
        self._show_rows()

    def _show_rows(self) -> None:
        keep = self._selected_id
        self.log.setCurrentIndex(1 if self.table_model.rowCount() else 0)
        if not self.select(keep) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._show_selected()
        if self._follow_up is not None:
            self._follow_up.refresh()

    def select(self, gap_id: int | None) -> bool:
        row = self.proxy.proxy_row_of(gap_id) if gap_id is not None else None
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def selected_gap(self) -> Gap | None:
        return gap_or_none(self.service, self._selected_id)

    def _on_table_selection_changed(self) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._selected_id = self.proxy.record_at(rows[0].row()).id if rows else None
        gap = self.selected_gap()
        if self._form is not None:  # else shown the gap when built
            self._form.show_gap(gap)
        for panel in (self._experiments, self._measure, self._drivers):
            if panel is not None:  # the others are shown it when built
                panel.show_gap(gap.id if gap else None)
        self.delete.setEnabled(gap is not None)

    def _on_status_filter_changed(self) -> None:
        self.proxy.set_statuses(self.status_filter.currentData())
        if not self.select(self._selected_id) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._show_selected()

    def set_wave(self, wave_id: int | None) -> None:
        """The header's wave: suggestions read the tie's weak dimensions there."""
        self._header_wave = wave_id
        self._show_selected()

    def _suggestions(self, gap: Gap) -> tuple[list[Suggestion], str]:
        from rcdesk.services.gap_from_tie import tie_weak_dimensions
        from rcdesk.services.suggestions import suggest
        from rcdesk.services.wave_choice import map_wave

        if gap.area_kind is AreaKind.TIE and gap.tie_id is not None:
            choice = map_wave(self.model.session.scores, self._header_wave)
            wave = choice.wave
            weak = tie_weak_dimensions(self.service, gap.tie_id, wave.id if wave else None)
            where = f"in the {wave.name} wave ({choice.why()})" if wave else "yet"
            return suggest(weak), (f"for the weak dimensions of this tie {where}" if weak
                                   else f"because this tie has no weak dimension {where}")
        if gap.area_kind is AreaKind.DIMENSION and gap.area_key:
            return suggest([gap.area_key]), "for this dimension"
        return [], "for this area: they come from a weak tie or dimension"

    # -- commands ----------------------------------------------------------------------------

    def _after_create(self) -> None:
        newest = max(self.service.gaps(), key=lambda g: g.id)
        self.log.setCurrentIndex(1)
        self.status_filter.setCurrentIndex(0)
        self.search.clear()
        self.setCurrentIndex(0)
        self.select(newest.id)
        self.side.setCurrentIndex(0)
        self.form.title.setFocus()
        self.form.title.selectAll()

    def new_gap(self) -> None:
        if self.runner.run(lambda: self.service.create_gap(self.service.draft())):
            self._after_create()

    def create_from_tie(self, tie_id: int, wave_id: int) -> bool:
        """Add a gap about a tie, pre-filled from its scores in the wave, and show it."""
        from rcdesk.services.gap_from_tie import create_gap_from_tie

        if self.runner.run(lambda: create_gap_from_tie(self.service, tie_id, wave_id)):
            self._after_create()
            return True
        return False

    def delete_selected(self) -> None:
        gap = self.selected_gap()
        if gap is not None and self.runner.run(lambda: self.service.delete_gap(gap.id)):
            self.feedback.deleted(f"Deleted the gap “{gap.title}”")

    def show_gap(self, gap_id: int) -> None:
        """Show a gap in the log (from the follow-up), whatever the filter."""
        self.setCurrentIndex(0)
        if self.proxy.proxy_row_of(gap_id) is None:
            self.status_filter.setCurrentIndex(1)
            self.search.clear()
        self.select(gap_id)

    def start_follow_up(self, meeting_id: int) -> None:
        """Open the follow-up of open gaps and due experiments for this meeting."""
        meeting = next((m for m in self.service.workshop.meetings() if m.id == meeting_id), None)
        if meeting is None:
            self.feedback.error(NotFoundError("That meeting is no longer in this workshop."))
            return
        self.setCurrentWidget(self.follow_up)
        self.follow_up.start(meeting)
