"""``rotation plan`` and ``rotation check`` on the sample registration files, as subprocesses."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_helpers import (
    CSV_48,
    ENGLISH_200,
    FAST,
    GERMAN_50,
    THEMES,
    assignments,
    input_ids,
    json_of,
    rotation_command,
    run,
)

from rotation.domain import Metric
from rotation.io.workbook.labels import labels_for

Planned = tuple[Path, dict[str, Any]]


@pytest.fixture(scope="module")
def german_plan(tmp_path_factory: pytest.TempPathFactory) -> Planned:
    """The German 50-person sample, themes given in the repeated-option form."""
    output = tmp_path_factory.mktemp("german") / "plan.xlsx"
    result = run(
        "plan", GERMAN_50, "-o", output,
        "--themes", THEMES[0], "--themes", THEMES[1],
        "--tables-per-theme", "3", "--table-size", "10", "--balance", "Geschlecht", "Funktion",
        "--time-limit", "5", *FAST, "--lang", "de", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return output, json_of(result)


@pytest.fixture(scope="module")
def csv_plan(tmp_path_factory: pytest.TempPathFactory) -> Planned:
    """The cp1252 semicolon CSV sample, themes given space-separated."""
    output = tmp_path_factory.mktemp("csv") / "plan.xlsx"
    result = run(
        "plan", CSV_48, "--themes", "Theme A", "Theme B", "-o", output,
        "--tables-per-theme", "3", "--table-size", "8", "--min-table-size", "6",
        "--balance", "Geschlecht", "--time-limit", "3", *FAST, "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return output, json_of(result)


def test_german_sample_keeps_ids_and_reports_json(german_plan: Planned) -> None:
    output, summary = german_plan
    rows = assignments(output)
    assert {str(r["participant_id"]) for r in rows} == input_ids(GERMAN_50, "Nr.")
    assert {r["theme"] for r in rows} == set(THEMES)
    assert summary["status"] in ("optimal", "feasible")
    assert summary["interrupted"] is False
    assert summary["counts"] == {"participants": 50, "tables": 6, "phases": 2, "themes": 2}
    assert Path(summary["output"]) == output.resolve()
    for key in ("repeat_encounters", "repeat_pairs", "same_organisation_pairs"):
        assert summary["metrics"][key] >= summary["bounds"].get(key, 0)
    assert {"attribute_deviation", "attribute_deviation_max"} <= set(summary["metrics"])
    assert summary["wall_time"] > 0


def test_csv_sample_keeps_leading_zeros(csv_plan: Planned) -> None:
    output, summary = csv_plan
    ids = {str(r["participant_id"]) for r in assignments(output)}
    assert "0001" in ids and len(ids) == 48
    assert summary["counts"]["tables"] == 6
    assert summary["metrics"]["attribute_deviation_by_attribute"].keys() == {"gender"}


def test_english_sample_with_three_themes(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    result = run(
        "plan", ENGLISH_200, "-o", output, "--themes", "Water", "Energy", "Housing",
        "--tables-per-theme", "4", "--table-size", "20", "--balance", "gender", "role",
        "--time-limit", "5", *FAST, "--method", "construct",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Plan written to" in result.stdout and "Repeat encounters" in result.stdout
    rows = assignments(output)
    assert {str(r["participant_id"]) for r in rows} == input_ids(ENGLISH_200, "ID")
    assert len(rows) == 600
    assert run("check", output).returncode == 0


def test_plan_json_matches_check_json(german_plan: Planned) -> None:
    output, summary = german_plan
    result = run("check", output, "--json")
    assert result.returncode == 0, result.stderr
    checked = json_of(result)
    assert checked["ok"] is True and checked["violations"] == []
    assert checked["metrics"] == summary["metrics"]
    assert checked["bounds"] == summary["bounds"]
    assert checked["counts"] == summary["counts"]


def test_check_prints_every_metric_with_bounds(csv_plan: Planned) -> None:
    output, summary = csv_plan
    result = run("check", output)
    assert result.returncode == 0, result.stderr
    assert "Alle Regeln sind in plan.xlsx erfüllt." in result.stdout  # the list is German
    german = labels_for("de")
    for metric in Metric:
        shown = metric not in (Metric.MOVED_SEATS, Metric.EARLIER_ENCOUNTERS)  # re-plans only
        assert (german.metrics[metric].name in result.stdout) is shown, metric
    line = next(x for x in result.stdout.splitlines() if x.startswith("Wiederholte Begegnungen"))
    value, bound = line.split()[-2:]
    assert float(value) == summary["metrics"]["repeat_encounters"]
    assert float(bound) == summary["bounds"]["repeat_encounters"]
    english = run("check", output, "--lang", "en")
    assert "All rules hold in plan.xlsx." in english.stdout
    assert "Repeat encounters" in english.stdout and "No plan below" in english.stdout


def _break_theme_coverage(plan: Path, broken: Path) -> str:
    """Seat someone at the same theme twice by hand; returns their id."""
    book = openpyxl.load_workbook(plan)
    sheet = next(ws for ws in book.worksheets if ws.title in ("Assignments", "Zuteilungen"))
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in ("participant_id", "phase", "table")}
    rows = {
        (str(sheet.cell(r, col["participant_id"]).value), int(sheet.cell(r, col["phase"]).value)): r
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(r, col["participant_id"]).value is not None
    }
    person = sorted(pid for pid, _ in rows)[0]
    phase_two_table = sheet.cell(rows[(person, 2)], col["table"]).value
    sheet.cell(rows[(person, 1)], col["table"]).value = phase_two_table
    book.save(broken)
    return person


@pytest.mark.parametrize("as_json", [False, True])
def test_check_names_the_person_in_a_hand_broken_plan(
    german_plan: Planned, tmp_path: Path, as_json: bool
) -> None:
    broken = tmp_path / "broken.xlsx"
    person = _break_theme_coverage(german_plan[0], broken)
    result = run("check", broken, *(["--json"] if as_json else []))
    assert result.returncode == 1, result.stderr
    if as_json:
        checked = json_of(result)
        assert checked["ok"] is False
        assert person in {v["participant"] for v in checked["violations"]}
        assert "theme coverage" in {v["rule"] for v in checked["violations"]}
    else:
        assert "verletzte Regel" in result.stdout and "Themenabdeckung" in result.stdout
        assert f"Themenabdeckung: '{person}'" in result.stdout


def test_plan_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    copy = tmp_path / "anmeldungen.xlsx"
    copy.write_bytes(GERMAN_50.read_bytes())
    result = run("plan", copy, "-o", copy, "--themes", *THEMES)
    assert result.returncode == 2
    assert "overwrite the input" in result.stderr
    assert copy.read_bytes() == GERMAN_50.read_bytes()


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    result = run(
        "plan", CSV_48, "-o", tmp_path / "p.xlsx", "--themes", "A", "B",
        "--tables-per-theme", "3", "--table-size", "8", "--time-limit", "2",
        *FAST, "--method", "construct", "--quiet",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_help_documents_options_and_exit_codes() -> None:
    result = subprocess.run(
        [*rotation_command(), "plan", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0
    for option in (
        "--themes", "--tables-per-theme", "--table-size", "--min-table-size", "--phases",
        "--balance", "--time-limit", "--seed", "--deterministic", "--workers", "--lang",
        "--json", "--quiet", "--debug",
    ):  # fmt: skip
        assert option in result.stdout
    assert "Exit codes" in result.stdout and "no plan within the time limit" in result.stdout


def test_help_paragraphs_are_rewrapped_not_broken_at_the_docstring_lines() -> None:
    """A docstring wrapped at 100 columns reads as one paragraph in any terminal width."""
    result = subprocess.run(
        [*rotation_command(), "demo", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0
    assert "three tables of at most ten per theme, balanced by gender and role" in result.stdout


def test_replan_help_names_every_readable_format_and_the_german_column() -> None:
    result = subprocess.run(
        [*rotation_command(), "replan", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "250", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "(.xlsx, .xlsm, .ods, .xls or .csv) with the late arrivals" in text
    assert "'nein' in 'anwesend'" in text
