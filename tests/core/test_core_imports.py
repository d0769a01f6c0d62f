"""The solver core imports only the domain, OR-Tools and the standard library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import rotation

PACKAGE = Path(rotation.__file__).parent
CORE = [PACKAGE / "domain.py", PACKAGE / "errors.py", *(PACKAGE / "solver").glob("*.py")]
CORE += list((PACKAGE / "checker").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_modules_import_neither_pandas_nor_openpyxl() -> None:
    allowed = set(sys.stdlib_module_names) | {"rotation", "ortools", "__future__"}
    for path in CORE:
        assert imported_modules(path) <= allowed, path.name


def test_checker_never_imports_the_model() -> None:
    for path in (PACKAGE / "checker").glob("*.py"):
        assert "rotation.solver" not in path.read_text(encoding="utf-8"), path.name


def test_importing_the_planner_does_not_load_openpyxl() -> None:
    code = "import sys, rotation, rotation.solver; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
