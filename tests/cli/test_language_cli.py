"""One language per run: a German list gives a German workbook and German terminal output,
an English list English ones, ``--lang`` overrides both."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from cli_helpers import ENGLISH_200, FAST, GERMAN_50, THEMES, run

from rotation.io.workbook.labels import DATA_SHEET

ENGLISH_KEYS = ("gender", "role")


def visible_text(path: Path) -> str:
    """Every cell of every sheet a person sees (the hidden data sheet left out)."""
    book = openpyxl.load_workbook(path)
    cells = [
        str(value)
        for ws in book.worksheets
        if ws.title != DATA_SHEET
        for row in ws.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    return "\n".join(cells)


def test_german_list_without_lang_speaks_german_everywhere(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    result = run(
        "plan", GERMAN_50, "-o", output, "--themes", *THEMES, "--tables-per-theme", "3",
        "--balance", "Geschlecht", "Funktion", "--time-limit", "5", *FAST,
        "--name", "Regionales Werkstatttreffen Herford",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Plan gespeichert: {output.resolve()}" in result.stdout
    assert "50 Teilnehmende, 6 Tische, 2 Phasen, 2 Themen;" in result.stdout
    assert "  Wiederholte Begegnungen: " in result.stdout
    assert "Ungleichgewicht der Merkmale (Geschlecht, Funktion): insgesamt" in result.stdout
    assert "Kennzahl" in result.stdout and "Kein Plan unter" in result.stdout
    assert "Bestmöglich" in result.stdout or "Gültig, könnte höchstens um" in result.stdout
    assert "feasible" not in result.stdout and "optimal" not in result.stdout

    book = openpyxl.load_workbook(output)
    assert book.sheetnames[:4] == ["Übersicht", "Phase 1", "Phase 2", "Teilnehmende"]
    overview = book["Übersicht"]
    assert overview["A1"].value == "Sitzplan: Regionales Werkstatttreffen Herford"
    assert "Über diesen Plan" in visible_text(output)
    tables = [row[0] for row in book["Tische"].iter_rows(values_only=True)]
    assert "Geschlecht: w" in tables and "Funktion: Verwaltung" in tables
    assert book["Teilnehmende"]["E1"].value == "Geschlecht"
    assert book["Zuteilungen"]["A1"].value == "participant_id"  # the machine contract stays
    words = visible_text(output)
    for key in ENGLISH_KEYS:
        assert f"{key}:" not in words and f"\n{key}\n" not in words, key
    assert "31.96" not in words and "Untere Schranke" not in words


def test_english_list_speaks_english(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    result = run(
        "plan", ENGLISH_200, "-o", output, "--themes", "Water", "Energy",
        "--tables-per-theme", "5", "--balance", "Gender", "--time-limit", "3", *FAST,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Plan written to {output.resolve()}" in result.stdout
    assert "200 participants, 10 tables, 2 phases, 2 themes;" in result.stdout
    assert "  Repeat encounters: " in result.stdout and "(no plan below " in result.stdout
    assert "Attribute imbalance (Gender): " in result.stdout
    book = openpyxl.load_workbook(output)
    assert book.sheetnames[0] == "Overview"
    assert book["Overview"]["A1"].value == "Seating plan: registrations-200"
    assert "About this plan" in visible_text(output)
    assert "Gender: w" in [row[0] for row in book["Tables"].iter_rows(values_only=True)]


def test_lang_overrides_the_list_and_bad_input_is_said_in_the_lists_language(
    tmp_path: Path,
) -> None:
    output = tmp_path / "plan.xlsx"
    result = run(
        "plan", GERMAN_50, "-o", output, "--themes", *THEMES, "--tables-per-theme", "3",
        "--time-limit", "3", *FAST, "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Plan written to" in result.stdout
    assert openpyxl.load_workbook(output).sheetnames[0] == "Overview"

    wrong = run("plan", GERMAN_50, "-o", tmp_path / "x.xlsx", "--themes", *THEMES,
                "--balance", "Region")  # fmt: skip
    assert wrong.returncode == 3
    assert "gibt es keine Spalte 'Region' zum Ausgleichen." in wrong.stderr
    assert "Es wurde nichts gespeichert." in wrong.stderr


def test_one_table_per_theme_by_default_is_said_before_solving(tmp_path: Path) -> None:
    result = run(
        "plan", GERMAN_50, "-o", tmp_path / "plan.xlsx", "--themes", *THEMES,
        "--time-limit", "2", *FAST,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    warning = " ".join(result.stderr.split())
    assert "Weder --tables-per-theme noch ein Blatt 'Tische'" in warning
    assert "einen Tisch mit 25 Personen" in warning and "--tables-per-theme 3" in warning
    english = run(
        "plan", GERMAN_50, "-o", tmp_path / "plan-en.xlsx", "--themes", *THEMES,
        "--time-limit", "2", *FAST, "--lang", "en", "--json",
    )  # fmt: skip
    assert english.returncode == 0 and "tables-per-theme" not in english.stderr  # --json: quiet


def test_an_impossible_german_event_says_why_in_german(tmp_path: Path) -> None:
    """Exit 4: the reasons in the list's language, the same figures in English with --lang."""
    arguments = ("--themes", *THEMES, "--tables-per-theme", "2", "--table-size", "10")
    german = run("plan", GERMAN_50, "-o", tmp_path / "plan.xlsx", *arguments)
    assert german.returncode == 4, german.stderr
    assert "Mit diesen Regeln ist kein Plan möglich:" in german.stderr
    assert (
        "- Phase 1: 50 Teilnehmende sind anwesend, aber die Tische haben zusammen nur 40 "
        "Plätze; ergänzen Sie 10 Plätze (mehr oder größere Tische)." in german.stderr
    )
    assert f"- Thema '{THEMES[0]}': 50 Besuche sind nötig" in german.stderr
    assert "participants attend" not in german.stderr and "visits are needed" not in german.stderr
    english = run("plan", GERMAN_50, "-o", tmp_path / "plan.xlsx", *arguments, "--lang", "en")
    assert english.returncode == 4
    assert "- Phase 1: 50 participants attend, but 4 tables seat only 40; add 10 seats" in (
        english.stderr
    )
    assert not (tmp_path / "plan.xlsx").exists()
