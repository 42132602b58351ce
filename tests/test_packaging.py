"""A plain (non-editable) install carries the framework files inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_the_framework_and_loads_it(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("bbtool-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for name in ("enablers.yaml", "challenges.yaml", "casestudies.yaml"):
            assert f"bbtool/framework/{name}" in names
        zf.extractall(tmp_path / "site")
    # Import bbtool from the unpacked wheel only, away from the source tree.
    site = str(tmp_path / "site")
    code = (
        "import pathlib, bbtool, bbtool.loader as l\n"
        "d = l.builtin_framework_dir()\n"
        "f = l.load_framework()\n"
        f"print(bbtool.__file__.startswith({site!r}),"
        " d.parent == pathlib.Path(bbtool.__file__).parent,"
        " len(f.enablers), len(f.indicators))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": ""},
        check=True,
    )
    assert done.stdout.split() == ["True", "True", "12", "55"]
