"""Take the Conversations screenshots of the deck library and a meeting's agenda.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_decks.py

Uses a temporary library and settings file (with the sample workshop); never
touches the user's library. Writes docs/screenshots/conversations-decks.png and
conversations-agenda.png.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from shots import OUT, sample_window, settle  # scripts/shots.py

from rcdesk.services.deck_library import created_key


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-")
    page = window.open_workshop(window.library.find("Hospital discharge (sample)"))
    assert page is not None
    page.show_stage(2)
    conversations = page.conversations
    decks = conversations.decks
    key = created_key(decks.library.duplicate("humble-inquiry"))
    decks.library.rename(key, "Humble inquiry, ward 7")
    decks.select_deck(key)
    decks.steps.selectRow(2)
    conversations.tabs.setCurrentWidget(decks)
    names = []
    settle(app)
    window.grab().save(str(OUT / "conversations-decks.png"))
    names.append("conversations-decks")
    agenda = conversations.agenda
    kickoff = next(m for m in page.model.service.meetings() if m.kind.value == "kickoff")
    agenda.select_meeting(kickoff.id)  # the sample's kick-off, as run
    agenda.table.selectRow(5)
    conversations.tabs.setCurrentWidget(agenda)
    settle(app)
    window.grab().save(str(OUT / "conversations-agenda.png"))
    names.append("conversations-agenda")
    window.close()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("\n".join(str(OUT / f"{n}.png") for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
