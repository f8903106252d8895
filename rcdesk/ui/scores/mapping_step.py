"""The import dialog's mapping step beyond the field columns (import_parts.MappingBox):
which columns are (rated role, item) answers, what each answer text scores, which codes
mean "not applicable", whether bare codes run the other way, and each item's answer
distribution, so the user sees the numbers before they are written.

Everything here is a choice read back by `chosen()` into a SurveyMapping; the dialog
previews the file again after each change.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.dimensions import DIMENSION_KEYS, dimension
from rcdesk.services.survey_answers import DEFAULT_NOT_APPLICABLE
from rcdesk.services.survey_import import SurveyPreview
from rcdesk.services.survey_mapping import SurveyMapping
from rcdesk.ui.widgets import label, named

NOT_AN_ANSWER = "(not an answer column)"
AS_READ = "as read"
NOT_APPLICABLE = "not applicable (blank)"


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = named(QTableWidget(0, len(headers)), name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class MappingDetails(QTabWidget):
    """Answer columns, answers and distributions, one tab each."""

    details_changed = Signal()
    """The user changed an answer column, an answer's score, the N/A codes or the direction."""

    def __init__(self, roles: list[str]) -> None:
        super().__init__()
        self.setAccessibleName("Mapping details")
        self.roles = roles
        self._filling = False
        self.columns = _table("Answer columns", ["Column", "Rated role", "Item"])
        self.answers = _table("Answer scores", ["Answer in the file", "Score"])
        self.distribution = _table("Answer distribution",
                                   ["Item", "1", "2", "3", "4", "5", "blank"])
        answers_tab = QWidget()
        layout = QVBoxLayout(answers_tab)
        layout.addWidget(self.answers, 1)
        self.reverse = named(QCheckBox("The file's number codes run the other way "
                                       "(1 = the strongest answer)"), "Codes run the other way")
        self.not_applicable = named(QLineEdit(", ".join(DEFAULT_NOT_APPLICABLE)),
                                    "Not-applicable codes",
                                    "Answers read as blank, separated by commas (e.g. 6, 99)")
        layout.addWidget(self.reverse)
        layout.addWidget(label("Read as not applicable (blank):", "muted"))
        layout.addWidget(self.not_applicable)
        self.addTab(self.columns, "Answer columns")
        self.addTab(answers_tab, "Answers")
        self.addTab(self.distribution, "Distribution")
        self.reverse.toggled.connect(self._on_changed)
        self.not_applicable.editingFinished.connect(self._on_changed)

    # -- showing a preview -----------------------------------------------------------------

    def show_preview(self, preview: SurveyPreview) -> None:
        self._filling = True
        try:
            self._fill_columns(preview)
            self._fill_answers(preview)
            self._fill_distribution(preview)
            self.reverse.setChecked(preview.survey_mapping.reverse)
        finally:
            self._filling = False

    def _fill_columns(self, preview: SurveyPreview) -> None:
        used = set(preview.mapping.values())
        headers = [h for h in preview.headers if h and h not in used]
        roles = list(dict.fromkeys([*self.roles, *(r for r, _ in
                                                   preview.answer_columns.values())]))
        self.columns.setRowCount(len(headers))
        for row, header in enumerate(headers):
            self.columns.setItem(row, 0, QTableWidgetItem(header))
            pair = preview.answer_columns.get(header)
            role = named(QComboBox(), f"Rated role of {header}")
            role.setEditable(True)
            role.addItems(roles)
            role.setCurrentText(pair[0] if pair else "")
            item = named(QComboBox(), f"Item of {header}")
            item.addItem(NOT_AN_ANSWER, "")
            for key in DIMENSION_KEYS:
                item.addItem(dimension(key).name, key)
            item.setCurrentIndex(max(item.findData(pair[1] if pair else ""), 0))
            role.currentTextChanged.connect(self._on_changed)
            item.currentIndexChanged.connect(self._on_changed)
            self.columns.setCellWidget(row, 1, role)
            self.columns.setCellWidget(row, 2, item)

    def _fill_answers(self, preview: SurveyPreview) -> None:
        texts = {**preview.answer_texts, **dict.fromkeys(preview.unread_answers)}
        chosen = preview.survey_mapping.labels
        self.answers.setRowCount(len(texts))
        for row, (text, value) in enumerate(texts.items()):
            self.answers.setItem(row, 0, QTableWidgetItem(text))
            combo = named(QComboBox(), f"Score of {text}")
            unread = text in preview.unread_answers
            combo.addItem("cannot be read: choose" if unread else
                          f"{AS_READ}: {'blank' if value is None else value}", None)
            for score in range(1, 6):
                combo.addItem(str(score), score)
            combo.addItem(NOT_APPLICABLE, 0)
            if text in chosen:
                combo.setCurrentIndex(combo.findData(chosen[text]))
            combo.currentIndexChanged.connect(self._on_changed)
            self.answers.setCellWidget(row, 1, combo)

    def _fill_distribution(self, preview: SurveyPreview) -> None:
        counts = preview.distributions() if preview.rows else {}
        self.distribution.setRowCount(len(counts))
        for row, (key, found) in enumerate(counts.items()):
            self.distribution.setItem(row, 0, QTableWidgetItem(dimension(key).name))
            for column, score in enumerate((1, 2, 3, 4, 5, None), start=1):
                self.distribution.setItem(row, column,
                                          QTableWidgetItem(str(found.get(score, 0))))

    # -- reading the choices ---------------------------------------------------------------

    def _on_changed(self) -> None:
        if not self._filling:
            self.details_changed.emit()

    def answer_columns(self) -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        for row in range(self.columns.rowCount()):
            cell = self.columns.item(row, 0)
            header = cell.text() if cell is not None else ""
            role = self.columns.cellWidget(row, 1)
            item = self.columns.cellWidget(row, 2)
            assert isinstance(role, QComboBox) and isinstance(item, QComboBox)
            if item.currentData() and role.currentText().strip():
                found[header] = (role.currentText().strip(), str(item.currentData()))
        return found

    def labels_and_codes(self) -> tuple[dict[str, int], list[str]]:
        labels: dict[str, int] = {}
        codes = [c.strip() for c in self.not_applicable.text().split(",") if c.strip()]
        for row in range(self.answers.rowCount()):
            cell = self.answers.item(row, 0)
            text = cell.text() if cell is not None else ""
            combo = self.answers.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            value = combo.currentData()
            if value == 0:
                codes.append(text)
            elif value is not None:
                labels[text] = int(value)
        return labels, codes

    def chosen(self, columns: dict[str, str], base: SurveyMapping) -> SurveyMapping:
        labels, codes = self.labels_and_codes()
        return SurveyMapping(columns=columns, answer_columns=self.answer_columns(),
                             role_codes=base.role_codes, labels=labels,
                             not_applicable=tuple(codes), reverse=self.reverse.isChecked(),
                             frequency_scale=None, sheet=base.sheet)
