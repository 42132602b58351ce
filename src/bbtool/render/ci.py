"""Text of the repository files ``bbtool init`` can write for a shared repository: the
CI file (``--ci github|gitlab``), a pre-commit configuration (``--pre-commit``) and the
workspace's ``.gitignore``.

Both CI files do the same on every push and pull (merge) request: install bbtool from
where ``--install-from`` said, find every round in the repository (each folder holding
``bbtool.yaml`` that git tracks), check all their files (problems show on the changed
lines), build each round's report and keep the reports. The job summary is the
Markdown report built without radar charts, so it holds no image link that could not
show on the run's page; the charts are in the artifact.
"""

from __future__ import annotations

import json
from typing import Literal

CI = Literal["github", "gitlab"]
GITHUB_PATH = ".github/workflows/bbtool.yml"
GITLAB_PATH = ".gitlab-ci.yml"
PRE_COMMIT_PATH = ".pre-commit-config.yaml"
GITIGNORE = ".gitignore"
REPORT_DIR = "bbtool-report"
REPORT_ARGS = "--xlsx --radar --markdown --json --quiet"
# The Python the CI files run bbtool on (any supported version works).
CI_PYTHON = "3.12"


# Every round in the repository: the folder of each bbtool.yaml git tracks, one a line
# ("." for a round at the root). NUL-separated from git, so no name is quoted or split.
# A path holding a control character (a line break, an escape sequence) stops the job
# before any name is printed: it could split the list or write a workflow command.
def _find_rounds(rounds: str) -> str:
    files = "git ls-files -z -- ':(glob)**/bbtool.yaml'"
    return (
        f"if LC_ALL=C grep -qz '[[:cntrl:]]' < <({files}); then\n"
        "  echo \"bbtool: a round's folder name holds a control character (a line break or "
        'an escape); rename it" >&2; exit 1\n'
        "fi\n"
        f"{files} | xargs -0 -r -n1 dirname -- > {rounds}\n"
        f'[ -s {rounds} ] || {{ echo "bbtool: no round found: commit a folder holding '
        'bbtool.yaml" >&2; exit 1; }\n'
        f'echo "Rounds:"; sed "s/^/  /" {rounds}\n'
    )


# GitHub: outside the checkout, in the runner's temporary folder
_GITHUB_ROUNDS = '"$RUNNER_TEMP/bbtool-rounds.txt"'
_GITLAB_ROUNDS = "bbtool-rounds.txt"


def _indented(text: str, indent: str) -> str:
    return "".join(f"{indent}{line}\n" if line else "\n" for line in text.splitlines())


def github_workflow(requirement: str) -> str:
    """``requirement``: what pip installs (a version, a git URL or a committed wheel)."""
    find = _indented(_find_rounds(_GITHUB_ROUNDS), " " * 10)
    rounds = _GITHUB_ROUNDS
    return f"""\
# Written by 'bbtool init --ci github'. On every push and pull request: find every
# round in this repository (each folder holding bbtool.yaml), check all their files
# (problems show on the changed lines), build each round's report (workbook, radar
# charts, Markdown, JSON) into the artifact bbtool-report, one folder a round, and put
# each round's summary on the run's page.
name: bbtool
on:
  push:
  pull_request:
  workflow_dispatch:
permissions:
  contents: read
env:
  # What pip installs: set by 'bbtool init --install-from'.
  BBTOOL: {json.dumps(requirement)}
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "{CI_PYTHON}"
      - name: Install bbtool
        run: python -m pip install "$BBTOOL"
      - name: Find the rounds
        run: |
{find}      - name: Check every round
        run: mapfile -t rounds < {rounds} && bbtool check -- "${{rounds[@]}}"
      - name: Build the reports
        run: |
          while IFS= read -r round; do
            bbtool report {REPORT_ARGS} --out "{REPORT_DIR}/$round" -- "$round"
          done < {rounds}
      - name: Add the summaries to this run's page
        run: |
          while IFS= read -r round; do
            summary="$RUNNER_TEMP/bbtool-summary/$round"
            bbtool report --markdown --quiet --out "$summary" -- "$round"
            cat "$summary"/*.md >> "$GITHUB_STEP_SUMMARY"
          done < {rounds}
      - name: Keep the reports
        uses: actions/upload-artifact@v4
        with:
          name: bbtool-report
          path: {REPORT_DIR}/
          include-hidden-files: true
"""


def gitlab_ci(requirement: str) -> str:
    find = _indented(_find_rounds(_GITLAB_ROUNDS), " " * 8)
    rounds = _GITLAB_ROUNDS
    return f"""\
# Written by 'bbtool init --ci gitlab'. On every push and merge request: find every
# round in this repository (each folder holding bbtool.yaml), check all their files
# (problems show in the merge request's Code Quality widget), build each round's
# report (workbook, radar charts, Markdown, JSON) and keep them as an artifact, one
# folder a round. The image is Debian's Python, which has git for a git URL install.
bbtool:
  image: python:{CI_PYTHON}
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH
  variables:
    # What pip installs: set by 'bbtool init --install-from'.
    BBTOOL: {json.dumps(requirement)}
  script:
    - python -m pip install "$BBTOOL"
    - |
{find}    - mapfile -t rounds < {rounds} && bbtool check --format gitlab
      --output gl-code-quality-report.json -- "${{rounds[@]}}"
    - |
        while IFS= read -r round; do
          bbtool report {REPORT_ARGS} --out "{REPORT_DIR}/$round" -- "$round"
        done < {rounds}
  artifacts:
    when: always
    paths:
      - {REPORT_DIR}/
    reports:
      codequality: gl-code-quality-report.json
"""


def ci_file(kind: CI, requirement: str) -> tuple[str, str]:
    """(path relative to the repository's root, text) of the CI file of ``kind``."""
    if kind == "github":
        return GITHUB_PATH, github_workflow(requirement)
    return GITLAB_PATH, gitlab_ci(requirement)


def pre_commit_config() -> str:
    """A pre-commit configuration that runs the bbtool already installed (no download,
    no tag to resolve) on the files a round is made of."""
    return """\
# Written by 'bbtool init --pre-commit'. Before each commit, 'bbtool check' reads the
# score files, bbtool.yaml, agreed.yaml, actions.yaml and names.yaml being committed
# and refuses the commit if one has a problem (path:line:col: message). It runs the
# bbtool installed on this computer: install bbtool, then pre-commit, then run
# 'pre-commit install' once.
repos:
  - repo: local
    hooks:
      - id: bbtool-check
        name: bbtool check
        entry: bbtool check
        language: system
        files: (^|/)(participants/[^/]+\\.ya?ml|(bbtool|agreed|actions|names)\\.yaml)$
        pass_filenames: true
        require_serial: true
"""


def gitignore() -> str:
    """What a round's folder keeps out of git: reports and backups hold participants'
    names and evidence, which belong in the score files only."""
    return """\
# Written by 'bbtool init'. Reports, forms and backups hold participants' names and
# evidence: keep them out of the shared repository (CI builds the reports itself).
report/
forms/
*.bak
*.bak[0-9]*
*.tmp
*.previous
"""
