"""Hostile input, end to end: ``bbtool report`` and ``bbtool check`` on a workspace with
one good score file and one hostile one.

The hostile files are data, in ``tests/data/hostile/`` (one file each; ``.bin`` ones
are bytes that an editor or git could change). Large ones (over 1 MB, alias bombs,
deep nesting, very long strings) are generated here instead of being committed. Every
case asserts the exit code, that the message names the file and the place (line:col
where the YAML has one), that the message is short whatever the input's size, that no
traceback is printed, and that nothing is written: no report folder appears, and a
previous report is left byte for byte. ``tests/unit/workspace/test_loader.py`` holds
the loader's exact wording for many of the same mistakes; this suite is about the
whole command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import Result

from _demo import TESTS
from _outputs import outputs
from bbtool.workspace.yaml_source import MAX_BYTES

Run = Callable[..., Result]

DATA = TESTS / "data" / "hostile"
GOOD = "participant:\n  name: Bea\nscores:\n  leadership: 4\n"
CONFIG = 'area: Testham\nround: "2026 spring"\n'
HOSTILE = "ws/participants/hostile.yaml"
HEAD = "participant:\n  name: Ann\n"


class Case(NamedTuple):
    exit_code: int  # of report; check exits 1 on errors, 0 otherwise
    # "line:col" of the first error; "line:" where the column is the YAML parser's to
    # choose (it differs between PyYAML releases); None for a whole-file problem
    place: str | None
    # a fragment of that first message; several where the parser decides which check
    # fires first (each one bbtool's own wording)
    says: str | tuple[str, ...]
    errors: int = 1  # how many errors the file has


# bbtool's prefix for a file the YAML parser refuses; the rest of such a message is the
# parser's own wording, which changes between PyYAML releases, so it is not asserted
SYNTAX = "not valid YAML: "


CASES: dict[str, Case] = {
    # YAML that does not parse
    "syntax-unclosed-quote.yaml": Case(1, "5:1", SYNTAX),
    "syntax-bad-indent.yaml": Case(1, "5:17", SYNTAX),
    "syntax-tab-indent.yaml": Case(1, "4:1", "indent with spaces, not tabs"),
    "syntax-unclosed-flow.yaml": Case(1, "4:1", SYNTAX),
    "syntax-two-documents.yaml": Case(1, "3:1", SYNTAX),
    # tags that would build objects or run code
    "tag-python-apply.yaml": Case(1, "3:9", "the tag !!python/object/apply:os.system is not"),
    "tag-python-object-document.yaml": Case(1, "1:1", "the tag !!python/object:bbtool"),
    "tag-python-name-value.yaml": Case(1, "4:15", "the tag !!python/name:os.system is not"),
    "tag-local.yaml": Case(1, "4:15", "the tag !score is not allowed"),
    "long-tag.yaml": Case(1, "3:9", "the tag !ttttt"),
    # anchors, aliases and merge keys
    "alias-billion-laughs.yaml": Case(1, "3:5", "anchors and aliases (& and *) are not allowed"),
    "alias-simple.yaml": Case(1, "4:15", "anchors and aliases (& and *) are not allowed"),
    "alias-merge-key.yaml": Case(1, "4:3", "merge keys (<<) are not allowed"),
    "deep-nesting.yaml": Case(1, "4:46", "nested more than 32 levels deep"),
    # encodings, NUL and control characters
    "bom-crlf.bin": Case(0, None, ""),
    "not-utf8-latin1.bin": Case(1, "2:12", "is not UTF-8 text; save the file as UTF-8 (byte 0xe9"),
    "not-utf8-utf16.bin": Case(1, "1:1", "is not UTF-8 text"),
    "binary-png-header.bin": Case(1, "1:1", "is not UTF-8 text"),
    "nul-raw.bin": Case(1, "2:11", "not valid YAML: character #x0000: "),
    "control-raw-bel.bin": Case(1, "4:19", "character #x0007"),
    "control-raw-esc.bin": Case(1, "2:12", "character #x001b"),
    "control-escaped-esc.yaml": Case(
        1, "2:9", "participant.name: holds the control character U+001B"
    ),
    "control-escaped-nul.yaml": Case(
        1, "4:15", "evidence.leadership: holds the control character U+0000"
    ),
    "control-escaped-c1.yaml": Case(1, "4:21", "holds the control character U+009B"),
    "control-escaped-in-key.yaml": Case(1, "4:3", "scores: holds the control character U+0008"),
    "long-key.yaml": Case(1, "4:3", "scores: a key of 300 characters; keys are short names"),
    # numbers as strings, floats, booleans, nulls in every position
    "types-participant.yaml": Case(1, "2:9", "participant.name must be text", 4),
    "types-participant-name-null.yaml": Case(1, "2:8", "participant.name is empty"),
    "types-participant-not-mapping.yaml": Case(1, "1:14", "participant must be a mapping"),
    "types-scores.yaml": Case(1, "4:15", "scores.leadership: '4' is text in quotes", 7),
    "types-indicators.yaml": Case(1, "4:17", "indicators.leadership.1: '2' is text in quotes", 5),
    "types-evidence.yaml": Case(1, "4:15", "evidence.leadership must be text", 5),
    "types-challenges.yaml": Case(1, "3:14", "challenges item 1 must be text", 4),
    "types-challenges-text.yaml": Case(1, "3:13", "challenges must be a list"),
    "types-reflections.yaml": Case(1, "4:27", "reflections.purpose-and-priorities must be text", 2),
    "types-sections.yaml": Case(1, "3:9", "scores must be a mapping", 4),
    "types-keys.yaml": Case(1, "4:3", "scores: '1' is not an enabler", 3),
    "types-null-key.yaml": Case(1, "4:3", "a key is empty"),
    "types-complex-key.yaml": Case(1, "4:5", "keys must be plain names"),
    "types-document-list.yaml": Case(1, "1:1", "is a list, not a mapping"),
    "types-document-scalar.yaml": Case(1, "1:1", "is a single value, not a mapping"),
    "empty-file.yaml": Case(1, None, "is empty; it needs at least 'participant:'"),
    "comments-only.yaml": Case(1, None, "is empty; it needs at least 'participant:'"),
    # a key written twice
    "duplicate-key.yaml": Case(1, "5:3", "'leadership' is given twice (first on line 4)"),
    "duplicate-key-quoted.yaml": Case(1, "5:3", "'leadership' is given twice (first on line 4)"),
    "duplicate-section.yaml": Case(1, "5:1", "'scores' is given twice (first on line 3)"),
}


def _bomb(levels: int) -> str:
    rows = ['x0: &a0 "lol"'] + [
        f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)
    ]
    return HEAD + "\n".join(rows) + "\n"


# large inputs, made when the test runs
GENERATED: dict[str, tuple[Callable[[], bytes], Case]] = {
    "over-1mb": (
        lambda: (HEAD + "# " + "x" * MAX_BYTES + "\n").encode(),
        Case(1, None, "bytes; the limit is 1,000,000"),
    ),
    "alias-bomb-30-levels": (
        lambda: _bomb(30).encode(),
        Case(1, "3:5", "anchors and aliases (& and *) are not allowed"),
    ),
    "nesting-200k-flow": (
        lambda: (HEAD + "evidence: " + "[" * 200_000 + "]" * 200_000 + "\n").encode(),
        # bbtool's depth check, or (PyYAML 6.0.4 on) the parser's own nesting limit
        # reached while it reads ahead: either way refused at once at line 3
        Case(1, "3:", ("nested more than 32 levels deep", SYNTAX)),
    ),
    "nesting-100-block": (
        lambda: (
            HEAD + "".join(f"{'  ' * i}k{i}:\n" for i in range(100)) + "  " * 100 + "v\n"
        ).encode(),
        Case(1, "36:67", "nested more than 32 levels deep"),
    ),
    "long-evidence": (
        lambda: (HEAD + "evidence:\n  leadership: " + "w" * 50_000 + "\n").encode(),
        Case(1, "4:15", "evidence.leadership is too long (at most 20000 characters)"),
    ),
    "long-reflection-quoted": (
        lambda: (HEAD + 'reflections:\n  people-and-place: "' + "é" * 300_000 + '"\n').encode(),
        Case(1, "4:21", "reflections.people-and-place is too long"),
    ),
    "long-name": (
        lambda: ("participant:\n  name: " + "N" * 500_000 + "\n").encode(),
        Case(1, "2:9", "participant.name is too long (at most 200 characters)"),
    ),
    "long-score-word": (
        lambda: (HEAD + "scores:\n  leadership: " + "s" * 500_000 + "\n").encode(),
        Case(1, "4:15", "is not a score"),
    ),
    "long-challenge": (
        lambda: (HEAD + "challenges: [" + "c" * 500_000 + "]\n").encode(),
        Case(1, "3:14", "is not a challenge"),
    ),
    "long-quoted-key": (
        lambda: (HEAD + 'scores:\n  "' + "k" * 1_000 + '": 3\n').encode(),
        Case(1, "4:3", "a key of 1,000 characters"),
    ),
    "long-line-syntax": (
        lambda: (HEAD + "scores: " + "z" * 900_000 + ": 3\n").encode(),
        Case(1, "3:900009", "not valid YAML"),
    ),
}


pytestmark = pytest.mark.usefixtures("in_tmp")


def _workspace(hostile: bytes) -> Path:
    root = Path("ws")
    (root / "participants").mkdir(parents=True)
    (root / "bbtool.yaml").write_text(CONFIG)
    (root / "participants" / "good.yaml").write_text(GOOD)
    (root / "participants" / "hostile.yaml").write_bytes(hostile)
    return root


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_case(case: Case, run: Run, hostile: bytes, longest: int = 400) -> None:
    """``longest``: the longest line allowed (a message may list the ids it allows)."""
    root = _workspace(hostile)
    inputs = _snapshot(root)
    for command in (("report", root, "--json", "--markdown"), ("check", root)):
        done = run(*command)
        expected = case.exit_code if command[0] == "report" or case.exit_code else 0
        assert done.exit_code == expected, done.output[-2000:]
        assert done.exception is None or isinstance(done.exception, SystemExit)
        assert "Traceback" not in done.output
        # report prints problems on stderr; check prints them as its output
        lines = [line for line in done.output.splitlines() if line.startswith(HOSTILE)]
        errors = [line for line in lines if ": warning: " not in line]
        assert len(errors) == (case.errors if case.exit_code else 0), done.output[-2000:]
        if case.exit_code:
            where = f"{HOSTILE}: "
            if case.place:
                where = f"{HOSTILE}:{case.place}" + ("" if case.place.endswith(":") else ": ")
            assert errors[0].startswith(where), errors[0][:300]
            says = (case.says,) if isinstance(case.says, str) else case.says
            assert any(fragment in errors[0] for fragment in says), errors[0][:300]
            # never str() a huge input: every message is short
            assert all(len(line) < longest for line in done.output.splitlines())
    if case.exit_code:
        assert not (root / "report").exists()
    else:
        assert [p.name for p in outputs(root / "report")] == [
            "testham-2026-spring.json",
            "testham-2026-spring.md",
        ]
    assert _snapshot(root / "participants") == {
        k: v for k, v in inputs.items() if "/participants/" in k
    }


def test_every_data_file_has_a_case() -> None:
    assert sorted(p.name for p in DATA.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(name: str, run: Run) -> None:
    _assert_case(CASES[name], run, (DATA / name).read_bytes())


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_file(name: str, run: Run) -> None:
    make, case = GENERATED[name]
    _assert_case(case, run, make(), longest=300)


@pytest.mark.parametrize("name", ["alias-billion-laughs.yaml", "types-scores.yaml"])
def test_previous_report_is_left_byte_for_byte(name: str, run: Run) -> None:
    root = _workspace(GOOD.replace("Bea", "Cy").encode())
    assert run("report", root, "--json", "--markdown", "--xlsx").exit_code == 0
    before = _snapshot(root / "report")
    (root / "participants" / "hostile.yaml").write_bytes((DATA / name).read_bytes())
    done = run("report", root, "--json", "--markdown", "--xlsx")
    assert done.exit_code == 1
    assert "nothing was written" in done.stderr
    assert _snapshot(root / "report") == before


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["tag-python-apply.yaml", "control-escaped-esc.yaml", "not-utf8-latin1.bin"]
)
def test_real_process_prints_no_traceback(name: str, tmp_path: Path) -> None:
    """In a real process too: one line per problem on stderr, no traceback, exit 1;
    and the tag that would run a command runs nothing."""
    root = _workspace((DATA / name).read_bytes())
    for command in ("report", "check"):
        done = subprocess.run(
            [sys.executable, "-m", "bbtool", command, str(root)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert done.returncode == 1
        assert "Traceback" not in done.stderr + done.stdout
        assert "\x1b" not in done.stderr + done.stdout
        shown = done.stderr if command == "report" else done.stdout
        assert any(line.startswith(f"{HOSTILE}:") for line in shown.splitlines()), shown
    assert not (tmp_path / "PWNED").exists()
    assert not (root / "report").exists()


# ------------------------------------------------------------ workspace-level cases


def test_duplicate_participants(run: Run) -> None:
    root = _workspace(GOOD.replace("Bea", "BEA").encode())
    for command in ("report", "check"):
        done = run(command, root)
        assert done.exit_code == 1
        assert f"{HOSTILE}:2:9: participant.name: 'BEA' is already used in" in done.output
        assert "Traceback" not in done.output
    assert not (root / "report").exists()


def test_symlink_outside_the_workspace_is_passed_over_once(run: Run, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("participant:\n  name: Outsider\nscores:\n  leadership: 1\n")
    root = _workspace(GOOD.replace("Bea", "Cy").encode())
    (root / "participants" / "link.yaml").symlink_to(secret)
    done = run("report", root, "--json")
    assert done.exit_code == 0, done.output
    notes = [line for line in done.stderr.splitlines() if "passed over" in line]
    assert len(notes) == 1
    assert "link.yaml (a link to outside the workspace)" in notes[0]
    assert "Outsider" not in (root / "report" / "testham-2026-spring.json").read_text()
    assert "Outsider" not in done.output


def test_symlink_inside_the_workspace_is_read(run: Run) -> None:
    root = _workspace(GOOD.replace("Bea", "Cy").encode())
    (root / "participants" / "again.yml").symlink_to(root.resolve() / "participants" / "good.yaml")
    done = run("check", root)
    assert done.exit_code == 1  # the same person twice: the link was followed
    assert "'Bea' is already used" in done.output


def test_dollar_signs_and_markup_in_names_are_just_text(run: Run) -> None:
    """matplotlib reads $...$ as mathematics and GitHub's Markdown does too: an area or
    a sector written with dollar signs must come out as written, not stop the chart."""
    root = _workspace(
        b"participant:\n  name: Cy $2^$ ~x~\n  sector: $a$ team\nscores:\n  leadership: 2\n"
    )
    (root / "bbtool.yaml").write_text('area: Cost $x^$ group\nround: "2026"\n')
    done = run("report", root, "--radar", "--markdown", "--xlsx", "--by", "sector", "-q")
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output
    out = root / "report"
    assert sorted(p.suffix for p in outputs(out)) == [".md", ".png", ".xlsx"]
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "Cost \\$x^\\$ group" in markdown
    assert "\\$a\\$ team" in markdown
    assert "$x^$" not in markdown.replace("\\$", "")


def test_square_brackets_in_names_are_just_text(run: Run, tmp_path: Path) -> None:
    """rich reads [...] as style tags: "[/]" with nothing to close stopped `compare`, and
    "[blink]" would have styled a group's column. On the terminal they are text."""
    old = _workspace(
        b"participant:\n  name: Ann [/] Other\n  sector: '[blink]hv[/blink]'\n"
        b"scores:\n  leadership: 2\n"
    )
    new = tmp_path / "new"
    shutil.copytree(old, new)
    (new / "bbtool.yaml").write_text('area: Testham\nround: "2027 [HV]"\n')
    done = run("report", old, "--by", "sector")
    assert done.exit_code == 0, done.output
    assert "[blink]hv[/blink]" in done.stdout
    done = run("compare", old, new)
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output
    assert "Ann [/] Other" in done.stdout
    assert "[HV]" in done.stdout


