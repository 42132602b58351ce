"""The second hostile round, for files: work cut short by a signal, a full disk or a
kill leaves every output whole (all new or all as it was) with no temporary file
behind; nothing half-made is kept as if it were whole; ``check --output`` never lands
on a workspace's inputs.

Tests that send signals run bbtool in a child process with a time limit.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from _demo import DEMO
from _forms import fill
from bbtool.app.outputs import MANIFEST
from bbtool.core.models import Framework

Run = Callable[..., Result]

ALL = ("--json", "--xlsx", "--radar", "--markdown")

# bbtool's CLI in this process, with os.replace sending SIGINT (Ctrl+C) to this very
# process on its Nth call: a Ctrl+C landing among the final renames
_INTERRUPTED = """
import os, signal, sys
from bbtool.cli.main import main

at = int(sys.argv[1])
real = os.replace
calls = []

def replace(*args, **kwargs):
    calls.append(args)
    if len(calls) == at:
        os.kill(os.getpid(), signal.SIGINT)
    return real(*args, **kwargs)

os.replace = replace
sys.argv = ["bbtool", *sys.argv[2:]]
main()
"""


def _interrupted(at: int, *args: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BBTOOL_WORKERS": "1"}
    return subprocess.run(
        [sys.executable, "-c", _INTERRUPTED, str(at), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("report"))
    return root


def _hidden(folder: Path) -> list[str]:
    """Hidden files left behind (temporary names, kept copies): not bbtool's manifest."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != MANIFEST)


# ------------------------------------------------------------ interrupted renames


@pytest.mark.slow
def test_ctrl_c_among_the_final_renames_leaves_a_whole_report(tmp_path: Path, run: Run) -> None:
    root = _copy_demo(tmp_path)
    assert run("report", root, *ALL).exit_code == 0
    before = _hashes(root / "report")
    file = root / "participants" / "01-priya-shah.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("leadership: 5", "leadership: 1", 1))
    shutil.copytree(root / "report", tmp_path / "previous")
    assert run("report", root, *ALL).exit_code == 0
    expected = _hashes(root / "report")
    assert expected != before
    shutil.rmtree(root / "report")
    shutil.copytree(tmp_path / "previous", root / "report")
    done = _interrupted(2, "report", root, *ALL)
    assert done.returncode == 130
    assert done.stderr.startswith("bbtool: interrupted")
    assert "Traceback" not in done.stderr
    # the renames finished before Ctrl+C took effect: the new report, whole
    assert _hashes(root / "report") == expected, done.stderr[-2000:]
    assert _hidden(root / "report") == []


@pytest.mark.slow
def test_ctrl_c_during_import_force_replaces_every_file_or_none(
    tmp_path: Path, run: Run, framework: Framework
) -> None:
    root = tmp_path / "ws"
    names = "Ann Lee,Bo Chan,Cy Dee,Di Eve"
    assert run("init", root, "--names", names).exit_code == 0
    assert run("form", root, "--names", names).exit_code == 0
    forms = sorted((root / "forms").glob("*.xlsx"))
    for form in forms:
        fill(form, framework, {("score", "leadership"): 4})
    people = root / "participants"
    for file in people.iterdir():  # answered by hand, so that an import changes them
        _answer_by_hand(file)
    templates = _hashes(people)
    done = _interrupted(2, "import", *forms, "--into", root, "--force")
    assert done.returncode == 130
    assert done.stderr.startswith("bbtool: interrupted")
    assert "Traceback" not in done.stderr
    after = _hashes(people)
    replaced = [name for name, digest in templates.items() if after[name] != digest]
    assert replaced == list(templates), done.stderr[-2000:]  # all four, not some
    assert sorted(n for n in after if n.endswith(".bak")) == [f"{n}.bak" for n in templates]
    assert _hidden(people) == []


def test_an_output_name_taken_by_a_folder_is_named(tmp_path: Path, run: Run) -> None:
    root = _copy_demo(tmp_path)
    assert run("report", root, "--json", "--markdown").exit_code == 0
    out = root / "report"
    before = _hashes(out)
    markdown = next(p for p in out.iterdir() if p.suffix == ".md")
    markdown.unlink()
    markdown.mkdir()  # a folder where the Markdown report goes
    del before[markdown.name]
    done = run("report", root, "--json", "--markdown")
    assert done.exit_code == 1
    assert f"{markdown}: is a folder" in done.stderr
    assert "Traceback" not in done.output
    assert _hashes(out) == before
    assert _hidden(out) == []


# ------------------------------------------------------------ files cut short

