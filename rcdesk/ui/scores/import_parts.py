"""The pieces of the survey import dialog: what the file holds, its problems, its columns.

Each piece shows one SurveyPreview (services/survey_import.py) and holds no state
of its own beyond the user's choices, which the dialog reads back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.errors import ImportProblem
from rcdesk.services.survey_import import FIELDS, REQUIRED_FIELDS, SurveyPreview  # noqa: F401
from rcdesk.ui.table_model import Column, RecordTableModel
from rcdesk.ui.widgets import label, named, record_table

DELIMITERS = {",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated"}
NOT_IN_FILE = "(not in the file)"


def _names(items: tuple[str, ...], limit: int = 12) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def describe_file(preview: SurveyPreview) -> str:
    """ "Read as UTF-8, comma-separated: 120 rows from 20 respondents." """
    if not preview.encoding:
        return f"{preview.path.name} could not be read."
    how = f"Read as {preview.encoding}" + (
        f", {DELIMITERS.get(preview.delimiter, 'delimited')}" if preview.delimiter else "")
    if preview.layout:
        how += f", {preview.layout} layout" + (
            f" ({preview.header_rows} header rows)" if preview.header_rows > 1 else "")
    if not preview.checked:
        return f"{how}."
    return (f"{how}: {preview.row_count:,} rows from {preview.respondent_count:,} "
            f"respondent{'s' if preview.respondent_count != 1 else ''}.")


def describe_waves(preview: SurveyPreview) -> str:
    parts = [f"“{w}”" + (" (new)" if w in preview.new_waves else "") for w in preview.waves]
    return ("Into wave " if len(parts) == 1 else "Into waves ") + ", ".join(parts) + "."


def describe_replaces(preview: SurveyPreview) -> str:
    """The warning that existing answers go: "This replaces 140 answers in wave “Baseline”." """
    parts = [f"{count:,} answer{'s' if count != 1 else ''} in wave “{wave}”"
             for wave, count in preview.replaces.items()]
    return ("This replaces " + " and ".join(parts) + " already imported. The answers "
            "replaced cannot be brought back.") if parts else ""


class PreviewSummary(QWidget):
    """File, counts, waves, roles (new ones to confirm), and the replace warning."""

    new_roles_confirmed = Signal(bool)
    """The user ticked or cleared "Add the new roles"."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.file_info = label("", wrap=True)
        self.waves = label("", wrap=True)
        self.roles = label("", "muted", wrap=True)
        self.new_roles = label("", wrap=True)
        self.confirm_roles = named(QCheckBox("Add these roles to the workshop"),
                                   "Add the new roles",
                                   "A role spelled differently from an existing one is added "
                                   "as a new role: check the spelling first")
        self.confirm_roles.toggled.connect(self.new_roles_confirmed)
        self.replaces = label("", "error", wrap=True)
        self.ignored = label("", "muted", wrap=True)
        for widget in (self.file_info, self.waves, self.roles, self.new_roles,
                       self.confirm_roles, self.replaces, self.ignored):
            layout.addWidget(widget)

    def show_preview(self, preview: SurveyPreview | None) -> None:
        ok = preview is not None and preview.checked  # read well, maybe still to confirm
        self.file_info.setText(describe_file(preview) if preview else "")
        self.waves.setText(describe_waves(preview) if preview and ok else "")
        roles = preview.roles_found if preview and ok else ()
        self.roles.setText(f"Roles found ({len(roles)}): {_names(roles)}." if roles else "")
        new = preview.new_roles if preview and ok else ()
        self.new_roles.setText(
            f"<b>New role{'s' if len(new) != 1 else ''} not yet in this workshop "
            f"({len(new)}): {_names(new, 20)}</b>" if new else "")
        self.confirm_roles.blockSignals(True)
        self.confirm_roles.setChecked(False)
        self.confirm_roles.blockSignals(False)
        self.replaces.setText(describe_replaces(preview) if preview and ok else "")
        ignored = preview.ignored_columns if preview and preview.encoding else ()
        self.ignored.setText(f"Columns not imported: {_names(ignored)}." if ignored else "")
        for widget in (self.waves, self.roles, self.new_roles, self.replaces, self.ignored):
            widget.setVisible(bool(widget.text()))
            widget.setAccessibleName(widget.text())
        self.confirm_roles.setVisible(bool(new))

    @property
    def roles_accepted(self) -> bool:
        """True when there are no new roles, or the user agreed to add them."""
        return self.confirm_roles.isHidden() or self.confirm_roles.isChecked()


