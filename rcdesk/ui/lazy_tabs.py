"""A tab widget whose pages are built the first time they are shown or asked for.

Opening a stage should pay only for what its first frame shows (issue 23: the first visit
of any stage or tab under 200 ms). Each page is a `LazyStage` holding a builder; the tab
widget builds the current page when it is shown or another tab is chosen. Callers keep
speaking of the built pages: `setCurrentWidget` takes a built page (or anything inside
one) and `currentWidget` answers with the built page, so code written for an eager tab
widget keeps working.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from rcdesk.ui.widgets import LazyStage


def tab_parent(tabs: QTabWidget) -> QWidget:
    """Where the pages of `tabs` live: a page made there is not moved when added. A widget
    is polished again (and everything polished below it) each time it moves, so a page
    built loose and then added, inside a tab widget built loose and then added, was
    polished once per level (issue 23: build top down, in place)."""
    stack = tabs.findChild(QStackedWidget)
    assert stack is not None
    return stack


class LazyTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._on_current_changed)

    def add_lazy(self, build: Callable[[], QWidget], text: str) -> LazyStage:
        """A tab built by `build` the first time it is shown or `ensure`d."""
        stage = LazyStage(build)
        self.addTab(stage, text)
        return stage

    def ensure_tab(self, text: str) -> QWidget:
        """The page of the tab named `text`, built now if it was not yet."""
        index = next(i for i in range(self.count()) if self.tabText(i) == text)
        page = self.widget(index)
        assert page is not None
        return page.ensure() if isinstance(page, LazyStage) else page

    def built_tabs(self) -> list[str]:
        """The texts of the tabs built so far."""
        return [self.tabText(i) for i in range(self.count())
                if not isinstance(stage := self.widget(i), LazyStage) or stage.built is not None]

    def page_of(self, widget: QWidget) -> QWidget:
        """The tab page holding `widget` (the widget itself when it is not in a tab)."""
        page: QWidget | None = widget
        while page is not None and self.indexOf(page) < 0:
            page = page.parentWidget()
        return page if page is not None else widget

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        super().setCurrentWidget(self.page_of(widget))

    def currentWidget(self) -> QWidget:  # noqa: N802 (Qt's name)
        page = super().currentWidget()
        if isinstance(page, LazyStage) and page.built is not None:
            return page.built
        return page

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self._build_current()
        super().showEvent(event)

    def _on_current_changed(self, _index: int) -> None:
        if self.isVisible():
            self._build_current()

    def _build_current(self) -> None:
        page = super().currentWidget()
        if isinstance(page, LazyStage) and page.built is None:
            page.ensure().show()
