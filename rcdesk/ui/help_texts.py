"""Help texts shown by the Help menu, in rcdesk's own words (HTML for QTextBrowser)."""

from __future__ import annotations

from rcdesk import __version__

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+N", "New workshop"),
    ("Ctrl+W", "Close the workshop and go back to the list"),
    ("Ctrl+1 … Ctrl+5", "Overview, Map & Scores, Conversations, Gaps & Experiments, Report"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    ("Ctrl+P", "Projector mode: large type, high contrast"),
    ("F11", "Full screen (Esc leaves it)"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Zoom in, zoom out, reset zoom"),
    ("Enter (in New role)", "Add the role and keep typing the next one"),
    ("F2", "Rename the selected role, wave or meeting"),
    ("Alt+Up / Alt+Down", "Move the selected role, deck step or agenda step up or down"),
    ("Del", "Delete the selected role (Ctrl+Z brings it back with its ties)"),
    ("Ctrl+I", "Import survey results from a CSV file"),
    ("Ctrl+E", "Export the map as a PNG or SVG image"),
    ("Ctrl+Shift+E", "Export the PDF report"),
    ("C (map)", "Connect tool: click a role, then the role its tie goes to (or drag); "
     "Esc cancels"),
    ("T (map, a role selected)", "Tie to…: choose the target role by typing its name, Enter"),
    ("1–5, 0 (map or Tie panel, a tie selected)", "Rate the highlighted dimension (0 clears)"),
    ("Tab / Shift+Tab (map, a tie selected)", "Move to the next or previous dimension"),
    ("N (map)", "Select the next tie without a rating in this wave"),
    ("Del (map)", "Delete the selected roles and ties"),
    ("Space + drag, middle button drag (map)", "Pan the map"),
    ("Ctrl+A (map)", "Select every role and tie"),
    ("Space, → or Page Down (walkthrough)", "Next step"),
    ("← or Page Up (walkthrough)", "Previous step"),
    ("T (walkthrough)", "Start or pause the timer"),
    ("B or . (walkthrough)", "Blank the room's screen, or show it again"),
    ("P (walkthrough)", "Switch between the audience and the facilitator view (with two "
     "screens: blank the projector)"),
    ("R (walkthrough)", "Reveal the next tie on the map, in the order chosen on the laptop"),
    ("F11 (audience view)", "Full screen on or off"),
    ("Enter (capture box)", "Save what was said; Esc cancels the typing"),
    ("↑ / ↓, Enter, S (walkthrough, agenda list focused)", "Choose a step in the agenda, "
     "show it, or skip it in advance"),
    ("Esc Esc (walkthrough)", "Leave the walkthrough (a second Esc within a second); "
     "everything is recorded"),
    ("Alt+↓ or F4 (date field)", "Open the calendar"),
    ("Ctrl+Q", "Quit (everything is already saved)"),
    ("F1", "This list"),
)


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td><b>{keys}</b></td><td>{what}</td></tr>" for keys, what in SHORTCUTS)
    return f"<h2>Keyboard shortcuts</h2><table cellpadding='6'>{rows}</table>"


SCORING_HTML = """
<h2>How rcdesk scores relational coordination</h2>
<p>Relational coordination (RC) is measured between <b>roles</b>, not people. Each tie is
directed: how Nurses see their coordination with Physicians is a different tie from how
Physicians see theirs with Nurses. A role can also rate itself.</p>
<p>Seven dimensions are rated from 1 to 5 (5 is strongest): frequent, timely, accurate and
problem-solving <i>communication</i>, and shared goals, shared knowledge and mutual respect
(the <i>relationship</i> dimensions).</p>
<ol>
<li>Each person's score for a tie is the mean of the items they answered; blanks are skipped.</li>
<li>A tie's RC score is the mean of those personal scores over everyone in the rating role who
answered; <i>n</i> is how many they were.</li>
<li>A dimension's score for a tie is the mean of the answers to that item.</li>
<li>The communication and relationship scores follow the same person-first rule. The overall
score is the mean of all seven items, not the mean of the two groups.</li>
<li>On the "sufficiency" frequency scale (not nearly enough … much too often) the middle
answer is best: the five answers score 1, 3, 5, 4, 2.</li>
</ol>
<p><b>Bands</b>: weak below 3.5, moderate from 3.5 to 4.0, strong above 4.0, decided on the
score rounded to two decimals. The cut points are workshop settings.</p>
<p><b>Anonymity</b>: a tie scored by fewer people than the workshop's threshold (at least 3)
is hidden everywhere; only its number of respondents may show. Totals use only the ties that
are shown, so a hidden score can never be worked out by subtraction.</p>
<p>Ratings agreed openly in the room have no individual respondents and are shown as given.</p>
"""


def about_html() -> str:
    return (
        f"<h2>rcdesk {__version__}</h2>"
        "<p>A desktop companion for facilitators of the Relational Model of Change: map how "
        "roles coordinate, hold the conversations that make it safe to talk about it, and "
        "turn gaps into small experiments.</p>"
        "<p>rcdesk works offline and never uses the network. Your workshops stay in a library "
        "file on this computer; every change is saved as you make it.</p>"
        "<p>Typeface: DejaVu Sans (Bitstream Vera licence).</p>"
    )
