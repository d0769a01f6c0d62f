"""Run the installed ``rotation`` console script and read plan workbooks (test helpers)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl

DATA = Path(__file__).resolve().parents[1] / "data"
GERMAN_50 = DATA / "anmeldungen-werkstatttreffen-50.xlsx"
ENGLISH_200 = DATA / "registrations-200.xlsx"
CSV_48 = DATA / "anmeldungen-48-excel-export.csv"
THEMES = ("Integration und Teilhabe", "Gleichstellung und Vielfalt")
FAST = ("--seed", "1", "--workers", "1", "--deterministic")


def rotation_command() -> list[str]:
    """The console script next to the running interpreter, else ``python -m rotation``."""
    folder = Path(sys.executable).parent
    for name in ("rotation", "rotation.exe"):
        script = folder / name
        if script.exists():
            return [str(script)]
    return [sys.executable, "-m", "rotation"]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``rotation ARGS`` and capture its output (never raises on a non-zero exit)."""
    return subprocess.run(
        [*rotation_command(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
        check=False,
    )


def json_of(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The single JSON object a ``--json`` run printed on stdout."""
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def assignments(path: Path) -> list[dict[str, Any]]:
    """The rows of a plan workbook's Assignments sheet as dicts."""
    book = openpyxl.load_workbook(path)
    sheet = next(ws for ws in book.worksheets if ws.title in ("Assignments", "Zuteilungen"))
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:] if any(v is not None for v in row)]


def input_ids(path: Path, id_header: str) -> set[str]:
    """The participant ids of a sample registration workbook, as written there."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        for position, row in enumerate(rows):
            if id_header in row:
                column = row.index(id_header)
                below = rows[position + 1 :]
                return {str(r[column]) for r in below if r[column] is not None}
    raise AssertionError(f"no column {id_header!r} in {path.name}")
