"""Reading OpenDocument (.ods) and Excel 97-2003 (.xls) workbooks with python-calamine.

LibreOffice saves .ods by default, and older Excel installations and many export tools still
write .xls; both arrive here after :func:`~rotation.io.inspection.inspect_file` has checked
size, zip structure and expansion (an .ods is a zip archive) and refused XML document type
declarations. calamine is a Rust reader: it never runs macros and never evaluates formulas.

What a formula cell yields: the result saved with the file, as Excel and LibreOffice store
it on every save (``=C4*2`` gives 2, ``=D4&" B"`` gives the text). A formula that ended in an
error (``#DIV/0!``, ``#REF!``) yields an empty cell, as does a formula whose result was never
saved (files written by programs that do not calculate). Dates computed by a formula arrive
as Excel serial numbers (46082 for 2026-03-01) unless the cell is formatted as a date.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path

from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from rotation.errors import InputError
from rotation.io.cells import CellValue
from rotation.io.sheets import RawSheet, beyond_limits
from rotation.limits import MAX_COLUMNS, MAX_ROWS

__all__ = ["read_calamine"]

log = logging.getLogger(__name__)

_CELL_LIMIT = "cell limit exceeded"
"""calamine's message when a sheet's grid would exceed its 100 million cells."""
_REPAIR = "open it in LibreOffice or Excel and save it again (or save it as .xlsx)"


def read_calamine(path: Path) -> list[RawSheet]:
    """Every worksheet of an .ods or .xls workbook as plain values, hidden ones marked.

    Rows start at the sheet's first row (A1), so row numbers in messages are the ones the
    spreadsheet shows. Call :func:`~rotation.io.inspection.inspect_file` first.

    Raises:
        InputError: the workbook is damaged or protected with a password, said plainly.
    """
    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            sheets = [
                RawSheet.trimmed(
                    meta.name,
                    _rows(_sheet(book, meta.name, path.name).to_python(skip_empty_area=False)),
                    hidden=meta.visible is not SheetVisibleEnum.Visible,
                    file=path.name,
                )
                for meta in book.sheets_metadata
                if meta.typ is SheetTypeEnum.WorkSheet
            ]
    except InputError:
        raise
    except PasswordError:
        raise InputError.single(
            "The workbook is protected with a password (encrypted), so it cannot be read.",
            hint="open it, remove the password and save it again",
            file=path.name,
        ) from None
    except Exception as error:  # calamine raises several kinds on damaged files
        if _CELL_LIMIT in str(error).casefold():
            raise InputError.single(
                "A sheet reaches further than any registration list: calamine would hold "
                "more than 100 million cells.",
                hint=f"rotation reads {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns; delete "
                "what lies beyond the table, or copy the table into a new workbook",
                file=path.name,
            ) from None
        raise InputError.single(
            f"The workbook is damaged and cannot be read ({type(error).__name__}).",
            hint=_REPAIR,
            file=path.name,
        ) from error
    log.debug("read %d sheets from %s", len(sheets), path.name)
    return sheets


def _sheet(book: CalamineWorkbook, name: str, file: str) -> CalamineSheet:
    """A sheet whose data lies within the rows and columns rotation reads (rotation.limits).

    calamine holds a sheet as a dense grid from A1 to its last cell (and refuses grids of
    more than 100 million cells); a far cell is refused before the grid becomes Python lists.
    """
    sheet = book.get_sheet_by_name(name)
    last_row, last_column = sheet.end or (0, 0)
    if last_column >= MAX_COLUMNS:
        raise beyond_limits(file, name, row=last_row + 1, column=last_column + 1)
    if last_row >= MAX_ROWS:
        raise beyond_limits(file, name, row=last_row + 1)
    return sheet


def _rows(rows: Sequence[Sequence[object]]) -> list[list[CellValue]]:
    return [[_value(cell) for cell in row] for row in rows]


def _value(cell: object) -> CellValue:
    """calamine's cell as the readers expect it: empty text is an empty cell."""
    if cell == "" or cell is None:
        return None
    if isinstance(cell, (str, bool, int, float, dt.datetime, dt.date, dt.time)):
        return cell
    return str(cell)  # a duration (timedelta) or anything newer: as text