def test_links_that_loop_or_lead_nowhere_are_passed_over(run: Run) -> None:
    root = _workspace(GOOD.replace("Bea", "Cy").encode())
    before = run("check", root).output.splitlines()[-1]
    folder = root / "participants"
    (folder / "loop.yaml").symlink_to("loop.yaml")  # a link to itself
    (folder / "through.yaml").symlink_to("../bbtool.yaml/x.yaml")  # through a file
    (folder / "gone.yaml").symlink_to("nothing-here.yaml")
    (folder / "folder.yaml").symlink_to(root)  # a link to a folder
    checked = run("check", root)
    assert checked.exit_code == 0, checked.output
    assert checked.output.splitlines()[-1] == before  # the same files checked
    done = run("report", root)
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output + checked.output
    notes = [line for line in done.stderr.splitlines() if "passed over" in line]
    assert len(notes) == 1, done.stderr
    assert "passed over 4 item(s)" in notes[0]
    for name in ("loop.yaml", "through.yaml", "gone.yaml", "folder.yaml"):
        assert name in notes[0]


def test_non_yaml_files_are_ignored_and_said_once(run: Run) -> None:
    root = _workspace(GOOD.replace("Bea", "Cy").encode())
    folder = root / "participants"
    (folder / "notes.txt").write_text("not a score file")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\x00\xff")
    (folder / "old").mkdir()
    (folder / ".hidden.yaml").write_text("!!python/object:os.system {}")
    done = run("report", root)
    assert done.exit_code == 0, done.output
    notes = [line for line in done.stderr.splitlines() if "passed over" in line]
    assert len(notes) == 1
    assert "3 item(s)" in notes[0]
    assert "notes.txt" in notes[0]
    assert "scan.pdf" in notes[0]


@pytest.mark.parametrize("what", ["no participants folder", "empty participants folder"])
def test_empty_workspace(what: str, run: Run) -> None:
    root = Path("ws")
    root.mkdir()
    (root / "bbtool.yaml").write_text(CONFIG)
    if what == "empty participants folder":
        (root / "participants").mkdir()
    done = run("report", root)
    assert done.exit_code == 1
    assert done.stderr.startswith("ws/participants: holds no score files (.yaml or .yml)")
    assert "Traceback" not in done.output
    assert not (root / "report").exists()
