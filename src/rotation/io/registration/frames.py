"""Participants from a pandas DataFrame, for developers who already hold their data in one.

The frame is read exactly as a registration sheet (:func:`rotation.read_event`): the same
German and English headers (``Nr.``, ``Vorname``, ``Nachname``, ``Kommune``, ``ID``,
``Name``, ``Organisation``, ...; see :mod:`~rotation.io.registration.columns`), names from
first and last name, hosts, pins, phases and groups. Every other column becomes an attribute
that may be balanced; a column that looks like an id or a name but is no known header is an
error, never silently an attribute. A named index (``frame.set_index("ID")``) counts as a
column. Unlike a file, a frame may come without names.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import pandas as pd

from rotation.domain import Event, Goals, Group, Participant, ThemeCoverage
from rotation.errors import InputError
from rotation.io.cells import CellValue
from rotation.io.registration.participants import read_participants
from rotation.io.registration.reader import event_from_sheets
from rotation.io.registration.settings import Settings
from rotation.io.sheets import RawSheet

__all__ = ["event_from_dataframe", "participants_from_dataframe"]

FRAME_SHEET = "DataFrame"
"""The sheet name messages give for a frame; rows count from 1 at the header, as in Excel."""


def _cell(value: object) -> CellValue:
    """A frame's value as a cell: NaN and NaT empty, numpy numbers and timestamps plain."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (str, int, float, bool, dt.datetime, dt.date, dt.time)):
        return value
    return str(value)


def frame_sheet(frame: pd.DataFrame) -> RawSheet:
    """The frame as a sheet: its column names as the header row, then one row per row."""
    if frame.index.name is not None or any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    header = tuple(_cell(name) for name in frame.columns)
    rows = [tuple(_cell(value) for value in row) for row in frame.itertuples(index=False)]
    return RawSheet.trimmed(FRAME_SHEET, [header, *rows])


def participants_from_dataframe(
    frame: pd.DataFrame, *, columns: Mapping[str, str] | None = None
) -> list[Participant]:
    """One participant per row, the columns recognised as in a registration file.

    Without an id column the e-mail address is the id, else the row's place (1, 2, ...).
    Host, pin and group columns need the event's tables: use :func:`event_from_dataframe`.

    Raises:
        InputError: every problem of the frame (no id in a row, a duplicate id, a column
            that looks like an id but is no known header, ...), with row and column.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"Nr.": [1, 2], "Vorname": ["Ann", "Bo"], "Nachname": ["Li", "Ek"],
    ...                       "Kommune": ["Lemgo", "Minden"], "Geschlecht": ["w", "m"]})
    >>> [(p.id, p.name, p.organisation, dict(p.attributes))
    ...  for p in participants_from_dataframe(frame)]  # doctest: +NORMALIZE_WHITESPACE
    [('1', 'Ann Li', 'Lemgo', {'gender': 'w'}), ('2', 'Bo Ek', 'Minden', {'gender': 'm'})]
    """
    sheet, problems = read_participants(frame_sheet(frame), "", columns or {}, names_required=False)
    if sheet is None or problems:
        raise InputError(problems)
    return [r.participant(r.pins, r.preferred_theme) for r in sheet.registrations]


def event_from_dataframe(
    frame: pd.DataFrame,
    *,
    themes: Sequence[str],
    tables_per_theme: int | Sequence[int] = 1,
    table_size: int | None = None,
    min_table_size: int = 0,
    phases: int | None = None,
    balance: Sequence[str] = (),
    coverage: ThemeCoverage = ThemeCoverage.AUTO,
    keep_apart: Iterable[Group] = (),
    keep_together: Iterable[Group] = (),
    goals: Goals | None = None,
    name: str = "Event",
    columns: Mapping[str, str] | None = None,
) -> Event:
    """An event from a DataFrame of participants, read as :func:`rotation.read_event` reads
    a registration sheet; the options as for :meth:`Event.build`.

    ``balance`` names attributes by key ("gender") or by header ("Geschlecht"); ``columns``
    maps fields to headers as in :func:`rotation.read_event`. Groups given here join those
    of keep-apart and keep-together columns.

    Raises:
        InputError: every problem of the frame and the options at once.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"ID": range(8), "Organisation": ["A", "B"] * 4,
    ...                       "Geschlecht": ["w", "m", "m", "w"] * 2})
    >>> event = event_from_dataframe(frame, themes=["Water", "Energy"], balance=["Geschlecht"])
    >>> len(event.participants), [t.id for t in event.tables], event.balance
    (8, ['W1', 'E1'], ('gender',))
    """
    options = Settings(
        name=name,
        themes=tuple(themes),
        tables_per_theme=(
            tables_per_theme if isinstance(tables_per_theme, int) else tuple(tables_per_theme)
        ),
        table_size=table_size,
        min_table_size=min_table_size,
        phases=phases,
        balance=tuple(balance),
        coverage=coverage,
    )
    event = event_from_sheets(
        [frame_sheet(frame)], file="", options=options, columns=columns, names_required=False
    )
    return replace(
        event,
        keep_apart=(*event.keep_apart, *keep_apart),
        keep_together=(*event.keep_together, *keep_together),
        goals=goals or event.goals,
    )
