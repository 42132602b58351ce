"""``--help`` as a facilitator reads it (issue 15, item 16): the commands in the order
a round uses them, readable argument names, ``-h`` as well as ``--help``, every flag
written one way, no hard line breaks, and the README's table of commands saying what
``--help`` says."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.testing import CliRunner

from _demo import ROOT
from bbtool.cli import app

ORDER = ["init", "form", "import", "score", "check", "report", "compare", "schema"]


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return dict(group.commands)


def _help(*args: str, columns: int = 100) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _listed(text: str) -> list[str]:
    """The commands of the top-level help, in the order listed."""
    panel = text[text.index("Commands") :]
    return re.findall(r"^│ (\w+) ", panel, re.M)


def test_commands_are_listed_in_a_facilitators_order() -> None:
    assert _listed(_help("--help")) == ORDER
    assert list(_commands()) == ORDER


def test_the_top_level_help_has_no_hard_line_breaks() -> None:
    """Wide enough, each command's summary is one line; at 80 columns it wraps at the
    terminal's edge, not at the docstring's."""
    wide = _help("--help", columns=300)
    init = next(line for line in wide.splitlines() if line.startswith("│ init "))
    assert init.rstrip(" │").endswith("keeps reports and backups out of git.")
    compare = next(line for line in wide.splitlines() if line.startswith("│ compare "))
    assert compare.rstrip(" │").endswith("which enablers moved most.")
    narrow = _help("--help", columns=80)
    rows = [line for line in narrow.splitlines() if line.startswith("│ ")]
    # every line but a paragraph's last is filled to near the edge
    init_rows = rows[rows.index(next(r for r in rows if r.startswith("│ init "))) :][:4]
    assert all(len(row.rstrip(" │")) > 65 for row in init_rows[:-1]), init_rows


@pytest.mark.parametrize("name", ORDER)
def test_h_is_help(name: str) -> None:
    assert _help(name, "-h") == _help(name, "--help")
    assert "-h" in _help(name, "-h")


def test_h_is_help_at_the_top() -> None:
    assert _help("-h") == _help("--help")


@pytest.mark.parametrize("name", ORDER)
def test_arguments_and_options_have_readable_names(name: str) -> None:
    text = _help(name, "--help")
    usage = " ".join(text.split()[: text.split().index("Usage:") + 12])
    assert "{" not in text, usage
    for unreadable in ("<int", "<str>", "<text>", "[1<=", "<=x<="):
        assert unreadable not in text, (name, unreadable)
    # options that take a value name it: FOLDER, DIR, N, FILE...
    for param in _commands()[name].params:
        if isinstance(param, TyperOption) and not param.is_flag:
            assert param.metavar, f"bbtool {name} {param.opts[0]} has no metavar"


def test_usage_lines_name_the_arguments() -> None:
    usage = {
        name: next(line.strip() for line in _help(name, "-h").splitlines() if "Usage:" in line)
        for name in ORDER
    }
    assert usage == {
        "init": "Usage: bbtool init [OPTIONS] [DIR]",
        "form": "Usage: bbtool form [OPTIONS] [DIR]",
        "import": "Usage: bbtool import [OPTIONS] FORMS...",
        "score": "Usage: bbtool score [OPTIONS] FILE",
        "check": "Usage: bbtool check [OPTIONS] [PATHS]...",
        "report": "Usage: bbtool report [OPTIONS] [DIR]",
        "compare": "Usage: bbtool compare [OPTIONS] OLD NEW",
        "schema": "Usage: bbtool schema [OPTIONS]",
    }


def test_import_force_is_a_flag_like_the_others() -> None:
    text = _help("import", "--help")
    assert "--force" in text
    assert "--no-force" not in text
    assert "[default: no-force]" not in text


def test_participants_out_of_range_is_refused_in_plain_words(tmp_path: Any) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "ws"), "--participants", "501"])
    assert result.exit_code == 2
    assert "501 is not from 1 to 500" in result.output


def test_help_names_the_files_as_they_are_written() -> None:
    report = " ".join(_help("report", "-h", columns=300).split())
    assert "Write <area>-<round>.json." in report
    assert "radar-enablers.png, and radar-<theme>.png" in report
    compare = " ".join(_help("compare", "-h", columns=300).split())
    assert "Write compare-<area>-<old-round>-to-<new-round>.json." in compare


# ------------------------------------------------------------------ the README


def _readme_rows() -> dict[str, str]:
    """The README's table of commands: each command's first cell."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Commands\n") :]
    cells = re.findall(r"^\| `(bbtool [^|]*(?:\\\|[^|]*)*)` \|", section, re.M)
    return {cell.split()[1]: cell for cell in cells}


def test_the_readme_lists_the_commands_in_the_same_order() -> None:
    assert list(_readme_rows()) == ORDER


@pytest.mark.parametrize("name", ORDER)
def test_the_readme_gives_each_command_its_arguments_and_options(name: str) -> None:
    cell = _readme_rows()[name]
    command = _commands()[name]
    documented = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", cell))
    options = {
        opt
        for param in command.params
        if isinstance(param, TyperOption)
        for opt in param.opts
        if opt.startswith("--")
    }
    assert documented == options, f"README: {sorted(documented)}; --help: {sorted(options)}"
    for param in command.params:
        if isinstance(param, TyperArgument):
            assert param.metavar, (name, param.name)
            assert param.metavar in cell, (name, param.metavar)
        if isinstance(param, TyperOption) and param.metavar and param.metavar != "N":
            # the value an option takes is named as in --help
            values = re.findall(rf"{param.opts[0]} (\S+?)\]?(?:\s|$)", cell)
            assert all(v.replace("\\", "") == param.metavar for v in values), (
                name,
                param.opts[0],
                values,
                param.metavar,
            )
