"""Where CI installs bbtool from (``--install-from``): a version, a requirement, a git
URL with a tag or commit, or a wheel, which is checked before it is copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from bbtool.errors import UsageError
from bbtool.workspace.repository import install_source


@pytest.mark.slow
def test_install_sources(tmp_path: Path, wheel: Path) -> None:
    assert install_source("0.2.0").requirement == "bbtool==0.2.0"
    assert install_source("bbtool==1.0rc1").requirement == "bbtool==1.0rc1"
    for git_url in (
        "git+https://github.com/org/bbtool@v0.2.0",
        "git+https://github.com/org/bbtool@release/1.0",  # a tag with a slash
        "git+ssh://git@github.com/org/bbtool.git@0123abcd",  # the user's @ is not the ref
    ):
        assert install_source(git_url).requirement == f"bbtool @ {git_url}"
    with pytest.raises(UsageError, match="add the tag or commit"):
        install_source("git+ssh://git@github.com/org/bbtool.git")
    with pytest.raises(UsageError, match="'main' is a branch, which moves"):
        install_source("git+https://github.com/org/bbtool@main")
    source = install_source(str(wheel))
    assert (source.requirement, source.wheel) == (f"./.bbtool/{wheel.name}", wheel)
    with pytest.raises(UsageError, match="add the tag or commit"):
        install_source("git+https://github.com/org/bbtool")
    with pytest.raises(UsageError, match="no such file"):
        install_source(str(tmp_path / "bbtool-0.1.0-py3-none-any.whl"))
    fake = tmp_path / "bbtool-0.1.0-py3-none-any.whl"
    fake.write_bytes(b"not a zip")
    with pytest.raises(UsageError, match="not a wheel holding bbtool"):
        install_source(str(fake))
    with pytest.raises(UsageError, match="not a wheel, git URL or version"):
        install_source("latest")
