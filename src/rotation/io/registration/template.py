"""``write_template``: a registration workbook to fill in, in German or English.

The workbook has the participant sheet (headers, one example row, dropdowns), the tables
sheet, the settings sheet and an instructions sheet. Its headers, sheet names and setting
keys are among the names :func:`~rotation.io.registration.read_event` accepts, so a filled
template reads back without any options.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from rotation.io.saving import first_sheet, new_sheet, save_atomically

__all__ = ["TemplateText", "write_template"]

"""openpyxl's worksheet (openpyxl ships no type information)."""

_ROWS = 1000
"""Rows prepared with dropdowns in the participant sheet."""
_TABLE_ROWS = 200


@dataclass(frozen=True)
class TemplateText:
    """Every label of the template in one language."""

    participants: str
    tables: str
    settings: str
    instructions: str
    participant_headers: tuple[str, ...]
    example: tuple[str, ...]
    table_headers: tuple[str, ...]
    example_tables: tuple[tuple[str, str, int], ...]
    settings_header: tuple[str, str]
    settings_rows: tuple[tuple[str, ...], ...]
    genders: str
    guide: tuple[str, ...]


_GERMAN = TemplateText(
    participants="Teilnehmende",
    tables="Tische",
    settings="Einstellungen",
    instructions="Anleitung",
    participant_headers=(
        "Nr.", "Vorname", "Nachname", "E-Mail", "Organisation", "Funktion", "Geschlecht",
        "Gastgeber (Tisch)", "Tisch Phase 1", "Tisch Phase 2", "Anwesend in Phasen",
        "Erstes Thema (Wunsch)", "Getrennt halten", "Zusammen halten",
    ),
    example=(
        "Beispiel", "Erika", "Mustermann", "erika.mustermann@example.org", "Stadt Musterstadt",
        "Verwaltung", "w", "", "", "", "1,2", "", "", "",
    ),
    table_headers=("Tisch", "Thema", "Plätze", "Mindestens", "Phasen", "Gastgeber"),
    example_tables=(
        ("A1", "Thema A", 8), ("A2", "Thema A", 8), ("B1", "Thema B", 8), ("B2", "Thema B", 8),
    ),
    settings_header=("Einstellung", "Wert"),
    settings_rows=(
        ("Veranstaltung", "Werkstatttreffen"),
        ("Themen", "Thema A", "Thema B"),
        ("Phasen", "2"),
        ("Themenabdeckung", "auto"),
        ("Ausgleichen nach", "Geschlecht; Funktion"),
    ),
    genders="w,m,d",
    guide=(
        "So füllen Sie diese Vorlage aus",
        "",
        "1. Teilnehmende: eine Zeile pro Person. Überschreiben Sie die Beispielzeile",
        "   (Nr. 'Beispiel').",
        "   Nr.: eine eindeutige Kennung, z. B. 0001; sie bleibt genau so, wie geschrieben.",
        "   Name: Vorname und Nachname (oder eine Spalte 'Name').",
        "   Alle weiteren Spalten sind freiwillig.",
        "   Gastgeber (Tisch): die Tisch-Nr., an der die Person in allen Phasen bleibt.",
        "   Tisch Phase 1, Tisch Phase 2, ...: ein fester Tisch in dieser Phase.",
        "   Anwesend in Phasen: z. B. 1 oder 1-2; leer heißt: in allen Phasen.",
        "   Erstes Thema (Wunsch): das Thema, mit dem die Person beginnen möchte.",
        "   Getrennt halten / Zusammen halten: eine Gruppenbezeichnung (alle mit derselben",
        "   Bezeichnung sitzen getrennt bzw. zusammen) oder die Nr. einer anderen Person.",
        "   Weitere Spalten (z. B. Region) können Sie hinzufügen und zum Ausgleichen wählen.",
        "2. Tische: eine Zeile pro Tisch mit Thema und Plätzen (z. B. 8 oder 6-8); Phasen leer",
        "   heißt: in allen Phasen.",
        "3. Einstellungen: Themen (je eine Zelle), Anzahl der Phasen, Themenabdeckung (auto,",
        "   jedes einmal, höchstens einmal, gleichmäßig, keine) und die Spalten, nach denen",
        "   ausgeglichen wird (durch Semikolon getrennt).",
        "Namen und E-Mail-Adressen bleiben auf Ihrem Rechner; rotation sendet nichts ins Netz.",
    ),
)  # fmt: skip

