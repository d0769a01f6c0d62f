"""Write the bundled example registration workbook ``example-werkstatttreffen.xlsx``.

Fifty made-up people (:func:`rotation.synthetic.synthetic_participants`, fixed seed) from
twelve organisations of a regional cluster, registered for a workshop meeting with two
themes in two phases; the Settings sheet ("Einstellungen") carries everything the planner
needs, so ``rotation demo`` reads it without options. The file is byte-for-byte the same on
every run (fixed document dates and zip timestamps).

Run from the repository root::

    python src/rotation/data/make_example.py
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from rotation.io.saving import first_sheet, new_sheet
from rotation.synthetic import synthetic_participants

__all__ = ["EXAMPLE_PATH", "build_example", "example_bytes", "main"]

EXAMPLE_PATH = Path(__file__).with_name("example-werkstatttreffen.xlsx")
PEOPLE = 50
SEED = 2023
THEMES = ("Integration und Teilhabe", "Gleichstellung und Vielfalt")
ORGANISATIONS = (
    "Stadt Herford",
    "Kreis Herford",
    "Stadt Bünde",
    "Stadt Löhne",
    "Stadt Vlotho",
    "Gemeinde Hiddenhausen",
    "Gemeinde Kirchlengern",
    "Gemeinde Rödinghausen",
    "Stadt Enger",
    "Bundesministerium (Referat 12)",
    "Programmbüro",
    "Verein Miteinander e. V.",
)
_FIXED_TIME = datetime(2023, 5, 1, 9, 0, 0)
_ZIP_TIME = (2023, 5, 1, 9, 0, 0)


def build_example() -> openpyxl.Workbook:
    """The example workbook: participant sheet with a title row, and the settings sheet."""
    book = openpyxl.Workbook()
    people = first_sheet(book)
    people.title = "Anmeldungen"
    people.append(["Regionales Werkstatttreffen (Beispiel mit erfundenen Personen)"])
    people["A1"].font = Font(bold=True, size=14)
    people.append([])
    headers = ["Nr.", "Vorname", "Nachname", "Kommune / Organisation", "Funktion", "Geschlecht"]
    people.append(headers)
    for cell in people[3]:
        cell.font = Font(bold=True)
    for person in synthetic_participants(PEOPLE, organisations=len(ORGANISATIONS), seed=SEED):
        first, _, last = person.name.partition(" ")
        organisation = ORGANISATIONS[int(person.organisation.split()[-1]) - 1]
        attributes = person.attributes
        people.append(
            [person.id, first, last, organisation, attributes["role"], attributes["gender"]]
        )
    for column, width in zip("ABCDEF", (8, 14, 16, 32, 20, 12)):
        people.column_dimensions[column].width = width

    settings = new_sheet(book, "Einstellungen")
    for row in (
        ("Einstellung", "Wert"),
        ("Veranstaltung", "Regionales Werkstatttreffen (Beispiel)"),
        ("Themen", *THEMES),
        ("Phasen", 2),
        ("Tische pro Thema", 3),
        ("Tischgröße", 10),
        ("Ausgleichen nach", "Geschlecht; Funktion"),
    ):
        settings.append(list(row))
    settings.column_dimensions["A"].width = 20
    settings.column_dimensions["B"].width = 40
    settings.column_dimensions["C"].width = 40
    book.properties.creator = "rotation"
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    return book


def example_bytes() -> bytes:
    """The workbook's bytes, with fixed zip timestamps so every run gives the same file."""
    raw = io.BytesIO()
    build_example().save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fix_dates(data)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return fixed.getvalue()


def _fix_dates(core: bytes) -> bytes:
    """openpyxl stamps "modified" with the current time on save; pin it."""
    text = core.decode("utf-8")
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag in ("dcterms:created", "dcterms:modified"):
        start = text.find(f"<{tag}")
        if start == -1:
            continue
        opened = text.find(">", start) + 1
        closed = text.find(f"</{tag}>", opened)
        text = text[:opened] + stamp + text[closed:]
    return text.encode("utf-8")


def main(argv: list[str] | None = None) -> None:
    """Write the example to ``argv[0]`` (default: next to this script)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else EXAMPLE_PATH
    target.write_bytes(example_bytes())
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
