"""Walk every stage, tab and main dialog of a window and run the layout checker on each,
and on the sample the arranged states of layout_audit_states.py (a screen as a workshop in
use shows it: `--only state-` audits just those).

Used by tests/ui/test_layout_audit.py (offscreen, in the normal suite) and by
scripts/screenshots_map_audit.py (under Xvfb, writing docs/screenshots/audit/).
Run as a program it audits one scale in this process and prints the defects as
JSON lines: the test runs it with QT_SCALE_FACTOR=2 in a subprocess, since Qt's
scale factor is fixed when the application starts.

    python tests/ui/layout_audit.py [--workshop sample|stress] [--folder DIR]
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

if __package__ in (None, ""):  # run as a script: make `ui.layout_checker` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
    from ui.layout_audit_states import STATES
    from ui.layout_checker import Defect, check_map, check_widgets, save_shot
else:
    from .layout_audit_states import STATES
    from .layout_checker import Defect, check_map, check_widgets, save_shot

#: 20 roles with long, non-ASCII names (the stress workshop).
STRESS_ROLES = (
    "Ärzt:innen der Notaufnahme", "Médecins hospitaliers", "Pflegefachpersonen Station 4B",
    "Sozialdienst und Entlassmanagement", "Pharmaciens cliniciens", "Физиотерапевты",
    "Ergotherapeut:innen", "Hausärztinnen und Hausärzte", "Spitex / Pflege zu Hause",
    "Bettenmanagement", "Transportdienst (Patiententransport)", "Ernährungsberatung",
    "Seelsorge", "Łączniczki pielęgniarskie", "Administrative Patientenaufnahme",
    "Labormedizin", "Radiologie-Technolog:innen", "Nghiên cứu lâm sàng",
    "Rettungsdienst", "Angehörige und Besuchende",
)
STRESS_TIES = 150
STRESS_WAVES = ("Baseline", "Three months", "Six months")
MODES = ("normal", "projector")


def settle(app: QApplication, rounds: int = 3) -> None:
    """Turn the event loop, then on until the work a page left for later turns (the rest
    of a page built in pieces, its charts: ui/scores/chart_queue.py) is done."""
    from rcdesk.ui.scores import chart_queue

    for _ in range(rounds):
        app.processEvents()
    for _ in range(500):
        if not chart_queue.pending():
            break
        app.processEvents()


def build_stress(window: object) -> int:
    """The stress workshop: 20 long-named roles, 150 rated ties, three waves."""
    library = window.library  # type: ignore[attr-defined]
    workshop_id = library.create("Stress test: Entlassung über drei Standorte",
                                 team="Интердисциплинарная команда", roles=STRESS_ROLES)
    service = library.open(workshop_id)
    for name in STRESS_WAVES[1:]:
        service.schedule.add_wave(name)
    roles = [r.id for r in service.roles()]
    rng = random.Random(16)
    pairs = [(a, b) for a in roles for b in roles if a != b]
    rng.shuffle(pairs)
    from rcdesk.domain.dimensions import DIMENSIONS

    waves = [w.id for w in service.waves()]
    with service.library.db.atomic():  # one commit, not 1,500 (each one is synced)
        for a, b in pairs[:STRESS_TIES]:
            service.map.add_tie(a, b)
        for tie in service.ties():
            for wave in waves:
                for dim in DIMENSIONS[:3]:
                    service.map.set_rating(tie.id, wave, dim.key, rng.randint(1, 5))
    return int(workshop_id)


def _pages(window: object) -> Iterator[tuple[str, Callable[[], QWidget], bool]]:
    """(name, show it and return the widget to check, is it the map) for every screen."""
    w = window
    page = w.workshop_page  # type: ignore[attr-defined]

    def stage(index: int) -> QWidget:
        page.show_stage(index)
        return w  # type: ignore[return-value]

    def tab(tabs: object, index: int) -> Callable[[], QWidget]:
        def show() -> QWidget:
            stage(1)
            page.map_tabs.setCurrentIndex(0)
            tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
            return w  # type: ignore[return-value]
        return show

    yield "overview", lambda: stage(0), False
    yield "map", lambda: (stage(1), page.map_tabs.setCurrentIndex(0), w)[-1], True
    for i in range(page.map.tabs.count()):
        name = page.map.tabs.tabText(i).lower().replace(" ", "-")
        yield f"map-{name}", tab(page.map.tabs, i), False
    yield "scores", lambda: (stage(1), page.map_tabs.setCurrentIndex(1), w)[-1], False
    conversations = page.conversations
    for i in range(conversations.tabs.count()):
        name = conversations.tabs.tabText(i).lower().replace("&&", "and").replace(" ", "-")
        yield f"conversations-{name}", (lambda i=i: (stage(2), conversations.tabs
                                                     .setCurrentIndex(i), w)[-1]), False
    gaps = page.gaps
    for i in range(gaps.count()):
        yield f"gaps-{gaps.tabText(i).lower().replace(' ', '-')}", \
            (lambda i=i: (stage(3), gaps.setCurrentIndex(i), w)[-1]), False
    for i in range(gaps.side.count()):
        yield f"gaps-panel-{gaps.side.tabText(i).lower().replace(' ', '-')}", \
            (lambda i=i: (stage(3), gaps.setCurrentIndex(0), gaps.side.setCurrentIndex(i),
                          w)[-1]), False
    yield "report", lambda: stage(4), False


def audit_window(window: object, app: QApplication, workshop: str, folder: Path | None,
                 modes: tuple[str, ...] = MODES, scale: str = "",
                 only: tuple[str, ...] = ()) -> list[Defect]:
    """Every screen of an open workshop (and home, the help and a walkthrough) in each mode;
    with `only`, just the screens whose names start with one of those."""
    found: list[Defect] = []
    w = window
    workshop_id = w.workshop_page.model.service.workshop_id  # type: ignore[attr-defined]
    for mode in modes:
        label = f"{mode}{'-' + scale if scale else ''}"
        w.set_projector_mode(mode == "projector")  # type: ignore[attr-defined]
        w.close_workshop()  # type: ignore[attr-defined]
        settle(app)
        if not only:
            found += check_widgets(w, f"{workshop}:home", label)  # type: ignore[arg-type]
            save_shot(w, folder, f"{workshop}-home-{label}")  # type: ignore[arg-type]
        w.open_workshop(workshop_id)  # type: ignore[attr-defined]
        settle(app)
        for name, show, is_map in _pages(w):
            if only and not name.startswith(only):
                continue
            shown = show()
            settle(app)
            found += check_widgets(shown, f"{workshop}:{name}", label)
            if is_map:
                view = w.workshop_page.map.view  # type: ignore[attr-defined]
                found += check_map(view, f"{workshop}:{name}", label)
            save_shot(shown, folder, f"{workshop}-{name}-{label}")
        if not only:
            found += _audit_help(w, app, workshop, label, folder)
            found += _audit_walkthrough(w, app, workshop, label, folder)
            found += _audit_room_lock(w, app, workshop, label, folder)
            found += _audit_dot_lock(w, app, workshop, label, folder)
            found += _audit_pairs(w, app, workshop, label, folder)
        if workshop == "sample":
            found += _audit_states(w, workshop, label, folder, only)
    w.set_projector_mode(False)  # type: ignore[attr-defined]
    return found


def _audit_states(window: object, workshop: str, mode: str, folder: Path | None,
                  only: tuple[str, ...]) -> list[Defect]:
    """The arranged states (layout_audit_states.STATES: a chart with a measure, a PDSA cycle
    filled, a walkthrough under way…), each as its own screen `state-NAME`."""
    found: list[Defect] = []
    for name, arranged in STATES:
        page = f"{workshop}:state-{name}"
        if only and not f"state-{name}".startswith(only):
            continue
        with arranged(window) as shown:
            found += check_widgets(shown, page, mode)
            save_shot(shown, folder, f"{workshop}-state-{name}-{mode}")
    return found


def _audit_help(window: object, app: QApplication, workshop: str, mode: str,
                folder: Path | None) -> list[Defect]:
    help_window = window.show_help("shortcuts")  # type: ignore[attr-defined]
    settle(app)
    found = check_widgets(help_window, f"{workshop}:help-shortcuts", mode)
    save_shot(help_window, folder, f"{workshop}-help-shortcuts-{mode}")
    help_window.close()
    return found


def _audit_walkthrough(window: object, app: QApplication, workshop: str, mode: str,
                       folder: Path | None) -> list[Defect]:
    """The walkthrough's facilitator view and audience window, on the first meeting with an
    agenda (the sample has one; the stress workshop none)."""
    page = window.workshop_page  # type: ignore[attr-defined]
    service = page.model.service
    from rcdesk.services.agenda import AgendaService

    agenda = AgendaService(service)
    meeting = next((m.id for m in service.meetings() if agenda.agenda(m.id)), None)
    if meeting is None:
        return []
    page.show_stage(2)
    conversations = page.conversations
    conversations.set_wave(page.current_wave_id())
    player = conversations.player
    if not conversations.start_walkthrough(meeting):
        return []
    settle(app)
    found = check_widgets(window, f"{workshop}:walkthrough-facilitator", mode)  # type: ignore
    save_shot(window, folder, f"{workshop}-walkthrough-facilitator-{mode}")  # type: ignore
    audience = player.audience
    audience.resize(1280, 720)
    audience.show()
    settle(app)
    found += check_widgets(audience, f"{workshop}:walkthrough-audience", mode)
    save_shot(audience, folder, f"{workshop}-walkthrough-audience-{mode}")
    player.leave()
    settle(app)
    return found


def _audit_room_lock(window: object, app: QApplication, workshop: str, mode: str,
                     folder: Path | None) -> list[Defect]:
    """Rate the map's locked screen (issue 20): the choice of role and the rating grid in
    the short and the full form, at the laptop's 1280×720."""
    from rcdesk.services.room_ratings import RatingForm

    page = window.workshop_page  # type: ignore[attr-defined]
    page.show_stage(2)
    room = page.conversations.room
    room.set_wave(page.current_wave_id())
    room.ask_pin = lambda: "1"
    found: list[Defect] = []
    for form in RatingForm:
        room.form.setCurrentIndex(room.form.findData(form.value))
        lock = room.start_laptop()
        if lock is None:
            return found
        lock.showNormal()
        lock.resize(1280, 720)
        lock.show_roles()
        settle(app)
        found += check_widgets(lock, f"{workshop}:rate-the-map-roles", mode)
        save_shot(lock, folder, f"{workshop}-rate-the-map-roles-{mode}")
        lock.choose_role(lock.roles[0].id)
        settle(app)
        found += check_widgets(lock, f"{workshop}:rate-the-map-{form.value}", mode)
        save_shot(lock, folder, f"{workshop}-rate-the-map-{form.value}-{mode}")
        lock.release()
        settle(app)
    return found


