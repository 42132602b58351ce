"""File names: outputs named from areas, rounds and ids (bounded, plain ASCII, never a
path or a name Windows reserves); people's files named from their names in any script
(letters kept, NFC, nothing a file system cannot hold)."""

from __future__ import annotations

import unicodedata

import pytest

from bbtool.files import MAX_STEM, MAX_STEM_BYTES, person_stem, safe_name


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


# ------------------------------------------------------------ people's file names


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Иван Петров", "иван-петров"),  # Cyrillic
        ("Γιώργος Παπαδόπουλος", "γιώργος-παπαδόπουλος"),  # Greek
        ("فاطمة الزهراء", "فاطمة-الزهراء"),  # Arabic
        ("李华", "李华"),  # CJK
        ("Zoë O'Brien", "zoë-o-brien"),
        ("José Núñez", "josé-núñez"),
        ("Jose Nunez", "jose-nunez"),  # differs only in accents: another stem
        ("../../etc/passwd", "etc-passwd"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"),
        ("Ann.  ", "ann"),  # no trailing dot or space
        ("a\x00b\x1b[2Jc\u202ed\u200be", "a-b-2jc-d-e"),  # control and format characters
        ("CON", "con-file"),
        ("com¹", "com¹-file"),
        ("😀 🎉", "participant"),  # nothing of the name is a letter or digit
        ("", "participant"),
    ],
)
def test_person_stem_keeps_every_script(name: str, stem: str) -> None:
    assert person_stem(name) == stem


def test_person_stem_is_nfc_whichever_way_accents_were_typed() -> None:
    decomposed = unicodedata.normalize("NFD", "José Núñez")
    assert person_stem(decomposed) == unicodedata.normalize("NFC", "josé-núñez")


@pytest.mark.parametrize(
    "name", ["x" * 500, "é" * 500, "李" * 500, "\U0001d538" * 500, "a" * 59 + " b"]
)
def test_person_stem_is_bounded(name: str) -> None:
    stem = person_stem(name)
    assert 0 < len(stem) <= MAX_STEM
    assert len(stem.encode()) <= MAX_STEM_BYTES
    assert not stem.endswith("-")
