"""Take the "every voice in the room" screenshots (issue 20): the rating grid on the
passed laptop in the short and the full form, at 1280x720 and in projector mode, and the
Rate the map tab after a showing.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_voices.py

Uses a temporary library and settings file (with the sample workshop); never touches the
user's library. Writes docs/screenshots/rate-the-map-short.png, rate-the-map-full.png,
rate-the-map-short-projector.png, rate-the-map-full-projector.png and
rate-the-map-tab.png.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from shots import OUT, sample_window, settle  # scripts/shots.py

from rcdesk.services.room_ratings import RatingForm


def type_keys(lock: object, keys: list[Qt.Key]) -> None:
    for key in keys:
        focused = lock.focusWidget()  # type: ignore[attr-defined]
        QApplication.sendEvent(focused, QKeyEvent(QEvent.Type.KeyPress, key,
                                                  Qt.KeyboardModifier.NoModifier))


def disagreement_shots(app: QApplication, window: object, page: object) -> list[str]:
    """The map's "Where we disagree" lens on the sample's in-room wave (normal, projector)."""
    from rcdesk.services.sample.voices import WAVE

    service = page.model.service  # type: ignore[attr-defined]
    wave = next(w.id for w in service.waves() if w.name == WAVE)
    page.wave_picker.setCurrentIndex(page.wave_picker.findData(wave))  # type: ignore
    page.show_stage(1)  # type: ignore[attr-defined]
    page.map_tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    mp = page.map  # type: ignore[attr-defined]
    mp.disagreement.setChecked(True)
    settle(app)
    names = []
    for projector in (False, True):
        window.set_projector_mode(projector)  # type: ignore[attr-defined]
        settle(app)
        name = f"disagreement-lens{'-projector' if projector else ''}.png"
        window.grab().save(str(OUT / name))  # type: ignore[attr-defined]
        names.append(name)
    window.set_projector_mode(False)  # type: ignore[attr-defined]
    mp.disagreement.setChecked(False)
    return names


def pairs_shots(app: QApplication, window: object, page: object) -> list[str]:
    """Cross-role pairs on the projector, one person picked for a swap."""
    page.show_stage(2)  # type: ignore[attr-defined]
    conversations = page.conversations  # type: ignore[attr-defined]
    tab = conversations.pairs
    conversations.show_voice(tab)
    tab.propose()
    shown = tab.show_on_projector()
    shown.showNormal()
    shown.resize(1280, 720)
    tab.controller.move(2)
    tab.controller.pick()
    settle(app)
    shown.grab().save(str(OUT / "pairs-projector.png"))
    shown.close()
    return ["pairs-projector.png"]


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-voices-")
    page = window.open_workshop(sample)
    assert page is not None
    service = page.model.service
    service.schedule.add_wave("In the room")
    wave = service.waves()[-1].id
    page.wave_picker.setCurrentIndex(page.wave_picker.findData(wave))
    page.show_stage(2)
    conversations = page.conversations
    tab = conversations.room
    tab.ask_pin = lambda: "2468"
    conversations.show_voice(tab)
    tab.set_wave(wave)
    written = []
    for projector in (False, True):
        window.set_projector_mode(projector)
        for form, keys in ((RatingForm.SHORT, [Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_0]),
                           (RatingForm.FULL, [Qt.Key.Key_4, Qt.Key.Key_3, Qt.Key.Key_4,
                                              Qt.Key.Key_2, Qt.Key.Key_5])):
            tab.form.setCurrentIndex(tab.form.findData(form.value))
            lock = tab.start_laptop()
            assert lock is not None
            lock.resize(1280, 720)
            lock.choose_role(lock.roles[0].id)
            type_keys(lock, keys)  # someone has started rating
            settle(app)
            name = f"rate-the-map-{form.value}{'-projector' if projector else ''}.png"
            lock.grab().save(str(OUT / name))
            written.append(name)
            lock.release()
            settle(app, 0.2)
    window.set_projector_mode(False)
    ratings = tab.ratings
    roles = {r.name: r.id for r in service.roles()}
    first = next(iter(roles.values()))
    for value in (4, 3, 5, 2):
        ratings.record(wave, first, {target: value for target in roles.values()})
    ratings.show(wave)
    tab.refresh()
    settle(app)
    window.grab().save(str(OUT / "rate-the-map-tab.png"))
    written.append("rate-the-map-tab.png")
    written += disagreement_shots(app, window, page)
    written += pairs_shots(app, window, page)
    print("wrote", ", ".join(written), "to", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