# bbtool's CLI with files limited to a size (RLIMIT_FSIZE), as a full disk would stop
# a write part way
_SMALL_DISK = """
import resource, signal, sys
from bbtool.cli.main import main

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["bbtool", *sys.argv[2:]]
main()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize(
    ("command", "folder"), [("init", "participants"), ("form", "forms")], ids=["init", "form"]
)
def test_a_full_disk_leaves_no_part_of_a_file_and_a_rerun_writes_it(
    tmp_path: Path, run: Run, command: str, folder: str
) -> None:
    root = tmp_path / "ws"
    assert run("init", root, "--names", "Ann Lee").exit_code == 0
    names = "Ann Lee,Bo Chan"
    before = _hashes(root)
    done = subprocess.run(
        [sys.executable, "-c", _SMALL_DISK, "8192", command, root, "--names", names],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "cannot write" in done.stderr
    after = _hashes(root)
    # files too big for the "disk" are not there at all, not in part; nothing hidden
    new = {name: digest for name, digest in after.items() if name not in before}
    assert all((root / name).stat().st_size > 0 for name in new)
    assert not [name for name in new if name.startswith(".") or "/." in name]
    # run again with room: every file is written whole, none is "kept"
    again = run(command, root, "--names", names)
    assert again.exit_code == 0, again.output
    assert "exists already but" not in again.stderr
    written = sorted((root / folder).iterdir())
    assert all(p.stat().st_size > 8192 for p in written if p.suffix in (".xlsx", ".yaml"))


@pytest.mark.parametrize(
    ("command", "relative", "cut"),
    [
        ("init", "participants/02-bo-chan.yaml", 0),
        ("init", "bbtool.schema.json", 100),
        ("init", "bbtool.yaml", None),
        ("form", "forms/bo-chan.xlsx", 0),
        ("form", "forms/bo-chan.xlsx", 16_384),
    ],
    ids=["empty-template", "cut-schema", "bad-yaml", "empty-form", "cut-form"],
)
def test_a_file_cut_short_is_not_kept_silently(
    tmp_path: Path, run: Run, command: str, relative: str, cut: int | None
) -> None:
    root = tmp_path / "ws"
    names = "Ann Lee,Bo Chan"
    assert run("init", root, "--names", names).exit_code == 0
    assert run("form", root, "--names", names).exit_code == 0
    file = root / relative
    if cut is None:
        file.write_text("area: [unclosed\n", encoding="utf-8")
    else:
        file.write_bytes(file.read_bytes()[:cut])
    damaged = file.read_bytes()
    done = run(command, root, "--names", names)
    assert done.exit_code == 1
    assert f"bbtool: {file}: exists already but " in done.stderr
    assert f"kept {file}" not in done.stdout
    assert file.read_bytes() == damaged  # left alone: it may hold someone's answers


def _answer_by_hand(file: Path) -> None:
    """A score file answered in a text editor: leadership 2."""
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("  leadership:\n", "  leadership: 2\n", 1), encoding="utf-8")
    assert "leadership: 2" in file.read_text(encoding="utf-8")


def test_backups_are_on_disk_before_the_file_they_keep_is_replaced(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch, framework: Framework
) -> None:
    root = tmp_path / "ws"
    assert run("init", root, "--names", "Ann Lee").exit_code == 0
    assert run("form", root, "--names", "Ann Lee").exit_code == 0
    fill(root / "forms" / "ann-lee.xlsx", framework, {("score", "leadership"): 4})
    _answer_by_hand(root / "participants" / "01-ann-lee.yaml")
    events: list[tuple[str, int]] = []  # (what, the inode it was done to)
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.fstat(fd).st_ino))
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        events.append(("replace", os.stat(str(dst)).st_ino))  # the file replaced
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = root / "participants" / "01-ann-lee.yaml"
    old = target.stat().st_ino
    done = run("import", root / "forms" / "ann-lee.xlsx", "--into", root, "--force")
    assert done.exit_code == 0, done.output
    backup = (root / "participants" / "01-ann-lee.yaml.bak").stat().st_ino
    folder = target.parent.stat().st_ino
    assert ("fsync", backup) in events, events
    replaced = events.index(("replace", old))
    assert events.index(("fsync", backup)) < replaced
    assert ("fsync", folder) in events[:replaced]  # the backup's name, too


# ------------------------------------------------------------ check --output


@pytest.mark.parametrize(
    "relative",
    [
        "participants/03-sam-okafor.yaml",
        "participants/new.json",
        "participants/sub/new.json",
        "frame/new.json",
        "bbtool.yaml",
        "agreed.yaml",
        "frame/enablers.yaml",
    ],
)
def test_check_output_never_lands_on_a_workspaces_inputs(
    tmp_path: Path, run: Run, relative: str
) -> None:
    root = _copy_demo(tmp_path)
    shutil.copytree(DEMO.parent.parent / "framework", root / "frame")
    config = root / "bbtool.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "framework: frame\n", "utf-8")
    before = _hashes(root)
    for given in (root, root / "participants" / "01-priya-shah.yaml"):
        done = run("check", given, "--format", "gitlab", "--output", root / relative)
        assert done.exit_code == 2, done.output
        assert done.stderr.startswith("bbtool: --output ")
        assert "is one of the files checked, or inside" in done.stderr or (
            "never YAML" in done.stderr
        )
        assert _hashes(root) == before
    # nor from a check of another workspace
    other = tmp_path / "other"
    assert run("init", other).exit_code == 0
    assert run("check", other, "--output", root / relative).exit_code == 2
    assert _hashes(root) == before


@pytest.mark.parametrize("output", ["", "/", "."])
def test_check_output_must_be_a_file_name(tmp_path: Path, run: Run, output: str) -> None:
    root = _copy_demo(tmp_path)
    done = run("check", root, "--output", output)
    assert done.exit_code == 2
    assert done.stderr.startswith("bbtool: --output ")
    assert "Traceback" not in done.output


def test_check_output_beside_a_workspace_is_written(tmp_path: Path, run: Run) -> None:
    root = _copy_demo(tmp_path)
    done = run("check", root, "--format", "gitlab", "--output", root / "quality.json")
    assert done.exit_code == 0, done.output
    assert (root / "quality.json").read_text(encoding="utf-8").startswith("[")
