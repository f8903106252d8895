"""Colour palettes for the three looks: light, dark and projector (high contrast).

The colours are plain hex strings so their contrast can be unit-tested without a
display; `to_qpalette` turns one into a QPalette. Projector text must reach WCAG
AAA (7:1), the others at least AA (4.5:1).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtGui import QColor, QPalette


class Theme(Enum):
    LIGHT = "light"
    DARK = "dark"
    PROJECTOR = "projector"


@dataclass(frozen=True)
class Palette:
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    muted_text: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    accent: str
    accent_text: str
    rail: str
    rail_text: str
    error: str
    border: str

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """(foreground, background) pairs that carry text, for contrast checks."""
        return {
            "window text": (self.window_text, self.window),
            "muted text": (self.muted_text, self.window),
            "base text": (self.text, self.base),
            "alternate rows": (self.text, self.alternate_base),
            "buttons": (self.button_text, self.button),
            "selection": (self.highlighted_text, self.highlight),
            "accent buttons": (self.accent_text, self.accent),
            "rail": (self.rail_text, self.rail),
            "errors": (self.error, self.window),
        }


PALETTES: dict[Theme, Palette] = {
    Theme.LIGHT: Palette(
        window="#F6F7F9", window_text="#1B1F24", base="#FFFFFF", alternate_base="#F0F2F5",
        text="#1B1F24", muted_text="#4D5561", button="#E9ECF0", button_text="#1B1F24",
        highlight="#0B5CAD", highlighted_text="#FFFFFF", accent="#0B5CAD", accent_text="#FFFFFF",
        rail="#E4E8EE", rail_text="#1B1F24", error="#A3200B", border="#C5CBD3",
    ),
    Theme.DARK: Palette(
        window="#1E2227", window_text="#E8EAED", base="#15181C", alternate_base="#1F2329",
        text="#E8EAED", muted_text="#AEB4BD", button="#2C3138", button_text="#E8EAED",
        highlight="#4C9BE8", highlighted_text="#0B0D10", accent="#4C9BE8", accent_text="#0B0D10",
        rail="#262B31", rail_text="#E8EAED", error="#FF9B85", border="#454C55",
    ),
    Theme.PROJECTOR: Palette(
        window="#FFFFFF", window_text="#000000", base="#FFFFFF", alternate_base="#F2F2F2",
        text="#000000", muted_text="#2E2E2E", button="#E6E6E6", button_text="#000000",
        highlight="#003E7E", highlighted_text="#FFFFFF", accent="#003E7E", accent_text="#FFFFFF",
        rail="#EDEDED", rail_text="#000000", error="#8A1500", border="#5C5C5C",
    ),
}

#: The least contrast each theme's text must reach (WCAG AA for normal use, AAA projected).
MIN_CONTRAST = {Theme.LIGHT: 4.5, Theme.DARK: 4.5, Theme.PROJECTOR: 7.0}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two #RRGGBB colours (1 to 21)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def to_qpalette(palette: Palette) -> QPalette:
    q = QPalette()
    roles = {
        QPalette.ColorRole.Window: palette.window,
        QPalette.ColorRole.WindowText: palette.window_text,
        QPalette.ColorRole.Base: palette.base,
        QPalette.ColorRole.AlternateBase: palette.alternate_base,
        QPalette.ColorRole.Text: palette.text,
        QPalette.ColorRole.Button: palette.button,
        QPalette.ColorRole.ButtonText: palette.button_text,
        QPalette.ColorRole.Highlight: palette.highlight,
        QPalette.ColorRole.HighlightedText: palette.highlighted_text,
        QPalette.ColorRole.ToolTipBase: palette.base,
        QPalette.ColorRole.ToolTipText: palette.text,
        QPalette.ColorRole.PlaceholderText: palette.muted_text,
        QPalette.ColorRole.Link: palette.accent,
        QPalette.ColorRole.BrightText: palette.error,
    }
    for role, colour in roles.items():
        q.setColor(role, QColor(colour))
    disabled = QColor(palette.muted_text)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        q.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return q