class Confirmations(QWidget):
    """What the preview needs confirmed before importing (a reversed scale, new or
    near-duplicate roles), each with its own tick box, and the scale direction in words."""

    confirmations_changed = Signal()
    """The user ticked or cleared a confirmation."""

    def __init__(self) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.direction = label("", wrap=True)
        self._layout.addWidget(self.direction)
        self.boxes: dict[str, QCheckBox] = {}
        self.notes: dict[str, QLabel] = {}
        for key, text in (("reversed", "The scale direction is right"),
                          ("new_roles", "Add the new roles named by the headers"),
                          ("similar_roles", "These are different roles, add them")):
            note = label("", "error", wrap=True)
            box = named(QCheckBox(text), text)
            box.toggled.connect(self.confirmations_changed)
            self.boxes[key], self.notes[key] = box, note
            self._layout.addWidget(note)
            self._layout.addWidget(box)
            note.hide()
            box.hide()
        self.scale_note = label("", "error", wrap=True)
        self._layout.addWidget(self.scale_note)

    def show_preview(self, preview: SurveyPreview | None) -> None:
        text = (f"Scale: {preview.direction}" if preview is not None and preview.direction
                else "")
        self.direction.setText(text)
        self.direction.setAccessibleName(text)
        self.direction.setVisible(bool(text))
        waiting = {p.key: p.message for p in preview.pending} if preview else {}
        confirmed = preview.confirmed if preview else frozenset()
        for key, box in self.boxes.items():
            shown = key in waiting or key in confirmed
            self.notes[key].setText(waiting.get(key, ""))
            self.notes[key].setVisible(key in waiting)
            box.blockSignals(True)
            box.setChecked(key in confirmed)
            box.blockSignals(False)
            box.setVisible(shown)
        scale = waiting.get("frequency_scale", "")
        self.scale_note.setText(scale + (" Choose it under Frequency answers." if scale else ""))
        self.scale_note.setVisible(bool(scale))

    def confirmed(self) -> set[str]:
        return {key for key, box in self.boxes.items() if box.isChecked()}


class ProblemsTable(QWidget):
    """Every problem the preview found, by row and column, in file order."""

    def __init__(self) -> None:
        super().__init__()
        self._problems: list[ImportProblem] = []
        self.model: RecordTableModel[ImportProblem] = RecordTableModel(
            [Column("Row", lambda p: "" if p.row is None else p.row),
             Column("Column", lambda p: p.column or ""),
             Column("Problem", lambda p: _sentence(p.message))],
            lambda: list(self._problems))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = label("", "error", wrap=True)
        layout.addWidget(self.heading)
        self.table = record_table("Problems in the file", self.model, stretch_column=2)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)

    def show_preview(self, preview: SurveyPreview | None) -> None:
        self._problems = list(preview.problems) if preview else []
        self.model.reload()
        count = preview.problem_count if preview else 0
        more = count - len(self._problems)
        text = (f"{count:,} problem{'s' if count != 1 else ''} to fix before importing"
                + (f" (the first {len(self._problems)} are listed)" if more > 0 else "")
                + ". Correct the file, save it as CSV, then choose it again.") if count else ""
        self.heading.setText(text)
        self.heading.setAccessibleName(text)
        self.setVisible(count > 0)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


class MappingBox(QGroupBox):
    """A combo per field naming the file's column that holds it, pre-filled automatically."""

    mapping_changed = Signal()
    """The user chose a different column for a field."""

    def __init__(self) -> None:
        super().__init__("Match the columns")
        self.setAccessibleName("Match the columns")
        outer = QVBoxLayout(self)
        outer.addWidget(label("Choose the column of your file that holds each field. A long "
                              "file (one row per respondent and rated role) needs them all; a "
                              "wide file only the respondent, their role and the wave, with "
                              "its answer columns below.", "muted", wrap=True))
        grid = QGridLayout()
        outer.addLayout(grid)
        self.combos: dict[str, QComboBox] = {}
        for index, field in enumerate(FIELDS):
            title = field.replace("_", " ") + ("" if field in REQUIRED_FIELDS else " (optional)")
            combo = named(QComboBox(), f"Column for {field.replace('_', ' ')}")
            combo.currentIndexChanged.connect(self._on_combo_changed)
            self.combos[field] = combo
            row, column = divmod(index, 2)
            caption = QLabel(title)
            caption.setBuddy(combo)
            grid.addWidget(caption, row, column * 2)
            grid.addWidget(combo, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def show_preview(self, preview: SurveyPreview) -> None:
        """Offer the file's headers, each combo set to the column now used for its field."""
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, "")
            for header in preview.headers:
                if header:
                    combo.addItem(header, header)
            found = combo.findData(preview.mapping.get(field, ""))
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def chosen(self) -> dict[str, str]:
        """field → header ("" = not in the file), as merge_mapping expects."""
        return {field: str(combo.currentData() or "") for field, combo in self.combos.items()}

    def _on_combo_changed(self) -> None:
        self.mapping_changed.emit()


def needs_mapping(preview: SurveyPreview) -> bool:
    """The file was read but its shape was not recognised, or some answers cannot be read."""
    return bool(preview.headers) and (not preview.layout or bool(preview.unread_answers))
