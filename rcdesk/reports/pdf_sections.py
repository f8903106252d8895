"""The report's general sections: cover, roles present, the relational map, method note.

Each builder takes the ReportSnapshot and the frame's size and returns flowables.
All user text goes through pdf_style.para (escaped); numbers show two decimals
with their band label beside them, so nothing depends on colour.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer, Table, TableStyle

from rcdesk.domain.attendance import present
from rcdesk.domain.bands import band_for
from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.domain.scores import ScoreSource
from rcdesk.reports.pdf_style import CELL_FONT, RULE, markup, para, table
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]


def with_band(snapshot: ReportSnapshot, value: float | None) -> str:
    """"3.85 moderate", or "–" when there is no value that may be shown."""
    if value is None:
        return "–"
    s = snapshot.workshop.settings
    return f"{value:.2f} {band_for(value, s.weak_below, s.strong_above).value}"


def source_text(snapshot: ReportSnapshot) -> str:
    if snapshot.scores is None:
        return "no scores"
    text = snapshot.scores.source.label
    if snapshot.respondents:
        text += f", {snapshot.respondents} respondents"
    return text


def wave_text(snapshot: ReportSnapshot) -> str:
    wave = snapshot.wave
    if wave is None:
        return "no wave yet"
    when = f" ({wave.date.isoformat()})" if wave.date else ""
    return f"{wave.name}{when}, {source_text(snapshot)}"


def cover(snapshot: ReportSnapshot, width: float) -> Flowables:
    w = snapshot.workshop
    kickoff = next((m for m in snapshot.meetings if m.kind.value == "kickoff"), None)
    facts = [
        ("Team", w.team or "–"),
        ("Focal work process", w.process or "–"),
        ("Facilitator", w.facilitator or "–"),
        ("Wave shown", wave_text(snapshot)),
    ]
    if snapshot.compare_wave is not None:
        facts.append(("Compared with", snapshot.compare_wave.name))
    if kickoff is not None:
        facts.append(("Kick-off workshop", kickoff.date.isoformat()))
    if snapshot.next_meeting is not None:
        nxt = snapshot.next_meeting
        facts.append(("Next meeting", f"{nxt.date.isoformat()} {nxt.kind.label}"
                      + (f": {nxt.title}" if nxt.title else "")))
    facts.append(("Report date", snapshot.report_date.isoformat()))
    story: Flowables = [
        para("Relational coordination summary", "subtitle"),
        para(w.title, "cover"),
        Spacer(1, 6),
        _facts(facts, width),
    ]
    if snapshot.meetings:
        role_ids = [r.id for r in snapshot.roles]
        story += [para("Meetings", "h2"), table(
            ["Date", "Meeting", "Title", "Present", "Decisions and notes"],
            [(m.date.isoformat(), m.kind.label, m.title,
              str(present(m.attendance, role_ids) or "–"), m.notes)
             for m in snapshot.meetings],
            [width * w for w in (0.13, 0.15, 0.22, 0.1, 0.4)], right=(3,))]
    story.append(para(
        "This summary is a record of what the team saw and discussed. Scores are group "
        "figures between roles, never of individuals; see the method note at the end.",
        "small"))
    return story


def _facts(facts: list[tuple[str, str]], width: float) -> Table:
    rows = [[para(k, "cell_bold"), para(v, "body")] for k, v in facts]
    result = Table(rows, colWidths=[width * 0.28, width * 0.72], splitInRow=1, hAlign="LEFT")
    result.setStyle(TableStyle([*CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE)]))
    return result


def roles_present(snapshot: ReportSnapshot, width: float) -> Flowables:
    counted = [r.headcount for r in snapshot.roles if r.headcount is not None]
    rows = [(r.name, "–" if r.headcount is None else str(r.headcount)) for r in snapshot.roles]
    total = f"{sum(counted)} people in {len(snapshot.roles)} roles" if counted else \
        f"{len(snapshot.roles)} roles"
    return [
        para("Roles present", "h1"),
        para(f"The roles in the focal work process and how many people each has ({total}). "
             "Counts only: no names of individuals.", "body"),
        table(["Role", "People"], rows, [width * 0.7, width * 0.3], right=(1,)),
    ]


def relational_map(snapshot: ReportSnapshot, width: float, height: float) -> Flowables:
    from rcdesk.reports.map_image import map_figure
    from rcdesk.reports.pdf_style import figure_image

    s = snapshot.workshop.settings
    # The projector's label sizes: a map as wide as a screen shrinks to a page's width,
    # and the on-screen 12 px names would print at about 5 pt.
    figure = map_figure(snapshot.roles, snapshot.ties, snapshot.scores, projector=True,
                        weak_below=s.weak_below, strong_above=s.strong_above)
    text = ("Each arrow is a directed tie: how the role at its tail rates its coordination "
            "with the role at its head. Line colour, width and dash show the tie's band; the "
            "number is its RC index (1–5).")
    if snapshot.scores is not None and snapshot.scores.source is ScoreSource.SURVEY:
        text += (f" Ties rated by fewer than {snapshot.scores.min_respondents} respondents "
                 f"say “n<{snapshot.scores.min_respondents}” and show no score.")
    return [
        para("Relational map", "h1"),
        para(f"Wave: {wave_text(snapshot)}.", "small"),
        figure_image(figure, width, height * 0.72),
        Spacer(1, 6),
        para(text, "small"),
    ]


def method_note(snapshot: ReportSnapshot, width: float) -> Flowables:
    s = snapshot.workshop.settings
    k = s.anonymity_k
    rules = [
        "Each survey answer is a score from 1 to 5 (5 = strongest). On the newer frequency "
        "scale the answers are scored 1, 3, 5, 4, 2: both extremes are weak and “just the "
        "right amount” is strongest.",
        "A respondent's index for a rated role is the mean of their answered items; blanks "
        "are skipped."
        + (" A respondent counts in a tie and its subscales from one answered item (the "
           "usual rule)." if s.min_items == 1 else
           f" A respondent counts in a tie and its subscales only with at least {s.min_items} "
           "of the seven items answered"
           + (" (complete cases, as in studies that drop incomplete answers)."
              if s.min_items == 7 else ".")),
        "A tie's RC index (A→B) is the mean of the indices of role-A respondents who rated B; "
        "n is their number. A dimension's score is the mean of that item's answers.",
        "Communication and relationship subscales follow the same respondent-first rule; "
        "the RC index is the mean of all seven items, not of the two subscales.",
        "Role and workshop figures are means over the ties that may be shown.",
        "Live map ratings, made openly in the room, have no respondents and are shown as "
        "rated.",
    ]
    story: Flowables = [para("Method note", "h1"), para("Scoring", "h2")]
    story += [para(f"{i}. {rule}", "body") for i, rule in enumerate(rules, 1)]
    story += [
        para("Bands", "h2"),
        para(f"Weak below {s.weak_below:.2f}; moderate from {s.weak_below:.2f} to "
             f"{s.strong_above:.2f} (inclusive); strong above {s.strong_above:.2f}. The band "
             "is decided on the score rounded to two decimals. Every score in this report "
             "carries its band label, and the map draws weak ties dashed, moderate ties thin "
             "and strong ties thick, so the report reads in greyscale.", "body"),
        para("Anonymity", "h2"),
        para(f"A tie scored from fewer than {k} respondents (k = {k}) is hidden everywhere: "
             "its respondent count may be shown, its scores never. Role and workshop figures "
             "use only the ties that are shown, so a hidden score cannot be worked out by "
             "subtraction. A tie hidden in either of two compared waves gets no change value. "
             "Individual answers never appear in this report.", "body"),
    ]
    story += import_note(snapshot)
    if snapshot.available("pulse"):
        story += [para("Psychological-safety pulse", "h2"), para(
            "Seven statements on Edmondson's themes, in rcdesk's own wording, answered on a "
            "7-point (or 5-point) agree scale. Statements worded against safety are reverse "
            "scored (highest + lowest − answer), keyed to the statement. The team score is "
            "the mean of the statement means shown (equal to the mean of the people's scores "
            "when everyone answered every statement), so a hidden statement cannot be worked "
            f"out from it. Pulse figures appear only from {k} responses, a statement's mean "
            f"only from {k} answers to it, never per-point counts and never one person's "
            "answers. Answers collected one by one are printed as last shown in the room; "
            f"each showing needs {k} new answers, so two showings never differ by one "
            "person.", "body")]
    if snapshot.available("structures"):
        story += [para("Structures and suggestions", "h2"), para(
            "Structures are rated by the team together on rcdesk's 1–5 scale (1 gets in the "
            "way, 5 works well), now and wanted, per wave; they have no respondents and are "
            "not hidden. The structures suggested for a weak dimension, and the dimensions "
            "to watch when a structure is rated 1 or 2, come from rcdesk's table linking "
            "dimensions to structural interventions (resources/suggestions.json, drawn from "
            "the relational coordination literature, editable by the facilitator). The "
            "change of the ties a structure touches is compared with the other ties from "
            "shown ties only; it shows what moved together, not what caused it "
            "(docs/structures.md).", "body")]
    story += [
        para("Change between waves", "h2"),
        para(f"A tie has improved or got worse when its two-decimal RC index moved by at "
             f"least {snapshot.workshop.change_threshold:.2f}.", "body"),
        para("The seven dimensions", "h2"),
        table(["Dimension", "What it means here"],
              [(d.name, snapshot.workshop.description(d.key)) for d in DIMENSIONS],
              [width * 0.3, width * 0.7]),
        Spacer(1, 8),
        markup("Relational coordination: Jody Hoffer Gittell's model. Scores are rcdesk's "
               "computation from the team's own data.", "small"),
    ]
    return story


def import_note(snapshot: ReportSnapshot) -> Flowables:
    """Where the wave's survey answers came from: file, hash, layout, scale (provenance)."""
    if not snapshot.imports:
        return []
    lines = []
    for record in snapshot.imports:
        digest = str(record.get("sha256") or "")[:16]
        lines.append(
            f"{record.get('file', '?')} ({record.get('size', '?')} bytes, SHA-256 {digest}…), "
            f"imported {str(record.get('imported_at', ''))[:16].replace('T', ' ')}: "
            f"{record.get('layout', '?')} layout, {record.get('rows', '?')} rows, "
            f"{record.get('respondents', '?')} respondents, {record.get('ties', '?')} ties; "
            f"frequency scale {record.get('frequency_scale') or 'not asked'} "
            f"(recode: {record.get('recode', 'none')}); {record.get('direction', '')}")
    return [para("Survey data", "h2"), *(para(line, "body") for line in lines)]
