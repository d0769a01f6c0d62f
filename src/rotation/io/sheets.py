"""A spreadsheet as plain rows, whatever format it came in, and finding its sheets.

Readers (:mod:`~rotation.io.xlsx`, :mod:`~rotation.io.registration.csv`) turn a file into
:class:`RawSheet` objects; everything after that is format-independent. Row positions are
0-based in code; :meth:`RawSheet.excel_row` gives the number Excel shows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from rotation.io.cells import CellValue, clean_text, fold

__all__ = [
    "HEADER_SEARCH_ROWS",
    "PARTICIPANT_SHEETS",
    "SETTINGS_SHEETS",
    "TABLE_SHEETS",
    "RawSheet",
    "find_header_row",
    "find_sheet",
    "participant_sheet",
]

PARTICIPANT_SHEETS = (
    "Teilnehmende", "Teilnehmer", "Teilnehmerinnen", "Teilnehmerliste", "Anmeldungen",
    "Anmeldung", "Anmeldeliste", "Participants", "Registrations", "Registration", "Attendees",
)  # fmt: skip
TABLE_SHEETS = ("Tische", "Tables")
SETTINGS_SHEETS = ("Einstellungen", "Settings")
INSTRUCTION_SHEETS = ("Anleitung", "Hinweise", "Instructions", "Help", "Hilfe")


@dataclass(frozen=True)
class RawSheet:
    """One sheet's cell values, row by row, trailing empty rows and cells removed."""

    name: str
    rows: tuple[tuple[CellValue, ...], ...]
    hidden: bool = False

    @staticmethod
    def excel_row(position: int) -> int:
        """The row number Excel shows for a 0-based row position."""
        return position + 1

    @classmethod
    def trimmed(
        cls, name: str, rows: Sequence[Sequence[CellValue]], hidden: bool = False
    ) -> RawSheet:
        """A sheet without trailing empty cells in each row and without trailing empty rows."""
        kept: list[tuple[CellValue, ...]] = []
        for row in rows:
            cells = list(row)
            while cells and _blank(cells[-1]):
                cells.pop()
            kept.append(tuple(cells))
        while kept and not kept[-1]:
            kept.pop()
        return cls(name, tuple(kept), hidden)


def _blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


HEADER_SEARCH_ROWS = 30
"""How far down a header row is looked for: title rows and notes may stand above it."""


def find_header_row(
    rows: Sequence[Sequence[CellValue]],
    recognise: Callable[[str], Hashable | None],
    *,
    least: int = 1,
) -> int | None:
    """The position of the header row, or None when no row names ``least`` known columns.

    ``recognise`` maps a cell's text to the column it names (None for an unknown header).
    Among the first :data:`HEADER_SEARCH_ROWS` rows the one naming the most different
    columns wins, the upper one on a tie, so title rows above the header are skipped. Every
    reader (participants, tables, a plan's Assignments) finds its header this way.

    >>> known = {"id": "id", "name": "name", "theme": "theme"}
    >>> find_header_row([["Anmeldeliste"], ["ID", "Name", "x"]], lambda h: known.get(fold(h)))
    1
    >>> find_header_row([["ID", "Name"]], lambda h: known.get(fold(h)), least=3) is None
    True
    """
    best, best_score = None, max(least, 1) - 1
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        named = {recognise(text) for text in map(clean_text, row) if text}
        score = len(named - {None})
        if score > best_score:
            best, best_score = position, score
    return best


def find_sheet(sheets: Sequence[RawSheet], names: Sequence[str]) -> RawSheet | None:
    """The first sheet whose name matches one of ``names`` (case and accents ignored)."""
    wanted = {fold(n) for n in names}
    return next((s for s in sheets if fold(s.name) in wanted), None)


def participant_sheet(sheets: Sequence[RawSheet]) -> RawSheet | None:
    """The visible sheet named like a participant list, else the first visible data sheet."""
    visible = [s for s in sheets if not s.hidden]
    named = find_sheet(visible, PARTICIPANT_SHEETS)
    if named is not None:
        return named
    others = {fold(n) for n in (*TABLE_SHEETS, *SETTINGS_SHEETS, *INSTRUCTION_SHEETS)}
    return next((s for s in visible if fold(s.name) not in others), None)
