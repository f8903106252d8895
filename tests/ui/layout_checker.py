"""A layout checker: what a person would see as a defect on a shown window.

Reusable by tests and by scripts/screenshots_map_audit.py. Each check returns
Defect records naming the page, the mode and the widget, so a failure reads like
a bug report ("map/projector: QPushButton 'Reveal next' text 96 px in 80 px").

What it checks on widgets (every visible widget under a root):
- a QLabel, QAbstractButton (push and tool buttons, check boxes, radio buttons),
  QTabBar tab or QHeaderView section whose text does not fit its rectangle;
- visible sibling widgets that overlap (overlay widgets on purpose are listed in
  OVERLAYS);
- a widget, window or dialog beyond the 1280×720 screen, or a widget sticking out
  of its parent where nothing scrolls;
- a page (QScrollArea) whose content is wider than its viewport: it scrolls sideways,
  so part of every row is out of sight (pages scroll down, never across);
- an item of a list (QListView: the stage rail, lists of captures) whose text does not
  fit its row, so Qt elides it.

And on the relational map (check_map): role and tie labels that overlap another
label or a role circle by more than MAP_TOLERANCE pixels, and roles or labels
outside the visible area (the viewport less the legend).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QSizeGrip,
    QSplitterHandle,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

SCREEN = QRect(0, 0, 1280, 720)
_might_be_rich = QtGui.Qt.mightBeRichText  # type: ignore[attr-defined]
#: Pixels of slack before text counts as not fitting (rounding, anti-aliasing).
TEXT_TOLERANCE = 2
#: Pixels two siblings (or a map label and a circle) may overlap before it is a defect.
OVERLAP_TOLERANCE = 2
MAP_TOLERANCE = 3
#: Widgets that sit over others on purpose (class names): the map legend, editors
#: floating over a view, the status bar's size grip.
OVERLAYS = {"Legend", "QSizeGrip", "QRubberBand", "QFocusFrame", "ResumeBanner"}


@dataclass(frozen=True)
class Defect:
    page: str
    mode: str
    widget: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}/{self.mode}: {self.widget}: {self.problem}"


def describe(widget: QWidget) -> str:
    """A widget as a person would find it: class, accessible name or text, and parent."""
    name = widget.accessibleName() or widget.objectName()
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text().replace("\n", " ")[:40]
    parts = [type(widget).__name__]
    if name:
        parts.append(f"[{name}]")
    if text:
        parts.append(f"'{text}'")
    return " ".join(parts)


def shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisible() and widget.isVisibleTo(root) and widget.width() > 0


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _clipped_by_ancestor(widget: QWidget, root: QWidget) -> bool:
    """True when a scroll area hides part of this widget on purpose (scrolling shows it)."""
    return _in_scroll_area(widget) and not isinstance(widget, QScrollBar)


def _plain(text: str) -> str:
    if _might_be_rich(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _label_defect(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if type(label).__name__ == "ElidedLabel":
        # Elides by design (a long title in a header); still a defect if it cannot show
        # even its first word.
        first = text.split()[0] if text.split() else text
        needed = QFontMetrics(label.font()).horizontalAdvance(first)
        if needed > label.contentsRect().width() + TEXT_TOLERANCE:
            return (f"elided to nothing: '{first}' needs {needed} px in "
                    f"{label.contentsRect().width()}")
        return None
    area = label.contentsRect()
    margin = label.margin() * 2 + (label.indent() if label.indent() > 0 else 0)
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        needed_h = label.heightForWidth(label.width())
        if needed_h > label.height() + TEXT_TOLERANCE:
            return f"wrapped text needs {needed_h} px high in {label.height()}"
        words = _plain(text).split()
        widest = max((metrics.horizontalAdvance(w) for w in words), default=0)
        if widest > area.width() - margin + TEXT_TOLERANCE:
            return f"a word needs {widest} px in {area.width()}"
        return None
    lines = _plain(text).split("\n")
    needed_w = max(metrics.horizontalAdvance(line) for line in lines) + margin
    if _might_be_rich(text):
        needed_w = math.ceil(label.sizeHint().width() - (label.frameWidth() * 2))
    needed_h = metrics.height() * len(lines)
    if needed_w > area.width() + TEXT_TOLERANCE:
        return f"text needs {needed_w} px wide in {area.width()}"
    if needed_h > area.height() + TEXT_TOLERANCE + 2:
        return f"text needs {needed_h} px high in {area.height()}"
    return None


def _button_defect(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    if isinstance(button, QToolButton) and button.toolButtonStyle() == \
            Qt.ToolButtonStyle.ToolButtonIconOnly:
        return None
    hint = button.sizeHint()
    if isinstance(button, (QCheckBox, QRadioButton)):
        # A check box's hint is its box plus its text: narrower cuts the text.
        if hint.width() > button.width() + TEXT_TOLERANCE:
            return f"text needs {hint.width()} px wide in {button.width()}"
        return None
    text_w = QFontMetrics(button.font()).horizontalAdvance(button.text().replace("&&", "&"))
    if isinstance(button, QPushButton) or isinstance(button, QToolButton):
        if text_w + 8 > button.width() + TEXT_TOLERANCE:
            return f"text needs {text_w + 8} px wide in {button.width()}"
        if QFontMetrics(button.font()).height() > button.height() + TEXT_TOLERANCE:
            return f"text needs {QFontMetrics(button.font()).height()} px high in " \
                   f"{button.height()}"
    return None


def _tab_defects(bar: QTabBar) -> list[str]:
    found = []
    area = bar.rect()
    metrics = QFontMetrics(bar.font())
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect = bar.tabRect(i)
        text = bar.tabText(i).replace("&&", "&")
        needed = metrics.horizontalAdvance(text) + 8
        if needed > rect.width() + TEXT_TOLERANCE:
            found.append(f"tab '{text}' needs {needed} px in {rect.width()}")
        elif not area.contains(rect.adjusted(1, 1, -1, -1)):
            found.append(f"tab '{text}' lies outside its tab bar (scroll buttons)")
    return found


def _header_defects(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    found = []
    metrics = QFontMetrics(header.font())
    count = model.columnCount() if header.orientation() == Qt.Orientation.Horizontal \
        else 0  # row headers carry no text here
    for i in range(count):
        if header.isSectionHidden(i) or header.sectionSize(i) == 0:
            continue
        text = str(model.headerData(i, header.orientation(),
                                    Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            continue
        needed = metrics.horizontalAdvance(text) + 8
        if needed > header.sectionSize(i) + TEXT_TOLERANCE:
            found.append(f"header '{text}' needs {needed} px in {header.sectionSize(i)}")
    return found


def _beyond(widget: QWidget, root: QWidget) -> str | None:
    """A widget outside its parent (where nothing scrolls) or outside the screen."""
    if widget.isWindow():
        size = widget.size()  # (offscreen, a frame adds made-up margins)
        if size.width() > SCREEN.width() or size.height() > SCREEN.height():
            return f"window {size.width()}×{size.height()} is larger than the " \
                   f"{SCREEN.width()}×{SCREEN.height()} screen"
        return None
    if _clipped_by_ancestor(widget, root):
        return None
    parent = widget.parentWidget()
    if parent is None:
        return None
    geometry = widget.geometry()
    inside = parent.rect().adjusted(-1, -1, 1, 1)
    if not inside.contains(geometry):
        return f"extends outside its parent ({_rect(geometry)} in {_rect(parent.rect())})"
    return None


def _rect(r: QRect | QRectF) -> str:
    return f"{int(r.x())},{int(r.y())} {int(r.width())}×{int(r.height())}"


def _overlap(a: QRect, b: QRect, tolerance: int) -> bool:
    both = a.intersected(b)
    return both.width() > tolerance and both.height() > tolerance


def _sibling_defects(parent: QWidget, root: QWidget) -> list[tuple[QWidget, str]]:
    if isinstance(parent, QAbstractScrollArea) or type(parent).__name__ == "QSplitter":
        return []  # a scroll area's viewport, bars and corner; a splitter's handles
    children = [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption.
                                               FindDirectChildrenOnly)
                if shown(c, root) and not c.isWindow()
                and type(c).__name__ not in OVERLAYS
                and not isinstance(c, (QSplitterHandle, QSizeGrip, QMenuBar))]
    found = []
    for i, a in enumerate(children):
        for b in children[i + 1:]:
            if _overlap(a.geometry(), b.geometry(), OVERLAP_TOLERANCE):
                found.append((a, f"overlaps {describe(b)} ({_rect(a.geometry())} and "
                                 f"{_rect(b.geometry())})"))
    return found


def _sideways(area: QScrollArea) -> str | None:
    """A page whose content is wider than the viewport it scrolls in."""
    content = area.widget()
    if content is None or not content.isVisible():
        return None
    spare = area.viewport().width() - content.width()
    if spare >= -TEXT_TOLERANCE and not area.horizontalScrollBar().isVisible():
        return None
    return (f"content {content.width()} px wide in a {area.viewport().width()} px page "
            "(scrolls sideways)")


def _list_item_defects(view: QListView) -> list[str]:
    """Items of a list whose text does not fit its row: Qt elides it, or a word-wrapped
    row is not tall enough for its lines (a list never scrolls sideways)."""
    model = view.model()
    if model is None or view.viewMode() != QListView.ViewMode.ListMode:
        return []
    found = []
    metrics = QFontMetrics(view.font())
    # Qt's item delegate leaves this margin on each side of an item's text.
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    for row in range(model.rowCount(view.rootIndex())):
        index = model.index(row, view.modelColumn(), view.rootIndex())
        rect = view.visualRect(index)
        if view.isRowHidden(row) or not rect.isValid():
            continue
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        room = min(rect.width(), view.viewport().width() - rect.x()) - 2 * margin
        if index.data(Qt.ItemDataRole.CheckStateRole) is not None:  # its box comes first
            room -= view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None,
                                             view) + 2 * margin
        if view.wordWrap():
            needed = metrics.boundingRect(QRect(0, 0, max(room, 1), 100_000),
                                          int(Qt.TextFlag.TextWordWrap), text).height()
            if needed > rect.height() + TEXT_TOLERANCE:
                found.append(f"item '{text}' needs {needed} px high in {rect.height()}")
            continue
        needed = max((metrics.horizontalAdvance(line) for line in text.split("\n")),
                     default=0)
        if needed > room + TEXT_TOLERANCE:
            found.append(f"item '{text}' needs {needed} px in {room}")
    return found


def _combo_defect(combo: QComboBox) -> str | None:
    """A combo box whose chosen text is cut at its right edge (Qt clips, never elides)."""
    from PySide6.QtWidgets import QStyleOptionComboBox

    text = combo.currentText()
    if not text:
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    needed = QFontMetrics(combo.font()).horizontalAdvance(text)
    if needed > field.width() + TEXT_TOLERANCE:
        return f"chosen '{text}' needs {needed} px in {field.width()}"
    return None


def _field_defect(widget: QWidget) -> str | None:
    """A combo box's chosen text cut, or a combo or line edit lower than its text."""
    if isinstance(widget, QComboBox) and not widget.isEditable():
        problem = _combo_defect(widget)
        if problem:
            return problem
    if not _in_scroll_area(widget):
        needed = QFontMetrics(widget.font()).height()
        if widget.height() + TEXT_TOLERANCE < needed:
            return f"{widget.height()} px high for {needed} px text"
    return None


