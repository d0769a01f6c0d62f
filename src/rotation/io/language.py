"""The language of a run: German or English, one for the workbook, the terminal and the cards.

:func:`choose_language` decides it once per run (the interfaces call it through
:mod:`rotation.workflow`): the language asked for, else the language of the registration
file's headers (German headers give a German plan), else the system's locale, else English.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from typing import Literal, TypeVar

from rotation.domain import Event

__all__ = [
    "LANGUAGES",
    "Language",
    "as_language",
    "choose_language",
    "in_language",
    "system_language",
]

Language = Literal["en", "de"]
LANGUAGES: tuple[Language, ...] = ("en", "de")


def as_language(text: str | None) -> Language | None:
    """``"de"`` for "de", "DE", "de_DE.UTF-8", "German"; None for anything else.

    >>> as_language("de_DE.UTF-8"), as_language("en-GB"), as_language("fr_FR"), as_language("")
    ('de', 'en', None, None)
    """
    if not text:
        return None
    code = text.strip().casefold().replace("-", "_").split("_")[0].split(".")[0]
    code = {"german": "de", "deutsch": "de", "english": "en", "englisch": "en"}.get(code, code)
    for language in LANGUAGES:
        if code == language:
            return language
    return None


_Words = TypeVar("_Words")


def in_language(tables: Mapping[str, _Words], lang: str) -> _Words:
    """The table for ``"en"`` or ``"de"`` out of ``tables`` (ValueError for any other language).

    >>> in_language({"en": "Table", "de": "Tisch"}, "de")
    'Tisch'
    """
    try:
        return tables[lang]
    except KeyError:
        raise ValueError(f"Unknown language {lang!r}; use 'en' or 'de'.") from None


def system_language() -> Language | None:
    """The language of the user's locale (LC_ALL, LC_MESSAGES, LANG), if German or English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return as_language(value.split(":")[0])
    try:
        code = locale.getlocale()[0]
    except ValueError:
        return None
    return as_language(code)


def choose_language(requested: str | None = None, event: Event | None = None) -> Language:
    """The run's language: ``requested``, else the event's headers', else the locale's, else en.

    Raises ValueError for a requested language other than German or English.

    >>> choose_language("de"), choose_language("en")
    ('de', 'en')
    """
    if requested:
        chosen = as_language(requested)
        if chosen is None:
            raise ValueError(f"Unknown language {requested!r}; use 'en' or 'de'.")
        return chosen
    from_file = as_language(event.language) if event is not None else None
    return from_file or system_language() or "en"
