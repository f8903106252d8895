"""Fonts, type scale and style sheet; one call switches light, dark and projector looks.

Widgets mark their role with a dynamic property (`textRole="title"`, `accent=True`)
and this module decides how each role looks, so a change of look is one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from rcdesk.resource_files import read_bytes
from rcdesk.ui import projector_marks
from rcdesk.ui.app_style import use_fusion
from rcdesk.ui.palettes import PALETTES, Palette, Theme, to_qpalette
from rcdesk.ui.projector_marks import PROJECTOR_PROPERTY

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
_SCOPE = f'*[{PROJECTOR_PROPERTY}="true"] '

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


def application_sheet(normal: Palette, zoom: int) -> str:
    """The application's one style sheet: the normal look, then the projector look.

    The projector rules are scoped to windows marked PROJECTOR_PROPERTY (each selector is
    one attribute more specific, and later), so projector mode on and off changes
    properties, palette and font, never the sheet: Qt re-parsing and re-polishing every
    widget for a new application sheet cost 0.4-0.8 s (issue 23).
    """
    normal_rules = _rules(normal, scale_for(False, zoom), False)
    projector_rules = _rules(PALETTES[Theme.PROJECTOR], scale_for(True, zoom), True)
    lines = [f"{selectors} {{ {body} }}" for selectors, body in normal_rules]
    for selectors, body in projector_rules:
        scoped = ", ".join(_SCOPE + one.strip() for one in selectors.split(","))
        lines.append(f"{scoped} {{ {body} }}")
    return "\n".join(lines) + "\n"


def _rules(p: Palette, scale: TypeScale, projector: bool) -> list[tuple[str, str]]:
    pad = 10 if projector else 6
    return [
        ('QLabel[textRole="title"]', f"font-size: {scale.title}pt; font-weight: bold;"),
        ('QLabel[textRole="section"]', f"font-size: {scale.section}pt; font-weight: bold;"),
        ('QLabel[textRole="prompt"]', f"font-size: {scale.prompt}pt;"),
        ('QLabel[textRole="muted"]', f"color: {p.muted_text};"),
        ('QLabel[textRole="error"]', f"color: {p.error};"),
        ("QPushButton, QToolButton", f"padding: {pad}px {pad + 6}px; border: 1px solid "
         f"{p.border}; border-radius: 4px; background: {p.button}; color: {p.button_text};"),
        ("QPushButton:focus, QToolButton:focus", f"border: 2px solid {p.accent};"),
        ('QPushButton[accent="true"]', f"background: {p.accent}; color: {p.accent_text}; "
         f"border-color: {p.accent}; font-weight: bold;"),
        ("QPushButton:disabled", f"color: {p.muted_text};"),
        ('QPushButton[accent="true"]:disabled', f"background: {p.button}; color: "
         f"{p.muted_text}; border-color: {p.border}; font-weight: normal;"),
        ("QToolButton:checked, QPushButton:checked", f"background: {p.accent}; color: "
         f"{p.accent_text}; border-color: {p.accent}; font-weight: bold;"),
        ("QListWidget#rail", f"background: {p.rail}; color: {p.rail_text}; border: none; "
         "padding-top: 8px;"),
        ("QListWidget#rail::item", f"padding: {pad + 4}px {pad + 6}px;"),
        ("QListWidget#rail::item:selected", f"background: {p.highlight}; "
         f"color: {p.highlighted_text};"),
        ("QFrame#header", f"border-bottom: 1px solid {p.border};"),
        ("QLineEdit, QPlainTextEdit", f"padding: {pad // 2}px; border: 1px solid {p.border}; "
         f"border-radius: 3px; background: {p.base}; color: {p.text};"),
        ("QLineEdit:focus, QPlainTextEdit:focus", f"border: 2px solid {p.accent};"),
        ("QTableView", f"gridline-color: {p.border};"),
        ("QHeaderView::section", f"padding: {pad // 2}px; font-weight: bold;"),
        *([("QCheckBox::indicator, QAbstractItemView::indicator",  # beside 18 pt text
            "width: 22px; height: 22px;")] if projector else []),
    ]


def apply_theme(app: QApplication, theme: Theme, projector: bool, zoom: int = 0) -> TypeScale:
    """Set palette, font and style sheet for the whole application.

    Nothing is set again when the application already has this exact look: re-polishing
    every widget costs 20 ms at start (the look is applied before the window exists, for
    any message shown while opening, and again with the user's settings). Projector mode
    on or off keeps the sheet (see `application_sheet`): the windows are marked and only
    their widgets re-polished.
    """
    palette = PALETTES[Theme.PROJECTOR if projector else theme]
    scale = scale_for(projector, zoom)
    qpalette = to_qpalette(palette)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(scale.body)
    sheet = application_sheet(PALETTES[theme], zoom)
    same_sheet = app.property(_APPLIED) == "Fusion" and app.styleSheet() == sheet
    if same_sheet and app.palette() == qpalette and app.font() == font \
            and projector_marks.is_on(app) == projector:
        return scale
    if app.property(_APPLIED) != "Fusion":  # not known to be Fusion (see FUSION_ARGUMENTS)
        use_fusion(app)  # (with the polish hooks once active); a re-polish: 9 ms, so only if needed
    app.setPalette(qpalette)
    app.setFont(font)
    changed = projector_marks.mark(app, projector)
    if same_sheet:
        projector_marks.repolish(changed)
    else:
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

    if (widget.property("textRole") or "") == role:
        return  # the same look: nothing to style again (the status bar's every "Saved")
    widget.setProperty("textRole", role)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)
