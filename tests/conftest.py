"""Shared fixtures: the built-in framework, throwaway workspaces, and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bbtool.cli import app
from bbtool.core.models import Framework
from bbtool.workspace.loader import load_framework

CONFIG = 'area: Testham\nround: "2026 spring"\n'

MakeWorkspace = Callable[..., Path]
Run = Callable[..., Result]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from what bbtool writes now, instead of comparing with "
        "it (see tests/golden/README.md); explain every changed file in the commit message.",
    )


@pytest.fixture(scope="session")
def framework() -> Framework:
    """The built-in framework, loaded once (models are frozen, so sharing is safe)."""
    return load_framework()


@pytest.fixture
def make_workspace(tmp_path: Path) -> MakeWorkspace:
    """A factory: ``make_workspace({"a.yaml": "participant: ..."})`` -> the folder.

    Score files are given as text (written as UTF-8, byte for byte) or as bytes.
    ``config=None`` leaves ``bbtool.yaml`` out; ``name`` is the folder under tmp_path.
    """

    def make(
        files: Mapping[str, str | bytes] | None = None,
        *,
        config: str | None = CONFIG,
        name: str = "ws",
    ) -> Path:
        root = tmp_path / name
        (root / "participants").mkdir(parents=True)
        if config is not None:
            (root / "bbtool.yaml").write_bytes(config.encode())
        for file_name, content in (files or {}).items():
            data = content.encode() if isinstance(content, str) else content
            (root / "participants" / file_name).write_bytes(data)
        return root

    return make


@pytest.fixture(scope="session")
def run() -> Run:
    """``run("report", folder)``: invoke ``bbtool`` in-process and return the result.

    With this typer (its own click), ``result.stdout`` and ``result.stderr`` are kept
    apart and ``result.output`` is both, interleaved as a terminal would show them.
    Session-scoped (it keeps no state), so module-scoped fixtures can run commands too.
    """

    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(app, [str(a) for a in args])

    return invoke
