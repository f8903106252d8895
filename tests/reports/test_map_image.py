"""The map image: PNG at 2×, SVG with real text, band colours, hidden scores, safe writes."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from rcdesk.analysis.live_scores import live_wave_scores
from rcdesk.domain.dimensions import OVERALL
from rcdesk.domain.errors import DomainError
from rcdesk.domain.model import Rating, Role, Tie
from rcdesk.reports import map_style as ms
from rcdesk.reports.map_image import map_figure, write_map_image

BAND_COLOURS = {ms.BAND_STYLES[b].colour.lower() for b in
                (ms.Band.WEAK, ms.Band.MODERATE, ms.Band.STRONG)}
ROLES = [Role(1, 1, "Nurses", 0, x=200.0, y=200.0),
         Role(2, 1, "Physicians", 1, x=600.0, y=220.0),
         Role(3, 1, "Ward clerks", 2, x=400.0, y=560.0),
         Role(4, 1, "Εθελοντές", 3)]  # no position yet; a Greek name must survive
TIES = [Tie(1, 1, 1, 2), Tie(2, 1, 2, 1), Tie(3, 1, 2, 3), Tie(4, 1, 1, 1), Tie(5, 1, 3, 4)]


def scores() -> Any:
    ratings = [Rating(1, 1, OVERALL, 2), Rating(2, 1, OVERALL, 4), Rating(3, 1, OVERALL, 5),
               Rating(4, 1, "timely", 5)]
    return live_wave_scores(ROLES, TIES, ratings, 1, 3.5, 4.0)


def svg_texts(path: Path) -> str:
    root = ET.parse(path).getroot()
    return " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def test_svg_keeps_names_legend_and_values_as_text(tmp_path: Path) -> None:
    out = write_map_image(map_figure(ROLES, TIES, scores(), title="Discharge"),
                          tmp_path / "map.svg")
    assert out == tmp_path / "map.svg"
    texts = svg_texts(out)
    for name in ("Nurses", "Physicians", "Ward clerks", "Εθελοντές", "Discharge",
                 "Tie strength", *(s.label for s in ms.legend_entries(False))):
        assert name in texts
    assert "2.00" in texts and "5.00" in texts  # tie values, two decimals off the projector


def tie_strokes(path: Path) -> dict[str, list[str]]:
    """The stroke colour of every tie curve, by its SVG group ("ties-weak", …)."""
    root = ET.parse(path).getroot()
    strokes: dict[str, list[str]] = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        gid = group.get("id", "")
        if gid.startswith("ties-") and not gid.endswith("-arrows"):
            for item in group.iter("{http://www.w3.org/2000/svg}path"):
                found = re.search(r"stroke: (#[0-9a-f]{6})", item.get("style", "").lower())
                strokes.setdefault(gid, []).append(found.group(1) if found else "none")
    return strokes


def colour(band: ms.Band) -> str:
    return ms.BAND_STYLES[band].colour.lower()


def test_svg_draws_each_tie_in_its_band_colour(tmp_path: Path) -> None:
    out = write_map_image(map_figure(ROLES, TIES, scores()), tmp_path / "map.svg")
    # 1→2 quick 2 (weak), 2→1 quick 4 (moderate), 2→3 quick 5 and 1→1 timely 5 (strong),
    # 3→4 not rated.
    assert tie_strokes(out) == {
        "ties-weak": [colour(ms.Band.WEAK)], "ties-moderate": [colour(ms.Band.MODERATE)],
        "ties-strong": [colour(ms.Band.STRONG)] * 2,
        "ties-not-rated": [colour(ms.Band.UNRATED)]}
    # Drawn in the screen's order (map_style.DRAW_ORDER): strong ties last, on top.
    assert list(tie_strokes(out)) == ["ties-not-rated", "ties-weak", "ties-moderate",
                                      "ties-strong"]


def test_hidden_scores_show_no_band_colours_and_no_numbers(tmp_path: Path) -> None:
    out = write_map_image(map_figure(ROLES, TIES, scores(), hidden=True), tmp_path / "h.svg")
    source = out.read_text(encoding="utf-8").lower()
    assert not BAND_COLOURS & set(re.findall(r"#[0-9a-f]{6}", source))
    assert tie_strokes(out) == {"ties-tie": [ms.HIDDEN_STYLE.colour.lower()] * len(TIES)}
    texts = svg_texts(out)
    assert "2.00" not in texts and "strong" not in texts
    assert ms.HIDDEN_STYLE.label in texts


def test_a_dimension_lens_colours_by_that_dimension(tmp_path: Path) -> None:
    out = write_map_image(map_figure(ROLES, TIES, scores(), lens="timely"), tmp_path / "l.svg")
    # Only the loop has a timely rating (5, strong); the quick ratings have none.
    assert tie_strokes(out) == {"ties-strong": [colour(ms.Band.STRONG)],
                                "ties-not-rated": [colour(ms.Band.UNRATED)] * 4}
    assert "Timely communication" in svg_texts(out)


def test_png_is_twice_the_on_screen_size(tmp_path: Path) -> None:
    figure = map_figure(ROLES, TIES, scores(), projector=True)
    width_in, height_in = figure.get_size_inches()
    out = write_map_image(figure, tmp_path / "map.png")
    width, height = png_size(out)
    assert width == pytest.approx(width_in * 96 * 2, abs=2)
    assert height == pytest.approx(height_in * 96 * 2, abs=2)
    # The figure is the map's scene size: 1 scene unit = 1 px at 96 dpi.
    assert width_in * 96 > 600 - 200


def test_no_scores_and_no_roles_still_draw(tmp_path: Path) -> None:
    assert png_size(write_map_image(map_figure(ROLES, TIES, None), tmp_path / "a.png"))[0] > 0
    assert png_size(write_map_image(map_figure([], [], None), tmp_path / "b.png"))[0] > 0


@pytest.mark.parametrize("name", ["map.pdf", "map", "map.png.txt"])
def test_other_extensions_are_refused_naming_the_path(tmp_path: Path, name: str) -> None:
    with pytest.raises(DomainError, match=str(tmp_path / name).replace(".", r"\.")):
        write_map_image(map_figure([], [], None), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["map.png", "map.svg"])
def test_a_failed_write_leaves_the_old_file_and_no_partial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from rcdesk.reports import png_file

    target = tmp_path / name
    target.write_bytes(b"old image")
    figure = map_figure(ROLES, TIES, scores())

    def broken_write(handle: Any, **kwargs: Any) -> None:
        handle.write(b"half an image")
        raise RuntimeError("renderer crashed")

    # the PNG is written from the drawn pixels by png_file (chunk by chunk), the SVG by
    # savefig
    monkeypatch.setattr(figure, "savefig", broken_write)
    real_chunk = png_file._chunk

    def broken_chunk(handle: Any, kind: bytes, data: bytes) -> None:
        real_chunk(handle, kind, data)
        if kind == b"IDAT":
            raise RuntimeError("disk gone")

    monkeypatch.setattr(png_file, "_chunk", broken_chunk)
    with pytest.raises(RuntimeError):
        write_map_image(figure, target)
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert target.read_bytes() == b"old image"


def test_the_image_gets_ordinary_file_permissions(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        out = write_map_image(map_figure([], [], None), tmp_path / "map.svg")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644


def test_an_unwritable_folder_is_a_domain_error(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="missing"):
        write_map_image(map_figure([], [], None), tmp_path / "missing" / "map.svg")


def test_building_a_figure_never_loads_pyplot_or_qt() -> None:
    from fresh_python import printed_by

    script = ("import sys\n"
              "from rcdesk.reports.map_image import map_figure\n"
              "map_figure([], [], None)\n"
              "print(sorted(m for m in sys.modules if m in ('matplotlib.pyplot', 'PySide6')\n"
              "      or m.startswith('matplotlib.backends.backend_qt')))\n")
    assert printed_by(script) == "[]"


def test_a_projected_image_shows_a_number_in_the_band_its_tie_is_drawn_in(tmp_path: Path) -> None:
    """A 3.46 tie is weak: on the projector's one decimal it read "3.5", a moderate number."""
    from dataclasses import replace

    from rcdesk.domain.bands import Band

    base = scores()
    tie = next(t for t in base.ties if (t.source_id, t.target_id) == (1, 2))
    weak = replace(tie, rc=3.46, band=Band.WEAK)
    shown = replace(base, ties=tuple(weak if t is tie else t for t in base.ties))
    out = write_map_image(map_figure(ROLES, TIES, shown, projector=True), tmp_path / "map.svg")
    texts = svg_texts(out).split()
    assert "3.46" in texts and "3.5" not in texts


