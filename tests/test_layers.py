"""The solver core imports only the domain, OR-Tools and the standard library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import rotation

PACKAGE = Path(rotation.__file__).parent
CORE = [PACKAGE / "domain.py", PACKAGE / "errors.py", *(PACKAGE / "solver").glob("*.py")]
CORE += [PACKAGE / "wording.py"]
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


def _rotation_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.startswith("rotation")}
        elif (
            isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rotation")
        ):
            names.add(node.module)
    return names


def test_io_and_solver_never_import_each_other() -> None:
    for path in (PACKAGE / "io").rglob("*.py"):
        assert not any(m.startswith("rotation.solver") for m in _rotation_imports(path)), path
    for path in (PACKAGE / "solver").rglob("*.py"):
        assert not any(m.startswith("rotation.io") for m in _rotation_imports(path)), path


def test_lower_layers_never_import_the_interfaces() -> None:
    for package in (
        "domain.py",
        "errors.py",
        "checker",
        "solver",
        "io",
        "summary.py",
        "workflow.py",
    ):
        target = PACKAGE / package
        paths = [target] if target.is_file() else list(target.rglob("*.py"))
        for path in paths:
            imported = _rotation_imports(path)
            assert not any(m.startswith(("rotation.cli", "rotation.web")) for m in imported), path


def test_wording_is_the_bottom_layer() -> None:
    # errors, the solver's explanations, io and cli all format numbers and counts with it.
    assert _rotation_imports(PACKAGE / "wording.py") == set()
