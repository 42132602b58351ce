"""Names in any script, and names that only look alike, end to end: every person gets
a file of their own whatever the script of their name (``init``, ``form``, ``import``);
two spellings of one name that look the same (composed or decomposed accents, full-width
letters, zero-width characters) are one person to ``check``, ``report`` and
``--anonymise``. How names are matched: tests/unit/core/test_models.py; file names:
tests/unit/test_files.py."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]
MakeWorkspace = Callable[..., Path]

pytestmark = pytest.mark.usefixtures("in_tmp")

JOSE = unicodedata.normalize("NFC", "José Núñez")


def _person(name: str, score: int = 3) -> str:
    return f'participant:\n  name: "{name}"\nscores:\n  leadership: {score}\n'


@pytest.mark.parametrize(
    "twin",
    [
        unicodedata.normalize("NFD", JOSE),
        "JOSÉ\u200b NÚÑEZ",
        "\uff2a\uff4f\uff53é \uff2e\u00fa\u00f1\uff45\uff5a",
    ],
    ids=["decomposed", "zero-width", "full-width"],
)
def test_check_finds_one_person_written_two_ways(
    run: Run, make_workspace: MakeWorkspace, twin: str
) -> None:
    make_workspace({"01-a.yaml": _person(JOSE), "02-b.yaml": _person(twin)})
    done = run("check", "ws")
    assert done.exit_code == 1
    assert "ws/participants/02-b.yaml:2:9: participant.name:" in done.output
    assert "is already used in ws/participants/01-a.yaml" in done.output
