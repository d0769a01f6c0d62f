"""The supported ranges of every count and option, in one place for the API and the CLI.

Each limit is generous for a real event and keeps a hostile or mistyped input from eating
the machine's memory or time: beyond a limit rotation refuses at once with a message that
names the parameter (or the file's row), instead of working for minutes and failing.
``docs/reference/limits.md`` lists them for organisers.

The checks here raise the built-in errors an API user expects: :class:`TypeError` for a
value of the wrong kind (``"3"`` for a count, a single string for a list of themes) and
:class:`~rotation.errors.InputError` (a :class:`ValueError`) for a value outside its range.
Both name the parameter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rotation.errors import InputError, Problem

__all__ = [
    "MAX_CELL_LENGTH",
    "MAX_COLUMNS",
    "MAX_PARTICIPANTS",
    "MAX_PHASES",
    "MAX_ROWS",
    "MAX_SEED",
    "MAX_TABLES",
    "MAX_TABLE_SIZE",
    "MAX_THEMES",
    "MAX_TIME_LIMIT",
    "MAX_WORKERS",
    "MIN_TIME_LIMIT",
    "check_count",
    "check_seconds",
    "check_texts",
]

MAX_PARTICIPANTS = 10_000
"""Twice the largest event measured (5,000 people, docs/benchmarks.md: 364 MB, 11 s)."""
MAX_THEMES = 100
MAX_TABLES = 5_000
"""Tables of all themes together."""
MAX_TABLE_SIZE = MAX_PARTICIPANTS
MAX_PHASES = 50
"""Speed networking and golfer events use 10 to 20 rounds; 50 leaves room."""
MAX_WORKERS = 64
"""CP-SAT search threads; each costs memory, more than the cores only slows the search."""
MAX_SEED = 2**31 - 1
"""CP-SAT's random seed is a 32-bit signed integer."""
MIN_TIME_LIMIT = 0.01
MAX_TIME_LIMIT = 7 * 24 * 3600.0
"""A week: any longer limit is a typo."""
MAX_CELL_LENGTH = 32_767
"""Excel's limit for the text of one cell; a longer text could not be written to the plan."""
MAX_ROWS = 100_000
"""Rows of one sheet that are read (a plan's Assignments sheet has one per person and phase);
data further down is refused instead of walking a sheet's declared extent of a million rows."""
MAX_COLUMNS = 1_000
"""Columns of one sheet that are read."""


_SEE_LIMITS = "the documentation's page 'Limits' lists every supported range"


def _refuse(parameter: str, message: str, hint: str) -> InputError:
    return InputError([Problem(f"'{parameter}' {message}", hint=hint)])


def check_count(parameter: str, value: object, low: int, high: int) -> int:
    """``value`` as a whole number between ``low`` and ``high``, else an error naming it.

    >>> check_count("phases", 3, 1, MAX_PHASES)
    3
    >>> check_count("phases", "3", 1, MAX_PHASES)
    Traceback (most recent call last):
    TypeError: 'phases' must be a whole number, not str ('3')
    >>> check_count("phases", 10**9, 1, MAX_PHASES)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    rotation.errors.InputError: 1 problem in the input:
    - 'phases' is 1000000000; rotation supports 1 to 50 ...
    """
    if isinstance(value, bool) or not isinstance(value, int):
        shown = repr(value)[:40]
        raise TypeError(
            f"'{parameter}' must be a whole number, not {type(value).__name__} ({shown})"
        )
    if not low <= value <= high:
        raise _refuse(
            parameter,
            f"is {value}; rotation supports {low} to {high:,}",
            _SEE_LIMITS,
        )
    return value


def check_seconds(parameter: str, value: object) -> float:
    """A time limit in seconds: a finite number from 0.01 s to a week."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"'{parameter}' must be a number of seconds, not {type(value).__name__}")
    seconds = float(value)
    if not (math.isfinite(seconds) and MIN_TIME_LIMIT <= seconds <= MAX_TIME_LIMIT):
        raise _refuse(
            parameter,
            f"is {value}; it must be between {MIN_TIME_LIMIT} and {MAX_TIME_LIMIT:.0f} seconds",
            "give the seconds the search may take, e.g. 30",
        )
    return seconds


def check_texts(parameter: str, values: object, high: int) -> tuple[str, ...]:
    """A list of names (not a single string, which would be a list of its letters)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(
            f"'{parameter}' must be a list of names, not {type(values).__name__}"
            + (f" (write [{values!r}] for one name)" if isinstance(values, str) else "")
        )
    wrong = [v for v in values if not isinstance(v, str)]
    if wrong:
        raise TypeError(f"'{parameter}' must hold names (text), not {type(wrong[0]).__name__}")
    check_count(f"number of {parameter}", len(values), 0, high)
    return tuple(values)
