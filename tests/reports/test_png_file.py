"""The PNG writer: a standard file any reader opens, with the very pixels it was given."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from rcdesk.reports import png_file
from rcdesk.reports.png_file import write_png


def pixels(height: int, width: int, channels: int) -> np.ndarray:
    rng = np.random.default_rng(7)
    image = rng.integers(0, 256, size=(height, width, channels), dtype=np.uint8)
    image[: height // 2] = (30, 120, 200, 255)[:channels]  # flat colour, as maps have
    return image


@pytest.mark.parametrize("channels", [3, 4])
def test_pillow_reads_back_the_same_rgb_pixels_resolution_and_text(channels: int,
                                                                   monkeypatch) -> None:
    monkeypatch.setattr(png_file, "BLOCK_ROWS", 7)  # rows in several blocks, a short last one
    source = pixels(45, 31, channels)
    buffer = io.BytesIO()
    write_png(buffer, source, 192.0, {"Software": "rcdesk"})
    buffer.seek(0)
    image = Image.open(buffer)
    image.load()
    assert image.mode == "RGB" and image.size == (31, 45)
    assert np.array_equal(np.asarray(image), source[:, :, :3])  # alpha left out
    assert image.info["dpi"] == pytest.approx((192.0, 192.0), abs=0.01)
    assert image.info["Software"] == "rcdesk"


def test_an_agg_buffer_is_taken_as_it_is() -> None:
    """matplotlib's buffer_rgba() is a memoryview, not an array."""
    source = pixels(3, 5, 4)
    buffer = io.BytesIO()
    write_png(buffer, memoryview(source), 96.0)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(buffer.getvalue()))),
                          source[:, :, :3])
