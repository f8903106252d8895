"""The report's "Method note": how the scores are computed, the bands, the anonymity rule,
where the survey data came from, the pulse and the structures, and the seven dimensions.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer

from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.reports.pdf.style import markup, para, table
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]


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