def _button_problems(widget: QAbstractButton) -> list[str]:
    if isinstance(widget.parentWidget(), QTabBar):
        return []  # a tab bar's scroll arrows
    return [p for p in [_button_defect(widget)] if p]


#: What of a widget's own text does not fit, by kind of widget (the first kind it is).
_CHECKS: tuple[tuple[type, object], ...] = (
    (QScrollArea, lambda w: [p for p in [_sideways(w)] if p]),
    (QListView, _list_item_defects),
    (QLabel, lambda w: [p for p in [_label_defect(w)] if p]),
    (QAbstractButton, _button_problems),
    (QTabBar, _tab_defects),
    (QHeaderView, _header_defects),
    ((QComboBox, QLineEdit), lambda w: [p for p in [_field_defect(w)] if p]),
)


def _text_problems(widget: QWidget) -> list[str]:
    """What of this widget's own text does not fit (by kind of widget)."""
    for kind, check in _CHECKS:
        if isinstance(widget, kind):
            return check(widget)  # type: ignore[operator,no-any-return]
    return []


def check_widgets(root: QWidget, page: str, mode: str) -> list[Defect]:
    """Every text, overlap and off-screen defect of the visible widgets under `root`."""
    found: list[Defect] = []
    # Other top-level windows (a player's audience window) are checked on their own.
    widgets = [root] + [w for w in root.findChildren(QWidget) if shown(w, root)
                        and w.window() is root.window()]
    for widget in widgets:
        problems = _text_problems(widget)
        beyond = _beyond(widget, root)
        if beyond:
            problems.append(beyond)
        found += [Defect(page, mode, describe(widget), p) for p in problems]
        found += [Defect(page, mode, describe(child), overlap)
                  for child, overlap in _sibling_defects(widget, root)]
    return found


