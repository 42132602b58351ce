"""Output file names made from areas, rounds and ids: bounded, plain ASCII, never a
path or a name Windows reserves."""

from __future__ import annotations

import pytest

from bbtool.files import MAX_STEM, safe_name


@pytest.mark.parametrize(
    "text",
    [
        "../../etc",
        "..",
        "/etc/passwd",
        "CON",
        "con",
        "LPT1",
        "COM¹",
        "nul.txt",
        "a/b\\c",
        "x" * 500,
        "é" * 500,
        "Ωμέγα 北京 ☃",
        "",
        " . ",
        "-" * 100,
        "a\0b",
        "C:\\Windows\\system32",
    ],
)
def test_safe_name_is_bounded_plain_and_not_reserved(text: str) -> None:
    stem = safe_name(text, fallback="report")
    assert 0 < len(stem) <= MAX_STEM + len("-file")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in stem)
    assert not stem.startswith("-")
    assert not stem.endswith("-")
    assert stem.split(".")[0].lower() not in {"con", "prn", "aux", "nul", "com1", "lpt1"}
    assert stem not in {".", ".."}
