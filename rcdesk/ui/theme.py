"""Fonts, type scale and style sheet; one call switches light, dark and projector looks.

Widgets mark their role with a dynamic property (`textRole="title"`, `accent=True`)
and this module decides how each role looks, so a change of look is one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from rcdesk.resource_files import read_bytes
from rcdesk.ui.palettes import PALETTES, Palette, Theme, to_qpalette

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


@dataclass(frozen=True)
class TypeScale:
    """Point sizes; projector sizes follow ux.md (18 pt text, 28 pt titles, 40 pt prompts)."""

    body: float
    section: float
    title: float
    prompt: float


SCALES = {
    False: TypeScale(body=10.5, section=14, title=18, prompt=28),
    True: TypeScale(body=18, section=24, title=28, prompt=40),
}
MIN_ZOOM, MAX_ZOOM = -4, 8
_APPLIED = "rcdeskStyle"

#: Arguments for a QApplication that rcdesk creates: Qt then makes the Fusion style itself
#: (ahead of QT_STYLE_OVERRIDE), so `apply_theme` need not ask for the style object; the
#: first Python call that returns a QStyle makes PySide create its 11 enum types, 7 ms of a
#: cold start.
FUSION_ARGUMENTS = ("-style", "Fusion")


def started_with_fusion(app: QApplication) -> None:
    """Note that `app` was created with FUSION_ARGUMENTS (its style is Fusion)."""
    app.setProperty(_APPLIED, "Fusion")


def load_fonts() -> bool:
    """Make DejaVu Sans available to Qt; False if Qt refused a bundled font file.

    Where the system already has the family in its regular and bold faces (most Linux
    desktops), Qt draws it the same way without our copies, and registering them would
    cost 8 ms of every start; elsewhere (Windows, macOS, a bare Linux) they are registered.
    """
    styles = set(QFontDatabase.styles(FONT_FAMILY))
    if "Bold" in styles and styles & {"Book", "Regular"}:
        return True
    ok = True
    for name in FONT_FILES:
        if QFontDatabase.addApplicationFontFromData(read_bytes("fonts", name)) < 0:
            ok = False
    return ok


def scale_for(projector: bool, zoom: int) -> TypeScale:
    base = SCALES[projector]
    factor = 1 + 0.1 * max(MIN_ZOOM, min(MAX_ZOOM, zoom))
    return TypeScale(*(round(size * factor, 1) for size in
                       (base.body, base.section, base.title, base.prompt)))


def style_sheet(p: Palette, scale: TypeScale, projector: bool) -> str:
    pad = 10 if projector else 6
    return f"""
QLabel[textRole="title"] {{ font-size: {scale.title}pt; font-weight: bold; }}
QLabel[textRole="section"] {{ font-size: {scale.section}pt; font-weight: bold; }}
QLabel[textRole="prompt"] {{ font-size: {scale.prompt}pt; }}
QLabel[textRole="muted"] {{ color: {p.muted_text}; }}
QLabel[textRole="error"] {{ color: {p.error}; }}
QPushButton, QToolButton {{ padding: {pad}px {pad + 6}px; border: 1px solid {p.border};
    border-radius: 4px; background: {p.button}; color: {p.button_text}; }}
QPushButton:focus, QToolButton:focus {{ border: 2px solid {p.accent}; }}
QPushButton[accent="true"] {{ background: {p.accent}; color: {p.accent_text};
    border-color: {p.accent}; font-weight: bold; }}
QPushButton:disabled {{ color: {p.muted_text}; }}
QPushButton[accent="true"]:disabled {{ background: {p.button}; color: {p.muted_text};
    border-color: {p.border}; font-weight: normal; }}
QToolButton:checked, QPushButton:checked {{ background: {p.accent}; color: {p.accent_text};
    border-color: {p.accent}; font-weight: bold; }}
QListWidget#rail {{ background: {p.rail}; color: {p.rail_text}; border: none;
    padding-top: 8px; }}
QListWidget#rail::item {{ padding: {pad + 4}px {pad + 6}px; }}
QListWidget#rail::item:selected {{ background: {p.highlight}; color: {p.highlighted_text}; }}
QFrame#header {{ border-bottom: 1px solid {p.border}; }}
QLineEdit, QPlainTextEdit {{
    padding: {pad // 2}px; border: 1px solid {p.border}; border-radius: 3px;
    background: {p.base}; color: {p.text}; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {p.accent}; }}
QTableView {{ gridline-color: {p.border}; }}
QHeaderView::section {{ padding: {pad // 2}px; font-weight: bold; }}
"""


def apply_theme(app: QApplication, theme: Theme, projector: bool, zoom: int = 0) -> TypeScale:
    """Set palette, font and style sheet for the whole application.

    Nothing is set again when the application already has this exact look: re-polishing
    every widget costs 20 ms at start (the look is applied before the window exists, for
    any message shown while opening, and again with the user's settings).
    """
    palette = PALETTES[Theme.PROJECTOR if projector else theme]
    scale = scale_for(projector, zoom)
    qpalette = to_qpalette(palette)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(scale.body)
    sheet = style_sheet(palette, scale, projector)
    if (app.property(_APPLIED) == "Fusion" and app.styleSheet() == sheet
            and app.palette() == qpalette and app.font() == font):
        return scale
    if app.property(_APPLIED) != "Fusion":  # not known to be Fusion: ask (see FUSION_ARGUMENTS)
        style = app.style()
        if style is None or style.name() != "fusion":
            app.setStyle("Fusion")  # a new style object and a re-polish: 9 ms, so only if needed
    app.setPalette(qpalette)
    app.setFont(font)
    app.setStyleSheet(sheet)
    app.setProperty(_APPLIED, "Fusion")  # the style in use hides its name behind the sheet
    return scale


def mark_text_role(widget: QWidget, role: str) -> None:
    """Mark a label being built as title/section/prompt/muted/error.

    The style sheet reads the role when Qt first polishes the widget, as it is first
    shown; re-polishing at build time styled every label twice.
    """
    widget.setProperty("textRole", role)


def set_text_role(widget: QWidget, role: str) -> None:
    """Change the text role of a label that may already be on screen (and re-polish it)."""
    # Imported here: naming any member of the Qt namespace builds all its enum types (22 ms),
    # which the first frame does without (see widgets.set_enum_property).
    from PySide6.QtCore import Qt

    widget.setProperty("textRole", role)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)