# -- the relational map ----------------------------------------------------------------------


@dataclass(frozen=True)
class MapLabel:
    kind: str  # "role", "note" or "tie"
    text: str
    rect: QRectF  # in viewport pixels


def map_labels(view: object) -> list[MapLabel]:
    """Every visible role name, note and tie number on the map view, in viewport pixels."""
    from rcdesk.ui.map.items import Label, RoleItem
    from rcdesk.ui.map.tie_item import TieItem

    scene = view.scene()  # type: ignore[attr-defined]
    transform = view.viewportTransform()  # type: ignore[attr-defined]
    labels = []
    for item in scene.items():
        if not isinstance(item, Label) or not item.isVisible() or not item.text() \
                or getattr(item, "crowded", False):  # left out by the placer: not drawn
            continue
        parent = item.parentItem()
        kind = "tie" if isinstance(parent, TieItem) else (
            "role" if isinstance(parent, RoleItem) else "note")
        rect = item.deviceTransform(transform).mapRect(item.boundingRect())
        labels.append(MapLabel(kind, item.text(), rect))
    return labels


def role_circles(view: object) -> dict[str, tuple[float, float, float]]:
    """Each role's circle (centre x, centre y, radius) in viewport pixels, by name."""
    from rcdesk.reports import map_style as ms

    scene = view.scene()  # type: ignore[attr-defined]
    scale = view.transform().m11()  # type: ignore[attr-defined]
    circles = {}
    for item in scene.item_for_role.values():
        at = view.mapFromScene(item.scenePos())  # type: ignore[attr-defined]
        circles[item.role.name] = (float(at.x()), float(at.y()), ms.NODE_RADIUS * scale)
    return circles


