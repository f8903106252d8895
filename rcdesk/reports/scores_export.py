"""The scores of one wave as the documented JSON and the spreadsheet-safe CSV.

One implementation serves `rcdesk scores --format json|csv`, `rcdesk export
OUT.json|OUT.csv` and the Report page, so the files are always the same. The
JSON is a documented contract for scripts (docs/import-formats.md): keys never
change meaning, floats are unrounded, suppressed or missing values are null. The
CSV shows two decimals, keeps CRLF line ends and neutralises cells a spreadsheet
would run as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from rcdesk.analysis.psych_safety import PulseResult
from rcdesk.domain.bands import Band, band_for
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.model import Wave, Workshop
from rcdesk.domain.psych_safety import DEFAULT_SCALE, ITEM_KEYS
from rcdesk.domain.scores import Spread, TieScore, WaveScores

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_HEADER = ("kind", "from", "to", "n", "suppressed", "rc", "band", "communication",
              "relationship", *DIMENSION_KEYS, "spread_sd", "spread_low", "spread_high")


def scores_json(workshop: Workshop, wave: Wave, scores: WaveScores,
                names: dict[int, str], pulse: PulseResult | None = None,
                imports: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """The documented JSON contract: unrounded floats, null where nothing may be shown.

    `pulse` is the wave's psychological-safety result (None: the wave has no pulse);
    `imports` the provenance records of the survey imports that wrote the wave's answers.
    """
    settings = workshop.settings
    return {
        "workshop": workshop.title,
        "wave": wave.name,
        "source": scores.source.value,
        "min_respondents": scores.min_respondents,
        "cut_points": [settings.weak_below, settings.strong_above],
        "ties": [_tie_json(t, names) for t in scores.ties],
        "roles": [{"role": names.get(r.role_id, str(r.role_id)), "given": r.given,
                   "received": r.received, "within": r.within} for r in scores.roles],
        "overall": {"rc": scores.overall.rc, "between_roles": scores.overall.between_roles,
                    "dimensions": {k: scores.overall.dimensions.get(k) for k in DIMENSION_KEYS}},
        "psychological_safety": pulse_json(pulse),
        "min_items": workshop.settings.min_items,
        "imports": [dict(record) for record in imports],
    }


def pulse_json(pulse: PulseResult | None) -> dict[str, Any]:
    """The pulse block: n, suppressed, scale, score and item means after reverse scoring;
    null everywhere while suppressed (below k) or when the wave has no pulse."""
    if pulse is None:
        return {"n": 0, "suppressed": True, "scale_max": DEFAULT_SCALE, "score": None,
                "items": dict.fromkeys(ITEM_KEYS)}
    shown = not pulse.suppressed
    return {"n": pulse.n, "suppressed": pulse.suppressed, "scale_max": pulse.scale_max,
            "score": pulse.score if shown else None,
            "items": {k: pulse.items.get(k) if shown else None for k in ITEM_KEYS}}


def scores_json_text(workshop: Workshop, wave: Wave, scores: WaveScores,
                     names: dict[int, str], pulse: PulseResult | None = None,
                     imports: Sequence[dict[str, Any]] = ()) -> str:
    """The JSON exactly as `rcdesk scores --format json` prints it (with its final newline)."""
    return json.dumps(scores_json(workshop, wave, scores, names, pulse, imports),
                      ensure_ascii=False, indent=2) + "\n"


def _tie_json(tie: TieScore, names: dict[int, str]) -> dict[str, Any]:
    shown = not tie.suppressed
    return {
        "from": names.get(tie.source_id, str(tie.source_id)),
        "to": names.get(tie.target_id, str(tie.target_id)),
        "n": tie.n,
        "suppressed": tie.suppressed,
        "rc": tie.rc if shown else None,
        "communication": tie.communication if shown else None,
        "relationship": tie.relationship if shown else None,
        "band": tie.band.value if shown and tie.band is not Band.UNRATED else None,
        "dimensions": {k: tie.dimensions.get(k) if shown else None for k in DIMENSION_KEYS},
        "spread": _spread_json(tie.spread) if shown and tie.spread is not None else None,
    }


def _spread_json(spread: Spread) -> dict[str, Any]:
    """Where the tie's respondents disagree: sd (n − 1), and from k + 2 respondents the range
    and the strip of how many lie nearest each point 1–5 (else null)."""
    return {"sd": spread.sd, "low": spread.low, "high": spread.high,
            "strip": list(spread.strip) if spread.strip is not None else None}


def _spread_cells(spread: Spread | None) -> list[str]:
    if spread is None:
        return ["", "", ""]
    return [two(spread.sd), two(spread.low), two(spread.high)]


def two(value: float | None) -> str:
    """A score with two decimals, or "" for none."""
    return "" if value is None else f"{value:.2f}"


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would read as a formula (= + - @)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def scores_csv(workshop: Workshop, scores: WaveScores, names: dict[int, str]) -> list[list[str]]:
    """One row per tie, then per role aggregate, then the overall figures; two decimals."""
    settings = workshop.settings

    def band(value: float | None) -> str:
        found = band_for(value, settings.weak_below, settings.strong_above)
        return "" if found is Band.UNRATED else found.value

    rows = [list(CSV_HEADER)]
    for t in scores.ties:
        shown = not t.suppressed
        values = [t.dimensions.get(k) if shown else None for k in DIMENSION_KEYS]
        rows.append(["tie", names.get(t.source_id, ""), names.get(t.target_id, ""),
                     "" if t.n is None else str(t.n), "yes" if t.suppressed else "no",
                     two(t.rc if shown else None), band(t.rc if shown else None),
                     two(t.communication if shown else None),
                     two(t.relationship if shown else None), *map(two, values),
                     *_spread_cells(t.spread if shown else None)])
    blank = [""] * (5 + len(DIMENSION_KEYS))
    for r in scores.roles:
        for kind, value in (("given", r.given), ("received", r.received), ("within", r.within)):
            rows.append([f"role {kind}", names.get(r.role_id, ""), "", "", "",
                         two(value), band(value), *blank])
    overall = scores.overall
    rows.append(["overall", "all ties", "", "", "", two(overall.rc), band(overall.rc), "", "",
                 *(two(overall.dimensions.get(k)) for k in DIMENSION_KEYS), "", "", ""])
    rows.append(["overall", "between roles", "", "", "", two(overall.between_roles),
                 band(overall.between_roles), *blank])
    return [[neutralise(cell) for cell in row] for row in rows]


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """CSV with CRLF line ends (a lone CR inside a cell stays quoted and round-trips)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()
