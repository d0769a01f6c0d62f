"""The fill-in template: its structure, and a filled template reads back as written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from rotation.domain import Event, Group, Participant, Phase, Table, Theme, ThemeCoverage
from rotation.errors import InputError
from rotation.io import read_event, write_template
from rotation.io.registration.columns import match_header


@pytest.mark.parametrize("lang", ["de", "en"])
def test_template_structure(tmp_path: Path, lang: str) -> None:
    path = write_template(tmp_path / f"vorlage-{lang}.xlsx", lang=lang)  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    assert len(book.sheetnames) == 4
    people, tables, _, guide = book.worksheets
    headers = [c.value for c in people[1]]
    assert all(match_header(h) is not None for h in headers), headers
    assert people["A2"].value in {"Beispiel", "Example"}
    lists = [v.formula1 for v in people.data_validations.dataValidation]
    assert any(f.startswith('"') for f in lists)  # gender choices
    assert any(tables.title in f for f in lists)  # table ids for host and pins
    assert len(tables.data_validations.dataValidation) == 2
    assert guide.max_row > 10


def test_unfilled_template_names_the_example_row(tmp_path: Path) -> None:
    path = write_template(tmp_path / "vorlage.xlsx")
    with pytest.raises(InputError) as caught:
        read_event(path)
    [problem] = caught.value.problems
    assert problem.row == 2 and "example row" in problem.message


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang"):
        write_template("x.xlsx", lang="fr")  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_filled_template_round_trips(tmp_path: Path, lang: str) -> None:
    path = write_template(tmp_path / "vorlage.xlsx", lang=lang)  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    people, tables, settings, _ = book.worksheets
    rows: list[list[object]] = [
        ["0001", "Anna", "Adler", "anna@example.org", "Stadt A", "Politik", "w", "W1",
         None, None, None, None, "Presse", None],
        ["0002", "Ben", "Bauer", None, "Stadt B", "Verwaltung", "m", None,
         "E1", None, "1", "Energie", None, "0003"],
        ["0003", "Cem", "Çelik", None, "Stadt A", "Verwaltung", "d", None,
         None, "W2", None, None, "Presse", None],
        ["0004", "Dora", "Dietz", None, "Stadt C", "Politik", "w", None,
         None, None, "1-2", "Wasser", None, None],
    ]  # fmt: skip
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            people.cell(row=r, column=c).value = value  # None clears the example row
    table_rows: list[list[object]] = [
        ["W1", "Wasser", 3],
        ["W2", "Wasser", "1-3"],
        ["E1", "Energie", 4],
    ]
    for r in range(2, 6):
        for c in range(1, 7):
            tables.cell(row=r, column=c).value = None
    for r, table_row in enumerate(table_rows, start=2):
        for c, cell in enumerate(table_row, start=1):
            tables.cell(row=r, column=c, value=cell)
    settings["B2"] = "Runde"
    settings["B3"], settings["C3"] = "Wasser", "Energie"
    settings["B4"] = 2
    book.save(path)

    expected_people = (
        Participant("0001", "Anna Adler", "Stadt A", {"role": "Politik", "gender": "w"},
                    email="anna@example.org"),
        Participant("0002", "Ben Bauer", "Stadt B", {"role": "Verwaltung", "gender": "m"},
                    phases=frozenset({1}), pins={1: "E1"}, preferred_first_theme="Energie"),
        Participant("0003", "Cem Çelik", "Stadt A", {"role": "Verwaltung", "gender": "d"},
                    pins={2: "W2"}),
        Participant("0004", "Dora Dietz", "Stadt C", {"role": "Politik", "gender": "w"},
                    phases=frozenset({1, 2}), preferred_first_theme="Wasser"),
    )  # fmt: skip
    expected = Event(
        participants=expected_people,
        themes=(Theme("Wasser"), Theme("Energie")),
        tables=(
            Table("W1", "Wasser", 3, host="0001"),
            Table("W2", "Wasser", 3, 1),
            Table("E1", "Energie", 4),
        ),
        phases=(Phase(1), Phase(2)),
        keep_apart=(Group("Presse", ("0001", "0003")),),
        keep_together=(Group("0002 + 0003", ("0002", "0003")),),
        coverage=ThemeCoverage.AUTO,
        balance=("gender", "role"),
        name="Runde",
    )
    assert read_event(path) == expected
