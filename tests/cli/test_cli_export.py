"""`rcdesk export`: the map image, headless, read-only, with one-line errors."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rcdesk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.services.workshop_file import FORMAT_VERSION
from rcdesk.store.connection import open_library

SAMPLE = "Hospital discharge (sample)"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite"
    opened = open_library(path, create=True)
    try:
        build_sample(LibraryService(opened))
    finally:
        opened.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()
    return " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))


def test_export_writes_a_png_and_prints_its_path_without_touching_the_library(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(library)
    out = tmp_path / "map.png"
    code, lines, err = run(capsys, "--library", str(library), "export", SAMPLE.upper(), str(out))
    assert (code, err, lines) == (EXIT_OK, [], [str(out)])
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert digest(library) == before


def test_the_latest_wave_is_the_default_and_wave_picks_another(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latest, chosen = tmp_path / "latest.svg", tmp_path / "baseline.svg"
    assert run(capsys, "--library", str(library), "export", SAMPLE, str(latest))[0] == EXIT_OK
    assert run(capsys, "--library", str(library), "export", SAMPLE, str(chosen),
               "--wave", "baseline")[0] == EXIT_OK
    assert "Follow-up 1" in svg_text(latest) and "Baseline" not in svg_text(latest)
    assert "Baseline" in svg_text(chosen)
    for name in ("Nurses", "Case managers", "Community care"):
        assert name in svg_text(chosen)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("export", SAMPLE, "{tmp}/map.pdf.doc"), "map.pdf.doc"),
        (("export", SAMPLE, "{tmp}/map.pdf", "--compare", "Follow-up 1"), "different wave"),
        (("export", SAMPLE, "{tmp}/map.pdf", "--compare", "Spring"), "Spring"),
        (("export", SAMPLE, "{tmp}/map.csv", "--table", "risks"), "invalid choice"),
        (("export", SAMPLE, "{tmp}/map.png", "--wave", "Spring"), "Spring"),
        (("export", "No such workshop", "{tmp}/map.png"), "No such workshop"),
        (("export", SAMPLE, "{tmp}/missing/map.png"), "missing"),
    ],
)
def test_bad_input_is_exit_2_with_one_line(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...], message: str
) -> None:
    args = [a.format(tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, "--library", str(library), *args)
    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert message in err[0]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("map", ".map"))) == []


def test_export_runs_with_no_display_and_never_imports_qt(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "headless.png"
    script = textwrap.dedent(
        f"""
        import sys
        from rcdesk.cli import main
        code = main(["--library", {str(library)!r}, "export", {SAMPLE!r}, {str(out)!r}])
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")
                        or m.startswith("matplotlib.backends.backend_qt"))
        print("exit", code, "qt", loaded)
        """
    )
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MPLBACKEND")}
    env["MPLCONFIGDIR"] = str(tmp_path / "mpl")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "exit 0 qt []"
    assert out.stat().st_size > 10_000


def test_export_writes_the_pdf_summary_with_the_change_since_a_wave(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pypdf

    before = digest(library)
    out = tmp_path / "summary.pdf"
    code, lines, err = run(capsys, "--library", str(library), "export", SAMPLE, str(out),
                           "--compare", "baseline")
    assert (code, err, lines) == (EXIT_OK, [], [str(out)])
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    for heading in ("Hospital discharge (sample)", "Relational map", "RC scores",
                    "Change since Baseline", "Method note"):
        assert heading in text
    assert digest(library) == before


@pytest.mark.parametrize(("name", "start"), [("data.graphml", b"<?xml"), ("data.json", b"{"),
                                             ("data.csv", b"kind,from,to")])
def test_export_writes_data_files_by_suffix(library: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str], name: str,
                                            start: bytes) -> None:
    out = tmp_path / name
    code, lines, _ = run(capsys, "--library", str(library), "export", SAMPLE, str(out),
                         "--wave", "Baseline")
    assert (code, lines) == (EXIT_OK, [str(out)])
    assert out.read_bytes().startswith(start)
    assert "Baseline" in out.read_text(encoding="utf-8") or name.endswith(".csv")


def test_workshop_file_export_and_import(library: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ward.rcdesk"
    assert run(capsys, "--library", str(library), "export", SAMPLE, str(out))[:2] == \
        (EXIT_OK, [str(out)])
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)
    other = tmp_path / "other.sqlite"
    run(capsys, "--library", str(other), "new", "Somewhere else")
    code, lines, err = run(capsys, "--library", str(other), "import", str(out))
    assert (code, err) == (EXIT_OK, [])
    assert lines == [f"Imported the workshop “{SAMPLE}” from ward.rcdesk."]
    code, lines, _ = run(capsys, "--library", str(other), "import", str(out))
    assert lines == [f"Imported the workshop “{SAMPLE} (2)” from ward.rcdesk."]
    newer = tmp_path / "newer.rcdesk"
    document = json.loads(out.read_text(encoding="utf-8"))
    document["version"] = FORMAT_VERSION + 1
    newer.write_text(json.dumps(document), encoding="utf-8")
    before = digest(other)
    code, lines, err = run(capsys, "--library", str(other), "import", str(newer))
    assert (code, lines, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert "newer rcdesk" in err[0] and digest(other) == before


def test_a_survey_import_still_needs_its_workshop(library: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text("respondent,role,target,frequent\r\n", encoding="utf-8")
    code, out, err = run(capsys, "--library", str(library), "import", str(survey))
    assert (code, out) == (EXIT_BAD_INPUT, [])
    assert "--workshop" in err[0]


@pytest.mark.parametrize(("table", "header"), [("gaps", "title,area,current"),
                                               ("experiments", "title,gap,state")])
def test_export_writes_the_gap_log_and_experiments_as_csv(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, header: str
) -> None:
    out = tmp_path / f"{table}.csv"
    code, lines, _ = run(capsys, "--library", str(library), "export", SAMPLE, str(out),
                         "--table", table)
    assert (code, lines) == (EXIT_OK, [str(out)])
    rows = out.read_bytes().decode("utf-8").split("\r\n")
    assert rows[0].startswith(header) and len(rows) > 2


def test_pdf_sections_can_be_chosen_and_unknown_ones_are_named(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    out = tmp_path / "short.pdf"
    code, lines, _ = run(capsys, "--library", str(library), "export", "1", str(out),
                         "--sections", "cover,method")
    assert code == EXIT_OK and lines == [str(out)]
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Method note" in text and "Relational map" not in text
    code, _, err = run(capsys, "--library", str(library), "export", "1",
                       str(tmp_path / "x.pdf"), "--sections", "cover,gossip")
    assert code == EXIT_BAD_INPUT and len(err) == 1 and "gossip" in err[0]
    assert not (tmp_path / "x.pdf").exists()


def test_the_apps_child_task_writes_the_typed_request_it_reads_on_stdin(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import json

    from rcdesk.services.exporting import ExportRequest

    out = tmp_path / "map.svg"
    request = ExportRequest(library, 1, out)
    monkeypatch.setattr(sys, "stdin", io.StringIO(request.to_json()))
    code, lines, err = run(capsys, "--child", "export")
    assert (code, err) == (EXIT_OK, []) and json.loads(lines[0]) == str(out)
    assert SAMPLE in svg_text(out)
    monkeypatch.setattr(sys, "stdin", io.StringIO(request.to_json()))
    code, lines, err = run(capsys, "--child", "nonsense")
    assert code == EXIT_BAD_INPUT and lines == [] and "Unknown child task" in err[0]


def test_the_apps_map_image_child_draws_the_map_it_is_handed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Map ▸ Export Map… hands the map as shown to `rcdesk --child map_image`: the roles,
    the ties, the lens and the title arrive whole; a damaged request is refused calmly,
    and a file name that is neither PNG nor SVG is refused before any child starts."""
    import io

    from rcdesk.domain.errors import DomainError
    from rcdesk.domain.model import Role, Tie
    from rcdesk.services.map_request import MapImageRequest

    roles = (Role(1, 1, "Nurses", 0, x=0.0, y=0.0), Role(2, 1, "Pharmacists", 1, x=200.0, y=0.0))
    out = tmp_path / "shown.svg"
    request = MapImageRequest.of(roles, (Tie(1, 1, 1, 2),), None, out, lens=None,
                                 hidden=True, projector=False, title="Ward 7 — Baseline",
                                 weak_below=3.0, strong_above=4.2)
    assert MapImageRequest.from_payload(request.to_payload()) == request
    monkeypatch.setattr(sys, "stdin", io.StringIO(request.to_payload()))
    code, lines, err = run(capsys, "--child", "map_image")
    assert (code, err) == (EXIT_OK, []) and json.loads(lines[0]) == str(out)
    assert "Pharmacists" in svg_text(out) and "Ward 7 — Baseline" in svg_text(out)
    monkeypatch.setattr(sys, "stdin", io.StringIO(request.to_payload()[:40]))
    code, lines, err = run(capsys, "--child", "map_image")
    assert code == EXIT_BAD_INPUT and lines == [] and "did not arrive whole" in err[0]
    with pytest.raises(DomainError, match=r"\.png or \.svg"):
        MapImageRequest.of(roles, (), None, tmp_path / "map.gif", lens=None, hidden=False,
                           projector=False, title="", weak_below=3.5, strong_above=4.0)
