"""Fresh installs of bbtool for tests: a wheel built from this source tree, and a new
virtual environment that sees this one's dependencies but not its bbtool.

A fresh environment takes bbtool's dependencies (typer, matplotlib, ...) from the one
running the tests, through links to each of their folders, so installing a wheel or
an sdist into it needs no package index (``PIP_NO_INDEX``) and takes seconds; bbtool
itself must come from what the test installs, away from the source tree.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from _demo import ROOT


def build_wheel(dest: Path) -> Path:
    """A wheel of this source tree, built with the hatchling already installed."""
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip_wheel, "-q", "-w", str(dest), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dest.glob("bbtool-*.whl")
    return wheel


def _is_bbtool(name: str) -> bool:
    # bbtool's own installed files here: the package, its metadata, an editable hook
    lowered = name.lower()
    return lowered == "bbtool" or lowered.startswith(("bbtool-", "_bbtool", "__editable__"))


def fresh_venv(folder: Path) -> Path:
    """A new virtual environment with pip; returns its scripts folder (bin/ or Scripts/).

    Its site-packages links to every dependency installed here, none of bbtool's."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
    scripts = folder / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = folder / "deps"
    deps.mkdir()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    for here in map(Path, ours):
        for entry in here.iterdir():
            skip = _is_bbtool(entry.name) or entry.suffix == ".pth" or entry.name == "pip"
            if not skip and not (deps / entry.name).exists():
                (deps / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    # a path line in a .pth file: the links are importable, their own .pth files unread
    (Path(site) / "bbtool-test-deps.pth").write_text(f"{deps}\n")
    return scripts


def env_with(scripts: Path, **extra: str) -> dict[str, str]:
    """This process's environment with ``scripts`` first on PATH, no index for pip,
    nothing of an activated virtual environment, and ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(PATH=f"{scripts}{os.pathsep}{env.get('PATH', '')}", PIP_NO_INDEX="1")
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env
