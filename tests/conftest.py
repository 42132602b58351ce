"""Shared fixtures: the built-in framework, the demo loaded and scored, records and
throwaway workspaces, a temporary working folder, two rounds to compare, a wheel of
this source tree, and a CLI runner.

Constants and builders that tests import themselves live beside this file: ``_demo``
(where the repository and the demo are, who took part), ``_answers`` (records, score
files, questionnaire input), ``_rounds`` (two rounds to compare), ``_agreed`` (an
agreed.yaml), ``_workbook`` (reading workbooks back), ``_forms`` (making, filling and
changing participants' forms) and ``_installs`` (fresh installs). ``tests/`` is on
``sys.path`` (``pythonpath`` in pyproject.toml), so ``from _demo import DEMO`` works
from any folder below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from _answers import MakeRecord, record
from _demo import DEMO
from _installs import build_wheel
from _rounds import make_rounds
from bbtool.cli import app
from bbtool.core.comparison import Comparison, compare
from bbtool.core.models import Framework
from bbtool.core.results import Report
from bbtool.core.scoring import GROUP_KEYS, score, score_groups
from bbtool.workspace.loader import Workspace, load_framework, load_workspace

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


# ------------------------------------------------------------ framework and demo


@pytest.fixture(scope="session")
def framework() -> Framework:
    """The built-in framework, loaded once (models are frozen, so sharing is safe)."""
    return load_framework()


def _score(workspace: Workspace, *, agreed: bool = False) -> Report:
    """A workspace scored with its own area, round and thresholds (and, with ``agreed``,
    its agreed.yaml)."""
    return score(
        workspace.framework,
        workspace.records,
        area=workspace.config.area,
        round=workspace.config.round,
        thresholds=workspace.thresholds,
        agreed=workspace.agreed if agreed else None,
    )


@pytest.fixture(scope="session")
def demo_workspace() -> Workspace:
    """``examples/demo`` loaded once; read it, never change it."""
    return load_workspace(DEMO)


@pytest.fixture(scope="session")
def demo_report(demo_workspace: Workspace) -> Report:
    """The demo scored with its area, round and thresholds (without agreed.yaml)."""
    return _score(demo_workspace)


@pytest.fixture(scope="session")
def demo_groups(demo_workspace: Workspace) -> dict[str, dict[str, Report]]:
    """The demo scored per group: ``demo_groups["sector"]`` -> {sector: its report},
    for each of sector, level and organisation."""
    ws = demo_workspace
    return {
        by: score_groups(
            ws.framework,
            ws.records,
            by=by,
            area=ws.config.area,
            round=ws.config.round,
            thresholds=ws.thresholds,
        )
        for by in GROUP_KEYS
    }


# ------------------------------------------------------------ records and workspaces


@pytest.fixture
def make_record() -> MakeRecord:
    """``make_record("Ann", {"leadership": 4}, indicators=..., sector="health")``: a
    participant record in memory, as the loader gives it (see ``_answers.record``)."""
    return record


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


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, so paths print relative to it, and not as on GitHub Actions
    (whose ``GITHUB_ACTIONS`` changes what ``check`` prints). Returns tmp_path.

    A module whose every test needs it says ``pytestmark = pytest.mark.usefixtures("in_tmp")``.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


# ------------------------------------------------------------ two rounds to compare


@pytest.fixture(scope="session")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, Workspace]:
    """Last year's round and this year's, loaded (see ``_rounds``)."""
    old, new = make_rounds(tmp_path_factory.mktemp("rounds"))
    return load_workspace(old), load_workspace(new)


@pytest.fixture(scope="session")
def round_reports(rounds: tuple[Workspace, Workspace]) -> tuple[Report, Report]:
    """The two rounds scored: (old, new)."""
    return _score(rounds[0]), _score(rounds[1])


@pytest.fixture(scope="session")
def comparison(round_reports: tuple[Report, Report]) -> Comparison:
    """The two rounds compared."""
    return compare(*round_reports)


@pytest.fixture(scope="session")
def targets_comparison(rounds: tuple[Workspace, Workspace]) -> Comparison:
    """The two rounds compared with the old round's targets (the demo's agreed.yaml:
    leadership 4, communicating-why 4, information-sharing 3, families-as-partners 3,
    continuous-improvement 3) and no agreed scores in the new round, so each target is
    judged on the new round's mean: only families as partners (3.40) reaches its 3."""
    old, new = rounds
    return compare(_score(old, agreed=True), _score(new))


# ------------------------------------------------------------ installs and the CLI


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of this source tree, built once a session (a slow test's fixture)."""
    return build_wheel(tmp_path_factory.mktemp("dist"))


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
