"""Measurement waves: named, dated points ("Baseline", "Follow-up 1")."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from rcdesk.domain.model import Wave
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.overview.dated_list import RecordListPanel, from_qdate, show_date, to_qdate
from rcdesk.ui.table_model import Column
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.workshop_model import WorkshopModel


class WavesPanel(RecordListPanel[Wave]):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        self._model = model
        self._edits = model.session.schedule
        self._runner = runner
        self._feedback = feedback
        super().__init__(
            "Waves", "wave",
            [
                Column("Date", lambda w: show_date(w.date), self._set_date,
                       edit_value=lambda w: to_qdate(w.date)),
                Column("Wave", lambda w: w.name, self._rename),
            ],
            model.service.waves, "Add wave", parent,
        )
        model.waves_changed.connect(self.refresh)
        self.refresh(reload=False)  # the table model has just read them

    def on_add(self) -> None:
        names = {w.name.casefold() for w in self._model.service.waves()}
        number = 1
        while f"follow-up {number}" in names:
            number += 1
        today = self._model.service.today()
        self._runner.run(lambda: self._edits.add_wave(f"Follow-up {number}", today))

    def on_delete(self) -> None:
        wave = self.selected()
        if wave is not None and self._runner.run(
                lambda: self._edits.delete_wave(wave.id)):
            self._feedback.deleted(f"Deleted wave “{wave.name}” and its ratings")

    def _rename(self, wave: Wave, value: Any) -> bool:
        return self._runner.run(lambda: self._edits.rename_wave(wave.id, str(value)))

    def _set_date(self, wave: Wave, value: Any) -> bool:
        return self._runner.run(
            lambda: self._edits.set_wave_date(wave.id, from_qdate(value)))
