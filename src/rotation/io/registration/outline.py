"""What a registration file says before any option is applied: the settings a form starts from.

A settings form (the web page's) shows the event as the file describes it: the themes, the
tables, the phases, the columns that could be balanced, and every problem the file has. It
reads the same sheets as :func:`~rotation.io.registration.read_event`, so the figures and
problems are exactly those a plan without options would meet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path

from rotation.domain import Event
from rotation.errors import InputError, Problem
from rotation.io.registration.participants import read_participants
from rotation.io.registration.reader import event_from_sheets, read_sheets
from rotation.io.registration.settings import Settings, read_settings
from rotation.io.registration.tables import read_tables
from rotation.io.sheets import (
    SETTINGS_SHEETS,
    TABLE_SHEETS,
    RawSheet,
    find_sheet,
    participant_sheet,
)

__all__ = ["RegistrationOutline", "outline_registration"]


@dataclass(frozen=True)
class RegistrationOutline:
    """The event a registration file describes, as values a form can show and change.

    Values the file does not give are None (or empty). ``columns`` pairs each attribute key
    that could be balanced with its header in the file. ``listed_tables`` counts the tables
    of a Tables sheet (0: none; then tables are built per theme). ``problems`` is every
    problem a plan without options would report.
    """

    file: str
    participants: int = 0
    columns: tuple[tuple[str, str], ...] = ()
    name: str | None = None
    themes: tuple[str, ...] = ()
    tables_per_theme: int | None = None
    table_size: int | None = None
    min_table_size: int | None = None
    phases: int | None = None
    balance: tuple[str, ...] = ()
    listed_tables: int = 0
    problems: tuple[Problem, ...] = ()


def outline_registration(
    path: str | PathLike[str], *, file_name: str | None = None
) -> RegistrationOutline:
    """The outline of a registration file; unreadable files give an outline of problems.

    ``file_name`` is the name the organiser knows the file by (an upload saved under another
    name): problems name it, and an event without a name is named after it.
    """
    file_path = Path(path)
    file = file_name or file_path.name
    try:
        sheets = read_sheets(file_path)
    except InputError as error:
        return RegistrationOutline(
            file, problems=tuple(replace(p, file=file) if p.file else p for p in error.problems)
        )
    try:
        event: Event | None = event_from_sheets(sheets, file=file)
        problems: tuple[Problem, ...] = ()
    except InputError as error:
        event, problems = None, error.problems
    columns, people = _columns(sheets, file)
    settings = _settings(sheets, file)
    listed = _listed_tables(sheets, file)
    if event is not None:
        return _from_event(event, file, columns, listed)
    themes = settings.themes or tuple(dict.fromkeys(theme for theme, _ in listed))
    return RegistrationOutline(
        file,
        participants=people,
        columns=columns,
        name=settings.name,
        themes=tuple(themes),
        tables_per_theme=_one_count(settings.tables_per_theme) if not listed else None,
        table_size=settings.table_size or _uniform(size for _, size in listed),
        min_table_size=settings.min_table_size,
        phases=settings.phases or (len(themes) or None),
        balance=settings.balance or (),
        listed_tables=len(listed),
        problems=problems,
    )


def _from_event(
    event: Event,
    file: str,
    columns: tuple[tuple[str, str], ...],
    listed: list[tuple[str, int | None]],
) -> RegistrationOutline:
    per_theme = Counter(table.theme for table in event.tables)
    return RegistrationOutline(
        file,
        participants=len(event.participants),
        columns=columns,
        name=event.name,
        themes=event.theme_names,
        tables_per_theme=None if listed else _uniform(per_theme.values()),
        table_size=_uniform(table.max_size for table in event.tables),
        min_table_size=_uniform(table.min_size for table in event.tables),
        phases=len(event.phases),
        balance=event.balance,
        listed_tables=len(listed),
    )


def _one_count(per_theme: int | tuple[int, ...] | None) -> int | None:
    """One number of tables for every theme, or None when the themes differ (or none given)."""
    if isinstance(per_theme, tuple):
        return _uniform(per_theme)
    return per_theme


def _uniform(values: Iterable[int | None]) -> int | None:
    """The one value all items share, or None when they differ (or there are none)."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def _columns(sheets: list[RawSheet], file: str) -> tuple[tuple[tuple[str, str], ...], int]:
    """The attribute columns (key, header) of the participant sheet, and its row count."""
    chosen = participant_sheet(sheets)
    if chosen is None:
        return (), 0
    participants, _ = read_participants(chosen, file, {})
    if participants is None:
        return (), 0
    layout = participants.layout
    columns = tuple((key, layout.header(column)) for key, column in layout.attributes.items())
    return columns, len(participants.registrations)


def _settings(sheets: list[RawSheet], file: str) -> Settings:
    found = find_sheet(sheets, SETTINGS_SHEETS)
    return read_settings(found, file)[0] if found is not None else Settings()


def _listed_tables(sheets: list[RawSheet], file: str) -> list[tuple[str, int | None]]:
    """(theme, most seats) of every table a Tables sheet lists."""
    found = find_sheet(sheets, TABLE_SHEETS)
    if found is None:
        return []
    return [(row.theme, row.max_size) for row in read_tables(found, file)[0]]
