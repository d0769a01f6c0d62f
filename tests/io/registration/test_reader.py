"""read_event on workbooks the tests write: finding data, options, references, and errors."""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from rotation.domain import Group, ThemeCoverage
from rotation.errors import InputError, Problem
from rotation.io import read_event

THEMES = ["Wasser", "Energie"]


def write_book(path: Path, sheets: dict[str, Any], hidden: Sequence[str] = ()) -> Path:
    """A workbook with the given sheets and rows (openpyxl writes ints as numbers)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def problems_of(path: Path, **options: Any) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        read_event(path, **options)
    return caught.value.problems


PEOPLE = [
    ["Nr.", "Vorname", "Nachname", "Organisation", "Geschlecht", "Funktion", "Region"],
    ["0001", "Anna", "Adler", "Stadt A", "w", "Politik", "Nord"],
    ["0002", "Ben", "Bauer", "Stadt B", "m", "Verwaltung", "Süd"],
    ["0003", "Cem", "Çelik", "Stadt A", "d", "Verwaltung", "Nord"],
    ["0004", "Dora", "Dietz", "Stadt C", "w", "Politik", "Süd"],
]


# -- finding the data -------------------------------------------------------------------------


def test_title_rows_and_trailing_empty_rows(tmp_path: Path) -> None:
    rows = [["Werkstatttreffen 2023"], [], *PEOPLE, [], [None, None], []]
    event = read_event(write_book(tmp_path / "a.xlsx", {"Anmeldungen": rows}), themes=THEMES)
    assert [p.id for p in event.participants] == ["0001", "0002", "0003", "0004"]
    assert event.participant("0003").name == "Cem Çelik"
    assert event.participant("0001").attributes == {
        "role": "Politik",
        "gender": "w",
        "Region": "Nord",
    }


def test_the_input_file_and_its_fingerprint_are_recorded(tmp_path: Path) -> None:
    path = write_book(tmp_path / "anmeldungen.xlsx", {"Anmeldungen": PEOPLE})
    event = read_event(path, themes=THEMES)
    assert Path(event.source_file).name == "anmeldungen.xlsx"
    assert event.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_xlsm_is_read(tmp_path: Path) -> None:
    event = read_event(write_book(tmp_path / "makro.xlsm", {"S": PEOPLE}), themes=THEMES)
    assert len(event.participants) == 4


def test_log_lines_hold_no_personal_values(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="rotation")
    read_event(write_book(tmp_path / "a.xlsx", {"S": PEOPLE}), themes=THEMES)
    assert caplog.records and "4 participants" in caplog.text
    assert not any(name in caplog.text for name in ("Anna", "Adler", "Stadt A"))


def test_hidden_first_sheet_is_skipped(tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "a.xlsx",
        {"Alt": [["Nr.", "Name"], ["X", "Alt"]], "Tabelle2": PEOPLE},
        hidden=["Alt"],
    )
    assert read_event(path, themes=THEMES).participants[0].id == "0001"


def test_participant_sheet_found_by_name_and_by_option(tmp_path: Path) -> None:
    other = [["Nr.", "Name"], ["Z1", "Zora"]]
    path = write_book(tmp_path / "a.xlsx", {"Notizen": other, "Participants": PEOPLE})
    assert read_event(path, themes=THEMES).participants[0].id == "0001"
    assert read_event(path, themes=THEMES, sheet="notizen").participants[0].id == "Z1"
    [problem] = problems_of(path, themes=THEMES, sheet="Missing")
    assert "Notizen" in problem.hint


def test_nfd_umlauts_and_odd_spaces_are_cleaned(tmp_path: Path) -> None:
    rows = [
        ["ID", "Name", "Organisation"],
        [" P1\u200b", unicodedata.normalize("NFD", "Jörg\u00a0 Müller "), "Stadt\u00a0Löhne"],
    ]
    event = read_event(write_book(tmp_path / "a.xlsx", {"Sheet": rows}), themes=["A"])
    person = event.participants[0]
    assert (person.id, person.name, person.organisation) == ("P1", "Jörg Müller", "Stadt Löhne")
    assert unicodedata.is_normalized("NFC", person.name)


def test_numeric_ids_become_whole_numbers(tmp_path: Path) -> None:
    rows = [["Nr.", "Name"], [17, "Anna"], [18.0, "Ben"], ["0019", "Cem"]]
    event = read_event(write_book(tmp_path / "a.xlsx", {"S": rows}), themes=["A"])
    assert [p.id for p in event.participants] == ["17", "18", "0019"]


def test_without_id_column_the_email_is_the_id(tmp_path: Path) -> None:
    rows = [["Name", "E-Mail"], ["Anna", "Anna@Example.org"], ["Ben", "ben@example.org"]]
    event = read_event(write_book(tmp_path / "a.xlsx", {"S": rows}), themes=["A"])
    assert [p.id for p in event.participants] == ["anna@example.org", "ben@example.org"]
    assert event.participants[0].email == "Anna@Example.org"


def test_without_id_or_email_rows_are_numbered(tmp_path: Path) -> None:
    rows = [["Name", "Firma"], ["Anna", "A"], [], ["Ben", "B"]]
    event = read_event(write_book(tmp_path / "a.xlsx", {"S": rows}), themes=["A"])
    assert [(p.id, p.name) for p in event.participants] == [("1", "Anna"), ("2", "Ben")]


def test_header_parts_and_explicit_mapping(tmp_path: Path) -> None:
    rows = [
        ["Lfd. Nr.", "Name, Vorname", "Kommune / Organisation", "Verein"],
        ["1", "Adler, Anna", "Stadt A", "TSV"],
    ]
    path = write_book(tmp_path / "a.xlsx", {"S": rows})
    person = read_event(path, themes=["A"]).participants[0]
    assert (person.name, person.organisation) == ("Adler, Anna", "Stadt A")
    assert person.attributes == {"Verein": "TSV"}
    mapped = read_event(path, themes=["A"], columns={"organisation": "Verein"}).participants[0]
    assert mapped.organisation == "TSV"
    assert mapped.attributes == {"Kommune / Organisation": "Stadt A"}


# -- options, settings and tables --------------------------------------------------------------


def test_tables_built_from_options(tmp_path: Path) -> None:
    path = write_book(tmp_path / "a.xlsx", {"S": PEOPLE})
    event = read_event(path, themes=THEMES, tables_per_theme=2, coverage="each once", name="X")
    assert [t.id for t in event.tables] == ["W1", "W2", "E1", "E2"]
    assert {t.max_size for t in event.tables} == {1}  # 4 people at 4 tables
    assert event.coverage is ThemeCoverage.EACH_ONCE and event.name == "X"
    assert len(event.phases) == 2


def test_no_themes_anywhere_asks_for_them(tmp_path: Path) -> None:
    [problem] = problems_of(write_book(tmp_path / "a.xlsx", {"S": PEOPLE}))
    assert "no themes" in problem.message and "Settings" in problem.hint


def test_settings_and_tables_sheets(tmp_path: Path) -> None:
    tables = [
        ["Tisch", "Thema", "Plätze", "Phasen", "Gastgeber"],
        ["W1", "Wasser", "6-8", "", "0001"],
        ["E1", "Energie", 8, "1,2", None],
        ["E2", "Energie", 4, "2", None],
    ]
    settings = [
        ["Einstellung", "Wert"],
        ["Veranstaltung", "Werkstatt"],
        ["Themen", "Wasser", "Energie"],
        ["Phasen", 2],
        ["Themenabdeckung", "höchstens einmal"],
        ["Ausgleichen nach", "Geschlecht, Region"],
    ]
    path = write_book(
        tmp_path / "a.xlsx", {"Teilnehmende": PEOPLE, "Tische": tables, "Einstellungen": settings}
    )
    event = read_event(path)
    assert event.name == "Werkstatt"
    assert event.theme_names == ("Wasser", "Energie")
    assert event.coverage is ThemeCoverage.AT_MOST_ONCE
    assert event.balance == ("gender", "Region")
    w1, e1, e2 = event.tables
    assert (w1.min_size, w1.max_size, w1.host, w1.phases) == (6, 8, "0001", None)
    assert (e1.max_size, e1.phases, e2.phases) == (8, frozenset({1, 2}), frozenset({2}))
    # Options win over the sheets.
    overridden = read_event(path, phases=3, table_size=9, balance=["Funktion"], name="Y")
    assert len(overridden.phases) == 3 and overridden.name == "Y"
    assert {t.max_size for t in overridden.tables} == {9}
    assert overridden.balance == ("role",)
    built = read_event(path, tables_per_theme=1, themes=["Energie"], phases=1)
    assert [t.id for t in built.tables] == ["E1"] and built.tables[0].host is None


def test_host_pins_phases_preference_and_groups(tmp_path: Path) -> None:
    rows = [
        ["ID", "Name", "Gastgeber (Tisch)", "Tisch Phase 1", "Runde 2", "Anwesend in Phasen",
         "Erstes Thema", "Getrennt halten", "Zusammen halten"],
        ["p1", "Anna", "w1", None, None, None, None, "Vorstand", "p2"],
        ["p2", "Ben", None, "E1", None, "1", "energie", "Vorstand", None],
        ["p3", "Cem", None, None, "W1", 1.2, None, "Presse; p1", "Dolmetsch"],
        ["p4", "Dora", None, None, None, "1-2", "WASSER", "Presse", "Dolmetsch"],
    ]  # fmt: skip
    path = write_book(tmp_path / "a.xlsx", {"S": rows})
    event = read_event(path, themes=THEMES)
    _, p2, p3, p4 = event.participants
    assert event.table("W1").host == "p1" and event.hosted_table("p1") == "W1"
    assert dict(p2.pins) == {1: "E1"} and p2.phases == frozenset({1})
    assert p2.preferred_first_theme == "Energie" and p4.preferred_first_theme == "Wasser"
    assert dict(p3.pins) == {2: "W1"} and p3.phases == frozenset({1, 2})
    assert set(event.keep_apart) == {
        Group("p1 + p3", ("p1", "p3")),
        Group("Vorstand", ("p1", "p2")),
        Group("Presse", ("p3", "p4")),
    }
    assert set(event.keep_together) == {
        Group("p1 + p2", ("p1", "p2")),
        Group("Dolmetsch", ("p3", "p4")),
    }


# -- errors ----------------------------------------------------------------------------------


def test_duplicate_ids_name_both_rows(tmp_path: Path) -> None:
    rows = [["Nr.", "Name"], ["7", "Anna"], ["8", "Ben"], ["7", "Cem"]]
    [problem] = problems_of(write_book(tmp_path / "a.xlsx", {"Liste": rows}), themes=["A"])
    assert "rows 2 and 4" in problem.message and "'7'" in problem.message
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "a.xlsx",
        "Liste",
        4,
        "Nr.",
    )
    assert "Anna" not in str(problem) and "Cem" not in str(problem)


def test_duplicate_emails_as_ids_are_reported_without_the_address(tmp_path: Path) -> None:
    rows = [["Name", "E-Mail"], ["Anna", "a@example.org"], ["Ben", "A@example.org"]]
    [problem] = problems_of(write_book(tmp_path / "a.xlsx", {"S": rows}), themes=["A"])
    assert "Rows 2 and 3" in problem.message and "example.org" not in str(problem)


def test_missing_name_and_missing_id(tmp_path: Path) -> None:
    rows = [["Nr.", "Vorname", "Nachname"], ["1", None, None], [None, "Ben", "B"], ["3", "C", "C"]]
    first, second = problems_of(write_book(tmp_path / "a.xlsx", {"S": rows}), themes=["A"])
    assert (first.row, first.column) == (2, "Vorname") and "no name" in first.message
    assert (second.row, second.column) == (3, "Nr.") and "no id" in second.message


def test_missing_name_column_lists_found_and_accepted_headers(tmp_path: Path) -> None:
    rows = [["Nr.", "Kommune", "Wohnort"], ["1", "A", "X"]]
    [problem] = problems_of(write_book(tmp_path / "a.xlsx", {"S": rows}), themes=["A"])
    assert "names" in problem.message and problem.row == 1
    assert "Nr., Kommune, Wohnort" in problem.hint
    assert "Vorname" in problem.hint and "Last name" in problem.hint


def test_empty_sheet_and_header_without_rows(tmp_path: Path) -> None:
    [empty] = problems_of(write_book(tmp_path / "a.xlsx", {"Leer": []}), themes=["A"])
    assert empty.sheet == "Leer" and "empty" in empty.message
    [bare] = problems_of(write_book(tmp_path / "b.xlsx", {"S": [["Nr.", "Name"]]}), themes=["A"])
    assert "no participants" in bare.message


def test_unknown_tables_themes_and_values_all_at_once(tmp_path: Path) -> None:
    rows = [
        ["ID", "Name", "Phase 1", "Host", "Preferred first theme", "Phases present", "Keep apart"],
        ["1", "Anna", "Z9", None, None, None, None],
        ["2", "Ben", None, "Q1", None, None, None],
        ["3", "Cem", None, None, "Feuer", None, None],
        ["4", "Dora", None, None, None, "1,3", "Einzeln"],
        ["5", "Emil", None, None, None, "oft", None],
    ]
    problems = problems_of(write_book(tmp_path / "a.xlsx", {"S": rows}), themes=THEMES)
    by_row = {p.row or 0: p for p in problems}
    assert sorted(by_row) == [2, 3, 4, 5, 6] and len(problems) == 6
    assert "no table 'Z9'" in by_row[2].message and by_row[2].column == "Phase 1"
    assert "W1" in by_row[2].hint
    assert by_row[3].column == "Host"
    assert "'Feuer' is not a theme" in by_row[4].message and "Wasser" in by_row[4].hint
    assert {p.column for p in problems if p.row == 5} == {"Phases present", "Keep apart"}
    assert any("phases [3]" in p.message for p in problems if p.row == 5)
    assert "not a list of phase numbers" in by_row[6].message
    text = str(InputError(problems, file="a.xlsx"))
    assert "Anna" not in text and "Emil" not in text


def test_bad_tables_and_settings_sheets(tmp_path: Path) -> None:
    tables = [
        ["Table", "Theme", "Seats"],
        ["A1", "Water", "many"],
        ["A2", "Fire", 4],
        ["A3", None, 4],
    ]
    settings = [["Phases", "two"], ["Colour", "blue"], ["Coverage", "sometimes"]]
    path = write_book(
        tmp_path / "a.xlsx", {"Participants": PEOPLE, "Tables": tables, "Settings": settings}
    )
    problems = problems_of(path, themes=["Water"])
    messages = " | ".join(p.message for p in problems)
    assert "'many' is not a number of seats" in messages
    assert "no theme" in messages
    assert "'two' is not a whole number" in messages
    assert "Unknown setting 'Colour'" in messages
    assert "'sometimes' is not a theme coverage rule" in messages
    assert "'Fire', which is not a theme" in messages
    assert all(p.file == "a.xlsx" and p.sheet in {"Tables", "Settings"} for p in problems)


def test_unknown_balance_column_lists_the_available_ones(tmp_path: Path) -> None:
    path = write_book(tmp_path / "a.xlsx", {"S": PEOPLE})
    [problem] = problems_of(path, themes=THEMES, balance=["Alter"])
    assert "'Alter'" in problem.message
    assert "Geschlecht" in problem.hint and "Region" in problem.hint


def test_unknown_column_mapping(tmp_path: Path) -> None:
    path = write_book(tmp_path / "a.xlsx", {"S": PEOPLE})
    problems = problems_of(path, themes=THEMES, columns={"organisation": "Verein", "shoe": "X"})
    messages = sorted(p.message for p in problems)
    assert len(messages) == 2
    assert "column 'Verein', which the sheet does not have" in messages[1]
    assert "unknown field 'shoe'" in messages[0]


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    rows = [["Nr.", "Name", "Organisation", "Institution"], ["1", "Anna", "A", "B"]]
    path = write_book(tmp_path / "a.xlsx", {"S": rows})
    [problem] = problems_of(path, themes=["A"])
    assert "Two columns hold the organisation" in problem.message
    assert problem.column == "Institution" and "explicitly" in problem.hint
    event = read_event(path, themes=["A"], columns={"organisation": "Institution"})
    assert event.participants[0].organisation == "B"
    assert event.participants[0].attributes == {"Organisation": "A"}
