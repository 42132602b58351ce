"""``init`` for a shared repository: the CI file at the repository's root, installing
bbtool from where ``--install-from`` says, pre-commit, and the ``.gitignore``; and the
pre-commit hook this repository offers (``.pre-commit-hooks.yaml``).

The CI files are run as the services would run them: each step's script in bash, in
a git repository holding rounds in subfolders, with the install step in a fresh
virtual environment that can only get bbtool from the committed wheel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from _demo import DEMO, ROOT
from _installs import env_with, fresh_venv
from bbtool.render.ci import GITHUB_PATH, GITLAB_PATH, PRE_COMMIT_PATH, REPORT_DIR

Run = Callable[..., Result]

DEMO_OUTPUTS = [
    "northbridge-2026-spring.json",
    "northbridge-2026-spring.md",
    "northbridge-2026-spring.xlsx",
    "radar-enablers.png",
    "radar-partnership-and-process.png",
]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "T",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "T",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def repository(tmp_path: Path, rounds: dict[str, str]) -> Path:
    """A git repository holding a copy of the demo at each path of ``rounds``, each
    with that area name."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for where, area in rounds.items():
        folder = repo / where
        shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns("report"))
        config = (folder / "bbtool.yaml").read_text(encoding="utf-8")
        (folder / "bbtool.yaml").write_text(config.replace("Northbridge", area), "utf-8")
    return repo


def commit_all(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "rounds")


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def install_in_fresh_venv(tmp_path: Path, repo: Path, install: str, requirement: str) -> Path:
    """Run the CI file's install command in a new environment with no package index:
    bbtool can only come from the committed wheel. Returns the scripts folder."""
    scripts = fresh_venv(tmp_path / "ci-venv")
    done = bash(install, repo, env_with(scripts, BBTOOL=requirement))
    assert done.returncode == 0, done.stdout + done.stderr
    where = subprocess.run(
        [str(scripts / "python"), "-c", "import bbtool; print(bbtool.__file__)"],
        cwd=tmp_path,
        env=env_with(scripts),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(tmp_path / "ci-venv")), where  # not the source tree's
    assert (scripts / "bbtool").is_file()
    return scripts


# ---------------------------------------------------------------- GitHub


@pytest.mark.slow
def test_github_workflow_at_the_root_installs_the_wheel_and_its_steps_pass(
    tmp_path: Path, run: Run, wheel: Path
) -> None:
    repo = repository(tmp_path, {"rounds/northbridge-2026": "Northbridge"})
    round_dir = repo / "rounds" / "northbridge-2026"
    done = run("init", round_dir, "--ci", "github", "--install-from", wheel)
    assert done.exit_code == 0, done.output
    # where GitHub reads it: the repository's root, not the round's folder
    assert (repo / GITHUB_PATH).is_file()
    assert not (round_dir / ".github").exists()
    assert (repo / ".bbtool" / wheel.name).read_bytes() == wheel.read_bytes()
    workflow = yaml.safe_load((repo / GITHUB_PATH).read_text(encoding="utf-8"))
    assert workflow["env"]["BBTOOL"] == f"./.bbtool/{wheel.name}"
    assert workflow[True] == {"push": None, "pull_request": None, "workflow_dispatch": None}
    steps = workflow["jobs"]["report"]["steps"]
    assert [s.get("uses", "").split("@")[0] for s in steps if "uses" in s] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
    ]
    assert steps[-1]["with"]["path"] == f"{REPORT_DIR}/"
    scripts = [s["run"] for s in steps if "run" in s]
    commit_all(repo)

    bin_dir = install_in_fresh_venv(tmp_path, repo, scripts[0], workflow["env"]["BBTOOL"])
    summary = tmp_path / "summary.md"
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    env = env_with(
        bin_dir,
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
        RUNNER_TEMP=str(runner_temp),
        **workflow["env"],
    )
    for script in scripts[1:]:
        done_step = bash(script, repo, env)
        assert done_step.returncode == 0, (script, done_step.stdout, done_step.stderr)
    made = repo / REPORT_DIR / "rounds" / "northbridge-2026"
    assert sorted(p.name for p in made.iterdir()) == DEMO_OUTPUTS
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Northbridge · 2026 spring\n")
    assert "](" not in text  # no link, so no picture that cannot show on the run's page
    assert "| Partnership and process: Information sharing | `██▌░░░░░░░` | 2.00 |" in text


