"""Bundled data is reached through the one resource façade."""

from __future__ import annotations

import json

from rcdesk import resource_files


def test_the_bundled_font_is_a_truetype_file() -> None:
    font = resource_files.resource("fonts", "DejaVuSans.ttf")
    assert font.is_file()
    data = resource_files.read_bytes("fonts", "DejaVuSans.ttf")
    assert data[:4] == b"\x00\x01\x00\x00"  # TrueType outline font signature
    assert len(data) > 100_000
    assert resource_files.resource("fonts", "DejaVuSans-Bold.ttf").is_file()


def test_the_sample_workshop_is_readable_json() -> None:
    assert resource_files.resource("sample", "discharge.json").is_file()
    data = json.loads(resource_files.read_text("sample", "discharge.json"))
    assert data["format"] == "rcdesk-sample"
    assert {"title", "roles", "waves", "ratings", "meetings"} <= set(data)


def test_the_root_is_a_folder_and_missing_files_are_not_found() -> None:
    assert resource_files.root().is_dir()
    assert not resource_files.resource("fonts", "NoSuchFont.ttf").is_file()