def _audit_dot_lock(window: object, app: QApplication, workshop: str, mode: str,
                    folder: Path | None) -> list[Defect]:
    """The dot-vote's locked board (issue 20), on a vote started for the audit."""
    page = window.workshop_page  # type: ignore[attr-defined]
    page.show_stage(2)
    tab = page.conversations.dot_vote
    if not tab.votes.candidates():
        return []
    tab.votes.start(3, 8, "laptop")
    tab.refresh()
    tab.ask_pin = lambda: "1"
    lock = tab.start_laptop()
    if lock is None:
        return []
    lock.showNormal()
    lock.resize(1280, 720)
    lock.show_board()
    settle(app)
    found = check_widgets(lock, f"{workshop}:dot-vote-board", mode)
    save_shot(lock, folder, f"{workshop}-dot-vote-board-{mode}")
    lock.release()
    settle(app)
    return found


def _audit_pairs(window: object, app: QApplication, workshop: str, mode: str,
                 folder: Path | None) -> list[Defect]:
    """Cross-role pairs (issue 20): the tab with a proposal, and the projector window."""
    page = window.workshop_page  # type: ignore[attr-defined]
    page.show_stage(2)
    conversations = page.conversations
    found: list[Defect] = []
    for index in range(conversations.voices.count()):  # the "Every voice" tabs
        conversations.show_voice(conversations.voices.widget(index))
        settle(app)
        name = conversations.voices.tabText(index).lower().replace(" ", "-")
        found += check_widgets(window, f"{workshop}:every-voice-{name}", mode)  # type: ignore
        save_shot(window, folder, f"{workshop}-every-voice-{name}-{mode}")  # type: ignore
    tab = conversations.pairs
    conversations.show_voice(tab)
    tab.propose()
    settle(app)
    found += check_widgets(window, f"{workshop}:pairs-tab", mode)  # type: ignore[arg-type]
    shown = tab.show_on_projector()
    shown.showNormal()
    shown.resize(1280, 720)
    settle(app)
    found += check_widgets(shown, f"{workshop}:pairs-projector", mode)
    save_shot(shown, folder, f"{workshop}-pairs-projector-{mode}")
    shown.close()
    settle(app)
    return found


def main(argv: list[str]) -> int:
    """Audit one workshop at the process's scale; print each defect as a JSON line."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--workshop", choices=("sample", "stress"), default="sample")
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--scale", default="")
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args(argv)
    from rcdesk.app import build_window, make_application, user_settings
    from rcdesk.services.sample import build_sample

    app = make_application(sys.argv[:1])
    temp = Path(tempfile.mkdtemp(prefix="rcdesk-audit-"))
    window = build_window(temp / "library.sqlite", user_settings(temp / "ui.ini"))
    workshop_id = build_sample(window.library) if args.workshop == "sample" \
        else build_stress(window)
    window.home.refresh()
    window.resize(1280, 720)
    window.show()
    window.open_workshop(workshop_id)
    started = time.monotonic()
    defects = audit_window(window, app, args.workshop, args.folder, scale=args.scale,
                           only=tuple(args.only))
    for defect in defects:
        sys.stdout.write(json.dumps(defect.__dict__, ensure_ascii=False) + "\n")
    sys.stderr.write(json.dumps({"seconds": round(time.monotonic() - started, 1)}) + "\n")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
