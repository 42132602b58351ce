"""``--anonymise``: participants become P01, P02, ... in every output of ``report`` and
``compare``, and no participant's name (nor, unless asked, their organisation) is left
in any written byte: JSON, Markdown, every XML part of the workbook, the PNGs (pixels
are drawn without names; their text chunks are searched) and the terminal.

The demo's evidence and reflections mention no participant by name, so the plain
``--anonymise`` run must contain no name at all; a name that a participant writes into
their own evidence is kept by ``--anonymise`` and removed only with ``--no-text``
(tested below), as SECURITY.md says. The pseudonyms themselves and the transform:
tests/unit/core/test_anonymise.py.
"""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import Result

from _demo import DEMO, NAMES, ORGANISATIONS
from _outputs import outputs
from bbtool.core.anonymise import pseudonyms

Run = Callable[..., Result]


def _words() -> list[str]:
    """Every full name, first name and surname (with Ciarán also without the accent),
    and the file-name form (``priya-shah``)."""
    found = set()
    for name in NAMES:
        found |= {name, *name.split(), name.lower().replace(" ", "-")}
    found |= {"Ciaran", "ciaran-murphy"}
    return sorted(found)


def _copy_demo(tmp_path: Path, name: str = "demo") -> Path:
    root = tmp_path / name
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("report"))
    return root


