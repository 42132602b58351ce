"""Names in any script, and names that only look alike, end to end: every person gets
a file of their own whatever the script of their name (``init``, ``form``, ``import``);
two spellings of one name that look the same (composed or decomposed accents, full-width
letters, zero-width characters) are one person to ``check``, ``report`` and
``--anonymise``. How names are matched: tests/unit/core/test_models.py; file names:
tests/unit/test_files.py."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from _forms import fill
from bbtool.core.models import Framework

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


# ------------------------------------------------------------ names in any script

CYRILLIC = "Иван Петров,Ольга Смирнова"


def _files(folder: str) -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir())


def test_init_gives_each_name_in_any_script_a_file(run: Run) -> None:
    done = run("init", "ws", "--names", CYRILLIC)
    assert done.exit_code == 0, done.output
    again = run("init", "ws", "--names", f"{CYRILLIC},Γιώργος Παπαδόπουλος,فاطمة,李华")
    assert again.exit_code == 0, again.output
    assert _files("ws/participants") == [
        "01-иван-петров.yaml",
        "02-ольга-смирнова.yaml",
        "03-γιώργος-παπαδόπουλος.yaml",
        "04-فاطمة.yaml",
        "05-李华.yaml",
    ]
    kept = [line for line in again.stdout.splitlines() if line.startswith("kept ws/participants")]
    assert kept == [
        "kept ws/participants/01-иван-петров.yaml (exists already; not overwritten)",
        "kept ws/participants/02-ольга-смирнова.yaml (exists already; not overwritten)",
    ]


def test_init_names_that_differ_only_in_accents_are_two_people(run: Run) -> None:
    done = run("init", "ws", "--names", "José Núñez,Jose Nunez")
    assert done.exit_code == 0, done.output
    assert _files("ws/participants") == ["01-josé-núñez.yaml", "02-jose-nunez.yaml"]


def test_init_after_an_earlier_version_named_everyone_participant(
    run: Run, make_workspace: MakeWorkspace
) -> None:
    make_workspace({"01-participant.yaml": _person("Иван Петров")})
    done = run("init", "ws", "--names", f"{CYRILLIC},Λένα")
    assert done.exit_code == 0, done.output
    assert _files("ws/participants") == [
        "01-participant.yaml",  # Иван's, found again by the name in it
        "02-ольга-смирнова.yaml",
        "03-λένα.yaml",
    ]


def test_form_gives_each_name_in_any_script_a_form(run: Run) -> None:
    done = run("form", "ws", "--names", f"{CYRILLIC},Ann Lee,Ann-Lee")
    assert done.exit_code == 0, done.output
    assert _files("ws/forms") == [
        "ann-lee-2.xlsx",  # another person whose name gives the same stem
        "ann-lee.xlsx",
        "иван-петров.xlsx",
        "ольга-смирнова.xlsx",
    ]
    # one at a time, the two Cyrillic names still get a form each
    assert run("form", "one", "--names", "Иван Петров").exit_code == 0
    assert run("form", "one", "--names", "Ольга Смирнова").exit_code == 0
    assert _files("one/forms") == ["иван-петров.xlsx", "ольга-смирнова.xlsx"]


def test_form_refuses_one_person_given_twice(run: Run) -> None:
    done = run("form", "ws", "--names", f"{JOSE},{unicodedata.normalize('NFD', JOSE)}")
    assert done.exit_code == 2
    assert "given twice" in done.stderr


def test_import_force_never_gives_one_persons_file_to_another(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    # a workspace from before: Иван's file is 01-participant.yaml
    root = make_workspace({"01-participant.yaml": _person("Иван Петров", 2)})
    theirs = (root / "participants" / "01-participant.yaml").read_bytes()
    assert run("form", "ws", "--names", "Ольга Смирнова").exit_code == 0
    fill(root / "forms" / "ольга-смирнова.xlsx", framework, {("score", "leadership"): 4})
    done = run("import", "ws/forms/ольга-смирнова.xlsx", "--into", "ws", "--force")
    assert done.exit_code == 0, done.output
    assert (root / "participants" / "01-participant.yaml").read_bytes() == theirs
    assert _files("ws/participants") == ["01-participant.yaml", "02-ольга-смирнова.yaml"]
    assert "Ольга Смирнова" in (root / "participants" / "02-ольга-смирнова.yaml").read_text()
    assert run("check", "ws").exit_code == 0


# ------------------------------------------------------------ escapes in file names

TITLE = "\x1b]0;pwned\x07\x1b[2J"  # retitles the terminal, then clears it
INJECTED = "x\n::error file=README.md,line=1::all is lost\n"  # a GitHub workflow command


def _raw(text: str) -> list[str]:
    """The control and format characters in ``text`` other than line ends."""
    return [c for c in text if c != "\n" and not c.isprintable() and c != " "]


def _hostile_workspace(make_workspace: MakeWorkspace, *, broken: bool) -> None:
    files = {
        "01-ann.yaml": _person("Ann"),
        f"{TITLE}.txt": "",  # passed over, with a note naming it
        f"b{TITLE}.yaml": _person("Bea\u202e"),
    }
    if broken:
        files[f"{INJECTED}.yaml"] = "participant:\n  name: Cy\nscores:\n  leadership: 9\n"
    make_workspace(files)


def test_report_prints_file_names_with_escapes_escaped(
    run: Run, make_workspace: MakeWorkspace
) -> None:
    _hostile_workspace(make_workspace, broken=False)
    done = run("report", "ws", "--json")
    assert done.exit_code == 0, done.output
    assert _raw(done.output) == []
    assert "\\x1b]0;pwned\\x07\\x1b[2J.txt" in done.stderr  # the note, escaped
    assert "wrote ws/report/" in done.stdout


def test_report_on_a_bad_file_prints_no_workflow_command(
    run: Run, make_workspace: MakeWorkspace
) -> None:
    _hostile_workspace(make_workspace, broken=True)
    done = run("report", "ws")
    assert done.exit_code == 1
    assert _raw(done.output) == []
    assert not [line for line in done.output.splitlines() if line.startswith("::")]
    assert "ws/participants/x\\n::error file=README.md,line=1::all is lost\\n.yaml:4:15:" in (
        done.stderr
    )


@pytest.mark.parametrize("fmt", ["text", "github", "gitlab", "json"])
def test_check_escapes_file_names_in_every_format(
    run: Run, make_workspace: MakeWorkspace, fmt: str
) -> None:
    _hostile_workspace(make_workspace, broken=True)
    done = run("check", "ws", "--format", fmt)
    assert done.exit_code == 1
    assert _raw(done.output) == []
    lines = done.stdout.splitlines()
    if fmt == "github":
        assert lines
        assert all(line.startswith(("::error file=ws", "::warning file=ws")) for line in lines)
    if fmt in ("gitlab", "json"):
        data = json.loads(done.stdout)
        found = data if fmt == "gitlab" else data["problems"]
        paths = [p["location"]["path"] if fmt == "gitlab" else p["path"] for p in found]
        assert all(_raw(path) == [] and "\n" not in path for path in paths)


def test_form_one_at_a_time_never_gives_one_persons_form_to_another(run: Run) -> None:
    assert run("form", "ws", "--names", "Ann Lee").exit_code == 0
    mine = Path("ws/forms/ann-lee.xlsx").read_bytes()
    other = run("form", "ws", "--names", "Ann-Lee")  # another person, the same stem
    assert other.exit_code == 0, other.output
    assert "wrote ws/forms/ann-lee-2.xlsx" in other.stdout
    again = run("form", "ws", "--names", "ANN LEE,Ann-Lee")  # both named again
    assert again.exit_code == 0, again.output
    assert "kept ws/forms/ann-lee.xlsx" in again.stdout
    assert "kept ws/forms/ann-lee-2.xlsx" in again.stdout
    assert _files("ws/forms") == ["ann-lee-2.xlsx", "ann-lee.xlsx"]
    assert Path("ws/forms/ann-lee.xlsx").read_bytes() == mine
