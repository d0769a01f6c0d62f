"""One printable sheet per phase: a block per table (table, theme, host, members).

Printing: A4 portrait, title and column header rows repeated on every page, and a manual page
break wherever the next table block would not fit on the page any more, so no block is ever
cut across pages. Excel ignores manual page breaks under "fit to N pages", so the sheet is
fitted to the page width with a fixed scale computed from its column widths instead; Excel and
LibreOffice then print it alike.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from rotation.domain import Event, Plan
from rotation.io.saving import new_sheet, put
from rotation.io.workbook.labels import Labels
from rotation.io.workbook.layout import (
    BODY_HEIGHT_PT,
    BODY_WIDTH_PT,
    HEADER_FILL,
    HEADER_FONT,
    THIN,
    TITLE_FONT,
    CellStyles,
    column_points,
    font,
    print_on_a4,
    text_width,
    wrapped_lines,
)
from rotation.io.workbook.view import TableBlock, attribute, member_name, table_blocks, unseated

__all__ = ["column_widths", "phase_sheet_title", "role_header", "write_phase_sheet"]

TITLE_HEIGHT, HEADER_HEIGHT = 26.0, 18.0
BLOCK_HEIGHT, MEMBER_HEIGHT, LINE_HEIGHT, SPACER_HEIGHT = 21.0, 16.0, 12.5, 10.0
SAFETY = 0.94
"""Share of the printable height used, for differences between Excel and LibreOffice."""

THEME_FILLS = ("DDEBF7", "E2EFDA", "FCE4D6", "FFF2CC", "EDE1F5", "D9F2F2", "F2DCDB", "E7E6E6")


def phase_sheet_title(labels: Labels, phase: int) -> str:
    """The sheet name of a phase: ``Phase 2``."""
    return f"{labels.phase} {phase}"


def role_header(event: Event, labels: Labels) -> str:
    """The role column's header as the organiser named it ("Funktion", "Rolle", "Role")."""
    return event.attribute_label("role") if "role" in event.attribute_names else labels.role


def _title(event: Event, labels: Labels, phase: int) -> str:
    name = event.phases[phase - 1].name
    head = phase_sheet_title(labels, phase)
    if name and name != f"Phase {phase}" and name != head:
        head = f"{head}: {name}"
    return f"{head} · {event.name}"


def _block_header(event: Event, labels: Labels, block: TableBlock) -> list[str]:
    host = f"{labels.host}: {member_name(event, block.host)}" if block.host else ""
    return [block.table, block.theme, host, labels.people.format(count=len(block.members))]


def _member_row(event: Event, index: int, participant_id: str) -> list[object]:
    if not event.has_participant(participant_id):
        return [index, participant_id, "", ""]
    person = event.participant(participant_id)
    return [index, person.label, person.organisation, attribute(person, "role")]


def column_widths(plan: Plan, labels: Labels) -> list[float]:
    """Widths shared by all phase sheets, sized to the longest name, organisation and role."""
    event = plan.event
    headers = [labels.number, labels.name, labels.organisation, role_header(event, labels)]
    widths = [float(text_width(h) + 2) for h in headers]
    for phase in event.phase_numbers:
        for block in table_blocks(plan, phase, labels.unknown):
            texts: list[Sequence[object]] = [_block_header(event, labels, block)]
            texts += [_member_row(event, i, m) for i, m in enumerate(block.members, 1)]
            for row in texts:
                for k, value in enumerate(row):
                    widths[k] = max(widths[k], text_width(value) + 2.0)
    widths[0] = max(widths[0], 5.0)
    return [min(w, 40.0) for w in widths]


def _member_height(values: Sequence[object], widths: Sequence[float]) -> float:
    """Row height of a member: one line, or more where a long text wraps."""
    lines = max(wrapped_lines(str(v), w) for v, w in zip(values, widths, strict=True))
    return MEMBER_HEIGHT + LINE_HEIGHT * (lines - 1)


