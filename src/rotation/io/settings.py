"""The optional "Einstellungen"/"Settings" and "Tische"/"Tables" sheets.

Settings is a list of key/value rows; list values (themes, attributes to balance) may be
spread over several cells of the row, over several rows with the same key, or written in
one cell separated by semicolons or line breaks (themes) or also commas (balance). Tables
has one row per table: id, theme, capacity ("8" or "6-8") or min and max, phases, host.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rotation.domain import ThemeCoverage
from rotation.errors import Problem
from rotation.io.cells import CellValue, clean_id, clean_text, fold, parse_phases, split_list
from rotation.io.raw_sheets import RawSheet

__all__ = ["COVERAGE_NAMES", "SETTING_KEYS", "Settings", "TableRow", "read_settings", "read_tables"]

SETTING_KEYS: Mapping[str, tuple[str, ...]] = {
    "name": ("Veranstaltung", "Titel", "Name", "Event", "Event name", "Title"),
    "themes": ("Themen", "Thema", "Themes", "Theme"),
    "tables_per_theme": ("Tische pro Thema", "Tables per theme"),
    "table_size": (
        "Tischgröße", "Plätze pro Tisch", "Maximale Tischgröße", "Table size", "Seats per table",
        "Max table size",
    ),
    "min_table_size": (
        "Mindestgröße", "Minimale Tischgröße", "Min table size", "Minimum table size",
    ),
    "phases": ("Phasen", "Anzahl Phasen", "Runden", "Phases", "Number of phases", "Rounds"),
    "balance": ("Ausgleichen", "Ausgleichen nach", "Ausgewogen nach", "Balance", "Balance by"),
    "coverage": ("Themenabdeckung", "Themenregel", "Coverage", "Theme coverage"),
}  # fmt: skip
COVERAGE_NAMES: Mapping[ThemeCoverage, tuple[str, ...]] = {
    ThemeCoverage.AUTO: ("auto", "automatisch"),
    ThemeCoverage.EACH_ONCE: ("each once", "jedes einmal", "jedes Thema einmal"),
    ThemeCoverage.AT_MOST_ONCE: ("at most once", "höchstens einmal"),
    ThemeCoverage.EVENLY: ("evenly", "gleichmäßig"),
    ThemeCoverage.NONE: ("none", "keine", "frei", "free"),
}
_HEADER_KEYS = {"einstellung", "setting", "key", "schlussel", "wert", "value"}
_INTEGER_KEYS = ("tables_per_theme", "table_size", "min_table_size", "phases")
_BY_KEY = {fold(alias): key for key, aliases in SETTING_KEYS.items() for alias in (*aliases, key)}
_COVERAGE_BY_KEY = {
    fold(alias): cov for cov, aliases in COVERAGE_NAMES.items() for alias in (*aliases, cov.value)
}
_SEMICOLON_LIST = re.compile(r"[;\n]")

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
_CAPACITY = re.compile(r"^\s*(\d+)\s*(?:(?:-|–|—|bis|to)\s*(\d+))?\s*$")


@dataclass(frozen=True)
class Settings:
    """Event-wide settings; None means "not given here"."""

    name: str | None = None
    themes: tuple[str, ...] | None = None
    tables_per_theme: int | None = None
    table_size: int | None = None
    min_table_size: int | None = None
    phases: int | None = None
    balance: tuple[str, ...] | None = None
    coverage: ThemeCoverage | None = None


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


def parse_coverage(text: str) -> ThemeCoverage | None:
    """The coverage rule a word names (German or English), or None."""
    return _COVERAGE_BY_KEY.get(fold(text))


def read_settings(sheet: RawSheet, file: str) -> tuple[Settings, list[Problem]]:
    """The settings a key/value sheet gives, and what is wrong with it."""
    problems: list[Problem] = []
    values: dict[str, list[tuple[int, list[CellValue]]]] = {}
    for position, row in enumerate(sheet.rows):
        cells = [c for c in row if clean_text(c)]
        if not cells:
            continue
        key_text = clean_text(row[0]) if row else ""
        number = RawSheet.excel_row(position)
        where = Problem("", file=file, sheet=sheet.name, row=number, column=key_text or None)
        key = _BY_KEY.get(fold(key_text))
        if key is None:
            if fold(key_text) in _HEADER_KEYS:
                continue
            problems.append(
                where.at(
                    f"Unknown setting '{key_text}'." if key_text else "A value has no key.",
                    "use one of: "
                    + ", ".join(a for aliases in SETTING_KEYS.values() for a in aliases),
                )
            )
            continue
        values.setdefault(key, []).append((number, [c for c in row[1:] if clean_text(c)]))
    found: dict[str, Any] = {}
    for key, entries in values.items():
        found[key] = _setting_value(key, entries, sheet.name, file, problems)
    return Settings(**found), problems


def _setting_value(
    key: str,
    entries: list[tuple[int, list[CellValue]]],
    sheet: str,
    file: str,
    problems: list[Problem],
) -> object:
    number = entries[0][0]
    where = Problem("", file=file, sheet=sheet, row=number, column=SETTING_KEYS[key][0])
    if key in ("themes", "balance"):
        splitter = _SEMICOLON_LIST.split if key == "themes" else split_list
        items = [
            item
            for _, cells in entries
            for cell in cells
            for item in (clean_text(part) for part in splitter(_lines_text(cell)))
            if item
        ]
        return tuple(dict.fromkeys(items))
    if len(entries) > 1:
        problems.append(
            where.at(f"The setting '{key}' is given {len(entries)} times.", "keep one row")
        )
    cells = entries[0][1]
    text = clean_text(cells[0]) if cells else ""
    if not text:
        problems.append(
            where.at("The setting has no value.", "fill in the value or delete the row")
        )
        return None
    if key == "name":
        return text
    if key == "coverage":
        coverage = parse_coverage(text)
        if coverage is None:
            problems.append(
                where.at(
                    f"'{text}' is not a theme coverage rule.",
                    "use one of: "
                    + ", ".join(a for names in COVERAGE_NAMES.values() for a in names),
                )
            )
        return coverage
    if key in _INTEGER_KEYS:
        if not text.isdigit() or int(text) < (0 if key == "min_table_size" else 1):
            problems.append(
                where.at(
                    f"'{text}' is not a whole number of at least 1.",
                    "write a number such as 2",
                )
            )
            return None
        return int(text)
    return text  # pragma: no cover - every key is handled above


def _lines_text(value: CellValue) -> str:
    """A cell's text with line breaks kept (they separate list items)."""
    return "\n".join(
        clean_text(line) for line in str(value if value is not None else "").splitlines()
    )


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


