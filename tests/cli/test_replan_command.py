"""``rotation replan`` as an organiser runs it on the day: real workbooks, real subprocesses."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_helpers import FAST, GERMAN_50, THEMES, assignments, json_of, run

SCENARIO = ("--tables-per-theme", "3", "--table-size", "9", "--min-table-size", "8")
ABSENT = ("P0001", "P0002", "P0003", "P0004")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("replan")


@pytest.fixture(scope="module")
def plan_file(folder: Path) -> Path:
    """The 50-person sample in two phases, three tables of 8 to 9 per theme."""
    output = folder / "plan.xlsx"
    result = run(
        "plan", GERMAN_50, "-o", output, "--themes", *THEMES, *SCENARIO,
        "--time-limit", "10", *FAST, "--quiet", "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def late_file(folder: Path) -> Path:
    """Three walk-ins from phase 2, as a small registration workbook."""
    path = folder / "late.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(["id", "name", "organisation", "phases"])
    for n in range(1, 4):
        sheet.append([f"W{n}", f"Walk-in {n}", f"Neue Organisation {n}", "2"])
    book.save(path)
    return path


def _seats(path: Path) -> dict[tuple[str, int], str]:
    return {(str(r["participant_id"]), int(r["phase"])): str(r["table"]) for r in assignments(path)}


def _sheet_rows(path: Path, title: str) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(path)[title]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


@pytest.fixture(scope="module")
def replanned(folder: Path, plan_file: Path, late_file: Path) -> tuple[Path, dict[str, Any]]:
    output = folder / "new.xlsx"
    result = run(
        "replan", plan_file, "-o", output, "--absent", *ABSENT, "--add", late_file,
        "--from-phase", "2", "--time-limit", "10", *FAST, "--json", "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return output, json_of(result)


def test_replan_keeps_phase_one_and_moves_the_fewest_seats(
    plan_file: Path, replanned: tuple[Path, dict[str, Any]]
) -> None:
    output, summary = replanned
    assert run("check", output).returncode == 0
    before, after = _seats(plan_file), _seats(output)
    assert {k: t for k, t in before.items() if k[1] == 1} == {
        k: t for k, t in after.items() if k[1] == 1 and not k[0].startswith("W")
    }
    moved = summary["metrics"]["moved_seats"]
    assert moved == len(summary["changes"]["moved"])
    assert moved == summary["bounds"]["moved_seats"] or any("moved" in n for n in summary["notes"])
    assert sorted(a["participant_id"] for a in summary["changes"]["absent"]) == list(ABSENT)
    assert [a["participant_id"] for a in summary["changes"]["added"]] == ["W1", "W2", "W3"]
    for walk_in in ("W1", "W2", "W3"):
        assert (walk_in, 2) in after and (walk_in, 1) not in after


def test_changes_sheet_lists_exactly_the_differences(
    plan_file: Path, replanned: tuple[Path, dict[str, Any]]
) -> None:
    output, _ = replanned
    before, after = _seats(plan_file), _seats(output)
    differing = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    listed = {(str(r["ID"]), int(r["Phase"])) for r in _sheet_rows(output, "Changes")}
    assert listed == differing
    kinds = {str(r["ID"]): r["Change"] for r in _sheet_rows(output, "Changes")}
    assert {kinds[p] for p in ABSENT} == {"absent"} and kinds["W1"] == "new"


def test_terminal_line_names_moves_bound_additions_and_absences(
    folder: Path, plan_file: Path, late_file: Path
) -> None:
    result = run(
        "replan", plan_file, "-o", folder / "terminal.xlsx", "--absent", *ABSENT,
        "--add", late_file, "--from-phase", "2", "--time-limit", "10", *FAST,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "(no plan can move fewer than" in result.stdout
    assert "people added: 3; absent: 4" in result.stdout
    # The plan workbook is English (a German list planned with --lang en): so is the re-plan.
    assert "Plan written to" in result.stdout and "Status" not in result.stdout
    assert openpyxl.load_workbook(folder / "terminal.xlsx").sheetnames[:2] == [
        "Overview",
        "Changes",
    ]


def test_edited_present_column_is_honoured_in_german(folder: Path, plan_file: Path) -> None:
    german = folder / "plan-de.xlsx"
    result = run(
        "plan", GERMAN_50, "-o", german, "--themes", *THEMES, "--tables-per-theme", "3",
        "--table-size", "10", "--time-limit", "10", *FAST, "--quiet", "--lang", "de",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(german)
    sheet = book["Teilnehmende"]
    header = [c.value for c in sheet[1]]
    present = header.index("anwesend") + 1
    assert {sheet.cell(row=r, column=present).value for r in range(2, 52)} == {"ja"}
    sheet.cell(row=2, column=present).value = "nein"
    gone = str(sheet.cell(row=2, column=1).value)
    edited = folder / "plan-de-edited.xlsx"
    book.save(edited)
    output = folder / "new-de.xlsx"
    result = run(
        "replan", edited, "-o", output, "--from-phase", "2", "--time-limit", "10", *FAST,
        "--lang", "de", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json_of(result)
    assert [a["participant_id"] for a in summary["changes"]["absent"]] == [gone]
    rows = _sheet_rows(output, "Änderungen")
    assert any(str(r["ID"]) == gone and r["Änderung"] == "abwesend" for r in rows)

    # Without --lang the re-plan speaks the German workbook's language on the terminal too.
    said = run("replan", edited, "-o", folder / "new-de-2.xlsx", "--from-phase", "2",
               "--time-limit", "10", *FAST)  # fmt: skip
    assert said.returncode == 0, said.stderr
    assert "Plan gespeichert: " in said.stdout
    assert "(kein Plan kann weniger ändern als " in said.stdout
    assert "neu: 0; abwesend: 1" in said.stdout
    assert "Wiederholte Begegnungen: " in said.stdout
    assert "Plan written" not in said.stdout and "Repeat encounters" not in said.stdout


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (("--absent", "NOBODY"), 3, "'NOBODY'"),
        (("--from-phase", "5"), 2, "5, is not a phase"),
        (("--from-phase", "0"), 2, "--from-phase"),
    ],
)
def test_bad_requests_write_nothing(
    folder: Path, plan_file: Path, arguments: tuple[str, ...], code: int, message: str
) -> None:
    output = folder / "refused.xlsx"
    result = run("replan", plan_file, "-o", output, *arguments, "--time-limit", "5", *FAST)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_late_arrival_with_a_known_id_is_refused(folder: Path, plan_file: Path) -> None:
    clash = folder / "clash.csv"
    clash.write_text("id,name,organisation\nP0005,Someone,Somewhere\n", encoding="utf-8")
    output = folder / "clash.xlsx"
    result = run("replan", plan_file, "-o", output, "--add", clash, "--from-phase", "2", *FAST)
    assert result.returncode == 3, result.stderr
    assert "'P0005'" in result.stderr and not output.exists()


def test_a_workbook_that_is_no_rotation_plan_is_refused(folder: Path, plan_file: Path) -> None:
    stripped = folder / "stripped.xlsx"
    book = openpyxl.load_workbook(plan_file)
    del book["rotation-data"]
    book.save(stripped)
    result = run("replan", stripped, "-o", folder / "x.xlsx", "--from-phase", "2", *FAST)
    assert result.returncode == 3 and "rotation-data" in result.stderr


def test_assignments_not_matching_the_data_sheet_are_refused(folder: Path, plan_file: Path) -> None:
    edited = folder / "stranger.xlsx"
    book = openpyxl.load_workbook(plan_file)
    book["Assignments"].append(["X999", "Stranger", 2, "I1", THEMES[0]])
    book.save(edited)
    result = run("replan", edited, "-o", folder / "y.xlsx", "--from-phase", "2", *FAST)
    assert result.returncode == 3 and "'X999'" in result.stderr


def test_output_may_not_be_the_plan_itself(folder: Path, plan_file: Path) -> None:
    copy = folder / "same.xlsx"
    shutil.copy(plan_file, copy)
    before = copy.read_bytes()
    result = run("replan", copy, "-o", copy, "--from-phase", "2", *FAST)
    assert result.returncode == 2 and copy.read_bytes() == before


def test_too_few_people_left_is_no_plan(folder: Path, plan_file: Path) -> None:
    gone = [f"P{n:04d}" for n in range(1, 11)]
    output = folder / "none.xlsx"
    result = run(
        "replan", plan_file, "-o", output, "--absent", *gone, "--from-phase", "2",
        "--time-limit", "5", *FAST,
    )  # fmt: skip
    assert result.returncode == 4, result.stderr
    assert "No plan is possible" in result.stderr and not output.exists()


def test_an_unknown_absent_id_is_explained_in_the_plans_language(
    folder: Path, plan_file: Path
) -> None:
    output = folder / "refused-de.xlsx"
    result = run(
        "replan", plan_file, "-o", output, "--absent", "NIEMAND", "--lang", "de", *FAST,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "'NIEMAND' ist als abwesend angegeben, steht aber nicht im Plan." in result.stderr
    assert "Blatt 'Teilnehmende'" in result.stderr
    assert not output.exists()