@pytest.mark.slow
def test_github_workflow_checks_and_reports_every_round(
    tmp_path: Path, run: Run, wheel: Path
) -> None:
    repo = repository(tmp_path, {"2026": "Northbridge", "2027/spring": "Southbridge"})
    assert run("init", repo / "2026", "--ci", "github", "--install-from", wheel).exit_code == 0
    again = run("init", repo / "2027" / "spring", "--ci", "github", "--install-from", wheel)
    assert again.exit_code == 0, again.output
    assert f"kept {GITHUB_PATH}" in again.output.replace(str(repo) + os.sep, "")
    commit_all(repo)
    workflow = yaml.safe_load((repo / GITHUB_PATH).read_text(encoding="utf-8"))
    scripts = [s["run"] for s in workflow["jobs"]["report"]["steps"] if "run" in s]
    scripts_dir = Path(sys.executable).parent  # this bbtool: the install is tested above
    runner_temp = tmp_path / "t"
    runner_temp.mkdir()
    summary = tmp_path / "summary.md"
    env = env_with(scripts_dir, RUNNER_TEMP=str(runner_temp), GITHUB_STEP_SUMMARY=str(summary))
    for script in scripts[1:]:
        assert bash(script, repo, env).returncode == 0, script
    assert (runner_temp / "bbtool-rounds.txt").read_text() == "2026\n2027/spring\n"
    for where, name in (("2026", "northbridge"), ("2027/spring", "southbridge")):
        outputs = sorted(p.name for p in (repo / REPORT_DIR / where).iterdir())
        assert outputs == sorted(o.replace("northbridge", name) for o in DEMO_OUTPUTS)
    headings = [line for line in summary.read_text().splitlines() if line.startswith("# ")]
    assert headings == ["# Northbridge · 2026 spring", "# Southbridge · 2026 spring"]

    # a broken score file in one round: the check step fails and names the place
    bad = repo / "2027" / "spring" / "participants" / "01-priya-shah.yaml"
    text = bad.read_text(encoding="utf-8")
    assert "  leadership: 5\n" in text
    bad.write_text(text.replace("  leadership: 5\n", "  leadership: 9\n", 1), encoding="utf-8")
    commit_all(repo)
    failed = bash(scripts[2], repo, env)
    assert failed.returncode == 1
    assert "2027/spring/participants/01-priya-shah.yaml:8:15: scores.leadership: 9" in failed.stdout
    assert "9 is not on the scale" in failed.stdout


@pytest.mark.slow
def test_a_workflow_finds_no_round_says_so(tmp_path: Path, run: Run, wheel: Path) -> None:
    repo = repository(tmp_path, {})
    assert run("init", repo / "r", "--ci", "github", "--install-from", wheel).exit_code == 0
    # the round is never committed: nothing to check
    workflow = yaml.safe_load((repo / GITHUB_PATH).read_text(encoding="utf-8"))
    find = [s["run"] for s in workflow["jobs"]["report"]["steps"] if "run" in s][1]
    (tmp_path / "t").mkdir()
    done = bash(find, repo, env_with(Path(sys.executable).parent, RUNNER_TEMP=str(tmp_path / "t")))
    assert done.returncode == 1
    assert "bbtool: no round found: commit a folder holding bbtool.yaml" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("service", ["github", "gitlab"])
def test_a_round_named_with_control_characters_stops_the_job_unprinted(
    tmp_path: Path, run: Run, service: str
) -> None:
    # a line break would split the list of rounds, and the next line would be a
    # GitHub workflow command; an escape would retitle and clear the log's terminal
    odd = "x\n::error file=README.md::all is lost\x1b[2J"
    repo = repository(tmp_path, {"2026": "Northbridge", odd: "Oddtown"})
    done = run("init", repo / "2026", "--ci", service, "--install-from", "0.1.0")
    assert done.exit_code == 0, done.output
    commit_all(repo)
    path = GITHUB_PATH if service == "github" else GITLAB_PATH
    ci = yaml.safe_load((repo / path).read_text(encoding="utf-8"))
    if service == "github":
        find = [s["run"] for s in ci["jobs"]["report"]["steps"] if "run" in s][1]
    else:
        find = next(v for v in ci.values() if isinstance(v, dict) and "script" in v)["script"][1]
    (tmp_path / "t").mkdir()
    found = bash(find, repo, env_with(Path(sys.executable).parent, RUNNER_TEMP=str(tmp_path / "t")))
    assert found.returncode == 1
    assert "a round's folder name holds a control character" in found.stderr
    assert "::error" not in found.stdout + found.stderr
    assert "\x1b" not in found.stdout + found.stderr


