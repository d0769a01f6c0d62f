"""The optional "Tische"/"Tables" sheet: one row per table.

Columns: id, theme, capacity ("8" or "6-8") or min and max, phases, host. References to
themes and hosts stay as written; :mod:`~rotation.io.registration.reader` resolves them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rotation.errors import Problem
from rotation.io.cells import (
    CellValue,
    clean_id,
    clean_text,
    escaped,
    fold,
    has_control_characters,
    parse_phases,
    whole_number,
)
from rotation.io.sheets import RawSheet, find_header_row
from rotation.limits import MAX_TABLE_SIZE

__all__ = ["TABLE_COLUMNS", "TableRow", "read_tables"]

TABLE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "id": ("Tisch", "Tisch-ID", "Tischnummer", "Table", "Table ID"),
    "theme": ("Thema", "Theme"),
    "capacity": ("Plätze", "Kapazität", "Größe", "Max", "Maximum", "Höchstens", "Capacity",
                 "Seats", "Size", "Max size"),
    "min": ("Min", "Minimum", "Mindestens", "Min size"),
    "phases": ("Phasen", "Runden", "Phases", "Rounds"),
    "host": ("Gastgeber", "Gastgeberin", "Gastgeber-ID", "Host", "Host ID"),
}  # fmt: skip
_TABLE_BY_KEY = {fold(a): key for key, aliases in TABLE_COLUMNS.items() for a in aliases}
_CAPACITY = re.compile(r"^\s*([0-9]+)\s*(?:(?:-|–|—|bis|to)\s*([0-9]+))?\s*$")


@dataclass(frozen=True)
class TableRow:
    """One row of the Tables sheet, with its Excel row number for messages."""

    row: int
    id: str
    theme: str
    max_size: int | None
    min_size: int | None
    phases: frozenset[int] | None
    host: str | None
    headers: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Column key ("theme", "host", ...) -> the header text in the sheet, for messages."""


def read_tables(sheet: RawSheet, file: str) -> tuple[list[TableRow], list[Problem]]:
    """The tables a Tables sheet lists, and what is wrong with it."""
    problems: list[Problem] = []
    header_at, columns = _table_header(sheet.rows)
    base = Problem("", file=file, sheet=sheet.name)
    if header_at is None:
        if any(any(clean_text(c) for c in row) for row in sheet.rows):
            problems.append(
                base.at(
                    "The tables sheet has no header row with 'Table' and 'Theme' columns.",
                    "accepted headers: " + "; ".join(", ".join(a) for a in TABLE_COLUMNS.values()),
                )
            )
        return [], problems
    headers = [clean_text(c) for c in sheet.rows[header_at]]
    for needed in ("id", "theme"):
        if needed not in columns:
            problems.append(
                base.at(
                    f"The tables sheet has no '{TABLE_COLUMNS[needed][0]}' column.",
                    f"headers found: {', '.join(h for h in headers if h)}; accepted: "
                    + ", ".join(TABLE_COLUMNS[needed]),
                    row=RawSheet.excel_row(header_at),
                )
            )
    if problems:
        return [], problems
    tables: list[TableRow] = []
    for position in range(header_at + 1, len(sheet.rows)):
        row = sheet.rows[position]
        if not any(clean_text(c) for c in row):
            continue
        table, row_problems = _table_row(row, columns, headers, RawSheet.excel_row(position), base)
        problems += row_problems
        if table is not None:
            tables.append(table)
    return tables, problems


def _table_column(header: str) -> str | None:
    """The column key ("id", "theme", ...) a Tables header names, or None."""
    return _TABLE_BY_KEY.get(fold(header))


def _table_header(rows: Sequence[Sequence[CellValue]]) -> tuple[int | None, dict[str, int]]:
    """The header row (two known columns at least) and each known column's position."""
    position = find_header_row(rows, _table_column, least=2)
    if position is None:
        return None, {}
    columns: dict[str, int] = {}
    for column, cell in enumerate(rows[position]):
        key = _table_column(clean_text(cell))
        if key is not None:
            columns.setdefault(key, column)
    return position, columns


@dataclass
class _TableCells:
    """One row of the Tables sheet being read: its cells by column key, and its problems."""

    row: Sequence[CellValue]
    columns: Mapping[str, int]
    headers: Sequence[str]
    number: int
    base: Problem
    problems: list[Problem] = field(default_factory=list)

    def cell(self, key: str) -> CellValue:
        column = self.columns.get(key)
        return self.row[column] if column is not None and column < len(self.row) else None

    def problem(self, key: str, message: str, hint: str) -> None:
        column = self.headers[self.columns[key]]
        self.problems.append(self.base.at(message, hint, row=self.number, column=column))

    def sizes(self) -> tuple[int | None, int | None]:
        """(fewest, most) people: the capacity "8" or "6-8", and a minimum column."""
        min_size = max_size = None
        capacity = clean_text(self.cell("capacity"))
        if capacity:
            seats = _capacity_range(capacity)
            if seats is None:
                self.problem(
                    "capacity",
                    f"'{capacity[:40]}' is not a number of seats from 1 to {MAX_TABLE_SIZE:,}.",
                    "write a number such as 8, or a range such as 6-8",
                )
            else:
                min_size, max_size = seats
        minimum = clean_text(self.cell("min"))
        if minimum:
            smallest = whole_number(minimum, MAX_TABLE_SIZE)
            if smallest is not None:
                min_size = smallest
            else:
                hint = "write the smallest size, such as 4"
                self.problem("min", f"'{minimum[:40]}' is not a number.", hint)
        return min_size, max_size

    def phases(self) -> frozenset[int] | None:
        """The phases the table runs in; None for all."""
        try:
            return parse_phases(self.cell("phases"))
        except ValueError:
            self.problem(
                "phases",
                f"'{clean_text(self.cell('phases'))}' is not a list of phases.",
                "write e.g. 1,2 or 1-3, or leave it empty for all",
            )
            return None


def _table_row(
    row: Sequence[CellValue],
    columns: Mapping[str, int],
    headers: Sequence[str],
    number: int,
    base: Problem,
) -> tuple[TableRow | None, list[Problem]]:
    """One table as read, or None with the row's problems."""
    cells = _TableCells(row, columns, headers, number, base)
    table_id, theme = clean_id(cells.cell("id")), clean_text(cells.cell("theme"))
    if not table_id:
        cells.problem("id", "The table has no id.", "give every table a short id such as A1")
    elif has_control_characters(table_id):
        cells.problem(
            "id",
            f"The table id {escaped(table_id)} holds control characters, which a workbook "
            "cannot store.",
            "retype the id",
        )
    if not theme:
        cells.problem("theme", "The table has no theme.", "write the theme the table works on")
    min_size, max_size = cells.sizes()
    phases = cells.phases()
    host = clean_id(cells.cell("host")) or None
    if cells.problems or not table_id or not theme:
        return None, cells.problems
    names = {key: headers[column] for key, column in columns.items()}
    return TableRow(number, table_id, theme, max_size, min_size, phases, host, names), []


def _capacity_range(text: str) -> tuple[int | None, int] | None:
    """ "8" -> (None, 8), "6-8" or "6 bis 8" -> (6, 8); None when it is no number of seats."""
    match = _CAPACITY.match(text)
    low, high = (None, None) if match is None else match.groups()
    first = whole_number(low, MAX_TABLE_SIZE)
    second = whole_number(high, MAX_TABLE_SIZE) if high is not None else first
    if first is None or second is None or second < 1:
        return None
    return (first, second) if high is not None else (None, first)
