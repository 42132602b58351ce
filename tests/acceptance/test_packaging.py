"""Packaging: a plain install carries the framework files inside the package, and the
release files (sdist and wheel) build, pass twine's check and run from a fresh install."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import bbtool
from _demo import DEMO, ROOT
from _installs import env_with, fresh_venv

# each test builds the package; one installs it twice in fresh environments
pytestmark = pytest.mark.slow


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
        "import pathlib, bbtool, bbtool.workspace.loader as l\n"
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


def test_sdist_and_wheel_build_check_install_and_run_away_from_the_source(
    tmp_path: Path,
) -> None:
    """What the release workflow does (build, twine check), then each file installed in
    a fresh environment with no package index, and the demo report run from it."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (sdist,) = dist.glob("bbtool-*.tar.gz")
    (wheel,) = dist.glob("bbtool-*.whl")
    assert sdist.name == f"bbtool-{bbtool.__version__}.tar.gz"  # one version, from __init__
    assert wheel.name == f"bbtool-{bbtool.__version__}-py3-none-any.whl"
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    demo = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    for made in (sdist, wheel):
        venv = tmp_path / f"venv-{made.suffix.strip('.')}"
        scripts = fresh_venv(venv)
        env = env_with(scripts)
        install = [str(scripts / "python"), "-m", "pip", "install", "--no-build-isolation"]
        done = subprocess.run(
            [*install, str(made)], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
        out = tmp_path / f"out-{made.suffix.strip('.')}"
        outputs = ["--json", "--xlsx", "--html", "--out", str(out)]
        report = subprocess.run(
            [str(scripts / "bbtool"), "report", str(demo), *outputs],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert report.returncode == 0, report.stderr
        where = subprocess.run(
            [str(scripts / "python"), "-c", "import bbtool; print(bbtool.__file__)"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
        assert where.startswith(str(venv)), where  # the installed copy, not ROOT/src
        data = json.loads((out / "northbridge-2026-spring.json").read_text(encoding="utf-8"))
        assert len(data["participants"]) == 10
        assert (out / "northbridge-2026-spring.xlsx").stat().st_size > 0
        # the meeting view's template, style and script ship inside the package
        page = (out / "northbridge-2026-spring.html").read_text(encoding="utf-8")
        assert page.count('<section class="screen') >= 15
        assert "</script>" in page
