"""The language a plan workbook was written in, told by its sheet names."""

from __future__ import annotations

import warnings
from os import PathLike
from pathlib import Path

import openpyxl

from rotation.io.inspection import ensure_defused_xml, inspect_file
from rotation.io.workbook.labels import Language, labels_for

__all__ = ["workbook_language"]

_LANGUAGES: tuple[Language, ...] = ("de", "en")


def workbook_language(path: str | PathLike[str]) -> Language | None:
    """``"de"`` or ``"en"`` for a plan workbook rotation wrote, None when its sheets don't say.

    The Overview, Participants and Assignments sheets carry their names in the workbook's
    language ("Übersicht", "Teilnehmende", "Zuteilungen"); the first language whose names
    the workbook has wins. Raises :class:`~rotation.errors.InputError` for unsafe files.
    """
    file = Path(path)
    inspect_file(file)
    ensure_defused_xml()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(file, read_only=True, keep_links=False)
            names = {name.casefold() for name in book.sheetnames}
            book.close()
    except Exception:  # read_plan reports a damaged workbook with its own message
        return None
    for lang in _LANGUAGES:
        labels = labels_for(lang)
        sheets = (labels.overview, labels.participants, labels.assignments)
        if any(sheet.casefold() in names for sheet in sheets):
            return lang
    return None
