"""Properties of import + scoring, checked with Hypothesis against the real library.

- Any valid survey CSV (any encoding, delimiter, line ending, header spelling, blank
  answers, both frequency scales, one or two waves) scores exactly like a plain
  reference computation written here with fractions, independently of rcdesk.
- Any invalid file, or random bytes, never raises an unexpected exception and never
  changes the library (a full SQL dump is compared before and after).
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcdesk.domain.errors import ImportProblems
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.scores import ScoresService
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.store.connection import Library, open_library

KEYS = ("frequent", "timely", "accurate", "problem_solving", "shared_goals",
        "shared_knowledge", "mutual_respect")
COMMUNICATION, RELATIONSHIP = KEYS[:4], KEYS[4:]
ROLE_SPELLINGS = {"nurses": ["Nurses", " nurses", "NURSES "], "médecins": ["Médecins"],
                  "porters": ["Porters", "porters"], "ward clerks": ["Ward  Clerks", "ward clerks"]}
SUFFICIENCY = {1: 1, 2: 3, 3: 5, 4: 4, 5: 2}
HEADERS = {"respondent": ["respondent", "Respondent", "RESPONDENT"],
           "problem_solving": ["problem_solving", "Problem Solving", "problem-solving"],
           "shared_goals": ["shared goals", "Shared_Goals"]}
SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
_titles = itertools.count()


@dataclass(frozen=True)
class Row:
    wave: str
    respondent: str
    role: str  # as spelled in the file
    target: str
    values: tuple[int | None, ...]  # as written (answer positions for sufficiency)


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    library = open_library(tmp_path_factory.mktemp("lib") / "library.sqlite", create=True)
    yield library
    library.close()


def dump(library: Library) -> list[str]:
    return list(library.db.conn.iterdump())


# -- generating valid survey files -----------------------------------------------------------

values = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def survey_rows(draw: st.DrawFn) -> list[Row]:
    waves = draw(st.sampled_from([["Baseline"], ["Baseline", "Follow-up"]]))
    rows: list[Row] = []
    for wave in waves:
        for number in range(draw(st.integers(1, 9))):
            own = draw(st.sampled_from(sorted(ROLE_SPELLINGS)))
            targets = draw(st.lists(st.sampled_from(sorted(ROLE_SPELLINGS)), min_size=1,
                                    max_size=4, unique=True))
            for target in targets:
                rows.append(Row(wave, f"R{number}",
                                draw(st.sampled_from(ROLE_SPELLINGS[own])),
                                draw(st.sampled_from(ROLE_SPELLINGS[target])),
                                tuple(draw(values) for _ in KEYS)))
    return draw(st.permutations(rows))


@st.composite
def survey_files(draw: st.DrawFn) -> tuple[bytes, list[Row], FrequencyScale]:
    rows = draw(survey_rows())
    delimiter = draw(st.sampled_from([",", ";"]))
    ending = draw(st.sampled_from(["\r\n", "\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    header = [draw(st.sampled_from(HEADERS.get(name, [name])))
              for name in ("respondent", "role", "target", *KEYS, "wave")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=ending)
    writer.writerow(header)
    for r in rows:
        cells = ["" if v is None else draw(st.sampled_from([str(v), f" {v}", f"{v}.0"]))
                 for v in r.values]
        writer.writerow([r.respondent, r.role, r.target, *cells, r.wave])
    scale = draw(st.sampled_from(list(FrequencyScale)))
    return buffer.getvalue().encode(encoding), rows, scale


# -- the reference computation (fractions, no rcdesk code) -----------------------------------


def key(name: str) -> str:
    return " ".join(name.split()).casefold()


def fmean(items: list[Fraction]) -> Fraction | None:
    return sum(items, Fraction(0)) / len(items) if items else None


def reference(rows: list[Row], scale: FrequencyScale, k: int = 3) -> dict[str, object]:
    """{(rater key, rated key): figures or "suppressed"}, plus overall figures."""
    ties: dict[tuple[str, str], list[dict[str, int]]] = {}
    for r in rows:
        answered = {name: v for name, v in zip(KEYS, r.values, strict=True) if v is not None}
        if scale is FrequencyScale.SUFFICIENCY and "frequent" in answered:
            answered["frequent"] = SUFFICIENCY[answered["frequent"]]
        if answered:
            ties.setdefault((key(r.role), key(r.target)), []).append(answered)
    result: dict[str, object] = {}
    shown: dict[tuple[str, str], Fraction] = {}
    for tie, people in ties.items():
        if len(people) < k:
            result[str(tie)] = ("suppressed", len(people))
            continue
        rc = fmean([Fraction(sum(p.values()), len(p)) for p in people])
        assert rc is not None
        shown[tie] = rc
        result[str(tie)] = (len(people), rc, _group(people, COMMUNICATION),
                            _group(people, RELATIONSHIP),
                            {name: fmean([Fraction(p[name]) for p in people if name in p])
                             for name in KEYS})
    result["overall"] = fmean(list(shown.values()))
    result["between"] = fmean([v for (a, b), v in shown.items() if a != b])
    return result


def _group(people: list[dict[str, int]], names: tuple[str, ...]) -> Fraction | None:
    means = [Fraction(sum(p[n] for n in names if n in p), sum(1 for n in names if n in p))
             for p in people if any(n in p for n in names)]
    return fmean(means)


def close(a: float | None, b: Fraction | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Fraction(a) - b) < Fraction(1, 10**9)


def assert_matches(scores: WaveScores, names: dict[int, str], expected: dict[str, object]) -> None:
    ties = {str((key(names[t.source_id]), key(names[t.target_id]))): t for t in scores.ties}
    assert set(ties) == set(expected) - {"overall", "between"}
    for label, tie in ties.items():
        want = expected[label]
        assert isinstance(want, tuple)
        if want[0] == "suppressed":
            assert tie.suppressed and tie.n == want[1] and tie.rc is None
            continue
        n, rc, communication, relationship, dimensions = want
        assert not tie.suppressed and tie.n == n
        assert close(tie.rc, rc) and close(tie.communication, communication)
        assert close(tie.relationship, relationship)
        assert all(close(tie.dimensions[name], dimensions[name]) for name in KEYS)
    assert close(scores.overall.rc, expected["overall"])  # type: ignore[arg-type]
    assert close(scores.overall.between_roles, expected["between"])  # type: ignore[arg-type]


@SETTINGS
@given(survey=survey_files())
def test_valid_files_score_like_the_reference(shared_library: Library, tmp_path: Path,
                                              survey: tuple[bytes, list[Row], FrequencyScale]
                                              ) -> None:
    data, rows, scale = survey
    path = tmp_path / "survey.csv"
    path.write_bytes(data)
    service = LibraryService(shared_library)
    workshop_id = service.create(f"Ward {next(_titles)}")
    preview = preview_survey(shared_library, workshop_id, path, frequency_scale=scale)
    assert preview.ok, [p.describe() for p in preview.problems]
    assert preview.row_count == len(rows)
    commit_survey(shared_library, preview)
    scores = ScoresService(shared_library, workshop_id)
    names = {r.id: r.name for r in service.open_read_only(workshop_id).roles()}
    assert len(names) == len({key(n) for r in rows for n in (r.role, r.target)})
    for wave_name in dict.fromkeys(r.wave for r in rows):
        wave = scores.find_wave(wave_name)
        expected = reference([r for r in rows if r.wave == wave_name], scale)
        assert_matches(scores.wave_scores(wave.id, ScoreSource.SURVEY), names, expected)


# -- invalid files ---------------------------------------------------------------------------

MUTATIONS = ["value", "blank respondent", "short row", "quote", "duplicate", "second role",
             "drop column", "empty", "header only", "binary"]


@st.composite
def broken_files(draw: st.DrawFn) -> bytes:
    data, rows, _ = draw(survey_files())
    text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode(
        "cp1252" if b"\xe9" in data and b"\xc3" not in data else "utf-8-sig")
    lines = text.splitlines(keepends=True)
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    line = draw(st.integers(1, len(lines) - 1))
    cells = lines[line].rstrip("\r\n").split(delimiter)
    mutation = draw(st.sampled_from(MUTATIONS))
    if mutation == "value":
        cells[draw(st.integers(3, 9))] = draw(st.sampled_from(["0", "6", "x", "-1", "4.5",
                                                               "=1+1", "٣"]))
    elif mutation == "blank respondent":
        cells[0] = " "
    elif mutation == "short row":
        cells = cells[:draw(st.integers(1, len(cells) - 1))]
    elif mutation == "quote":
        cells[1] = '"' + cells[1]
    elif mutation == "duplicate":
        lines.append(lines[line] if lines[line].endswith("\n") else "\n" + lines[line])
    elif mutation == "second role":
        lines.append(delimiter.join([cells[0], "Pharmacists", "Pharmacists", *cells[3:]]) + "\n")
    elif mutation == "drop column":
        lines[0] = lines[0].replace("timely", "tardy")
    elif mutation == "empty":
        return draw(st.sampled_from([b"", b"\r\n\r\n", b"\xef\xbb\xbf", b"  \n"]))
    elif mutation == "header only":
        return lines[0].encode("utf-8")
    else:
        return b"PK\x03\x04" + data
    lines[line] = delimiter.join(cells) + "\n"
    return "".join(lines).encode("utf-8")


def check_untouched(library: Library, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    workshop_id = LibraryService(library).find("Untouched")
    before = dump(library)
    preview = preview_survey(library, workshop_id, path,
                             frequency_scale=FrequencyScale.MONOTONIC)
    assert dump(library) == before
    if preview.ok:
        return  # the mutation happened to leave a valid file: nothing to check here
    assert preview.problem_count >= 1 and all(p.describe() for p in preview.problems)
    with pytest.raises(ImportProblems):
        commit_survey(library, preview)
    assert dump(library) == before


@pytest.fixture(scope="module")
def untouched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """A library of its own, small, so that a full dump stays quick."""
    library = open_library(tmp_path_factory.mktemp("lib") / "untouched.sqlite", create=True)
    LibraryService(library).create("Untouched", roles=["Nurses", "Porters"])
    yield library
    library.close()


@SETTINGS
@given(data=broken_files())
def test_broken_files_are_refused_and_change_nothing(untouched: Library, tmp_path: Path,
                                                     data: bytes) -> None:
    check_untouched(untouched, tmp_path / "broken.csv", data)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400),
                      st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_random_bytes_are_refused_and_change_nothing(untouched: Library, tmp_path: Path,
                                                     data: bytes) -> None:
    check_untouched(untouched, tmp_path / "random.csv", data)
