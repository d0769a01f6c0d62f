"""Small registration files and plan workbooks for the hostile-input tests (issue 16).

Every file is made here from synthetic rows, written for real and read back by the real
readers; :func:`cli` runs ``rotation`` in-process through :func:`rotation.cli.main`, so
hundreds of runs stay cheap, while the tests that need a process use ``cli_helpers.run``.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from rotation.cli import main

HEADER = ("Nr", "Name", "Organisation", "Geschlecht")
THEMES = ("Wasser", "Energie")
FAST = ("--seed", "1", "--workers", "1", "--deterministic", "--time-limit", "2")


def rows(count: int = 12) -> list[list[Any]]:
    """``count`` synthetic participants under :data:`HEADER`."""
    return [[f"p{i:02d}", f"Person {i:02d}", f"Org {i % 4}", "wm"[i % 2]] for i in range(count)]


def xlsx(path: Path, body: Sequence[Sequence[Any]] | None = None, **cells: Any) -> Path:
    """A registration workbook: header, ``body`` rows, then extra cells by address."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Teilnehmende"
    sheet.append(list(HEADER))
    for row in rows() if body is None else body:
        sheet.append(list(row))
    for address, value in cells.items():
        sheet[address] = value
    book.save(path)
    return path


def csv_bytes(body: Sequence[Sequence[Any]] | None = None) -> bytes:
    """A semicolon CSV (UTF-8) of the header and ``body`` rows."""
    lines = [";".join(HEADER)] + [";".join(map(str, r)) for r in (rows() if body is None else body)]
    return ("\n".join(lines) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Outcome:
    """What one in-process run of ``rotation`` ended with."""

    code: int
    out: str
    err: str


def cli(*args: str | Path) -> Outcome:
    """Run ``rotation ARGS`` in this process; the exit code and everything printed."""
    out, err = io.StringIO(), io.StringIO()
    code: Any = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as stop:
            code = stop.code
    return Outcome(code if isinstance(code, int) else 1, out.getvalue(), err.getvalue())


def plan_workbook(
    folder: Path, body: Sequence[Sequence[Any]] | None = None, *, as_csv: bool = False
) -> Path:
    """A plan workbook written by ``rotation plan`` for a small event (from .xlsx or .csv)."""
    if as_csv:
        source = folder / "anmeldungen.csv"
        source.write_bytes(csv_bytes(body))
    else:
        source = xlsx(folder / "anmeldungen.xlsx", body)
    target = folder / "plan.xlsx"
    outcome = cli(
        "plan", source, "-o", target, "--themes", *THEMES, *FAST, "--quiet", "--lang", "en"
    )
    assert outcome.code == 0, outcome.err
    return target


def edit_sheet(path: Path, sheet: str, change: Callable[[Any], None]) -> Path:
    """Change one sheet of a workbook in place (as an organiser editing it would)."""
    book = openpyxl.load_workbook(path)
    change(book[sheet])
    book.save(path)
    return path
