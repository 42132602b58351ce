"""The layering in ARCHITECTURE.md, enforced: a pure core, writers around it, a thin shell.

Who may import whom is import-linter's job (contracts in pyproject.toml); these tests
add what it cannot see: purity, start-up imports, and ARCHITECTURE.md kept true."""

from __future__ import annotations

import ast
import re
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


MODULES = sorted(SRC.rglob("*.py"))
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_over_600_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)} has {lines} lines; split it"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_is_imported_from_another_module(path: Path) -> None:
    """A name with a leading underscore is its module's own: what another module needs
    is public (render/xlsx/cells.py, render/radar/frame.py)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    borrowed = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bbtool")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert not borrowed, f"{_module_name(path)} imports private names: {borrowed}"


ARCHITECTURE = ROOT / "ARCHITECTURE.md"


def _tree_in_architecture() -> set[str]:
    """The module paths the package tree in ARCHITECTURE.md names ("core/models.py")."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = text.split("## Package tree", 1)[1].split("```", 2)[1]
    named: set[str] = set()
    folders: list[tuple[int, str]] = []  # (indent, folder) of the folders we are in
    for line in block.splitlines():
        entry = line.split()[0] if line.strip() else ""
        if not entry:
            continue
        indent = len(line) - len(line.lstrip())
        folders = [(i, f) for i, f in folders if i < indent]
        prefix = "".join(f for _, f in folders)
        if entry.endswith("/"):
            folders.append((indent, entry))
        elif entry.endswith(".py"):
            named.add(prefix + entry)
    return named


def test_architecture_names_every_module_and_no_other() -> None:
    actual = {
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    }
    named = _tree_in_architecture()
    assert not actual - named, f"ARCHITECTURE.md misses {sorted(actual - named)}"
    assert not named - actual, (
        f"ARCHITECTURE.md names modules that do not exist: {sorted(named - actual)}"
    )


def test_architecture_states_every_layering_contract() -> None:
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = config.split("[tool.importlinter]", 1)[1].split("\n[tool.mypy]", 1)[0]
    names = re.findall(r'^name = "(.+)"$', section, re.MULTILINE)
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert len(names) == section.count("[[tool.importlinter.contracts]]") >= 4
    for name in names:
        assert f"**{name}" in text, name


def _commands() -> list[tuple[str, ast.FunctionDef]]:
    from bbtool.cli.main import app

    names = {c.callback.__name__ for c in app.registered_commands if c.callback is not None}
    found = []
    for path in sorted((SRC / "cli").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name in names:
                found.append((f"{path.stem}.{node.name}", node))
    return found


def test_every_command_is_a_few_lines_over_the_application_layer() -> None:
    """A command's body (its options are declared in its signature) parses what typer
    cannot, calls bbtool.app and prints: at most 30 lines."""
    commands = _commands()
    assert len(commands) == 8  # init score check schema report compare form import
    for name, node in commands:
        body = node.body[1:] if ast.get_docstring(node) else node.body
        lines = body[-1].end_lineno - body[0].lineno + 1  # type: ignore[operator]
        assert lines <= 30, f"{name}: {lines} lines; move the work into bbtool.app"
