"""Cleaning values and recognising headers."""

from __future__ import annotations

import datetime as dt

import pytest

from rotation.io.cells import IdMatcher, clean_id, clean_text, fold, parse_phases, split_list
from rotation.io.registration.columns import ALIASES, Field, match_header, participant_header_row
from rotation.io.sheets import HEADER_SEARCH_ROWS, find_header_row


def test_clean_text() -> None:
    assert clean_text("  Jo\u0308rg\u00a0\u00a0Mu\u200bller\t") == "Jörg Muller"
    assert clean_text(None) == "" and clean_text(3.0) == "3" and clean_text(2.5) == "2.5"
    assert clean_text(dt.datetime(2023, 5, 4)) == "2023-05-04"


def test_ids_kept_as_written() -> None:
    assert clean_id("0001") == "0001" and clean_id(17) == "17" and clean_id(17.0) == "17"
    assert clean_id("\ufeffP-1 ") == "P-1"


def test_fold_ignores_case_accents_spacing_punctuation() -> None:
    assert fold("E-Mail") == fold("e mail") == fold("EMAIL") == "email"
    assert fold("Größe") == "grosse" and fold("Teilnehmer-ID") == "teilnehmerid"


@pytest.mark.parametrize(
    ("text", "phases"),
    [("1,2", {1, 2}), ("1-3", {1, 2, 3}), ("2", {2}), (3, {3}), (1.2, {1, 2}),
     ("Phase 1 und 3", {1, 3}), ("1; 2", {1, 2}), ("1 bis 2", {1, 2})],
)  # fmt: skip
def test_parse_phases(text: str, phases: set[int]) -> None:
    assert parse_phases(text) == frozenset(phases)


@pytest.mark.parametrize("text", ["oft", "3-1", "1,x"])
def test_parse_phases_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_phases(text)


def test_blank_phases_mean_all() -> None:
    assert parse_phases(None) is None and parse_phases("alle") is None


def test_split_list() -> None:
    assert split_list(" a, b ;c\n") == ["a", "b", "c"]


def test_every_alias_matches_its_field() -> None:
    for fld, names in ALIASES.items():
        for name in names:
            assert match_header(name) is fld, name
            assert match_header(name.upper()) is fld, name


@pytest.mark.parametrize(
    ("header", "phase"),
    [("Phase 1", 1), ("Runde 2", 2), ("Tisch Phase 1", 1), ("Table round 3", 3),
     ("Phase 2 Tisch", 2), ("Tisch in Runde 4", 4)],
)  # fmt: skip
def test_pin_columns(header: str, phase: int) -> None:
    assert match_header(header) == phase


def test_other_headers_are_attributes() -> None:
    assert match_header("Region") is None and match_header("Sprache") is None
    assert match_header("Kommune / Organisation") is Field.ORGANISATION
    assert match_header("Name / Funktion") is None  # parts disagree


def test_header_row_below_title_rows() -> None:
    rows = [["Anmeldeliste Werkstatttreffen"], [], ["Nr.", "Vorname", "Nachname"], ["1", "A", "B"]]
    assert participant_header_row(rows, {}) == 2
    assert participant_header_row([["x", "Spalte"], ["1", "2"]], {"name": "Spalte"}) == 0
    assert participant_header_row([["Titel"], ["a", "b"]], {}) == 1


def test_one_id_matcher_for_registrations_and_plans() -> None:
    tables = IdMatcher(["A1", "B-2", "Tisch 3"])
    assert [tables.find(t) for t in ("A1", "a-1", " A 1", "A.1", "b2", "tisch3")] == [
        "A1", "A1", "A1", "A1", "B-2", "Tisch 3",
    ]  # fmt: skip
    assert tables.find("A2") is None and tables.find("-") is None
    assert "a_1" in tables and "C1" not in tables
    both = IdMatcher(["A1", "A-1"])
    assert both.find("A-1") == "A-1" and both.find("a1") is None  # ambiguous: exact only


def test_one_header_row_finder_for_every_sheet() -> None:
    known = {"tisch": "id", "thema": "theme", "platze": "capacity"}
    rows = [["Tische des Treffens"], ["Stand: Mai"], ["Tisch", "Thema", "Plätze"], ["A1", "X", 8]]
    assert find_header_row(rows, lambda h: known.get(fold(h)), least=2) == 2
    assert find_header_row(rows[:2], lambda h: known.get(fold(h)), least=2) is None
    # the same column twice counts once: a data row repeating a header word does not win
    assert (
        find_header_row(
            [["Tisch", "Thema"], ["Tisch", "Tisch", "Tisch"]], lambda h: known.get(fold(h))
        )
        == 0
    )
    far_down = [[] for _ in range(HEADER_SEARCH_ROWS)] + [["Tisch", "Thema"]]
    assert find_header_row(far_down, lambda h: known.get(fold(h))) is None
