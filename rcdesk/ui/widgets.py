"""Small builders that keep every screen consistent (accessible names, text roles)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, overload

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QListView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.ui.table_model import may_edit
from rcdesk.ui.theme import mark_text_role

if TYPE_CHECKING:  # its enums are made when an editor first closes, not at start
    from PySide6.QtWidgets import QAbstractItemDelegate, QScrollArea

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, tip: str = "") -> W:
    """Give a control its accessible name (and optionally a tooltip naming its key)."""
    widget.setAccessibleName(name)
    if tip:
        widget.setToolTip(tip)
    return widget


def set_enum_property(target: QObject, name: str, key: str) -> None:
    """Set a Qt enum property by its key ("WidgetShortcut", "AlignCenter").

    Qt converts the key itself, so the first frame need not name a member of the `Qt`
    namespace: the first such name makes PySide build all 93 of its enum types (22 ms
    of a cold start). Raises ValueError for a property or key Qt does not know.
    """
    if not target.setProperty(name, key):
        raise ValueError(f"{type(target).__name__} has no {name!r} that takes {key!r}")


def widget_shortcut(widget: QWidget, key: QKeySequence.StandardKey | str,
                    slot: Callable[[], object]) -> QAction:
    """A key that acts only while `widget` has the focus (Del on a table, say)."""
    action = QAction(widget)
    # Every binding of a standard key (Delete is also Ctrl+D on macOS); setShortcut(...)
    # would build the Qt namespace.
    action.setShortcuts(QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                        else [QKeySequence(key)])
    set_enum_property(action, "shortcutContext", "WidgetShortcut")
    action.triggered.connect(slot)
    widget.addAction(action)
    return action


def label(text: str, role: str = "", *, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setAccessibleName(text)
    if role:
        mark_text_role(widget, role)
    widget.setWordWrap(wrap)
    return widget


def follows_width(box: QComboBox, chars: int) -> QComboBox:
    """`box` as wide as its place allows, down to `chars` characters, not as wide as its
    longest item (a long role or deck name widened a narrow column until it scrolled
    sideways at projector type); the list that opens shows items whole."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    return box


def wraps(view: QListView) -> QListView:
    """A list whose long items wrap onto more lines, wrapped again when it narrows (a list
    never scrolls sideways: an item that does not fit loses its end)."""
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    return view


class CheckText(QLabel):
    """The wrapped text of a check box (a QCheckBox's own text never wraps, and a long one
    made its page scroll sideways at projector type): a click on it toggles the box, as a
    click on a check box's own text does."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setToolTip(box.toolTip())
        self.setBuddy(box)
        self._box = box

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        from PySide6.QtCore import Qt

        if (event.button() == Qt.MouseButton.LeftButton
                and self.rect().contains(event.position().toPoint())):
            self._box.click()
        super().mouseReleaseEvent(event)


def wrapped_check(box: QCheckBox, text: str) -> QWidget:
    """`box` (given no text of its own) with `text` beside it, wrapping at any width."""
    from PySide6.QtCore import Qt

    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    line.addWidget(CheckText(text, box), 1)
    return row


def scrolled(widget: QWidget, name: str) -> QScrollArea:
    """`widget` in a frameless scroll area that scrolls up and down only (side panels)."""
    from PySide6.QtCore import Qt  # (imported here: not on the first frame's path)
    from PySide6.QtWidgets import QFrame, QScrollArea

    area = named(QScrollArea(), name)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def clear_layout(layout: QLayout) -> None:
    """Remove every item of a layout, deleting its widgets (a grid about to be rebuilt)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def section(widget: QWidget, title: str) -> QVBoxLayout:
    """Give a panel its vertical layout headed by a section title; return the layout."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label(title, "section"))
    return layout


def button(text: str, name: str, slot: Callable[[], object], *, accent: bool = False,
           tip: str = "") -> QPushButton:
    widget = named(QPushButton(text), name, tip)
    if accent:
        widget.setProperty("accent", "true")
    widget.clicked.connect(slot)
    return widget


class EmptyState(QWidget):
    """A teaching empty page: one sentence on what it is for and the one next action."""

    def __init__(self, title: str, text: str, action: QPushButton | None = None) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (label(title, "section"), label(text, "muted", wrap=True)):
            set_enum_property(widget, "alignment", "AlignCenter")
            layout.addWidget(widget)
        if action is not None:
            layout.addSpacing(12)
            centred = QHBoxLayout()
            centred.addStretch(1)
            centred.addWidget(action)
            centred.addStretch(1)
            layout.addLayout(centred)
        layout.addStretch(2)


#: Qt.AlignLeft | Qt.AlignVCenter as QPainter.drawText's int flags (see set_enum_property).
_LEFT_MIDDLE = 0x0001 | 0x0080


def elide(metrics: QFontMetrics, text: str, width: int) -> str:
    """`text` cut at the end with "…" to fit `width` pixels (all of it when it fits)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    fits, too_long = 0, len(text)  # the longest prefix that fits with "…" is in [fits, too_long)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if metrics.horizontalAdvance(text[:middle].rstrip() + "…") <= width:
            fits = middle
        else:
            too_long = middle
    return text[:fits].rstrip() + "…" if metrics.horizontalAdvance("…") <= width else ""


