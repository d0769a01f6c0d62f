"""The look shared by the plan workbook's sheets: header rows, widths, filters, A4 printing.

Geometry used for printing is spelled out here so that the phase sheets can place their
page breaks themselves (see :mod:`rotation.io.workbook.phase_sheets`).
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Hashable, Sequence
from copy import copy
from typing import Any
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from rotation.io.saving import put

__all__ = [
    "BODY_HEIGHT_PT",
    "BODY_WIDTH_PT",
    "HEADER_FILL",
    "HEADER_FONT",
    "THIN",
    "TITLE_FONT",
    "CellStyles",
    "column_points",
    "fit_columns",
    "font",
    "list_sheet",
    "new_workbook",
    "not_printed",
    "print_on_a4",
    "text_width",
    "unique",
    "wrapped_lines",
]

FONT_NAME, FONT_SIZE = "Arial", 10
"""Arial (Liberation Sans in LibreOffice, same metrics) so that column widths, which count
characters of the workbook's font, print alike everywhere; Calibri falls back to much wider
fonts on machines without it."""


def font(*, bold: bool = False, size: float = FONT_SIZE, color: str | None = None) -> Font:
    """The workbook's font, optionally bold, larger or coloured."""
    return Font(name=FONT_NAME, size=size, bold=bold, color=color, family=2)


