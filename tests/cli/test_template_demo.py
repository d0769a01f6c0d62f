"""``rotation template`` then ``plan`` on the filled template; ``rotation demo``; the example."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from cli_helpers import FAST, assignments, json_of, run


def _fill_template(template: Path, filled: Path, people: int) -> None:
    """Overwrite the example row with made-up people; keep the template's tables/settings."""
    book = openpyxl.load_workbook(template)
    sheet = book["Participants"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in ("ID", "First name", "Last name")}
    col["Organisation"] = header.index("Organisation") + 1
    col["Gender"] = header.index("Gender") + 1
    col["Role"] = header.index("Role") + 1
    for row in range(2, sheet.max_row + 1):
        for cell in sheet[row]:
            cell.value = None
    for n in range(people):
        row = n + 2
        sheet.cell(row, col["ID"]).value = f"T{n + 1:02d}"
        sheet.cell(row, col["First name"]).value = f"Given{n}"
        sheet.cell(row, col["Last name"]).value = f"Family{n}"
        sheet.cell(row, col["Organisation"]).value = f"Org {n % 5}"
        sheet.cell(row, col["Gender"]).value = "fm"[n % 2]
        sheet.cell(row, col["Role"]).value = ("Administration", "Politics")[n % 3 == 0]
    book.save(filled)


def test_template_then_plan_on_the_filled_template(tmp_path: Path) -> None:
    template = tmp_path / "registrations.xlsx"
    result = run("template", template, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert template.exists() and "Template written" in result.stdout
    again = run("template", template, "--lang", "en")
    assert again.returncode == 2 and "--force" in again.stderr
    assert run("template", template, "--lang", "en", "--force").returncode == 0

    filled = tmp_path / "filled.xlsx"
    _fill_template(template, filled, people=16)  # the template's tables seat 2 x 8 per theme
    output = tmp_path / "plan.xlsx"
    result = run("plan", filled, "-o", output, "--time-limit", "3", *FAST, "--json")
    assert result.returncode == 0, result.stderr
    summary = json_of(result)
    assert summary["counts"] == {"participants": 16, "tables": 4, "phases": 2, "themes": 2}
    assert {r["theme"] for r in assignments(output)} == {"Theme A", "Theme B"}
    assert run("check", output).returncode == 0


def test_german_template(tmp_path: Path) -> None:
    result = run("template", tmp_path / "anmeldungen.xlsx")
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "anmeldungen.xlsx")
    assert "Teilnehmende" in book.sheetnames


def test_a_misspelt_column_to_balance_points_at_the_settings_sheet(tmp_path: Path) -> None:
    """The German template balances by 'Geschlecht; Funktion' in its Settings sheet; a header
    renamed by a typo is reported there, not as a column of the participant sheet."""
    template = tmp_path / "anmeldungen.xlsx"
    assert run("template", template).returncode == 0
    book = openpyxl.load_workbook(template)
    header = [c.value for c in book["Teilnehmende"][1]]
    book["Teilnehmende"].cell(1, header.index("Geschlecht") + 1).value = "Geschlect"
    book.save(template)

    result = run("plan", template, "-o", tmp_path / "plan.xlsx", "--json")
    assert result.returncode == 3
    (problem,) = [p for p in json_of(result)["problems"] if "to balance" in p]
    assert problem.startswith("anmeldungen.xlsx, sheet 'Einstellungen': ")
    assert "no column 'Geschlecht' in sheet 'Teilnehmende'" in problem
    assert "Geschlect" in problem and "column 'Ausgleichen'" not in problem

    by_option = run("plan", template, "-o", tmp_path / "plan.xlsx", "--balance", "Alter")
    assert by_option.returncode == 3
    assert "- anmeldungen.xlsx: Im Blatt 'Teilnehmende' gibt es keine Spalte 'Alter'" in (
        by_option.stderr
    )


def test_demo_writes_the_plan_and_prints_the_headline(tmp_path: Path) -> None:
    result = run("demo", "--time-limit", "4", *FAST, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "rotation-demo-plan.xlsx"
    assert written.exists()
    assert str(written.resolve()) in result.stdout
    figures = ("Wiederholte Begegnungen: ", "Kolleg·innen-Paare am selben Tisch: ")
    for figure in (*figures, "Ungleichgewicht der Merkmale (Geschlecht, Funktion): insgesamt"):
        assert figure in result.stdout
    rows = assignments(written)
    assert len({r["participant_id"] for r in rows}) == 50
    assert {r["theme"] for r in rows} == {"Integration und Teilhabe", "Gleichstellung und Vielfalt"}
    checked = run("check", written, "--json")
    assert checked.returncode == 0 and json_of(checked)["counts"]["tables"] == 6


def test_bundled_example_is_what_its_generator_writes(tmp_path: Path) -> None:
    from rotation.data.make_example import EXAMPLE_PATH, main

    regenerated = tmp_path / "example.xlsx"
    main([str(regenerated)])
    assert regenerated.read_bytes() == EXAMPLE_PATH.read_bytes()
