"""Cleaning single spreadsheet values: text, ids and keys for matching.

Spreadsheets deliver names with non-breaking spaces, zero-width spaces, byte order marks,
decomposed umlauts (NFD, as macOS writes them) and ids that Excel turned into numbers.
Everything read from a registration file passes through :func:`clean_text` or
:func:`clean_id`; header names and choices are compared through :func:`fold`.

Only noise is removed. The zero-width joiner (U+200D, inside emoji and Indic names) and
non-joiner (U+200C, in Persian names) form names and are kept.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from rotation.limits import MAX_PHASES

__all__ = [
    "CellValue",
    "IdMatcher",
    "clean_id",
    "clean_text",
    "escaped",
    "fold",
    "has_control_characters",
    "parse_phases",
    "plain_value",
    "split_list",
    "whole_number",
]

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None
"""What a reader hands over for one cell."""

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\r\n\v\f"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,12}")
_RUNS_OF_SPACE = re.compile(r" {2,}")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_LIST_SEPARATORS = re.compile(r"[,;\n]")


def plain_value(value: object) -> CellValue:
    """A value as a reader hands it over, as a :data:`CellValue`.

    openpyxl may give a Decimal, a duration or rich text as well: a number stays a number,
    anything else becomes its text.

    >>> plain_value(Decimal("2.5")), plain_value(dt.timedelta(hours=1)), plain_value(None)
    (2.5, '1:00:00', None)
    """
    if value is None or isinstance(value, (str, int, float, dt.datetime, dt.date, dt.time)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def _number_text(value: int | float) -> str:
    """17 -> "17", 17.0 -> "17", 17.5 -> "17.5" (Excel stores every number as a float)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _raw_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return _number_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def clean_text(value: CellValue) -> str:
    """A cell as tidy text: NFC, odd spaces made plain, invisible characters gone, trimmed.

    >>> clean_text("  Bj\u00f6rn\u00a0 M\u200bu\u0308ller ")
    'Björn Müller'
    >>> clean_text(17.0), clean_text(None)
    ('17', '')
    """
    text = _raw_text(value).translate(_INVISIBLE).translate(_SPACES)
    text = unicodedata.normalize("NFC", text)
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def clean_id(value: CellValue) -> str:
    """An id exactly as written, only trimmed and NFC: "0001" stays "0001", 17.0 is "17".

    >>> clean_id(" 0001 "), clean_id(17.0), clean_id("A 1")
    ('0001', '17', 'A 1')
    """
    return clean_text(value)


def has_control_characters(text: str) -> bool:
    """True when ``text`` holds control characters (ESC, NUL, ...), which no workbook stores.

    An id with them could not be written unchanged, so the plan would fail its own check.

    >>> has_control_characters("A1"), has_control_characters("A\x1b[2J1")
    (False, True)
    """
    return _CONTROL.search(text) is not None


def escaped(text: str) -> str:
    """``text`` quoted, its control characters written as escapes: ``'A\\x1b1'``."""
    return ascii(text) if has_control_characters(text) else f"'{text}'"


def whole_number(value: CellValue, high: int) -> int | None:
    """A cell's whole number from 0 to ``high`` (17, 17.0, "17"), else None.

    >>> whole_number("12", 50), whole_number(3.0, 50), whole_number("51", 50)
    (12, 3, None)
    >>> whole_number("²", 50), whole_number("9" * 5000, 50), whole_number(True, 50)
    (None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, int):
        number = value
    else:
        text = clean_text(value)
        number = int(text) if _WHOLE_NUMBER.fullmatch(text) else None
    return number if number is not None and 0 <= number <= high else None


def fold(text: str) -> str:
    """A key for matching names: case, accents, spacing and punctuation ignored.

    >>> fold("Kommune / Organisation"), fold("E-Mail"), fold("Straße"), fold("Nr.")
    ('kommuneorganisation', 'email', 'strasse', 'nr')
    """
    text = clean_text(text).casefold().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", stripped)


class IdMatcher:
    """Finds the id someone meant: exactly as written, else by :func:`fold`.

    So "a 1", "A-1" and "a1" all find table "A1", in a registration file (hosts, pins,
    groups) and in an edited plan workbook alike. A typed id whose folded form fits two
    known ids ("A-1" and "A1" both exist) finds neither: only an exact match decides then.

    >>> tables = IdMatcher(["A1", "B-2", "X 1", "X1"])
    >>> tables.find("a-1"), tables.find(" b 2"), tables.find("C3"), tables.find("X1")
    ('A1', 'B-2', None, 'X1')
    >>> tables.find("x-1") is None  # "X 1" or "X1"?
    True
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self._exact = set(ids)
        self._folded: dict[str, str | None] = {}
        self._alike: dict[str, list[str]] = {}
        for known in sorted(self._exact):
            key = fold(known)
            self._folded[key] = None if key in self._folded else known
            self._alike.setdefault(key, []).append(known)

    def ambiguous(self, typed: str) -> list[str]:
        """The known ids ``typed`` fits equally well when it fits several, else ``[]``.

        >>> IdMatcher(["X 1", "X1"]).ambiguous("x-1"), IdMatcher(["X1"]).ambiguous("x-1")
        (['X 1', 'X1'], [])
        """
        if typed in self._exact:
            return []
        alike = self._alike.get(fold(typed), [])
        return alike if len(alike) > 1 else []

    def find(self, typed: str) -> str | None:
        """The known id ``typed`` names, or None."""
        if typed in self._exact:
            return typed
        key = fold(typed)
        return self._folded.get(key) if key else None

    def __contains__(self, typed: object) -> bool:
        return isinstance(typed, str) and self.find(typed) is not None


def split_list(text: str) -> list[str]:
    """Items of a list cell separated by comma, semicolon or line break, cleaned, no blanks.

    >>> split_list("A, B;; C\\nD")
    ['A', 'B', 'C', 'D']
    """
    return [item for item in (clean_text(part) for part in _LIST_SEPARATORS.split(text)) if item]


_PHASE_RANGE = re.compile(r"([0-9]+)(?:\s*(?:-|–|—|bis|to)\s*([0-9]+))?")
_PHASE_WORDS = re.compile(r"\b(?:phasen?|runden?|rounds?|phases?|und|and)\b")
_ALL_PHASES = {"alle", "all", "immer", "always"}


def parse_phases(value: CellValue) -> frozenset[int] | None:
    """Phase numbers in a cell: "1,2", "1-3", "1 und 3", "Phase 2"; blank or "alle" is None.

    A German Excel turns a typed "1,2" into the number 1.2, so a dot separates too.
    Raises ValueError when the cell holds anything else or a phase beyond
    :data:`~rotation.limits.MAX_PHASES`.

    >>> sorted(parse_phases("1-3")), sorted(parse_phases(1.2)), parse_phases("alle")
    ([1, 2, 3], [1, 2], None)
    """
    text = clean_text(value).casefold()
    if not text or fold(text) in _ALL_PHASES:
        return None
    numbers: set[int] = set()
    for match in _PHASE_RANGE.finditer(text):
        first = whole_number(match.group(1), MAX_PHASES)
        last = whole_number(match.group(2), MAX_PHASES) if match.group(2) else first
        if first is None or last is None or last < first:
            raise ValueError(text)
        numbers.update(range(first, last + 1))
    rest = _PHASE_WORDS.sub(" ", _PHASE_RANGE.sub(" ", text))
    if not numbers or re.search(r"[^\s,;./+&]", rest):
        raise ValueError(text)
    return frozenset(numbers)
