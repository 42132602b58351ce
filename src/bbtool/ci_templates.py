"""Text of the CI files ``bbtool init --ci github|gitlab`` writes into a shared repository.

Both do the same on every push and pull (merge) request: install bbtool, check every
score file (problems show on the changed lines), build the report and keep it.
"""

from __future__ import annotations

import json
from typing import Literal

from bbtool import __version__

CI = Literal["github", "gitlab"]
GITHUB_PATH = ".github/workflows/bbtool.yml"
GITLAB_PATH = ".gitlab-ci.yml"
REPORT_DIR = "bbtool-report"
REPORT_ARGS = f"--xlsx --radar --markdown --json --out {REPORT_DIR} --quiet"


def _install_note(indent: str) -> str:
    return (
        f"{indent}# Where CI installs bbtool from: a release on PyPI, or a git URL such as\n"
        f'{indent}# "bbtool @ git+https://github.com/YOUR-ORG/bbtool@v{__version__}".\n'
    )


def github_workflow(workspace: str = ".") -> str:
    return f"""\
# Written by 'bbtool init --ci github'. On every push and pull request: check every
# score file (problems show on the changed lines), build the report (workbook, radar
# charts, Markdown, JSON), add the summary to the run's page and keep the report as
# an artifact named bbtool-report.
name: bbtool
on:
  push:
  pull_request:
  workflow_dispatch:
permissions:
  contents: read
env:
{_install_note("  ")}  BBTOOL: "bbtool=={__version__}"
  # The workspace folder (holding bbtool.yaml), relative to the repository's root.
  WORKSPACE: {json.dumps(workspace)}
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install bbtool
        run: python -m pip install "$BBTOOL"
      - name: Check the score files
        run: bbtool check "$WORKSPACE"
      - name: Build the report
        run: bbtool report "$WORKSPACE" {REPORT_ARGS}
      - name: Add the summary to this run's page
        run: cat {REPORT_DIR}/*.md >> "$GITHUB_STEP_SUMMARY"
      - name: Keep the report
        uses: actions/upload-artifact@v4
        with:
          name: bbtool-report
          path: {REPORT_DIR}/
"""


def gitlab_ci(workspace: str = ".") -> str:
    return f"""\
# Written by 'bbtool init --ci gitlab'. On every push and merge request: check every
# score file (problems show in the merge request's Code Quality widget), build the
# report (workbook, radar charts, Markdown, JSON) and keep it as an artifact.
bbtool:
  image: python:3.11-slim
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH
  variables:
{_install_note("    ")}    BBTOOL: "bbtool=={__version__}"
    # The workspace folder (holding bbtool.yaml), relative to the repository's root.
    WORKSPACE: {json.dumps(workspace)}
  script:
    - python -m pip install "$BBTOOL"
    - bbtool check "$WORKSPACE" --format gitlab --output gl-code-quality-report.json
    - bbtool report "$WORKSPACE" {REPORT_ARGS}
  artifacts:
    when: always
    paths:
      - {REPORT_DIR}/
    reports:
      codequality: gl-code-quality-report.json
"""


def ci_file(kind: CI, workspace: str = ".") -> tuple[str, str]:
    """(path relative to the repository root, text) of the CI file of ``kind``."""
    if kind == "github":
        return GITHUB_PATH, github_workflow(workspace)
    return GITLAB_PATH, gitlab_ci(workspace)