# ---------------------------------------------------------------- GitLab


@pytest.mark.slow
def test_gitlab_ci_at_the_root_installs_the_wheel_and_its_script_passes(
    tmp_path: Path, run: Run, wheel: Path
) -> None:
    repo = repository(tmp_path, {"rounds/northbridge-2026": "Northbridge"})
    done = run(
        "init", repo / "rounds" / "northbridge-2026", "--ci", "gitlab", "--install-from", wheel
    )
    assert done.exit_code == 0, done.output
    config: dict[str, Any] = yaml.safe_load((repo / GITLAB_PATH).read_text(encoding="utf-8"))
    job = config["bbtool"]
    # Debian's Python image: it has git, which the round finder and a git URL need
    assert job["image"].startswith("python:")
    assert not job["image"].endswith(("-slim", "-alpine"))
    assert job["variables"]["BBTOOL"] == f"./.bbtool/{wheel.name}"
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json"}
    commit_all(repo)
    script = job["script"]
    bin_dir = install_in_fresh_venv(tmp_path, repo, script[0], job["variables"]["BBTOOL"])
    env = env_with(bin_dir, GITLAB_CI="true", **job["variables"])
    for step in script[1:]:
        done_step = bash(step, repo, env)
        assert done_step.returncode == 0, (step, done_step.stdout, done_step.stderr)
    assert (repo / "gl-code-quality-report.json").read_text() != ""
    made = repo / REPORT_DIR / "rounds" / "northbridge-2026"
    assert sorted(p.name for p in made.iterdir()) == DEMO_OUTPUTS


# ---------------------------------------------------------------- where bbtool comes from


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--ci", "github"], "--ci github: say where CI installs bbtool from with --install-from"),
        (["--install-from", "0.1.0"], "--install-from goes with --ci github or --ci gitlab"),
        (["--ci", "gitlab", "--install-from", "git+https://x/bbtool"], "add the tag or commit"),
    ],
)
def test_ci_without_a_usable_source_writes_nothing(
    tmp_path: Path, run: Run, args: list[str], says: str
) -> None:
    done = run("init", tmp_path / "ws", *args)
    assert done.exit_code == 2
    assert says in done.stderr
    assert "Traceback" not in done.output
    assert not (tmp_path / "ws").exists()


def test_outside_a_git_repository_the_files_go_in_the_round(in_tmp: Path, run: Run) -> None:
    done = run("init", "ws", "--ci", "github", "--install-from", "0.1.0", "--pre-commit")
    assert done.exit_code == 0, done.output
    assert Path("ws", GITHUB_PATH).is_file()
    assert Path("ws", PRE_COMMIT_PATH).is_file()
    assert "note: no git repository holds ws" in done.stdout
    assert "git init ws" in done.stdout


# ---------------------------------------------------------------- pre-commit


@pytest.mark.slow
def test_pre_commit_config_passes_a_clean_commit_and_refuses_a_bad_score_file(
    tmp_path: Path, run: Run
) -> None:
    repo = repository(tmp_path, {"2026": "Northbridge"})
    done = run("init", repo / "2026", "--pre-commit")
    assert done.exit_code == 0, done.output
    config = yaml.safe_load((repo / PRE_COMMIT_PATH).read_text(encoding="utf-8"))
    assert config["repos"][0]["repo"] == "local"  # nothing to download, no tag to resolve
    env = env_with(
        Path(sys.executable).parent, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), **GIT_ENV
    )
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*pre_commit, "install"], cwd=repo, env=env, check=True, capture_output=True)

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
        return subprocess.run(
            ["git", "commit", "-q", "-m", message],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
        )

    clean = commit("a clean round")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "bbtool check" in clean.stdout + clean.stderr  # the hook ran
    bad = repo / "2026" / "participants" / "02-tomasz-nowak.yaml"
    lines = bad.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("  leadership:"))
    lines[row] = "  leadership: 7\n"
    bad.write_text("".join(lines), encoding="utf-8")
    refused = commit("a score off the scale")
    assert refused.returncode == 1
    said = refused.stdout + refused.stderr
    assert f"2026/participants/02-tomasz-nowak.yaml:{row + 1}:15: scores.leadership: 7 " in said
    assert git(repo, "log", "--format=%s").splitlines() == ["a clean round"]


