"""Problems as CI services read them: GitHub's workflow commands, escaped; GitLab's
code-quality fingerprints."""

from __future__ import annotations

from bbtool.errors import Problem
from bbtool.render.problems import as_github


def test_github_escaping() -> None:
    problem = Problem("a,b:c%.yaml", 3, None, "50% of\nit\r", "warning")
    assert as_github([problem]) == (
        # a line break is shown as an escape, so no message spans lines
        "::warning file=a%2Cb%3Ac%25.yaml,line=3,title=bbtool::50%25 of\\nit\\r\n"
    )
    whole_file = Problem("x.yaml", None, None, "is empty")
    assert as_github([whole_file]) == "::error file=x.yaml,title=bbtool::is empty\n"
