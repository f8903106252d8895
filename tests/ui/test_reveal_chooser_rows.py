"""The laptop's list of ties in a reveal step, on a big map: thousands of ties fill it
without freezing the laptop (issue 23: no turn of the event loop over 100 ms). Its lines
are made as the list lays its rows out, a batch a turn, not all in the turn that fills it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from rcdesk.domain.bands import Band
from rcdesk.ui.conversations import reveal_chooser
from rcdesk.ui.conversations.reveal import RevealTie
from rcdesk.ui.conversations.reveal_chooser import RevealChooser

TIES = 3000


def _ties() -> list[RevealTie]:
    return [RevealTie(i, f"Role {i % 60}", f"Role {(i * 7) % 60}", 3.0 + (i % 20) / 10,
                      Band.MODERATE) for i in range(1, TIES + 1)]


def _chooser(qtbot) -> RevealChooser:
    chooser = RevealChooser()
    qtbot.addWidget(chooser)
    chooser.resize(560, 600)
    chooser.show()
    qtbot.waitExposed(chooser)
    return chooser


def test_thousands_of_ties_fill_the_list_a_batch_of_lines_a_turn(qtbot, monkeypatch):
    made: list[int] = []
    real = reveal_chooser.tie_line

    def counted(tie: RevealTie, named_pair: bool) -> str:
        made.append(tie.tie_id)
        return real(tie, named_pair)

    monkeypatch.setattr(reveal_chooser, "tie_line", counted)
    chooser = _chooser(qtbot)
    per_turn: list[int] = []
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: per_turn.append(len(made)))
    ticker.start()
    ties = _ties()
    chooser.set_ties(ties, ties[0].tie_id)
    assert len(made) < TIES  # every line was made (one widget item each) in this turn
    qtbot.waitUntil(lambda: len(made) == TIES, timeout=10_000)
    ticker.stop()
    steps = [b - a for a, b in zip([0, *per_turn], per_turn, strict=False)]
    assert max(steps) <= 2 * reveal_chooser.ROWS_PER_TURN, max(steps)
    assert len(set(made)) == TIES  # each line made once


def test_the_list_shows_each_tie_in_order_and_a_chosen_row_shows_its_tie(qtbot):
    chooser = _chooser(qtbot)
    ties = _ties()
    chooser.set_ties(ties, ties[0].tie_id)
    rows = chooser.list.model()
    assert chooser.list.count() == TIES
    assert [rows.data(rows.index(r, 0)) for r in range(TIES)] == [
        reveal_chooser.tie_line(t, t.tie_id == ties[0].tie_id) for t in ties]
    assert rows.data(rows.index(0, 0)).startswith("★ named in this step")
    chosen: list[int] = []
    chooser.tie_chosen.connect(chosen.append)
    chooser.list.setCurrentRow(TIES - 1)
    chooser.list.setFocus()
    qtbot.keyClick(chooser.list, Qt.Key.Key_Return)
    chooser.show_button.click()
    assert chosen == [ties[-1].tie_id, ties[-1].tie_id]
    chooser.set_ties([], None)
    assert chooser.list.count() == 0
