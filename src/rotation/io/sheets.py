"""A spreadsheet as plain rows, whatever format it came in, and finding its sheets.

Readers (:mod:`~rotation.io.xlsx`, :mod:`~rotation.io.registration.csv`) turn a file into
:class:`RawSheet` objects; everything after that is format-independent. Row positions are
0-based in code; :meth:`RawSheet.excel_row` gives the number Excel shows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from rotation.errors import InputError, Problem
from rotation.io.cells import CellValue, clean_text, fold
from rotation.limits import MAX_CELL_LENGTH, MAX_COLUMNS, MAX_ROWS

__all__ = [
    "HEADER_SEARCH_ROWS",
    "PARTICIPANT_SHEETS",
    "SETTINGS_SHEETS",
    "TABLE_SHEETS",
    "RawSheet",
    "beyond_limits",
    "blank",
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
        cls,
        name: str,
        rows: Sequence[Sequence[CellValue]],
        hidden: bool = False,
        *,
        file: str | None = None,
    ) -> RawSheet:
        """A sheet without trailing empty cells in each row and without trailing empty rows.

        Raises :class:`InputError` when a cell holds more text than a workbook cell can
        (:data:`~rotation.limits.MAX_CELL_LENGTH`): the plan could not store it unchanged.
        """
        kept: list[tuple[CellValue, ...]] = []
        too_long: list[Problem] = []
        for position, row in enumerate(rows):
            cells = list(row)
            while cells and blank(cells[-1]):
                cells.pop()
            for column, value in enumerate(cells):
                if isinstance(value, str) and len(value) > MAX_CELL_LENGTH:
                    too_long.append(_too_long(file, name, position, column, len(value)))
            kept.append(tuple(cells))
        if too_long:
            raise InputError(too_long[:_MAX_LISTED], file=file)
        while kept and not kept[-1]:
            kept.pop()
        return cls(name, tuple(kept), hidden)


_MAX_LISTED = 20
"""Problems of one kind listed at most (the first ones; the rest are alike)."""


def _too_long(file: str | None, sheet: str, position: int, column: int, length: int) -> Problem:
    return Problem(
        f"The cell holds {length:,} characters; a cell may hold at most {MAX_CELL_LENGTH:,}.",
        hint="shorten it (a stray quote in a CSV file can also join many rows into one cell)",
        file=file,
        sheet=sheet,
        row=RawSheet.excel_row(position),
        column=_column_letter(column),
    )


def _column_letter(position: int) -> str:
    """The letter(s) Excel shows for a 0-based column position: 0 -> A, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def beyond_limits(file: str, sheet: str, *, row: int, column: int | None = None) -> InputError:
    """The refusal of data beyond the rows or columns rotation reads (rotation.limits).

    ``row`` and ``column`` are the numbers Excel shows (1-based); with a column, the column
    is too far right, else the row too far down.
    """
    if column is not None:
        message = (
            f"The sheet has data in column {_column_letter(column - 1)}; rotation reads at "
            f"most {MAX_COLUMNS:,} columns."
        )
    else:
        message = f"The sheet has data in row {row:,}; rotation reads at most {MAX_ROWS:,} rows."
    return InputError.single(
        message,
        hint="delete what lies beyond the table (select the rows or columns and delete "
        "them), or copy the table into a new workbook",
        file=file,
        sheet=sheet,
        row=row,
    )


def blank(value: CellValue) -> bool:
    """True for an empty cell or one holding only spaces."""
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
