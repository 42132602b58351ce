"""Where ``bbtool init --ci`` and ``--pre-commit`` put their files, and what CI installs.

The CI services read their files at the repository's root only, so the files go to
the root of the git repository that holds the round (or the round's own folder when
there is none yet). Where CI gets bbtool from is said once, by ``--install-from``:
a version on a package index, a git URL pinned to a tag or commit, or a wheel file,
copied into the repository so CI can run before bbtool is published anywhere.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bbtool.errors import UsageError

WHEEL_FOLDER = ".bbtool"  # in the repository's root: the wheel CI installs

SOURCES_HELP = (
    "say where CI installs bbtool from with --install-from: a wheel file "
    "(for example dist/bbtool-0.1.0-py3-none-any.whl, made with "
    "'pip wheel --no-deps -w dist .' in bbtool's source folder; it is copied into "
    f"the repository's {WHEEL_FOLDER}/), a git URL with a tag or commit "
    "(git+https://github.com/ORG/bbtool@v0.1.0), or a version on the package index "
    "(0.1.0)"
)

_VERSION = re.compile(r"(?:bbtool\s*==\s*)?(\d+(?:\.\d+)*(?:(?:a|b|rc|\.post|\.dev)\d+)*)")
# name-version(-build)?-python-abi-platform.whl
_WHEEL = re.compile(r"bbtool-[^-]+(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl", re.IGNORECASE)


@dataclass(frozen=True)
class InstallSource:
    """What the CI file's ``pip install`` is given, and the wheel to copy for it."""

    requirement: str
    wheel: Path | None = None  # the wheel file given, copied to ``wheel_target``

    @property
    def wheel_target(self) -> str | None:
        """The wheel's path relative to the repository's root, as the CI file names it."""
        return f"{WHEEL_FOLDER}/{self.wheel.name}" if self.wheel is not None else None


def install_source(text: str) -> InstallSource:
    """Read ``--install-from``; UsageError saying what is allowed otherwise."""
    given = text.strip()
    if given.lower().endswith(".whl"):
        return _wheel(Path(given))
    if given.startswith("git+"):
        return _git(given)
    version = _VERSION.fullmatch(given)
    if version:
        return InstallSource(f"bbtool=={version.group(1)}")
    raise UsageError(f"--install-from {given!r}: not a wheel, git URL or version; {SOURCES_HELP}")


def _wheel(file: Path) -> InstallSource:
    if not file.is_file():
        raise UsageError(f"--install-from {file}: no such file; {SOURCES_HELP}")
    if not _WHEEL.fullmatch(file.name):
        raise UsageError(
            f"--install-from {file}: not a bbtool wheel's name "
            "(bbtool-VERSION-py3-none-any.whl, as pip wheel names it)"
        )
    try:
        with zipfile.ZipFile(file) as zf:
            holds_bbtool = "bbtool/__init__.py" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        holds_bbtool = False
    if not holds_bbtool:
        raise UsageError(f"--install-from {file}: not a wheel holding bbtool (a damaged copy?)")
    return InstallSource(f"./{WHEEL_FOLDER}/{file.name}", file)


# names of branches, which move: CI would install a different bbtool from one day to
# the next
_BRANCHES = {"main", "master", "develop", "dev", "trunk", "head"}


def _git(url: str) -> InstallSource:
    # git+https://host/org/bbtool@v0.1.0 (or @release/1.0, or @<commit>): the last @
    # after the host's path names the tag or commit; an @ in git@host is the user's
    base, at, ref = url.rpartition("@")
    path = base.split("://", 1)[-1]
    if not at or "/" not in path or not ref:
        raise UsageError(
            f"--install-from {url}: add the tag or commit to install (…/bbtool@v0.1.0), "
            "so every CI run installs the same bbtool"
        )
    if ref.casefold() in _BRANCHES:
        raise UsageError(
            f"--install-from {url}: {ref!r} is a branch, which moves; name a tag or a "
            "commit, so every CI run installs the same bbtool"
        )
    if any(c.isspace() for c in url) or '"' in url:
        raise UsageError(f"--install-from {url!r}: a URL holds no spaces or quotes")
    return InstallSource(f"bbtool @ {url}")


@dataclass(frozen=True)
class RepositoryPlace:
    """The root the CI files go in, and the round's folder relative to it."""

    root: Path
    round_path: str  # posix, "." when the round is the root
    in_git: bool  # False: no git repository holds the round yet


def repository_place(directory: Path) -> RepositoryPlace:
    """The git repository holding ``directory`` (which may not exist yet), found by
    looking for ``.git`` (a folder, or a file in a worktree) in it and its parents."""
    folder = directory.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return RepositoryPlace(candidate, folder.relative_to(candidate).as_posix(), True)
    return RepositoryPlace(folder, ".", False)