def test_a_map_too_big_for_one_image_is_refused_before_drawing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rcdesk.reports import map_image

    monkeypatch.setattr(map_image, "MAX_IMAGE_TIES", 4)
    with pytest.raises(DomainError, match=r"4 roles and 5 ties.*duplicate the workshop"):
        map_figure(ROLES, TIES, scores())


def test_a_huge_png_is_written_with_fewer_pixels(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from rcdesk.reports import map_image

    monkeypatch.setattr(map_image, "MAX_PNG_PIXELS", 200_000)
    width, height = png_size(write_map_image(map_figure(ROLES, TIES, None), tmp_path / "m.png"))
    assert width * height <= 200_000 * 1.01


def test_a_big_map_s_png_steps_down_towards_its_on_screen_size_and_no_further(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rcdesk.reports import map_image

    figure = map_figure(ROLES, TIES, None)
    width_in, height_in = figure.get_size_inches()
    screen = width_in * 96 * height_in * 96
    monkeypatch.setattr(map_image, "PNG_PIXELS", screen * 2.25)  # room for 1.5×, not 2×
    width, height = png_size(write_map_image(figure, tmp_path / "big.png"))
    assert width == pytest.approx(width_in * 96 * 1.5, abs=2)
    assert height == pytest.approx(height_in * 96 * 1.5, abs=2)
    monkeypatch.setattr(map_image, "PNG_PIXELS", screen / 4)  # never below screen size
    width, height = png_size(write_map_image(figure, tmp_path / "huge.png"))
    assert (width, height) == (pytest.approx(width_in * 96, abs=2),
                               pytest.approx(height_in * 96, abs=2))


def _tie_collections(figure: Any) -> list[Any]:
    return [c for ax in figure.axes for c in ax.collections
            if str(c.get_gid() or "").startswith("ties-")]


def test_ties_are_smoothed_unless_the_map_is_dense(monkeypatch: pytest.MonkeyPatch) -> None:
    from rcdesk.reports import map_image

    smooth = _tie_collections(map_figure(ROLES, TIES, scores()))
    assert smooth and all(all(c.get_antialiased()) for c in smooth)
    monkeypatch.setattr(map_image, "DENSE_TIES", len(TIES) - 1)
    dense = _tie_collections(map_figure(ROLES, TIES, scores()))
    assert len(dense) == len(smooth) and not any(any(c.get_antialiased()) for c in dense)


def tie_subpaths(path: Path) -> dict[str, list[int]]:
    """Each SVG tie group's paths, as the number of subpaths (moves) in each."""
    root = ET.parse(path).getroot()
    return {group.get("id", ""): [item.get("d", "").count("M")
                                  for item in group.iter("{http://www.w3.org/2000/svg}path")]
            for group in root.iter("{http://www.w3.org/2000/svg}g")
            if group.get("id", "").startswith("ties-")}


def test_a_dense_maps_svg_holds_every_tie_as_a_subpath_of_its_styles_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond DENSE_TIES, a style's ties are one SVG path (a subpath a tie), their arrows
    another: every tie is still there, in its band's group and colour."""
    from rcdesk.reports import map_image

    figure = map_figure(ROLES, TIES, scores())
    monkeypatch.setattr(map_image, "DENSE_TIES", len(TIES) - 1)
    out = write_map_image(figure, tmp_path / "dense.svg")
    per_band = {"weak": 1, "moderate": 1, "strong": 2, "not-rated": 1}
    assert tie_subpaths(out) == {
        **{f"ties-{band}": [n] for band, n in per_band.items()},
        **{f"ties-{band}-arrows": [n] for band, n in per_band.items()}}
    assert tie_strokes(out) == {
        "ties-weak": [colour(ms.Band.WEAK)], "ties-moderate": [colour(ms.Band.MODERATE)],
        "ties-strong": [colour(ms.Band.STRONG)], "ties-not-rated": [colour(ms.Band.UNRATED)]}
    # The figure itself is left as it was: one path a tie (a PNG of it draws them so).
    assert sorted(len(c.get_paths()) for c in _tie_collections(figure)) == [1, 1, 1, 1, 1, 1,
                                                                             2, 2]


def test_arrowheads_all_turn_the_same_way_so_overlapping_ones_stay_filled() -> None:
    """One path of many triangles is filled by the nonzero rule: a triangle turning the
    other way would cut a hole where two arrowheads overlap."""
    figure = map_figure(ROLES, TIES, scores())
    turns = []
    for collection in _tie_collections(figure):
        if str(collection.get_gid()).endswith("-arrows"):
            for path in collection.get_paths():
                (ax, ay), (bx, by), (cx, cy) = path.vertices[:3]
                turns.append((bx - ax) * (cy - ay) - (by - ay) * (cx - ax) > 0)
    assert len(turns) == len(TIES) and len(set(turns)) == 1


def test_each_curve_stops_inside_its_arrowhead_on_the_tie_s_own_curve() -> None:
    """Curves are computed for all ties at once: each still starts at its tie's start,
    bends towards its control point and stops inside the arrowhead, before the tip."""
    import math

    from rcdesk.reports.map_image import _geometries
    from rcdesk.reports.map_ties import tie_vertices

    places = {r.id: (r.x, r.y) for r in ROLES if r.x is not None and r.y is not None}
    geometries = [g for _, g in _geometries(TIES, places)]
    curves, arrows = tie_vertices(geometries)
    for g, (start, control, end), arrow in zip(geometries, curves, arrows, strict=True):
        assert tuple(start) == pytest.approx(g.start)
        # de Casteljau: the new control point lies on the way from start to the old one
        share = math.dist(start, control) / math.dist(g.start, g.control)
        assert tuple(control) == pytest.approx(
            (g.start[0] + (g.control[0] - g.start[0]) * share,
             g.start[1] + (g.control[1] - g.start[1]) * share))
        # inside the arrowhead, short of its tip (by the curve parameter, so by distance
        # only roughly 0.6 arrow lengths: a quadratic curve is not even-paced)
        assert ms.ARROW_LENGTH * 0.3 < math.dist(end, g.end) < ms.ARROW_LENGTH
        assert [tuple(p) for p in arrow] == [*g.arrow, g.arrow[0]]


@pytest.mark.parametrize("projector", [False, True])
def test_the_legend_fits_a_narrow_map_s_image(projector: bool) -> None:
    """A map narrower than its legend (a few roles, the projector's type in the PDF)
    gets an image wide enough for the legend: it was cut at both sides ("strength",
    "not r")."""
    narrow = [Role(1, 1, "A", 0, x=0.0, y=0.0), Role(2, 1, "B", 1, x=0.0, y=200.0)]
    figure = map_figure(narrow, [Tie(1, 1, 1, 2)], None, projector=projector)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    figure.draw(renderer)
    box = figure.legends[0].get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width