def _png_texts(data: bytes) -> Iterator[bytes]:
    """The contents of a PNG's text chunks (tEXt, zTXt decompressed, iTXt)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"tEXt":
            yield body
        elif kind == b"zTXt":
            keyword, _, rest = body.partition(b"\0")
            yield keyword + b"\0" + zlib.decompress(rest[1:])
        elif kind == b"iTXt":
            yield body  # compressed iTXt is not written by matplotlib
        at += 12 + length


def _searchable(file: Path) -> list[bytes]:
    """The bytes to search in one output: the file, and every part inside it."""
    data = file.read_bytes()
    parts = [data]
    if file.suffix == ".xlsx":
        with zipfile.ZipFile(BytesIO(data)) as book:
            parts += [book.read(entry) for entry in book.namelist()]
    elif file.suffix == ".png":
        parts += list(_png_texts(data))
    elif file.suffix == ".json":
        # names with accents could be written as \u escapes: search the decoded text too
        parts.append(json.dumps(json.loads(data), ensure_ascii=False).encode())
    return parts


def _leaks(texts: list[bytes], words: list[str]) -> list[str]:
    lowered = [t.lower() for t in texts]
    return [w for w in words if any(w.lower().encode() in t for t in lowered)]


@pytest.mark.slow
def test_report_anonymised_leaves_no_name_anywhere(tmp_path: Path, run: Run) -> None:
    root = _copy_demo(tmp_path)
    out = tmp_path / "out"
    done = run(
        "report", root, "--anonymise", "--json", "--xlsx", "--radar", "--markdown", "--out", out
    )
    assert done.exit_code == 0, done.output
    written = sorted(out.iterdir())  # the manifest too: it names no one either
    assert {f.suffix for f in outputs(out)} == {".json", ".md", ".xlsx", ".png"}
    texts = [done.output.encode()] + [part for f in written for part in _searchable(f)]
    assert _leaks(texts, _words()) == []
    assert _leaks(texts, ORGANISATIONS) == []
    assert "P01" in done.output or "P01" in (out / "northbridge-2026-spring.md").read_text()
    data = json.loads((out / "northbridge-2026-spring.json").read_text())
    assert [p["name"] for p in data["participants"]] == [f"P{i:02d}" for i in range(1, 11)]
    assert {p["file"] for p in data["participants"]} == {p["name"] for p in data["participants"]}
    assert all(p["organisation"] is None for p in data["participants"])
    # the evidence is still there
    assert "Best Start Board" in (out / "northbridge-2026-spring.md").read_text() or any(
        b"Best Start Board" in part for part in _searchable(out / "northbridge-2026-spring.xlsx")
    )


def test_report_without_anonymise_does_name_people(tmp_path: Path, run: Run) -> None:
    """The search above finds names when they are there."""
    root = _copy_demo(tmp_path)
    out = tmp_path / "out"
    assert run("report", root, "--json", "--xlsx", "--out", out).exit_code == 0
    texts = [part for f in sorted(out.iterdir()) for part in _searchable(f)]
    assert set(_leaks(texts, _words())) >= set(NAMES)
    assert set(_leaks(texts, ORGANISATIONS)) == set(ORGANISATIONS)


def test_keep_organisation(tmp_path: Path, run: Run) -> None:
    root = _copy_demo(tmp_path)
    out = tmp_path / "out"
    done = run("report", root, "--anonymise", "--keep-organisation", "--json", "--out", out)
    assert done.exit_code == 0, done.output
    data = json.loads((out / "northbridge-2026-spring.json").read_text())
    assert {p["organisation"] for p in data["participants"]} == set(ORGANISATIONS)
    assert (
        _leaks([done.output.encode(), *_searchable(out / "northbridge-2026-spring.json")], NAMES)
        == []
    )


def test_a_name_in_evidence_needs_no_text(tmp_path: Path, run: Run) -> None:
    """What people wrote is kept by --anonymise; --no-text leaves it out."""
    root = _copy_demo(tmp_path)
    file = root / "participants" / "02-tomasz-nowak.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(
        text.replace("evidence:\n", "evidence:\n  locality: Grace Adeyemi runs it\n", 1)
    )
    kept, dropped = tmp_path / "kept", tmp_path / "dropped"
    assert run("report", root, "--anonymise", "--markdown", "--xlsx", "--out", kept).exit_code == 0
    done = run("report", root, "--anonymise", "--no-text", "--markdown", "--xlsx", "--out", dropped)
    assert done.exit_code == 0, done.output
    assert _leaks([p for f in kept.iterdir() for p in _searchable(f)], ["Grace Adeyemi"])
    texts = [done.output.encode(), *(p for f in dropped.iterdir() for p in _searchable(f))]
    assert _leaks(texts, _words()) == []
    assert not _leaks(texts, ["Best Start Board"])  # no evidence at all


def test_options_need_anonymise(tmp_path: Path, run: Run) -> None:
    root = _copy_demo(tmp_path)
    for option in ("--keep-organisation", "--no-text"):
        done = run("report", root, option)
        assert done.exit_code == 2
        assert "go with --anonymise" in done.stderr
    done = run("report", root, "--anonymise", "--by", "organisation")
    assert done.exit_code == 2
    assert "--keep-organisation" in done.stderr
    assert not (root / "report").exists()


def test_compare_anonymised_keeps_people_matched(tmp_path: Path, run: Run) -> None:
    old = _copy_demo(tmp_path, "old")
    config = old / "bbtool.yaml"
    config.write_text(config.read_text().replace("2026 spring", "2025 spring"))
    new = _copy_demo(tmp_path, "new")
    leaver = new / "participants" / "10-oliver-bennett.yaml"
    leaver.write_text(leaver.read_text(encoding="utf-8").replace("Oliver Bennett", "Zara Okafor"))
    out = tmp_path / "out"
    done = run(
        "compare", old, new, "--anonymise", "--json", "--xlsx", "--markdown", "--radar",
        "--out", out,
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    texts = [done.output.encode()] + [p for f in sorted(out.iterdir()) for p in _searchable(f)]
    assert _leaks(texts, [*_words(), "Zara", "Okafor"]) == []
    assert _leaks(texts, ORGANISATIONS) == []
    data = json.loads(next(out.glob("*.json")).read_text())
    text = json.dumps(data)
    mapping = pseudonyms([*NAMES, "Zara Okafor"])
    assert mapping["oliver bennett"] in text
    assert mapping["zara okafor"] in text
    plain = run("compare", old, new, "--json", "--out", tmp_path / "plain")
    assert plain.exit_code == 0
    plain_data = json.loads(next((tmp_path / "plain").glob("*.json")).read_text())
    # the same number of people in both rounds, matched as before
    assert _participant_counts(data) == _participant_counts(plain_data)


def _participant_counts(data: dict[str, object]) -> list[int]:
    return sorted(
        len(v) for v in data.values() if isinstance(v, list) and v and isinstance(v[0], str)
    )


def test_passed_over_files_are_counted_not_named(tmp_path: Path, run: Run) -> None:
    # bbtool's own backups carry the participant's name; so might any other file
    old = _copy_demo(tmp_path, "old")
    config = old / "bbtool.yaml"
    config.write_text(config.read_text().replace("2026 spring", "2025 spring"))
    new = _copy_demo(tmp_path, "new")
    for root in (old, new):
        folder = root / "participants"
        (folder / "06-lucia-fernandes.yaml.bak").write_bytes(b"participant: {}\n")
        (folder / "notes from Priya Shah.txt").write_text("")
    report = run("report", new, "--anonymise", "--quiet")
    compared = run("compare", old, new, "--anonymise", "--quiet")
    for done in (report, compared):
        assert done.exit_code == 0, done.output
        assert "passed over 2 item(s) that are not score files" in done.stderr
        assert _leaks([done.output.encode()], [*_words(), "Lucia", "fernandes"]) == []
    assert compared.stderr.count("passed over 2 item(s)") == 2
    # without --anonymise the note names them, so they can be found and removed
    plain = run("report", new, "--quiet")
    assert "06-lucia-fernandes.yaml.bak" in plain.stderr
