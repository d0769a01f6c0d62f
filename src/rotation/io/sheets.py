"""A spreadsheet as plain rows, whatever format it came in, and finding its sheets.

Readers (:mod:`~rotation.io.xlsx`, :mod:`~rotation.io.registration.csv`) turn a file into
:class:`RawSheet` objects; everything after that is format-independent. Row positions are
0-based in code; :meth:`RawSheet.excel_row` gives the number Excel shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rotation.io.cells import CellValue, fold

__all__ = [
    "PARTICIPANT_SHEETS",
    "SETTINGS_SHEETS",
    "TABLE_SHEETS",
    "RawSheet",
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
