"""Participants from a pandas DataFrame, for developers who already hold their data in one.

Columns named ``id``, ``name``, ``organisation``, ``email`` (any case) become the
participant's fields; every other column becomes an attribute that may be balanced.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from rotation.domain import Event, Participant
from rotation.errors import InputError, Problem

__all__ = ["event_from_dataframe", "participants_from_dataframe"]

_FIELDS = ("id", "name", "organisation", "email")


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def participants_from_dataframe(frame: pd.DataFrame) -> list[Participant]:
    """One participant per row; without an ``id`` column the row number is the id.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": [1, 2], "name": ["Ann", "Bo"], "gender": ["w", "m"]})
    >>> [(p.id, p.name, dict(p.attributes)) for p in participants_from_dataframe(frame)]
    [('1', 'Ann', {'gender': 'w'}), ('2', 'Bo', {'gender': 'm'})]
    """
    columns = {str(c).strip().lower(): c for c in frame.columns}
    if "organization" in columns and "organisation" not in columns:
        columns["organisation"] = columns.pop("organization")
    others = [c for c in frame.columns if str(c).strip().lower() not in (*_FIELDS, "organization")]
    people, problems = [], []
    for position, (_, row) in enumerate(frame.iterrows(), start=1):
        values = {f: _text(row[columns[f]]) if f in columns else "" for f in _FIELDS}
        ident = values["id"] or str(position)
        if not ident:
            problems.append(Problem("empty id", row=position, column="id"))
            continue
        attributes = {str(c): _text(row[c]) for c in others if _text(row[c])}
        people.append(
            Participant(
                id=ident,
                name=values["name"],
                organisation=values["organisation"],
                email=values["email"],
                attributes=attributes,
            )
        )
    if problems:
        raise InputError(problems)
    return people


def event_from_dataframe(frame: pd.DataFrame, *, themes: Sequence[str], **options: Any) -> Event:
    """An event from a DataFrame of participants; ``options`` as for :meth:`Event.build`.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": range(8), "organisation": ["A", "B"] * 4,
    ...                       "gender": ["w", "m", "m", "w"] * 2})
    >>> event = event_from_dataframe(frame, themes=["Water", "Energy"], balance=["gender"])
    >>> len(event.participants), [t.id for t in event.tables], event.balance
    (8, ['W1', 'E1'], ('gender',))
    """
    return Event.build(participants_from_dataframe(frame), themes=themes, **options)