def _circle_overlap(rect: QRectF, circle: tuple[float, float, float]) -> float:
    """How far (px) a circle reaches into a rectangle (0 when apart)."""
    cx, cy, r = circle
    nx = min(max(cx, rect.left()), rect.right())
    ny = min(max(cy, rect.top()), rect.bottom())
    return max(0.0, r - math.hypot(cx - nx, cy - ny))


def visible_area(view: object) -> QRectF:
    """The part of the map view a person sees: the viewport less the legend's strip."""
    viewport = view.viewport()  # type: ignore[attr-defined]
    area = QRectF(viewport.rect())
    legend = next((c for c in view.findChildren(QWidget)  # type: ignore[attr-defined]
                   if type(c).__name__ == "Legend" and c.isVisible()), None)
    if legend is not None:
        top_left = viewport.mapFrom(view, legend.geometry().topLeft())  # type: ignore[arg-type]
        area.setBottom(min(area.bottom(), top_left.y()))
    return area


def _label_defects(a: MapLabel, others: list[MapLabel],
                   circles: dict[str, tuple[float, float, float]]) -> list[str]:
    found = []
    for b in others:
        both = a.rect.intersected(b.rect)
        if both.width() > MAP_TOLERANCE and both.height() > MAP_TOLERANCE:
            found.append(f"overlaps {b.kind} label '{b.text}'")
    if a.kind == "note":
        return found  # it sits under its role's name, checked with the name
    for name, circle in circles.items():
        if a.kind == "role" and a.text.replace("\n", " ") == name:
            continue  # a role's name beside its own circle
        depth = _circle_overlap(a.rect, circle)
        if depth > MAP_TOLERANCE:
            found.append(f"covers role circle '{name}' by {depth:.0f} px")
    return found


def check_map(view: object, page: str, mode: str) -> list[Defect]:
    """Overlapping map labels, labels over circles, and roles or labels out of sight."""
    found: list[Defect] = []
    labels = map_labels(view)
    circles = role_circles(view)
    area = visible_area(view)
    for i, a in enumerate(labels):
        where = f"map {a.kind} label '{a.text}'"
        found += [Defect(page, mode, where, p) for p in _label_defects(a, labels[i + 1:], circles)]
        if not area.contains(a.rect.adjusted(1, 1, -1, -1)):
            found.append(Defect(page, mode, where,
                                f"outside the visible area ({_rect(a.rect)} in {_rect(area)})"))
    for name, (cx, cy, r) in circles.items():
        if not area.contains(QRectF(cx - r, cy - r, 2 * r, 2 * r)):
            found.append(Defect(page, mode, f"map role '{name}'",
                                f"outside the visible area (centre {cx:.0f},{cy:.0f})"))
    return found


def save_shot(widget: QWidget, folder: Path | None, name: str) -> Path | None:
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path


def global_rect(widget: QWidget) -> QRect:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return QRect(top_left, widget.size())
