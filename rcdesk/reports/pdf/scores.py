"""The report's RC score sections: the wave's scores and the change since another wave.

Charts come from reports/charts.py (the same Figures the Scores view shows); the
numbers are repeated in tables, since chart text cannot be copied out of a PDF. A
suppressed tie appears with its respondent count and "hidden (n<k)", never with a
value; aggregates are the analysis layer's, computed over shown ties only.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from rcdesk.analysis.rc_scores import ChangeKind, TieChange
from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.domain.scores import TieScore, WaveScores
from rcdesk.reports.pdf.style import figure_image, para, table
from rcdesk.reports.pdf.words import wave_text, with_band
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]
#: How many ties the weakest and strongest lists name.
EXTREMES = 5
_CHANGE_WORDS = {ChangeKind.IMPROVED: "improved", ChangeKind.WORSE: "worse",
                 ChangeKind.UNCHANGED: "about the same", ChangeKind.NEW: "new: rated only now",
                 ChangeKind.LOST: "not rated now"}


def _two(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _n(tie: TieScore) -> str:
    return "–" if tie.n is None else str(tie.n)


def score_sections(snapshot: ReportSnapshot, width: float, height: float) -> Flowables:
    scores = snapshot.scores
    assert scores is not None
    names = snapshot.role_names
    o = scores.overall
    story: Flowables = [
        para("RC scores", "h1"),
        para(f"Wave: {wave_text(snapshot)}.", "small"),
        para(f"All ties: {with_band(snapshot, o.rc)}. Between roles only: "
             f"{with_band(snapshot, o.between_roles)}.", "body"),
        _heatmap(snapshot, scores, width, height),
        para("Each cell is how the role on the left (rater) rates the role at the top; the "
             "border shows the band (weak dashed, strong thick).", "small"),
        CondPageBreak(height * 0.45),
        para("Dimension profile", "h2"),
        _profile(snapshot, scores, width, height),
    ]
    story += _extremes(snapshot, scores, width)
    story += [CondPageBreak(height * 0.2), para("All ties", "h2"), _tie_table(snapshot, scores,
                                                                             width)]
    story += [CondPageBreak(height * 0.2), para("Roles", "h2"), table(
        ["Role", "Gives (to others)", "Receives (from others)", "Within the role"],
        [(names.get(r.role_id, "?"), with_band(snapshot, r.given),
          with_band(snapshot, r.received), with_band(snapshot, r.within)) for r in scores.roles],
        [width * 0.34, width * 0.22, width * 0.22, width * 0.22])]
    return story


def _heatmap(snapshot: ReportSnapshot, scores: WaveScores, width: float, height: float) -> Any:
    from rcdesk.reports.charts import heatmap_figure

    count = len(snapshot.roles)
    width_in = width / 72
    figure = heatmap_figure(snapshot.role_names, scores, width_in=width_in,
                            height_in=min(9.0, 1.9 + 0.55 * count), font_pt=8.5)
    return figure_image(figure, width, height * 0.62)


def _profile(snapshot: ReportSnapshot, scores: WaveScores, width: float, height: float) -> Any:
    from rcdesk.reports.charts import profile_figure

    s = snapshot.workshop.settings
    figure = profile_figure(scores, width_in=width / 72, height_in=3.4, font_pt=8.5,
                            cut_points=(s.weak_below, s.strong_above))
    return figure_image(figure, width, height * 0.4)


def _extremes(snapshot: ReportSnapshot, scores: WaveScores, width: float) -> Flowables:
    names = snapshot.role_names
    shown = sorted((t for t in scores.ties if t.shown and t.source_id != t.target_id),
                   key=lambda t: (t.rc or 0.0, names.get(t.source_id, ""),
                                  names.get(t.target_id, "")))
    if not shown:
        return []
    count = min(EXTREMES, (len(shown) + 1) // 2)
    widths = [width * 0.3, width * 0.3, width * 0.1, width * 0.3]

    def rows(ties: list[TieScore]) -> list[tuple[str, ...]]:
        return [(names.get(t.source_id, "?"), names.get(t.target_id, "?"), _n(t),
                 with_band(snapshot, t.rc)) for t in ties]

    header = ["From (rater)", "To (rated)", "n", "RC index"]
    return [
        KeepTogether([para("Weakest ties between roles", "h2"),
                      table(header, rows(shown[:count]), widths, right=(2,))]),
        KeepTogether([para("Strongest ties between roles", "h2"),
                      table(header, rows(shown[::-1][:count]), widths, right=(2,))]),
    ]


def _tie_table(snapshot: ReportSnapshot, scores: WaveScores, width: float) -> Any:
    names = snapshot.role_names
    k = scores.min_respondents
    rows = []
    for t in scores.ties:
        start = (names.get(t.source_id, "?"), names.get(t.target_id, "?"), _n(t))
        if t.suppressed:
            rows.append((*start, f"hidden (n<{k})", "", ""))
        else:
            rows.append((*start, with_band(snapshot, t.rc), _two(t.communication),
                         _two(t.relationship)))
    return table(["From (rater)", "To (rated)", "n", "RC index", "Communication", "Relationship"],
                 rows, [w * width for w in (0.21, 0.21, 0.06, 0.17, 0.175, 0.175)],
                 right=(2, 4, 5))


def change_section(snapshot: ReportSnapshot, width: float) -> Flowables:
    comparison = snapshot.comparison
    assert comparison is not None and snapshot.compare_wave is not None
    names = snapshot.role_names
    before = snapshot.compare_wave.name
    after = snapshot.wave.name if snapshot.wave else ""
    ties = sorted(comparison.ties, key=_change_order)
    rows = [(names.get(c.source_id, "?"), names.get(c.target_id, "?"), _two(c.before),
             _two(c.after), _signed(c.delta), _change_word(c, snapshot)) for c in ties]
    story: Flowables = [
        para(f"Change since {before}", "h1"),
        para(f"Before: the wave “{before}”; after: “{after}”. RC index of all shown ties: "
             f"{_signed(comparison.rc)}; between roles: {_signed(comparison.between_roles)}. "
             f"A change of at least {comparison.threshold:.2f} counts as improved or worse.",
             "body"),
        table(["From (rater)", "To (rated)", "Before", "After", "Change", "Reading"], rows,
              [w * width for w in (0.22, 0.22, 0.1, 0.1, 0.1, 0.26)], right=(2, 3, 4)),
        Spacer(1, 8),
        para("Dimensions (workshop means)", "h2"),
        table(["Dimension", "Change"],
              [(d.name, _signed(comparison.dimensions.get(d.key))) for d in DIMENSIONS],
              [width * 0.6, width * 0.4], right=(1,)),
    ]
    return story


def _change_order(change: TieChange) -> tuple[int, float]:
    if change.delta is None:
        return (1, 0.0)
    return (0, -abs(change.delta))


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _change_word(change: TieChange, snapshot: ReportSnapshot) -> str:
    if change.kind is ChangeKind.SUPPRESSED:
        k = snapshot.workshop.settings.anonymity_k
        return f"hidden (n<{k}) in a wave: no change value"
    return _CHANGE_WORDS[change.kind]
