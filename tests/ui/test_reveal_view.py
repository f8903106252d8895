"""The room's reveal map: strongest first, one step at a time, following the workshop."""

from __future__ import annotations

from rcdesk.ui.conversations.reveal import reveal_order
from rcdesk.ui.conversations.reveal_view import RevealMap


def _reveal_map(qtbot, make_window):
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    reveal = RevealMap(page.model, page.map.wave_scores)
    qtbot.addWidget(reveal)
    reveal.set_wave(page.current_wave_id())
    reveal.hide_all()
    return page, reveal


def test_reveal_steps_go_strongest_first_each_tie_once(qtbot, make_window) -> None:
    page, reveal = _reveal_map(qtbot, make_window)
    expected = reveal_order(reveal.ties())
    shown = []
    while (tie := reveal.reveal_next()) is not None:
        shown.append(tie.tie_id)
    assert shown == expected
    assert reveal.revealed() == set(expected) and reveal.remaining() == 0


def test_a_role_renamed_between_steps_is_named_so_at_the_next_step(qtbot, make_window) -> None:
    page, reveal = _reveal_map(qtbot, make_window)
    first = reveal.reveal_next()
    assert first is not None
    roles = {r.name: r.id for r in page.model.service.roles()}
    second_id = reveal_order(reveal.ties())[1]
    second = next(t for t in reveal.ties() if t.tie_id == second_id)
    page.runner.run(lambda: page.model.service.map.rename_role(roles[second.source],
                                                               "Renamed role"))
    shown = reveal.reveal_next()
    assert shown is not None and shown.tie_id == second_id
    assert shown.source == "Renamed role"
    assert "Renamed role" in reveal.question()
