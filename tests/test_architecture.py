"""The layering in ARCHITECTURE.md, enforced: a pure core, writers around it, a thin shell."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "bbtool"

# module -> the bbtool modules it may import (ARCHITECTURE.md, "Who may import whom")
ALLOWED: dict[str, set[str]] = {
    "__init__": set(),
    "__main__": {"cli"},
    "errors": set(),
    "models": set(),
    "results": {"models"},
    "statistics": {"models", "results"},
    "scoring": {"models", "results", "statistics"},
    "yaml_source": {"errors"},
    "validation": {"errors", "models", "yaml_source"},
    "parallel": {"errors"},
    "loader": {"errors", "models", "parallel", "validation", "yaml_source"},
    "templates": {"models"},
    "terminal": {"models", "results", "display"},
    "json_report": {"results"},
    "markdown_report": {"models", "results", "display"},
    "workbook": {"models", "results"},
    "radar": {"models", "parallel", "results"},
    "output": {"errors"},
    "display": {"results"},
    "checker": {"errors", "loader"},
    "areas": {"errors", "models", "results", "scoring", "loader", "checker"},
    "anonymise": {"models"},
    "comparison": {"results"},
    "comparison_report": {"comparison", "display"},
    "comparison_workbook": {"comparison", "workbook"},
    "comparison_radar": {"comparison", "models", "radar"},
    "problem_formats": {"errors"},
    "schema": {"models"},
    "ci_templates": set(),
    "ci_setup": {"errors"},
    "questionnaire": {"models"},
    "interactive": {"errors", "loader", "models", "output", "questionnaire", "templates"}
    | {"yaml_source"},
    "form_layout": {"models"},
    "form_workbook": {"form_layout", "models", "workbook"},
    "form_reader": {"errors", "form_layout", "models"},
    "form_import": {"errors", "form_reader", "loader", "models", "output", "templates"}
    | {"yaml_source"},
    "cli": {"*"},
}
HEAVY = {"typer", "rich", "openpyxl", "matplotlib", "PIL"}
PURE = {
    "display",
    "models",
    "results",
    "statistics",
    "scoring",
    "validation",
    "errors",
    "schema",
    "problem_formats",
    "ci_templates",
    "comparison",
    "form_layout",
    "questionnaire",
    "anonymise",
}


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "bbtool":
                found |= {f"bbtool.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
    return found


MODULES = sorted(p.stem for p in SRC.glob("*.py"))


def test_every_module_is_placed_in_the_layering() -> None:
    assert set(MODULES) <= set(ALLOWED), set(MODULES) - set(ALLOWED)


@pytest.mark.parametrize("name", MODULES)
def test_module_imports_only_what_its_layer_allows(name: str) -> None:
    allowed = ALLOWED[name]
    own = {
        imp.split(".")[1]
        for imp in _imports(SRC / f"{name}.py")
        if imp.startswith("bbtool.") and imp != "bbtool"
    }
    own.discard("__version__")
    if "*" not in allowed:
        assert own <= allowed, f"{name} imports {sorted(own - allowed)}"


@pytest.mark.parametrize("name", sorted(PURE))
def test_core_is_pure(name: str) -> None:
    """The models and the scoring core touch no terminal, workbook, chart or CLI library,
    and no file or console I/O."""
    imports = _imports(SRC / f"{name}.py")
    assert not {i.split(".")[0] for i in imports} & HEAVY
    tree = ast.parse((SRC / f"{name}.py").read_text(encoding="utf-8"))
    io_names = {"print", "open", "input"}
    io_methods = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "mkdir"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                assert func.id not in io_names, f"{name} calls {func.id}()"
            elif isinstance(func, ast.Attribute):
                assert func.attr not in io_methods, f"{name} calls .{func.attr}()"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert (node.value.id, node.attr) not in {("sys", "stdout"), ("sys", "stderr")}


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["score", "examples/demo/participants/01-priya-shah.yaml"],
        ["report", "examples/demo"],
        ["check", "examples/demo"],
        ["schema"],
    ],
)
def test_start_up_path_does_not_load_heavy_libraries(argv: list[str]) -> None:
    """Commands that draw nothing never import matplotlib or openpyxl."""
    code = (
        "import sys\n"
        "from bbtool.cli import app\n"
        "try:\n"
        f"    app({argv!r}, prog_name='bbtool')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'matplotlib', 'openpyxl', 'PIL'}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print('HEAVY', heavy)\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False
    )
    assert "HEAVY []" in done.stdout, done.stdout[-500:] + done.stderr[-500:]
