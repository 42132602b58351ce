"""Nothing lost: a full disk or an output folder that cannot be written leaves the
previous report and every score file byte for byte, with no temporary files; no
command that is not meant to touches ``participants/``; and output file names made
from areas, rounds and theme ids stay inside ``--out``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from _demo import DEMO
from bbtool.app.outputs import MANIFEST

Run = Callable[..., Result]

ALL = ("--json", "--xlsx", "--radar", "--markdown")


def _copy_demo(tmp_path: Path, name: str = "demo") -> Path:
    root = tmp_path / name
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("report"))
    return root


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _fail_on_second(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """``os.<name>`` in bbtool.files raises ENOSPC from its second call on."""
    real = getattr(os, name)
    calls = []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(args)
        if len(calls) >= 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)  # the module bbtool.files calls


@pytest.mark.slow
def test_disk_full_while_writing_keeps_the_previous_report(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy_demo(tmp_path)
    assert run("report", root, *ALL).exit_code == 0
    before, inputs = _hashes(root / "report"), _hashes(root / "participants")
    # a changed score, so a new report would differ from the previous one
    file = root / "participants" / "01-priya-shah.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("leadership: 5", "leadership: 1", 1))
    inputs = _hashes(root / "participants")
    _fail_on_second(monkeypatch, "fsync")  # the second file's data does not fit
    done = run("report", root, *ALL)
    assert done.exit_code == 1
    assert "No space left on device" in done.stderr
    assert "nothing was written" in done.stderr
    assert "Traceback" not in done.output
    assert _hashes(root / "report") == before
    assert _hashes(root / "participants") == inputs
    hidden = [p for p in (root / "report").iterdir() if p.name.startswith(".")]
    assert [p.name for p in hidden] == [MANIFEST]  # the earlier run's list, as it was


@pytest.mark.slow
def test_rename_failing_half_way_keeps_the_previous_report(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy_demo(tmp_path)
    assert run("report", root, *ALL).exit_code == 0
    before = _hashes(root / "report")
    file = root / "participants" / "01-priya-shah.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("leadership: 5", "leadership: 1", 1))
    _fail_on_second(monkeypatch, "replace")
    assert run("report", root, *ALL).exit_code == 1
    assert _hashes(root / "report") == before


@pytest.mark.slow
def test_output_folder_under_a_file(tmp_path: Path, run: Run) -> None:
    """A read-only location, as root feels it too: --out below a regular file."""
    root = _copy_demo(tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"keep me")
    inputs = _hashes(root)
    done = run("report", root, *ALL, "--out", blocker / "report")
    assert done.exit_code == 1
    assert f"{blocker}: is a file, not a folder; nothing was written" in done.stderr
    assert blocker.read_bytes() == b"keep me"
    assert _hashes(root) == inputs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "demo"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_output_folder(tmp_path: Path, run: Run) -> None:
    root = _copy_demo(tmp_path)
    assert run("report", root, "--json").exit_code == 0
    before = _hashes(root / "report")
    (root / "report").chmod(0o555)
    try:
        done = run("report", root, *ALL)
    finally:
        (root / "report").chmod(0o755)
    assert done.exit_code == 1
    assert _hashes(root / "report") == before


@pytest.mark.slow
def test_only_the_commands_meant_to_write_touch_participants(tmp_path: Path, run: Run) -> None:
    """init (again), check, score, report, compare and schema leave every score file
    byte for byte. (``import --force`` and ``score --interactive`` are meant to.)"""
    old = _copy_demo(tmp_path, "old")
    config = old / "bbtool.yaml"
    config.write_text(config.read_text().replace("2026 spring", "2025 spring"))
    new = _copy_demo(tmp_path, "new")
    before = {w: _hashes(w / "participants") for w in (old, new)}
    agreed = (new / "agreed.yaml").read_bytes()
    first = sorted((new / "participants").iterdir())[0]
    commands: list[tuple[str | Path, ...]] = [
        ("init", new, "--names", "Priya Shah,Someone New"),
        ("check", new, old),
        ("check", first),
        ("score", first),
        ("report", new, *ALL),
        ("report", new, "--by", "sector", "--anonymise", *ALL, "--out", tmp_path / "anon"),
        ("compare", old, new, *ALL),
        ("schema",),
    ]
    for command in commands:
        done = run(*command)
        assert done.exit_code == 0, (command, done.output[-1000:])
    added = set(_hashes(new / "participants")) - set(before[new])
    assert added == {p.name for p in (new / "participants").glob("*someone-new.yaml")}
    after = _hashes(new / "participants")
    assert {k: after[k] for k in before[new]} == before[new]
    assert _hashes(old / "participants") == before[old]
    assert (new / "agreed.yaml").read_bytes() == agreed


# ----------------------------------------------------------------- output paths


@pytest.mark.slow
@pytest.mark.parametrize(
    ("area", "round_"),
    [
        ("../../etc", "../x"),
        ("CON", "aux"),
        ("a/b\\c", "1"),
        ("z" * 190, "é" * 190),
        ("Zürich–Ærø", "☃"),
    ],
)
def test_report_writes_only_inside_out(tmp_path: Path, run: Run, area: str, round_: str) -> None:
    root = _copy_demo(tmp_path, "ws")
    (root / "bbtool.yaml").write_text(f"area: {area!r}\nround: {round_!r}\n".replace("\\", "\\\\"))
    out = tmp_path / "deep" / "out"
    before = set(tmp_path.rglob("*"))
    done = run("report", root, *ALL, "--out", out)
    assert done.exit_code == 0, done.output
    created = set(tmp_path.rglob("*")) - before
    assert created
    for path in created:
        assert path == out.parent or path == out or path.parent == out, path
    assert len(list(out.iterdir())) >= 4


def test_radar_names_from_a_framework_stay_inside_out(tmp_path: Path, run: Run) -> None:
    """A theme id is part of a radar's file name; a framework file could hold any id."""
    root = _copy_demo(tmp_path, "ws")
    framework = root / "fw"
    shutil.copytree(DEMO.parents[1] / "framework", framework)
    enablers = framework / "enablers.yaml"
    enablers.write_text(
        enablers.read_text(encoding="utf-8").replace(
            "id: partnership-and-process", "id: ../../escaped"
        )
    )
    for file in (root / "participants").iterdir():
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace("  partnership-and-process:", "  ../../escaped:"))
    (root / "bbtool.yaml").write_text("area: A\nround: '1'\nframework: fw\n")
    (root / "agreed.yaml").unlink()
    out = tmp_path / "out"
    before = set(tmp_path.rglob("*"))
    done = run("report", root, "--radar", "--out", out)
    assert done.exit_code == 0, done.output
    created = set(tmp_path.rglob("*")) - before
    assert {p.parent for p in created} <= {out, tmp_path}
    assert "radar-escaped.png" in {p.name for p in created}
