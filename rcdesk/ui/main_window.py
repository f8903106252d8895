"""The main window: a shell holding the home screen or one workshop, plus menus.

It wires actions to pages and shows feedback; the pages and services do the work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QShowEvent,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from rcdesk.domain.errors import DomainError
from rcdesk.paths import log_dir
from rcdesk.services.library import LibraryService
from rcdesk.services.session import WorkshopSession
from rcdesk.ui import app_style
from rcdesk.ui.first_paint import after_first_paint
from rcdesk.ui.main_menus import build_menus
from rcdesk.ui.palettes import Theme
from rcdesk.ui.status import StatusArea
from rcdesk.ui.theme import MAX_ZOOM, MIN_ZOOM, apply_theme
from rcdesk.ui.ui_settings import UiSettings
from rcdesk.ui.workshop_page import WorkshopPage

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from rcdesk.ui.help_window import HelpWindow
    from rcdesk.ui.home import HomePage


class MainWindow(QMainWindow):
    workshop_opened = Signal(int)
    """A workshop page is now shown (its id)."""
    workshop_closed = Signal()
    """The home screen is shown again."""

    def __init__(self, library: LibraryService, settings: UiSettings) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.setWindowTitle("rcdesk")
        self.setMinimumSize(960, 600)
        self.undo_group = QUndoGroup(self)
        self.status = StatusArea(self, self.undo_group)
        self._home: HomePage | None = None
        self.workshop_page: WorkshopPage | None = None
        self.central = QStackedWidget()
        self.setCentralWidget(self.central)
        self.actions_by_name: dict[str, QAction] = build_menus(self)
        self._help_windows: list[HelpWindow] = []
        geometry = settings.get("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if library.library.read_only:
            self.status.warn(library.library.read_only_reason)
        self.setAcceptDrops(True)
        self._update_actions()
        # The app-wide rules hooked to the style (the wheel rule, the projector mark) start
        # after the first frame, which they would cost 22 ms (app_style.py).
        after_first_paint(self, self._after_first_paint)

    @staticmethod
    def _after_first_paint() -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app_style.activate(app)

    # -- workshops ---------------------------------------------------------------------------

    @property
    def home(self) -> HomePage:
        """The list of workshops, built when first shown or asked for.

        A window that opens straight into a workshop (as the cold-start benchmark does)
        does not build the list hidden behind it until the workshop is closed.
        """
        if self._home is None:
            from rcdesk.ui.home import HomePage  # (and its list) not needed to open a workshop

            self._home = HomePage(self.library, self.status, self.central)
            self._home.open_requested.connect(self._on_home_open_requested)
            self.central.insertWidget(0, self._home)  # the page on show stays on show
        return self._home

    def showEvent(self, event: QShowEvent) -> None:
        if self.workshop_page is None:
            self.central.setCurrentWidget(self.home)
        super().showEvent(event)

    def _on_home_open_requested(self, workshop_id: int, is_new: bool) -> None:
        self.open_workshop(workshop_id, focus_title=is_new)

    def open_workshop(self, workshop_id: int, focus_title: bool = False) -> WorkshopPage | None:
        self.close_workshop()
        try:
            service = self.library.open(workshop_id, note=False)  # noted after its first frame
        except DomainError as exc:
            self.status.error(exc)
            return None
        stack = QUndoStack(self)
        self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(stack)
        # The one place a workshop's services are composed: its session lives with its page.
        session = WorkshopSession(service)
        page = WorkshopPage(session, stack, self.status, self.actions_by_name["projector"],
                            self.central)  # made in place: see WorkshopPage
        page.close_requested.connect(self.close_workshop)
        page.model.saved.connect(self.status.saved)
        self.workshop_page = page
        self.central.addWidget(page)
        self.central.setCurrentWidget(page)
        self.setWindowTitle(f"{service.workshop().title} — rcdesk")
        page.model.workshop_changed.connect(self._on_workshop_changed)
        page.set_projector(self.settings.get("view/projector"))
        if focus_title:
            title = page.overview.details.fields["title"]
            title.setFocus()
            title.selectAll()
        self._update_actions()
        after_first_paint(page, lambda: self._note_opened(workshop_id))
        self.workshop_opened.emit(workshop_id)
        return page

    def _note_opened(self, workshop_id: int) -> None:
        """When it was opened: a write that waits for the disk, so after the first frame."""
        problem = self.library.note_opened(workshop_id)
        if problem:  # opened, but the disk refused even a small write
            self.status.warn(problem)

    def _on_workshop_changed(self) -> None:
        if self.workshop_page is not None:
            title = self.workshop_page.model.service.workshop().title
            self.setWindowTitle(f"{title} — rcdesk")

    def close_workshop(self) -> None:
        page = self.workshop_page
        if page is None:
            return
        self.workshop_page = None
        page.detach()
        self.undo_group.removeStack(page.stack)
        page.stack.deleteLater()
        self.central.removeWidget(page)
        page.deleteLater()
        self.home.refresh()
        self.central.setCurrentWidget(self.home)
        self.setWindowTitle("rcdesk")
        self._update_actions()
        self.workshop_closed.emit()

    def show_stage(self, index: int) -> None:
        if self.workshop_page is not None:
            self.workshop_page.show_stage(index)

    def restore_from_backup(self) -> None:
        from rcdesk.ui.restore_dialog import open_restore_dialog

        open_restore_dialog(self)

    def export_map(self) -> None:
        page = self.workshop_page
        if page is None:
            return
        from rcdesk.ui import messages  # file dialogs: not needed to start

        title = page.model.service.workshop().title
        path = messages.choose_save_file(self, "Export map", f"{title} map.png",
                                         "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            page.map.export_image(path)

    # -- survey files ------------------------------------------------------------------------

    def choose_survey_to_import(self) -> None:
        """File ▸ Import Survey Results… (Ctrl+I): ask for a CSV file, then preview it."""
        self.import_survey(None)

    def import_survey(self, path: Path | None = None) -> None:
        """File ▸ Import Survey Results… (Ctrl+I): the import dialog for the open workshop."""
        if self.workshop_page is not None:
            self.workshop_page.open_import(path)

    def save_survey_template(self) -> None:
        from rcdesk.services.survey_import import write_template
        from rcdesk.ui import messages

        path = messages.choose_save_file(self, "Save survey template", "survey-template.csv",
                                         "CSV file (*.csv)")
        if not path:
            return
        try:
            write_template(Path(path))
        except DomainError as exc:
            self.status.error(exc)
            return
        self.status.note(f"Saved the survey template to {Path(path).name}.")

    @staticmethod
    def _dropped_csv(mime: QMimeData) -> Path | None:
        """The one local survey file (.csv, .txt, .xlsx, .ods) being dragged, if that is it."""
        urls = mime.urls() if mime.hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        return path if path.suffix.lower() in (".csv", ".txt", ".xlsx", ".ods") else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """A CSV dragged over an open workshop may be dropped (to import it)."""
        if self.workshop_page is not None and self._dropped_csv(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_csv(event.mimeData())
        if self.workshop_page is None or path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_survey(path)

    def _update_actions(self) -> None:
        in_workshop = self.workshop_page is not None
        for name in ("close", "export_map", "import", "export_pdf", "export_workshop",
                     *(f"stage{i}" for i in range(5))):
            self.actions_by_name[name].setEnabled(in_workshop)

    # -- view --------------------------------------------------------------------------------

    def apply_look(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme = Theme(self.settings.get("view/theme"))
            apply_theme(app, theme, self.settings.get("view/projector"),
                        self.settings.get("view/zoom"))
        self.status.set_quiet(self.settings.get("view/projector"))

    def set_projector_mode(self, on: bool) -> None:
        self.settings.set("view/projector", on)
        self.actions_by_name["projector"].setChecked(on)
        page = self.workshop_page
        if on and page is not None:
            page.set_projector(on)  # what the room does not see is hidden before styling
        self.apply_look()
        if not on and page is not None:
            page.set_projector(on)  # ... and shown again after, styled as it shows
        settle_layouts()

    def set_dark(self, on: bool) -> None:
        self.settings.set("view/theme", (Theme.DARK if on else Theme.LIGHT).value)
        self.apply_look()

    def zoom(self, step: int) -> None:
        """One zoom for the window: the map zooms when it has focus, the interface otherwise."""
        from rcdesk.ui.map.view import MapView

        focus = QApplication.focusWidget()
        if isinstance(focus, MapView):
            focus.zoom(step)
            return
        current = self.settings.get("view/zoom")
        value = 0 if step == 0 else max(MIN_ZOOM, min(MAX_ZOOM, current + step))
        self.settings.set("view/zoom", value)
        self.apply_look()

    def toggle_full_screen(self) -> None:
        """F11: the page fills the screen (no menu bar, no rail); keys keep working."""
        full = not self.isFullScreen()
        if full:
            self.showFullScreen()
        else:
            self.showNormal()
        self.menuBar().setVisible(not full)
        if self.workshop_page is not None:
            self.workshop_page.rail.setVisible(not full)
        self.actions_by_name["leave_full_screen"].setEnabled(full)

    def leave_full_screen(self) -> None:
        if self.isFullScreen():
            self.toggle_full_screen()

    # -- help --------------------------------------------------------------------------------

    def show_help(self, which: str) -> HelpWindow:
        from rcdesk.ui import help_texts
        from rcdesk.ui.help_window import HelpWindow

        texts = {
            "shortcuts": ("Keyboard shortcuts", help_texts.shortcuts_html()),
            "scoring": ("How rcdesk scores", help_texts.SCORING_HTML),
            "about": ("About rcdesk", help_texts.about_html()),
        }
        title, html = texts[which]
        window = HelpWindow(self, title, html)
        self._help_windows = [w for w in self._help_windows if w.isVisible()] + [window]
        window.show()
        return window

    def open_log_folder(self) -> None:
        folder = log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.status.warn(f"The log folder {folder} could not be created.")
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- lifetime ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.close_workshop()
        super().closeEvent(event)


#: Rounds of layout requests settle_layouts sends at most (each round lays out one level
#: more, up from the widgets restyled to the window; more rounds than it has levels).
LAYOUT_ROUNDS = 6


def settle_layouts() -> None:
    """Lay out now what a change of look asked to be laid out again, round after round
    (each layout done may ask its parent's), so the next frame shows the final layout:
    left to the event loop, the first frame came after one round, and the map, painted
    at a size the next round changed, fitted and drew its ties again (issue 23)."""
    from PySide6.QtCore import QEvent

    for _ in range(LAYOUT_ROUNDS):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