class ElidedLabel(QLabel):
    """A one-line label, left and middle aligned, that shrinks with "…" instead of pushing
    its neighbours away."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.contentsRect()
        painter.drawText(area, _LEFT_MIDDLE, elide(painter.fontMetrics(), self.text(),
                                                   area.width()))


#: Rows sampled when fitting a column to its contents (Qt's default reads 1,000 rows of
#: every column on every layout pass, which froze the window on a 4,000-tie map).
CONTENTS_PRECISION = 40


class RecordTableView(QTableView):
    """Row height follows the font, without measuring every row."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_rows()
        super().changeEvent(event)

    def fit_rows(self) -> None:
        self.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.6))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab and Shift+Tab from an editor go on to the next cell that takes edits.

        (Qt would move to the very next cell and, its flags calling every cell editable
        (see table_model), try to edit it and log that it could not.)
        """
        from PySide6.QtWidgets import QAbstractItemDelegate  # (its enums) after the 1st frame

        steps = {QAbstractItemDelegate.EndEditHint.EditNextItem: 1,
                 QAbstractItemDelegate.EndEditHint.EditPreviousItem: -1}
        step = steps.get(hint)
        if step is None:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        model, here = self.model(), self.currentIndex()
        columns = model.columnCount()
        cells = model.rowCount() * columns
        at = here.row() * columns + here.column()
        for cell in range(at + step, cells if step > 0 else -1, step):
            index = model.index(cell // columns, cell % columns)
            if may_edit(index):
                self.setCurrentIndex(index)
                self.edit(index)
                return

    def _edit_dates_in_the_date_field(self) -> None:
        """Dates typed in the one date field: the delegate comes with the table's first edit
        (its module and PySide's delegate and option types are not needed to show a table)."""
        from PySide6.QtWidgets import QStyledItemDelegate

        if type(self.itemDelegate()) is QStyledItemDelegate:  # Qt's own, not a page's
            from rcdesk.ui.date_delegate import DateDelegate

            self.setItemDelegate(DateDelegate(self))

    def edit(self, index: QModelIndex | QPersistentModelIndex,  # type: ignore[override]
             trigger: QAbstractItemView.EditTrigger | None = None,
             event: QEvent | None = None) -> bool:
        """Open an editor only on a cell that takes edits (see table_model.may_edit).

        Qt calls this with a trigger on every click and key press that could start one;
        `edit(index)`, the public slot (Tab from an editor to the next cell uses it), comes
        back here with every trigger allowed. Returns whether editing started (for a click
        on a selected cell: whether it is about to).
        """
        if not may_edit(index):
            return False
        self._edit_dates_in_the_date_field()
        if trigger is None:
            super().edit(index)
            return self.state() == QAbstractItemView.State.EditingState
        return super().edit(index, trigger, event)  # type: ignore[arg-type]  # Qt takes None


V = TypeVar("V", bound=RecordTableView)


@overload
def record_table(name: str, model: QAbstractItemModel, stretch_column: int, *,
                 parent: QWidget | None = None) -> QTableView: ...


@overload
def record_table(name: str, model: QAbstractItemModel, stretch_column: int, view: V, *,
                 parent: QWidget | None = None) -> V: ...


def record_table(name: str, model: QAbstractItemModel, stretch_column: int,
                 view: RecordTableView | None = None, *,
                 parent: QWidget | None = None) -> QTableView:
    """A single-selection table whose rows and columns follow the current font size.

    `view` lets a page pass its own RecordTableView subclass (for its own keys). `parent`
    makes the table here in place (a page passing `view` makes it with its parent): a table
    (viewport, headers, scroll bars) made loose and then added to a layout is re-resolved
    widget by widget when it moves, 2-3 ms per table.
    """
    table = named(view if view is not None else RecordTableView(parent), name)
    table.setModel(model)  # (a date is edited in the date field: see RecordTableView.edit)
    table.fit_rows()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setAccessibleName(f"{name} columns")
    table.verticalHeader().setAccessibleName(f"{name} rows")
    header.setResizeContentsPrecision(CONTENTS_PRECISION)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    # Made in place, the table placed its corner button while the row header still showed;
    # placed again now, it hides with that header (else an empty square over the first
    # column's title, seen on the Captures tab).
    table.updateGeometries()
    return table


class LazyStage(QWidget):
    """A page that builds its content the first time it is needed (shown or asked for)."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self.built: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.built is None:
            self.built = self._build()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.built)
        return self.built
