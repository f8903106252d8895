"""What a chart's rules found, in plain words: the only place rcdesk says "signal".

Each stage of a chart (analysis/run_chart.py) gets its findings: which Anhøj rule
fired ("8 points in a row above the median: a shift"), how many points lie
outside the control limits, or "too few points to judge" below ten useful points.
The chart's verdict is its last stage's: the stage that describes the process as it
runs now (an earlier stage was closed by adopting a change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from rcdesk.analysis.spc import MIN_USEFUL, Runs
from rcdesk.domain.gaps import ChartType

if TYPE_CHECKING:
    from rcdesk.analysis.run_chart import Stage


class Judgement(Enum):
    SIGNAL = "signal"
    NO_SIGNAL = "no signal yet"
    TOO_FEW = "too few points to judge"

    @property
    def label(self) -> str:
        return self.value[0].upper() + self.value[1:]


@dataclass(frozen=True)
class Verdict:
    judgement: Judgement
    #: The findings behind it, as sentences without a full stop.
    reasons: tuple[str, ...]
    #: "" for a one-stage chart, else "since cycle 2 was adopted".
    scope: str = ""
    #: What earlier stages showed: "Before cycle 2 was adopted: signal (…)".
    earlier: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        """The verdict and what the earlier stages showed, for the chart's caption."""
        return " ".join((self.text, *self.earlier))

    @property
    def text(self) -> str:
        """One line: "Signal: 8 points in a row above the median: a shift."."""
        scope = f" {self.scope}" if self.scope else ""
        if self.judgement is Judgement.SIGNAL:
            return f"Signal{scope}: " + "; ".join(self.reasons) + "."
        if self.judgement is Judgement.TOO_FEW:
            return f"Too few points to judge{scope}: " + "; ".join(self.reasons) + "."
        return f"No signal yet{scope}: " + "; ".join(self.reasons) + "."


def centre_name(chart: ChartType) -> str:
    return "median" if chart is ChartType.RUN else "centre line"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def stage_findings(runs: Runs, outside: int, chart: ChartType) -> tuple[str, ...]:
    """The rules that fired in one stage, or why none could or did."""
    line = centre_name(chart)
    if not runs.judged:
        return (f"{_plural(runs.n_useful, 'useful point')}, the rules need {MIN_USEFUL}",)
    found = []
    if runs.long_run_signal:
        side = "above" if runs.longest_side > 0 else "below"
        found.append(f"{runs.longest_run} points in a row {side} the {line}: a shift "
                     f"(more than {runs.longest_run_max} is unusual for {runs.n_useful} "
                     "points)")
    if runs.crossings_signal:
        found.append(f"the values cross the {line} only {_plural(runs.crossings, 'time')} "
                     f"(fewer than {runs.crossings_min} is unusual for {runs.n_useful} "
                     "points): a shift or trend")
    if outside:
        found.append(f"{_plural(outside, 'point')} outside the control limits")
    return tuple(found)


def stage_judgement(stage: Stage) -> Judgement:
    if not stage.runs.judged:
        return Judgement.TOO_FEW
    return Judgement.SIGNAL if stage.runs.signal or stage.outside else Judgement.NO_SIGNAL


def verdict(stages: Sequence[Stage], chart: ChartType) -> Verdict:
    """The verdict of the chart: its last stage's findings."""
    last = stages[-1]
    judgement = stage_judgement(last)
    reasons = last.findings
    if judgement is Judgement.NO_SIGNAL:
        r = last.runs
        reasons = (f"longest run {r.longest_run} (a shift needs more than {r.longest_run_max})"
                   f", {_plural(r.crossings, 'crossing')} of the {centre_name(chart)} (fewer "
                   f"than {r.crossings_min} would signal)",)
        if chart is not ChartType.RUN:
            reasons += ("no point outside the control limits",)
    earlier = []
    for before, after in zip(stages, stages[1:], strict=False):
        found = stage_judgement(before)
        why = f" ({'; '.join(before.findings)})" if found is not Judgement.NO_SIGNAL else ""
        until = after.cause.replace("since", "Until", 1)
        earlier.append(f"{until}: {found.value}{why}.")
    return Verdict(judgement, reasons, last.cause, tuple(earlier))