def _table_header(rows: Sequence[Sequence[CellValue]]) -> tuple[int | None, dict[str, int]]:
    for position, row in enumerate(rows[:30]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            key = _TABLE_BY_KEY.get(fold(clean_text(cell)))
            if key is not None and key not in columns:
                columns[key] = column
        if len(columns) >= 2:
            return position, columns
    return None, {}


def _table_row(
    row: Sequence[CellValue],
    columns: Mapping[str, int],
    headers: Sequence[str],
    number: int,
    base: Problem,
) -> tuple[TableRow | None, list[Problem]]:
    problems: list[Problem] = []

    def cell(key: str) -> CellValue:
        column = columns.get(key)
        return row[column] if column is not None and column < len(row) else None

    def at(key: str, message: str, hint: str) -> None:
        problems.append(base.at(message, hint, row=number, column=headers[columns[key]]))

    table_id, theme = clean_id(cell("id")), clean_text(cell("theme"))
    if not table_id:
        at("id", "The table has no id.", "give every table a short id such as A1")
    if not theme:
        at("theme", "The table has no theme.", "write the theme the table works on")
    max_size = min_size = None
    capacity = clean_text(cell("capacity"))
    if capacity:
        match = _CAPACITY.match(capacity)
        if match is None or int(match.group(2) or match.group(1)) < 1:
            at(
                "capacity",
                f"'{capacity}' is not a number of seats.",
                "write a number such as 8, or a range such as 6-8",
            )
        elif match.group(2):
            min_size, max_size = int(match.group(1)), int(match.group(2))
        else:
            max_size = int(match.group(1))
    minimum = clean_text(cell("min"))
    if minimum:
        if minimum.isdigit():
            min_size = int(minimum)
        else:
            at("min", f"'{minimum}' is not a number.", "write the smallest size, such as 4")
    phases = None
    try:
        phases = parse_phases(cell("phases"))
    except ValueError:
        at(
            "phases",
            f"'{clean_text(cell('phases'))}' is not a list of phases.",
            "write e.g. 1,2 or 1-3, or leave it empty for all",
        )
    host = clean_id(cell("host")) or None
    if problems or not table_id or not theme:
        return None, problems
    names = {key: headers[column] for key, column in columns.items()}
    return TableRow(number, table_id, theme, max_size, min_size, phases, host, names), problems