def new_workbook() -> Workbook:
    """An empty workbook whose default font (the Normal style's) is :func:`font`.

    openpyxl has no public setting for the default font, so a blank workbook is saved, its
    stylesheet's first font replaced by Arial, and the workbook loaded again: public API
    and the file format only, no writes to openpyxl's private attributes.
    """
    blank = io.BytesIO()
    Workbook().save(blank)
    parts = io.BytesIO()
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(parts, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == _STYLES:
                data = _with_default_font(data, font())
            target.writestr(item, data)
    parts.seek(0)
    return load_workbook(parts)


_STYLES = "xl/styles.xml"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _with_default_font(styles: bytes, default: Font) -> bytes:
    """The stylesheet with ``default`` as font 0, the font of the Normal style."""
    ElementTree.register_namespace("", _MAIN.strip("{}"))
    root = ElementTree.fromstring(styles)  # written by openpyxl just now, not user input
    fonts = root.find(f"{_MAIN}fonts")
    if fonts is None or not len(fonts):
        raise ValueError("openpyxl wrote a stylesheet without fonts")
    replacement = ElementTree.fromstring(tostring(default.to_tree()))
    for element in replacement.iter():
        element.tag = _MAIN + element.tag if not element.tag.startswith("{") else element.tag
    fonts.remove(fonts[0])
    fonts.insert(0, replacement)
    return bytes(ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8"))


HEADER_FONT = font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
TITLE_FONT = font(bold=True, size=14)
THIN = Side(style="thin", color="BFBFBF")

A4_WIDTH_PT, A4_HEIGHT_PT = 595.3, 841.9
MARGIN_SIDE_IN, MARGIN_TOP_IN, MARGIN_BOTTOM_IN, MARGIN_HEADER_IN = 0.5, 0.6, 0.7, 0.3
BODY_WIDTH_PT = A4_WIDTH_PT - 2 * 72 * MARGIN_SIDE_IN
"""Printable width of an A4 portrait page with this module's margins."""
BODY_HEIGHT_PT = A4_HEIGHT_PT - 72 * (MARGIN_TOP_IN + MARGIN_BOTTOM_IN)
"""Printable height of an A4 portrait page (the footer lives in the bottom margin)."""


class CellStyles:
    """Gives many cells of one sheet the same combination of styles, fast.

    openpyxl hashes every style object on every assignment (most of the time a large plan
    took to write); a finished cell's style array is copied to the next cells instead.
    One instance serves one workbook: the arrays point into that workbook's style lists.
    """

    def __init__(self) -> None:
        self._arrays: dict[Hashable, Any] = {}

    def apply(self, cell: Any, key: Hashable, **style: Any) -> None:
        """Style ``cell`` like every other cell of ``key`` (``style`` sets the first one)."""
        array = self._arrays.get(key)
        if array is None:
            for name, value in style.items():
                setattr(cell, name, value)
            array = copy(cell._style)
            # The quote prefix belongs to the cell's text (see saving.put), not the style.
            array.quotePrefix = 0
            self._arrays[key] = array
        quoted = cell.quotePrefix
        cell._style = copy(array)
        if quoted:
            cell.quotePrefix = True


def unique(names: Sequence[str]) -> list[str]:
    """The names with repeats made distinct (" (2)", " (3)", ...), as Excel tables need."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{name} ({n})"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def text_width(value: object) -> int:
    """Characters the widest line of a cell value needs."""
    if value is None:
        return 0
    if isinstance(value, float):
        value = f"{value:.2f}"
    return max((len(line) for line in str(value).splitlines()), default=0)


def fit_columns(ws: Worksheet, *, minimum: int = 6, maximum: int = 60, skip_rows: int = 0) -> None:
    """Size every column to its widest cell (from row ``skip_rows + 1``), within limits."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=skip_rows + 1):
        for cell in row:
            if cell.column is None:  # the covered part of a merged cell
                continue
            width = text_width(cell.value) + (2 if cell.font and cell.font.b else 1)
            widths[cell.column] = max(widths.get(cell.column, 0), width)
    for column, width in widths.items():
        letter = get_column_letter(column)
        ws.column_dimensions[letter].width = max(minimum, min(maximum, width + 1))


def column_points(width: float) -> float:
    """Printed width in points of a column ``width`` characters wide (Calibri 11)."""
    return (math.trunc(width * 7 + 5)) * 0.75


def print_on_a4(
    ws: Worksheet,
    *,
    landscape: bool = False,
    title_rows: str | None = None,
    footer: str = "",
    scale: int | None = None,
    one_page: bool = False,
) -> None:
    """A4 page set-up: fit to the page width (or a fixed ``scale``, or ``one_page`` in all),
    repeated title rows."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    margins = ws.page_margins
    margins.left = margins.right = MARGIN_SIDE_IN
    margins.top, margins.bottom = MARGIN_TOP_IN, MARGIN_BOTTOM_IN
    margins.header = margins.footer = MARGIN_HEADER_IN
    if scale is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if one_page else 0
    else:
        ws.page_setup.scale = scale
    if title_rows:
        ws.print_title_rows = title_rows
    if footer:
        odd = ws.oddFooter
        if odd is None:
            raise TypeError("openpyxl gave the sheet no footer")
        odd.left.text = "&A"  # the sheet's name
        odd.right.text = footer
    ws.print_options.horizontalCentered = False


def not_printed(ws: Worksheet) -> None:
    """Leave the sheet out of the print: its print area is one empty cell far below, and
    LibreOffice and Excel skip empty pages. Clearing the print area prints it again."""
    ws.print_area = "A1048576"


def list_sheet(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    table_name: str,
    landscape: bool = True,
    footer: str = "",
    wrap_columns: Sequence[int] = (),
    maximum_width: int = 60,
) -> None:
    """A list: bold header row, frozen, filter buttons (an Excel table), sized and printable."""
    for column, header in enumerate(unique(list(headers)), start=1):
        cell = put(ws, 1, column, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    styles, border = CellStyles(), Border(bottom=THIN)
    aligned = {wrap: Alignment(vertical="top", wrap_text=wrap) for wrap in (False, True)}
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = put(ws, r, column, value)
            wrap = column in wrap_columns
            styles.apply(cell, wrap, alignment=aligned[wrap], border=border)
    fit_columns(ws, maximum=maximum_width)
    if wrap_columns:
        _grow_wrapped_rows(ws, len(rows), wrap_columns)
    ws.freeze_panes = "A2"
    last = f"{get_column_letter(len(headers))}{len(rows) + 1}"
    if rows:
        table = Table(displayName=table_name, ref=f"A1:{last}")
        table.tableStyleInfo = TableStyleInfo(
            name="TableStyleLight9", showRowStripes=True, showColumnStripes=False
        )
        ws.add_table(table)
    else:
        ws.auto_filter.ref = f"A1:{last}"
    print_on_a4(ws, landscape=landscape, title_rows="1:1", footer=footer)


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` characters needs for ``text`` (an estimate)."""
    chars = max(1, int(width) - 1)
    return sum(max(1, math.ceil(len(line) / chars)) for line in text.splitlines() or [""])


def _grow_wrapped_rows(ws: Worksheet, count: int, wrap_columns: Sequence[int]) -> None:
    # Excel keeps a row's stored height, so wrapped rows get theirs set explicitly.
    for r in range(2, count + 2):
        lines = 1
        for column in wrap_columns:
            value = ws.cell(row=r, column=column).value
            width = ws.column_dimensions[get_column_letter(column)].width or 10
            lines = max(lines, wrapped_lines(str(value or ""), width))
        if lines > 1:
            ws.row_dimensions[r].height = 13 * lines