# ---------------------------------------------------------------- .gitignore


def test_init_keeps_reports_forms_and_backups_out_of_git(tmp_path: Path, run: Run) -> None:
    repo = repository(tmp_path, {})
    assert run("init", repo / "2026", "--names", "Ann Lee").exit_code == 0
    round_dir = repo / "2026"
    for made in ("report/2026.json", "forms/ann-lee.xlsx", "participants/01-ann-lee.yaml.bak"):
        (round_dir / made).parent.mkdir(parents=True, exist_ok=True)
        (round_dir / made).write_text("x")
    (round_dir / "participants" / "01-ann-lee.yaml.bak2").write_text("x")
    git(repo, "add", "-A")
    assert sorted(git(repo, "ls-files").split()) == [
        "2026/.gitignore",
        "2026/actions.schema.json",
        "2026/bbtool.schema.json",
        "2026/bbtool.yaml",
        "2026/participants/01-ann-lee.yaml",
    ]


@pytest.mark.slow
def test_rounds_with_odd_folder_names_are_checked_and_reported(
    tmp_path: Path, run: Run, wheel: Path
) -> None:
    """A folder starting with '-', with a space, under a hidden folder: still a round."""
    repo = repository(tmp_path, {".rounds/-odd name": "Oddtown"})
    done = run("init", repo / ".rounds" / "-odd name", "--ci", "github", "--install-from", "0.1.0")
    assert done.exit_code == 0, done.output
    commit_all(repo)
    workflow = yaml.safe_load((repo / GITHUB_PATH).read_text(encoding="utf-8"))
    steps = workflow["jobs"]["report"]["steps"]
    assert steps[-1]["with"]["include-hidden-files"] is True  # .rounds/ in the artifact
    runner_temp = tmp_path / "t"
    runner_temp.mkdir()
    summary = tmp_path / "summary.md"
    env = env_with(Path(sys.executable).parent, RUNNER_TEMP=str(runner_temp))
    env["GITHUB_STEP_SUMMARY"] = str(summary)
    for script in [s["run"] for s in steps if "run" in s][1:]:
        step = bash(script, repo, env)
        assert step.returncode == 0, (script, step.stdout, step.stderr)
    assert (runner_temp / "bbtool-rounds.txt").read_text() == ".rounds/-odd name\n"
    made = sorted(p.name for p in (repo / REPORT_DIR / ".rounds" / "-odd name").iterdir())
    assert made == sorted(o.replace("northbridge", "oddtown") for o in DEMO_OUTPUTS)
    assert summary.read_text(encoding="utf-8").startswith("# Oddtown · 2026 spring\n")


@pytest.mark.slow
def test_a_second_init_keeps_the_ci_file_and_copies_no_wheel_it_would_not_use(
    tmp_path: Path, run: Run, wheel: Path
) -> None:
    repo = repository(tmp_path, {})
    first = run("init", repo / "2026", "--ci", "github", "--install-from", wheel)
    assert "commit bbtool.yaml, the CI file and .bbtool/ to start it" in first.stdout
    newer = tmp_path / "newer" / wheel.name.replace("0.1.0", "0.2.0")
    newer.parent.mkdir()
    shutil.copy(wheel, newer)
    again = run("init", repo / "2027", "--ci", "github", "--install-from", newer)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in (repo / ".bbtool").iterdir()) == [wheel.name]
    assert "note: the CI file there already installs bbtool from where it says" in again.stdout
    assert f"./.bbtool/{wheel.name}" in (repo / GITHUB_PATH).read_text(encoding="utf-8")


# -------------------------------------------- the hook this repository offers


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "bbtool-check"
    assert hook["entry"] == "bbtool check"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("areas/north/participants/01-ann.yaml")
    assert pattern.search("bbtool.yaml")
    assert not pattern.search("framework/enablers.yaml")
    assert not pattern.search("report/northbridge.json")


def test_pre_commit_hook_checks_agreed_yaml() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    pattern = re.compile(hook["files"])
    assert pattern.search("agreed.yaml")
    assert pattern.search("areas/north/agreed.yaml")
    assert not pattern.search("areas/north/disagreed.yaml")
