"""Small registration files and plan workbooks for the hostile-input tests (issue 16).

Every file is made here from synthetic rows, written for real and read back by the real
readers; :func:`cli` runs ``rotation`` in-process through :func:`rotation.cli.main`, so
hundreds of runs stay cheap, while the tests that need a process use ``cli_helpers.run``.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import openpyxl.utils.cell

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


def ods(path: Path, body: Sequence[Sequence[Any]] | None = None, *, far: str = "") -> Path:
    """An OpenDocument registration sheet, optionally with one value at ``far`` ("XFD6000").

    Written as LibreOffice does: empty stretches as repeated rows and cells.
    """
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    def cell(value: Any) -> str:
        text = f"<text:p>{value}</text:p>"
        return f'<table:table-cell office:value-type="string">{text}</table:table-cell>'

    lines = [HEADER, *(rows() if body is None else body)]
    xml = ["<table:table-row>" + "".join(map(cell, line)) + "</table:table-row>" for line in lines]
    if far:
        column, row = openpyxl.utils.cell.coordinate_from_string(far)
        number = openpyxl.utils.column_index_from_string(column)
        xml.append(
            f'<table:table-row table:number-rows-repeated="{row - len(lines) - 1}">'
            "<table:table-cell/></table:table-row>"
        )
        xml.append(f'<table:table-row><table:table-cell table:number-columns-repeated="'
                   f'{number - 1}"/>{cell("x")}</table:table-row>')  # fmt: skip
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
        f'xmlns:table="{table}" xmlns:text="{text}" office:version="1.2"><office:body>'
        '<office:spreadsheet><table:table table:name="Teilnehmende">'
        + "".join(xml)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
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
