"""Reading .xlsx and .xlsm workbooks with openpyxl (cached values, never formulas).

Workbooks are opened in openpyxl's read-only mode and their sheets walked through
:func:`sheet_rows`, which reads only the cells the file holds. A sheet's declared extent
is not trusted: a tiny file with one cell at XFD1048576 declares 17 billion cells, which
the normal mode would walk. Rows and columns beyond :data:`~rotation.limits.MAX_ROWS` and
:data:`~rotation.limits.MAX_COLUMNS` are refused with a message naming the cell.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from rotation.errors import InputError
from rotation.io.cells import CellValue, plain_value
from rotation.io.inspection import ensure_defused_xml
from rotation.io.sheets import RawSheet, beyond_limits, blank
from rotation.limits import MAX_COLUMNS, MAX_ROWS

__all__ = ["open_workbook", "read_xlsx", "sheet_rows"]

log = logging.getLogger(__name__)

_REPAIR = "open it in Excel or LibreOffice and save it again as .xlsx"


def _damaged(name: str, error: BaseException, sheet: str | None = None) -> InputError:
    return InputError.single(
        f"The workbook cannot be read ({type(error).__name__}).",
        hint=_REPAIR,
        file=name,
        sheet=sheet,
    )


def open_workbook(path: Path) -> Workbook:
    """The workbook's cached values, read-only, through defusedxml, without external links.

    Call :func:`~rotation.io.inspection.inspect_file` first, read the sheets through
    :func:`sheet_rows` and close the workbook after use. Any damage becomes an
    :class:`InputError` that says how to repair the file.
    """
    ensure_defused_xml()
    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and other extensions it drops on reading.
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise _damaged(path.name, error) from error


def sheet_rows(
    ws: Worksheet,
    file: str,
    *,
    max_row: int | None = None,
) -> Iterator[tuple[CellValue, ...]]:
    """The values of a read-only sheet's rows from row 1 (up to ``max_row``), as stored.

    Empty rows come as ``()``. Raises :class:`InputError` naming the cell when a value lies
    beyond :data:`~rotation.limits.MAX_ROWS` or :data:`~rotation.limits.MAX_COLUMNS`, or
    when the sheet's XML is damaged.
    """
    if isinstance(ws, ReadOnlyWorksheet):
        ws.reset_dimensions()  # the declared extent may be anything; read what is there
    try:
        for number, stored in enumerate(ws.iter_rows(max_row=max_row, values_only=True), start=1):
            row = tuple(map(plain_value, stored))
            if len(row) > MAX_COLUMNS:
                _refuse_beyond(row, number, ws.title, file)
                row = row[:MAX_COLUMNS]
            if number > MAX_ROWS:
                if any(not blank(value) for value in row):
                    raise beyond_limits(file, ws.title, row=number)
                continue
            yield row
    except InputError:
        raise
    except Exception as error:  # damaged sheet XML surfaces only while reading in this mode
        raise _damaged(file, error, ws.title) from error


def _refuse_beyond(row: tuple[CellValue, ...], number: int, sheet: str, file: str) -> None:
    for position in range(MAX_COLUMNS, len(row)):
        if not blank(row[position]):
            raise beyond_limits(file, sheet, row=number, column=position + 1)


def read_xlsx(path: Path) -> list[RawSheet]:
    """Every worksheet of a workbook as plain values, hidden ones marked.

    Call :func:`~rotation.io.inspection.inspect_file` first; this function trusts the file's
    size and structure but still verifies that XML is parsed through defusedxml.
    """
    book = open_workbook(path)
    try:
        sheets = [
            RawSheet.trimmed(
                ws.title,
                list(sheet_rows(ws, path.name)),
                hidden=ws.sheet_state != "visible",
                file=path.name,
            )
            for ws in book.worksheets
        ]
    finally:
        book.close()
    log.debug("read %d sheets from %s", len(sheets), path.name)
    return sheets
