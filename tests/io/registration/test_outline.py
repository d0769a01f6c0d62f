"""outline_registration: what a file says before options, for a settings form."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import openpyxl

from rotation.io.registration.outline import outline_registration

DATA = Path(__file__).resolve().parents[2] / "data"
EXAMPLE = Path(str(files("rotation") / "data" / "example-werkstatttreffen.xlsx"))


def test_the_example_outlines_its_settings_sheet() -> None:
    outline = outline_registration(EXAMPLE)
    assert outline.problems == ()
    assert outline.participants == 50
    assert outline.themes == ("Integration und Teilhabe", "Gleichstellung und Vielfalt")
    assert (outline.tables_per_theme, outline.table_size, outline.phases) == (3, 10, 2)
    assert outline.balance == ("gender", "role")
    assert dict(outline.columns) == {"gender": "Geschlecht", "role": "Funktion"}
    assert outline.listed_tables == 0


def test_a_file_without_themes_keeps_its_columns_and_names_the_problem() -> None:
    outline = outline_registration(DATA / "anmeldungen-werkstatttreffen-50.xlsx")
    assert outline.participants == 50
    assert outline.themes == ()
    assert {header for _, header in outline.columns} == {"Geschlecht", "Funktion"}
    assert len(outline.problems) == 1
    assert "themes" in outline.problems[0].message


def test_a_tables_sheet_is_counted_not_turned_into_tables_per_theme(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    people = book.active
    people.title = "Teilnehmende"
    people.append(["Nr.", "Name", "Organisation"])
    for n in range(1, 13):
        people.append([str(n), f"Person {n}", f"Org {n % 3}"])
    tables = book.create_sheet("Tische")
    tables.append(["Tisch", "Thema", "Plätze"])
    for table, theme, seats in (("W1", "Wasser", 6), ("W2", "Wasser", 6), ("E1", "Energie", 12)):
        tables.append([table, theme, seats])
    path = tmp_path / "tische.xlsx"
    book.save(path)
    outline = outline_registration(path)
    assert outline.problems == ()
    assert outline.themes == ("Wasser", "Energie")
    assert outline.listed_tables == 3
    assert outline.tables_per_theme is None
    assert outline.table_size is None  # 6 and 12 seats: no one size to show


def test_an_unreadable_file_gives_only_its_problem(tmp_path: Path) -> None:
    path = tmp_path / "leer.xlsx"
    path.write_bytes(b"")
    outline = outline_registration(path)
    assert outline.participants == 0 and outline.themes == ()
    assert "empty" in outline.problems[0].message


def test_problems_and_the_event_name_use_the_name_the_organiser_knows(tmp_path: Path) -> None:
    saved = tmp_path / "registration.xlsx"
    saved.write_bytes((DATA / "anmeldungen-werkstatttreffen-50.xlsx").read_bytes())
    broken = outline_registration(saved, file_name="meine-liste.xlsx")
    assert broken.problems[0].file == "meine-liste.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Nr.", "Name", "Organisation"])
    for n in range(1, 9):
        book.active.append([str(n), f"Person {n}", f"Org {n % 3}"])
    book.create_sheet("Einstellungen").append(["Themen", "Wasser; Energie"])
    book.save(saved)
    outline = outline_registration(saved, file_name="meine-liste.xlsx")
    assert outline.problems == ()
    assert outline.name == "meine-liste"
