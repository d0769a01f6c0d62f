"""The Settings ("Einstellungen") and Tables ("Tische") sheets, read on their own."""

from __future__ import annotations

import pytest

from rotation.domain import ThemeCoverage
from rotation.io.cells import CellValue
from rotation.io.registration.settings import Settings, read_settings
from rotation.io.registration.tables import read_tables
from rotation.io.sheets import RawSheet


def settings_of(*rows: tuple[CellValue, ...]) -> tuple[Settings, list[str]]:
    found, problems = read_settings(RawSheet.trimmed("Einstellungen", rows), "a.xlsx")
    return found, [str(p) for p in problems]


def test_german_settings_with_a_header_row() -> None:
    found, problems = settings_of(
        ("Einstellung", "Wert"),
        ("Veranstaltung", "Werkstatttreffen West"),
        ("Themen", "Jung und Alt", "Stadt und Land"),
        ("Tische pro Thema", 3),
        ("Tischgröße", 8.0),  # Excel stores every number as a float
        ("Mindestgröße", 0),
        ("Phasen", "2"),
        ("Ausgleichen nach", "Geschlecht, Funktion"),
        ("Themenabdeckung", "jedes einmal"),
    )
    assert problems == []
    assert found == Settings(
        name="Werkstatttreffen West",
        themes=("Jung und Alt", "Stadt und Land"),
        tables_per_theme=3,
        table_size=8,
        min_table_size=0,
        phases=2,
        balance=("Geschlecht", "Funktion"),
        coverage=ThemeCoverage.EACH_ONCE,
    )


def test_list_settings_spread_over_cells_rows_and_line_breaks() -> None:
    found, problems = settings_of(
        ("Themes", "Water"),
        ("Themes", "Energy; Food\nHousing", "Water"),
        ("Balance", "gender;role", "region"),
    )
    assert problems == []
    # Commas stay inside a theme name; themes split at semicolons and line breaks only.
    assert found.themes == ("Water", "Energy", "Food", "Housing")
    assert found.balance == ("gender", "role", "region")
    commas, _ = settings_of(("Themen", "Integration, Teilhabe"))
    assert commas.themes == ("Integration, Teilhabe",)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("Farbe", "blau"), "Unknown setting 'Farbe'"),
        (("", "blau"), "A value has no key"),
        (("Phasen", "zwei"), "'zwei' is not a whole number"),
        (("Tischgröße", 0), "'0' is not a whole number from 1 to 10,000"),
        (("Themenabdeckung", "manchmal"), "'manchmal' is not a theme coverage rule"),
        (("Veranstaltung",), "The setting has no value"),
    ],
)
def test_each_bad_setting_names_its_row(row: tuple[CellValue, ...], message: str) -> None:
    _, problems = settings_of(("Einstellung", "Wert"), row)
    [problem] = problems
    assert problem.startswith("a.xlsx, sheet 'Einstellungen', row 2") and message in problem


def test_a_setting_given_twice_is_a_problem_but_lists_add_up() -> None:
    found, problems = settings_of(("Phasen", 2), ("Phasen", 3), ("Themen", "A"), ("Themen", "B"))
    assert len(problems) == 1 and "given 2 times" in problems[0]
    assert found.themes == ("A", "B")


def tables_of(*rows: tuple[CellValue, ...]) -> tuple[list[tuple[object, ...]], list[str]]:
    tables, problems = read_tables(RawSheet.trimmed("Tische", rows), "a.xlsx")
    summary = [(t.row, t.id, t.theme, t.min_size, t.max_size, t.phases, t.host) for t in tables]
    return summary, [str(p) for p in problems]


def test_tables_below_a_title_row_with_ranges_phases_and_hosts() -> None:
    found, problems = tables_of(
        ("Tische des Treffens",),
        (),
        ("Tisch", "Thema", "Plätze", "Min", "Phasen", "Gastgeber"),
        ("A1", "Jung und Alt", "6-8", None, "1,2", "0007"),
        ("A2", "Jung und Alt", 8, 5, None, None),
        (None, None, None),
        ("B1", "Stadt und Land", "7 bis 9", None, "2", None),
    )
    assert problems == []
    assert found == [
        (4, "A1", "Jung und Alt", 6, 8, frozenset({1, 2}), "0007"),
        (5, "A2", "Jung und Alt", 5, 8, None, None),
        (7, "B1", "Stadt und Land", 7, 9, frozenset({2}), None),
    ]


def test_english_headers_and_every_bad_cell_at_once() -> None:
    found, problems = tables_of(
        ("Table", "Theme", "Capacity", "Minimum", "Rounds"),
        ("W1", "Water", "many", None, None),
        ("W2", None, 8, "few", "1-x"),
        (None, "Water", 8),
    )
    assert found == []
    assert len(problems) == 5
    assert "row 2, column 'Capacity': 'many' is not a number of seats" in problems[0]
    assert "row 3, column 'Theme': The table has no theme" in problems[1]
    assert any("'few' is not a number" in p for p in problems)
    assert any("'1-x' is not a list of phases" in p for p in problems)
    assert "row 4, column 'Table': The table has no id" in problems[-1]


def test_a_tables_sheet_without_its_key_columns() -> None:
    _, no_header = tables_of(("Notizen",), ("irgendwas", "mehr"))
    assert len(no_header) == 1 and "no header row with 'Table' and 'Theme'" in no_header[0]
    _, no_theme = tables_of(("Tisch", "Plätze"), ("A1", 8))
    assert len(no_theme) == 1 and "no 'Thema' column" in no_theme[0]
    assert tables_of() == ([], [])  # an empty sheet, as in a fresh template