def _style_row(
    ws: Worksheet,
    styles: CellStyles,
    key: Hashable,
    row: int,
    height: float,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    border: Border | None = None,
    alignment: Alignment | None = None,
) -> None:
    """The row's height, and the given styles on its four cells (alike for one ``key``)."""
    ws.row_dimensions[row].height = height
    given = {"font": font, "fill": fill, "border": border, "alignment": alignment}
    style = {name: value for name, value in given.items() if value is not None}
    for column in range(1, 5):
        styles.apply(ws.cell(row=row, column=column), (key, column), **style)


def write_phase_sheet(
    workbook: Workbook, plan: Plan, labels: Labels, phase: int, widths: Sequence[float]
) -> Worksheet:
    """Add the sheet of ``phase``: title, column headers, then one block per table.

    ``widths`` come from :func:`column_widths`, computed once for all phase sheets: it reads
    every phase, so computing it per sheet made writing quadratic in the phases (issue 16).
    """
    event = plan.event
    ws = new_sheet(workbook, phase_sheet_title(labels, phase))
    for k, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = width

    put(ws, 1, 1, _title(event, labels, phase)).font = TITLE_FONT
    ws.row_dimensions[1].height = TITLE_HEIGHT
    headers = [labels.number, labels.name, labels.organisation, role_header(event, labels)]
    for k, header in enumerate(headers, 1):
        put(ws, 2, k, header)
    styles = CellStyles()
    _style_row(ws, styles, "header", 2, HEADER_HEIGHT, font=HEADER_FONT, fill=HEADER_FILL)
    ws.freeze_panes = "A3"

    scale = min(100, math.floor(0.97 * BODY_WIDTH_PT / sum(column_points(w) for w in widths) * 100))
    page_height = (BODY_HEIGHT_PT * 100 / scale - TITLE_HEIGHT - HEADER_HEIGHT) * SAFETY

    fills = {theme: THEME_FILLS[k % len(THEME_FILLS)] for k, theme in enumerate(event.theme_names)}
    blocks = table_blocks(plan, phase, labels.unknown)
    missing = unseated(plan, phase)
    if missing:
        blocks.append(TableBlock(phase, labels.no_table, "", None, tuple(missing), False))

    block_font, border = font(bold=True, size=11), Border(bottom=THIN)
    right, right_top = Alignment(horizontal="right"), Alignment(horizontal="right", vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    row, used = 3, 0.0
    for block in blocks:
        rows = [_member_row(event, i, m) for i, m in enumerate(block.members, start=1)]
        heights = [_member_height(values, widths) for values in rows]
        height = BLOCK_HEIGHT + sum(heights)
        if used > 0 and used + height > page_height:
            ws.row_breaks.append(Break(id=row - 1))
            used = 0.0
        used += height + SPACER_HEIGHT
        for k, text in enumerate(_block_header(event, labels, block), start=1):
            put(ws, row, k, text)
        colour = fills.get(block.theme, "F2F2F2")
        _style_row(
            ws,
            styles,
            ("block", colour),
            row,
            BLOCK_HEIGHT,
            font=block_font,
            fill=PatternFill("solid", fgColor=colour),
        )
        styles.apply(ws.cell(row=row, column=4), ("block end", colour), alignment=right)
        row += 1
        for member, values, member_height in zip(block.members, rows, heights, strict=True):
            for k, value in enumerate(values, start=1):
                put(ws, row, k, value)
            bold = member == block.host
            _style_row(
                ws,
                styles,
                ("member", bold),
                row,
                member_height,
                border=border,
                font=font(bold=bold),
                alignment=wrapped,
            )
            styles.apply(ws.cell(row=row, column=1), ("number", bold), alignment=right_top)
            row += 1
        ws.row_dimensions[row].height = SPACER_HEIGHT
        row += 1

    print_on_a4(ws, title_rows="1:2", footer=labels.page_footer, scale=scale)
    return ws
