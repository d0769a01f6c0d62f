"""The optional "Einstellungen"/"Settings" sheet: event-wide key/value rows.

Settings is a list of key/value rows; list values (themes, attributes to balance) may be
spread over several cells of the row, over several rows with the same key, or written in
one cell separated by semicolons or line breaks (themes) or also commas (balance).
The Tables sheet is read by :mod:`~rotation.io.registration.tables`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rotation.domain import ThemeCoverage
from rotation.errors import Problem
from rotation.io.cells import CellValue, clean_text, fold, split_list, whole_number
from rotation.io.sheets import RawSheet
from rotation.limits import MAX_PHASES, MAX_TABLE_SIZE, MAX_TABLES

__all__ = ["COVERAGE_NAMES", "SETTING_KEYS", "Settings", "read_settings"]

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
    "phase_times": (
        "Zeiten", "Uhrzeiten", "Phasenzeiten", "Zeiten der Phasen", "Phase times", "Times",
    ),
}  # fmt: skip
COVERAGE_NAMES: Mapping[ThemeCoverage, tuple[str, ...]] = {
    ThemeCoverage.AUTO: ("auto", "automatisch"),
    ThemeCoverage.EACH_ONCE: ("each once", "jedes einmal", "jedes Thema einmal"),
    ThemeCoverage.AT_MOST_ONCE: ("at most once", "höchstens einmal"),
    ThemeCoverage.EVENLY: ("evenly", "gleichmäßig"),
    ThemeCoverage.NONE: ("none", "keine", "frei", "free"),
}
_HEADER_KEYS = {"einstellung", "setting", "key", "schlussel", "wert", "value"}
_INTEGER_KEYS = {
    "tables_per_theme": (1, MAX_TABLES),
    "table_size": (1, MAX_TABLE_SIZE),
    "min_table_size": (0, MAX_TABLE_SIZE),
    "phases": (1, MAX_PHASES),
}
"""The whole-number settings and their ranges (rotation.limits)."""
_BY_KEY = {fold(alias): key for key, aliases in SETTING_KEYS.items() for alias in (*aliases, key)}
_COVERAGE_BY_KEY = {
    fold(alias): cov for cov, aliases in COVERAGE_NAMES.items() for alias in (*aliases, cov.value)
}
_SEMICOLON_LIST = re.compile(r"[;\n]")


@dataclass(frozen=True)
class Settings:
    """Event-wide settings; None means "not given here"."""

    name: str | None = None
    themes: tuple[str, ...] | None = None
    tables_per_theme: int | tuple[int, ...] | None = None
    """Tables per theme: one count for all themes, or one per theme (in code only)."""
    table_size: int | None = None
    min_table_size: int | None = None
    phases: int | None = None
    balance: tuple[str, ...] | None = None
    coverage: ThemeCoverage | None = None
    phase_times: tuple[str, ...] | None = None
    """A time label per phase, in order ("9:30-10:15"): on the phase sheets and the slips."""


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
    """The value of one setting from its rows; what is wrong goes to ``problems``."""
    where = Problem("", file=file, sheet=sheet, row=entries[0][0], column=SETTING_KEYS[key][0])
    if key in ("themes", "balance", "phase_times"):
        return _list_value(key, entries)
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
    if key == "coverage":
        return _coverage_value(text, where, problems)
    if key in _INTEGER_KEYS:
        return _integer_value(text, key, where, problems)
    return text  # the event's name


def _list_value(key: str, entries: list[tuple[int, list[CellValue]]]) -> tuple[str, ...]:
    """Themes, phase times or columns to balance from every row and cell, in order, once each.

    Themes and times split at semicolons and line breaks only (a theme's name may hold a
    comma); columns to balance also at commas.
    """
    splitter = split_list if key == "balance" else _SEMICOLON_LIST.split
    items = [
        item
        for _, cells in entries
        for cell in cells
        for item in (clean_text(part) for part in splitter(_lines_text(cell)))
        if item
    ]
    return tuple(dict.fromkeys(items))


def _coverage_value(text: str, where: Problem, problems: list[Problem]) -> ThemeCoverage | None:
    coverage = parse_coverage(text)
    if coverage is None:
        problems.append(
            where.at(
                f"'{text}' is not a theme coverage rule.",
                "use one of: " + ", ".join(a for names in COVERAGE_NAMES.values() for a in names),
            )
        )
    return coverage


def _integer_value(text: str, key: str, where: Problem, problems: list[Problem]) -> int | None:
    low, high = _INTEGER_KEYS[key]
    count = whole_number(text, high)
    if count is None or count < low:
        problems.append(
            where.at(
                f"'{text[:40]}' is not a whole number from {low} to {high:,}.",
                "write a number such as 2",
            )
        )
        return None
    return count


def _lines_text(value: CellValue) -> str:
    """A cell's text with line breaks kept (they separate list items); a time as 09:30."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    return "\n".join(
        clean_text(line) for line in str(value if value is not None else "").splitlines()
    )
