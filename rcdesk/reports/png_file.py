"""An opaque image written as a PNG file, fast: rows unfiltered, deflated at zlib level 1.

Pillow chooses a filter for each row by trying all five (as libpng does), which on a
25-megapixel map took twice as long as deflating the rows themselves; a map is mostly
flat colour, which deflate shrinks as well unfiltered (the 200-role map's file came out
a tenth smaller). The file is a standard PNG (ISO/IEC 15948): 8-bit RGB, its
resolution (pHYs) and text chunks (tEXt), the pixels in IDAT chunks written a block of
rows at a time, so no second copy of the whole image is ever held.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping
from typing import IO, Any

SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Rows deflated at a time (a few megabytes of pixels).
BLOCK_ROWS = 256
LEVEL = 1
INCH_PER_METRE = 39.3701


def _chunk(handle: IO[bytes], kind: bytes, data: bytes) -> None:
    handle.write(struct.pack(">I", len(data)))
    handle.write(kind)
    handle.write(data)
    handle.write(struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))))


def write_png(handle: IO[bytes], pixels: Any, dpi: float,
              text: Mapping[str, str] | None = None) -> None:
    """Write `pixels` (height × width × 3 or × 4 uint8, an array or a buffer such as Agg's
    buffer_rgba(); a fourth channel, alpha,
    is left out: the image is opaque) to `handle` as an RGB PNG at `dpi`."""
    import numpy as np

    pixels = np.asarray(pixels)
    height, width = int(pixels.shape[0]), int(pixels.shape[1])
    handle.write(SIGNATURE)
    _chunk(handle, b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    per_metre = round(dpi * INCH_PER_METRE)
    _chunk(handle, b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
    for key, value in (text or {}).items():
        _chunk(handle, b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1"))
    deflate = zlib.compressobj(LEVEL)
    rows = np.zeros((min(BLOCK_ROWS, height), 1 + width * 3), dtype=np.uint8)  # filter 0
    for top in range(0, height, BLOCK_ROWS):
        block = pixels[top:top + BLOCK_ROWS, :, :3]
        count = block.shape[0]
        rows[:count, 1:].reshape(count, width, 3)[...] = block  # a view: one copy
        data = deflate.compress(rows[:count].tobytes())
        if data:
            _chunk(handle, b"IDAT", data)
    _chunk(handle, b"IDAT", deflate.flush())
    _chunk(handle, b"IEND", b"")