_ENGLISH = TemplateText(
    participants="Participants",
    tables="Tables",
    settings="Settings",
    instructions="Instructions",
    participant_headers=(
        "ID", "First name", "Last name", "E-mail", "Organisation", "Role", "Gender",
        "Host (table)", "Table phase 1", "Table phase 2", "Phases present",
        "Preferred first theme", "Keep apart", "Keep together",
    ),
    example=(
        "Example", "Jane", "Doe", "jane.doe@example.org", "City of Example", "Administration",
        "f", "", "", "", "1,2", "", "", "",
    ),
    table_headers=("Table", "Theme", "Seats", "Minimum", "Phases", "Host"),
    example_tables=(
        ("A1", "Theme A", 8), ("A2", "Theme A", 8), ("B1", "Theme B", 8), ("B2", "Theme B", 8),
    ),
    settings_header=("Setting", "Value"),
    settings_rows=(
        ("Event", "Workshop"),
        ("Themes", "Theme A", "Theme B"),
        ("Phases", "2"),
        ("Coverage", "auto"),
        ("Balance by", "Gender; Role"),
    ),
    genders="f,m,d",
    guide=(
        "How to fill in this template",
        "",
        "1. Participants: one row per person. Overwrite the example row (ID 'Example').",
        "   ID: a unique id such as 0001; it is kept exactly as written.",
        "   Name: first and last name (or one 'Name' column). All other columns are optional.",
        "   Host (table): the table id where the person stays in every phase.",
        "   Table phase 1, Table phase 2, ...: a fixed table in that phase.",
        "   Phases present: e.g. 1 or 1-2; empty means every phase.",
        "   Preferred first theme: the theme the person would like to start with.",
        "   Keep apart / Keep together: a group label (everyone with the same label sits apart",
        "   or together) or the ID of another person.",
        "   You may add further columns (e.g. Region) and choose them for balancing.",
        "2. Tables: one row per table with its theme and seats (e.g. 8 or 6-8); empty phases",
        "   means every phase.",
        "3. Settings: the themes (one per cell), the number of phases, the theme coverage (auto,",
        "   each once, at most once, evenly, none) and the columns to balance (separated by",
        "   semicolons).",
        "Names and e-mail addresses stay on your computer; rotation sends nothing anywhere.",
    ),
)  # fmt: skip

TEXTS = {"de": _GERMAN, "en": _ENGLISH}


def write_template(path: str | os.PathLike[str], lang: Literal["de", "en"] = "de") -> Path:
    """Write a blank registration workbook to fill in; returns the path written.

    Sheets: participants (with dropdowns), tables, settings and instructions, in German
    ("Teilnehmende", "Tische", "Einstellungen", "Anleitung") or English. The file is written
    atomically (a temporary file renamed into place). A filled template plans without any
    options.

    Args:
        path: the workbook to write (.xlsx).
        lang: ``"de"`` or ``"en"``.

    Raises:
        ValueError: a language other than ``"de"`` or ``"en"``.
        OutputError: the file cannot be written (missing or read-only folder, a folder of
            that name, the file open in another program), with what to do.

    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_template(Path(folder) / "anmeldungen.xlsx")
    ...     sheets = load_workbook(written).sheetnames
    >>> sheets
    ['Teilnehmende', 'Tische', 'Einstellungen', 'Anleitung']
    """
    if lang not in TEXTS:
        raise ValueError(f"lang must be 'de' or 'en', got {lang!r}")
    text = TEXTS[lang]
    target = Path(path)
    book = openpyxl.Workbook()
    people = first_sheet(book)
    people.title = text.participants
    tables = new_sheet(book, text.tables)
    settings = new_sheet(book, text.settings)
    guide = new_sheet(book, text.instructions)
    _participant_sheet(people, text)
    _tables_sheet(tables, text)
    _settings_sheet(settings, text)
    for line in text.guide:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 100
    save_atomically(book, target, [])
    return target


def _header(ws: Worksheet, headers: Sequence[str], widths: Sequence[int]) -> None:
    ws.append(list(headers))
    for column, width in enumerate(widths, start=1):
        ws.cell(row=1, column=column).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "A2"


def _list(formula: str, cells: str, *, strict: bool) -> DataValidation:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.errorStyle = "stop" if strict else "warning"
    validation.add(cells)
    return validation


def _participant_sheet(sheet: Worksheet, text: TemplateText) -> None:
    headers = text.participant_headers
    _header(sheet, headers, [10, 14, 16, 28, 24, 18, 12, 16, 14, 14, 18, 26, 16, 16])
    sheet.append(list(text.example))
    sheet.column_dimensions["A"].number_format = "@"  # ids keep their leading zeros
    tables = f"'{text.tables}'!$A$2:$A${_TABLE_ROWS + 1}"
    themes = f"'{text.settings}'!$B$3:$K$3"
    last = _ROWS + 1

    def col(index: int) -> str:
        return get_column_letter(index + 1)

    for validation in (
        _list(f'"{text.genders}"', f"{col(6)}2:{col(6)}{last}", strict=False),
        _list(tables, f"{col(7)}2:{col(9)}{last}", strict=True),
        _list(themes, f"{col(11)}2:{col(11)}{last}", strict=True),
    ):
        sheet.add_data_validation(validation)


def _tables_sheet(sheet: Worksheet, text: TemplateText) -> None:
    _header(sheet, text.table_headers, [10, 30, 10, 12, 10, 14])
    for table_id, theme, seats in text.example_tables:
        sheet.append([table_id, theme, seats])
    sheet.column_dimensions["A"].number_format = "@"
    themes = f"'{text.settings}'!$B$3:$K$3"
    people = f"'{text.participants}'!$A$2:$A${_ROWS + 1}"
    sheet.add_data_validation(_list(themes, f"B2:B{_TABLE_ROWS + 1}", strict=True))
    sheet.add_data_validation(_list(people, f"F2:F{_TABLE_ROWS + 1}", strict=True))


def _settings_sheet(sheet: Worksheet, text: TemplateText) -> None:
    _header(sheet, text.settings_header, [22, 30, 30, 30])
    for row in text.settings_rows:
        sheet.append(list(row))
