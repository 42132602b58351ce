"""The layering in ARCHITECTURE.md, enforced: a pure core, writers around it, a thin shell.

Who may import whom is import-linter's job (contracts in pyproject.toml); these tests
add what it cannot see: purity, start-up imports, and ARCHITECTURE.md kept true."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from _demo import ROOT

SRC = ROOT / "src" / "bbtool"

HEAVY = {"typer", "rich", "openpyxl", "matplotlib", "PIL"}
# Pure modules: no terminal, workbook, chart or CLI library, and no file or console
# I/O. The whole core, and the render modules that only build text or data.
PURE = sorted(
    {f"core/{p.stem}" for p in (SRC / "core").glob("*.py")}
    | {"errors", "render/text", "render/schema", "render/problems", "render/ci"}
    | {"render/json", "render/markdown", "render/templates", "forms/layout"}
)


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


def test_layering_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml (also run by .ci/run)."""
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("name", PURE)
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


@pytest.mark.slow
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
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert "HEAVY []" in done.stdout, done.stdout[-500:] + done.stderr[-500:]
