"""The sample workshop's PDF summary as PNG pages in docs/report/ (needs pdftoppm).

    python scripts/report_pages.py

Builds the sample in a temporary library, exports its PDF with the `rcdesk export` code path
and renders every page at 60 dpi to docs/report/sample-N.png (old pages are removed first),
so docs/report.md and the README show the report as it is now.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "report"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from rcdesk.cli import main as rcdesk

    with tempfile.TemporaryDirectory() as folder:
        library, pdf = Path(folder) / "library.sqlite", Path(folder) / "sample.pdf"
        if rcdesk(["--library", str(library), "demo"]) != 0:
            return 1
        if rcdesk(["--library", str(library), "export", "Hospital discharge (sample)",
                   str(pdf)]) != 0:
            return 1
        for old in OUT.glob("sample-*.png"):
            old.unlink()
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(OUT / "sample")],
                       check=True)
    for page in sorted(OUT.glob("sample-*.png")):  # pdftoppm pads numbers: sample-01.png
        number = int(page.stem.split("-")[1])
        page.rename(OUT / f"sample-{number}.png")
    print(f"{len(list(OUT.glob('sample-*.png')))} pages in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
