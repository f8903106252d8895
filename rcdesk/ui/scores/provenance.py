"""Where the shown wave's survey answers came from: one line under the Scores tab's bar
(file, layout, date, counts, scale, hash), with every detail in its tooltip. Read from
the library's provenance records (services/survey_provenance.py); hidden for waves without any."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from rcdesk.services.survey_provenance import describe_import, wave_imports
from rcdesk.ui.theme import mark_text_role

if TYPE_CHECKING:
    from rcdesk.store.connection import Library


class ProvenanceLine(QLabel):
    """The survey import(s) behind a wave."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        mark_text_role(self, "muted")
        self.setWordWrap(True)
        self.hide()

    def show_wave(self, wave_id: int | None) -> None:
        records = wave_imports(self.library, wave_id)
        text = " ".join(describe_import(r) for r in records)
        self.setText(text)
        self.setAccessibleName(text or "No survey import recorded")
        self.setToolTip("\n\n".join(json.dumps(r, ensure_ascii=False, indent=1)
                                    for r in records))
        self.setVisible(bool(records))
