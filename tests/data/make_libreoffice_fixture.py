"""Make libreoffice-anmeldungen.xlsx, .ods and .xls: a workbook as LibreOffice saves it.

Run once by hand where LibreOffice is installed (the files are committed; tests do not need
LibreOffice): ``python tests/data/make_libreoffice_fixture.py``. The people are made up.
"""

import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def main() -> None:
    book = openpyxl.Workbook()
    old = book.active
    old.title = "Alte Liste"
    old.append(["Nr.", "Name"])
    old.append(["X1", "Nicht einlesen"])
    old.sheet_state = "hidden"
    people = book.create_sheet("Tabelle1")
    people.append(["Werkstatttreffen Herford – Anmeldungen"])
    people.append([])
    people.append(["Nr.", "Vorname", "Nachname", "E-Mail", "Kommune", "Geschlecht", "Region"])
    rows = [
        (1, "Jürgen", "Weiß", "j.weiss@example.org", "Stadt Löhne", "m", "Nord"),
        (2, "Zoë", "Ölmez", "z.oelmez@example.org", "Stadt Herford", "w", "Süd"),
        (17, "Änne", "Groß", "a.gross@example.org", "Kreis Herford", "d", "Nord"),
    ]
    for number, first, last, mail, org, gender, region in rows:
        people.append(
            [number, unicodedata.normalize("NFD", first), last, mail, org, gender, region]
        )
    people["A8"].number_format = "0.00"  # a formatted but empty cell below the data
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "libreoffice-anmeldungen.xlsx"
        book.save(source)
        for target in ("xlsx:Calc MS Excel 2007 XML", "ods", "xls:MS Excel 97"):
            subprocess.run(
                [
                    "soffice",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(HERE),
                    str(source),
                ],
                check=True,
                stdout=sys.stderr,
            )


if __name__ == "__main__":
    main()
