"""Reading .xlsx and .xlsm workbooks with openpyxl (cached values, never formulas)."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

from rotation.errors import InputError
from rotation.io.cells import plain_value
from rotation.io.inspection import ensure_defused_xml
from rotation.io.sheets import RawSheet

__all__ = ["open_workbook", "read_xlsx"]

log = logging.getLogger(__name__)


def open_workbook(path: Path) -> Workbook:
    """The workbook's cached values, opened through defusedxml without external links.

    Call :func:`~rotation.io.inspection.inspect_file` first. Any damage becomes an
    :class:`InputError` that says how to repair the file.
    """
    ensure_defused_xml()
    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and other extensions it drops on reading.
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise InputError.single(
            f"The workbook cannot be read ({type(error).__name__}).",
            hint="open it in Excel or LibreOffice and save it again as .xlsx",
            file=path.name,
        ) from error


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
                [tuple(map(plain_value, row)) for row in ws.iter_rows(values_only=True)],
                hidden=ws.sheet_state != "visible",
            )
            for ws in book.worksheets
        ]
    finally:
        book.close()
    log.debug("read %d sheets from %s", len(sheets), path.name)
    return sheets
