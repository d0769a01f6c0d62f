"""read_plan after an organiser edited the workbook by hand, and on unreadable files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from plan_workbook_helpers import event_for, rotation_plan

from rotation.checker import check
from rotation.domain import Plan, Rule, Status
from rotation.errors import InputError
from rotation.io import read_plan, write_plan
from rotation.io.workbook.labels import DATA_SHEET
from rotation.io.workbook.reader import EDITED_NOTE, REBUILT_NOTE


@pytest.fixture
def plan() -> Plan:
    return rotation_plan(event_for(30, tables_per_theme=2))


@pytest.fixture
def written(plan: Plan, tmp_path: Path) -> Path:
    return write_plan(plan, tmp_path / "plan.xlsx")


def edit(path: Path, change: Callable[[Any], None], sheet: str = "Assignments") -> Path:
    """Change the workbook with openpyxl, as an organiser would in Excel, and save it."""
    workbook = load_workbook(path)
    change(workbook[sheet])
    workbook.save(path)
    return path


def row_of(ws: Any, participant: str, phase: int) -> int:
    for row in ws.iter_rows(min_row=2):
        if row[0].value == participant and row[2].value == phase:
            return int(row[0].row)
    raise AssertionError(f"no row for {participant} in phase {phase}")


def test_moving_a_person_to_a_theme_they_already_had_is_named(plan: Plan, written: Path) -> None:
    event = plan.event
    first = plan.seats["p001", 1]
    theme = event.table(first).theme
    other = next(t.id for t in event.tables_in(2, theme) if t.id != first)

    def move(ws: Any) -> None:
        row = row_of(ws, "p001", 2)
        ws.cell(row=row, column=4).value = other
        ws.cell(row=row, column=5).value = theme

    back = read_plan(edit(written, move))
    report = check(back.event, back)
    assert back.seats["p001", 2] == other
    coverage = [v for v in report.violations if v.rule is Rule.THEME_COVERAGE]
    assert coverage and {v.participant for v in coverage} == {"p001"}
    assert "'p001' has theme 'Integration und Teilhabe' 2 times" in str(coverage[0])
    assert back.record.status is Status.UNCHECKED
    assert EDITED_NOTE in back.record.notes
    assert back.metrics == report.metrics


def test_typing_variants_of_ids_and_phases_are_understood(plan: Plan, written: Path) -> None:
    def retype(ws: Any) -> None:
        for row in ws.iter_rows(min_row=2):
            row[3].value = f"  {str(row[3].value).lower()} "
            row[2].value = f"Phase {row[2].value}" if row[0].row % 2 else str(row[2].value)
            if row[0].row % 3 == 0:
                row[0].value = f" {str(row[0].value).upper()} "

    back = read_plan(edit(written, retype))
    assert dict(back.seats) == dict(plan.seats)
    assert check(back.event, back).ok
    assert back.record.status is Status.FEASIBLE, "same seats as written: the solver's figures stay"


def test_ids_typed_with_punctuation_match_as_in_a_registration_file(
    plan: Plan, written: Path
) -> None:
    def hyphenate(ws: Any) -> None:
        for row in ws.iter_rows(min_row=2):
            table = str(row[3].value)  # "A1" -> "a-1", as the registration reader accepts it
            row[3].value = f"{table[:-1].lower()}-{table[-1]}"
            row[0].value = f"{row[0].value}."

    back = read_plan(edit(written, hyphenate))
    assert dict(back.seats) == dict(plan.seats)
    assert check(back.event, back).ok


def test_a_phase_typed_as_a_float_or_phase_name(plan: Plan, written: Path) -> None:
    def retype(ws: Any) -> None:
        ws.cell(row=2, column=3).value = 1.0
        ws.cell(row=3, column=3).value = "phase  2"

    assert dict(read_plan(edit(written, retype)).seats) == dict(plan.seats)


def test_a_deleted_row_leaves_that_person_without_a_table(plan: Plan, written: Path) -> None:
    back = read_plan(edit(written, lambda ws: ws.delete_rows(row_of(ws, "p007", 2))))
    assert ("p007", 2) not in back.seats
    violations = check(back.event, back).violations
    assert any(
        v.rule is Rule.ONE_TABLE_PER_PHASE and v.participant == "p007" and v.phase == 2
        for v in violations
    )


def test_unknown_ids_become_seats_the_checker_reports(plan: Plan, written: Path) -> None:
    def typo(ws: Any) -> None:
        ws.cell(row=row_of(ws, "p002", 1), column=4).value = "Z9"
        ws.append(["x999", "Somebody", 1, plan.seats["p003", 1], ""])

    back = read_plan(edit(written, typo))
    assert back.seats["p002", 1] == "Z9" and back.seats["x999", 1] == plan.seats["p003", 1]
    messages = [str(v) for v in check(back.event, back).violations]
    assert "one table per phase: 'p002' sits at unknown table 'Z9' in phase 1." in messages
    assert "one table per phase: unknown participant 'x999' has a seat." in messages


def test_blank_rows_and_blank_tables_are_skipped(plan: Plan, written: Path) -> None:
    def blank(ws: Any) -> None:
        ws.cell(row=row_of(ws, "p004", 1), column=4).value = None
        ws.append([None, None, None, None, None])

    back = read_plan(edit(written, blank))
    assert ("p004", 1) not in back.seats
    assert len(back.seats) == len(plan.seats) - 1


def test_the_event_is_rebuilt_from_assignments_when_the_hidden_sheet_is_gone(
    plan: Plan, written: Path
) -> None:
    workbook = load_workbook(written)
    del workbook[DATA_SHEET]
    workbook.save(written)
    back = read_plan(written)
    assert dict(back.seats) == dict(plan.seats)
    assert [p.id for p in back.event.participants] == [p.id for p in plan.event.participants]
    assert back.event.theme_names == plan.event.theme_names
    assert REBUILT_NOTE in back.record.notes
    assert check(back.event, back).ok


def test_an_event_given_by_the_caller_is_used(plan: Plan, written: Path) -> None:
    back = read_plan(written, plan.event)
    assert back.event is plan.event
    assert dict(back.seats) == dict(plan.seats)


def test_german_workbook_is_read_by_its_sheet_name(plan: Plan, tmp_path: Path) -> None:
    path = write_plan(plan, tmp_path / "plan.xlsx", lang="de")
    assert dict(read_plan(path).seats) == dict(plan.seats)


def _problem(error: pytest.ExceptionInfo[InputError]) -> Any:
    assert error.value.problems
    return error.value.problems[0]


def test_a_phase_that_is_no_number_names_sheet_row_and_column(written: Path) -> None:
    edit(written, lambda ws: setattr(ws.cell(row=5, column=3), "value", "soon"))
    with pytest.raises(InputError) as error:
        read_plan(written)
    problem = _problem(error)
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "plan.xlsx",
        "Assignments",
        5,
        "phase",
    )


def test_two_tables_for_one_person_in_one_phase_is_refused(plan: Plan, written: Path) -> None:
    other = next(t.id for t in plan.event.tables_in(1) if t.id != plan.seats["p001", 1])
    edit(written, lambda ws: ws.append(["p001", "Person 001", 1, other, ""]))
    with pytest.raises(InputError, match="'p001' has two tables in phase 1") as error:
        read_plan(written)
    assert _problem(error).row == len(plan.seats) + 2


def test_missing_and_foreign_files_give_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_plan(tmp_path / "missing.xlsx")
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip archive")
    with pytest.raises(InputError):
        read_plan(fake)


def test_a_workbook_without_assignments_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["something", "else"])
    workbook.save(tmp_path / "other.xlsx")
    with pytest.raises(InputError, match="no Assignments sheet"):
        read_plan(tmp_path / "other.xlsx")


def test_damaged_plan_figures_in_the_hidden_sheet_are_reported(written: Path) -> None:
    def spoil_status(ws: Any) -> None:
        data = json.loads(ws.cell(row=2, column=1).value)
        data["plan"]["status"] = "bogus"
        ws.cell(row=2, column=1).value = json.dumps(data)

    edit(written, spoil_status, DATA_SHEET)
    with pytest.raises(InputError, match="plan figures") as error:
        read_plan(written)
    assert _problem(error).sheet == DATA_SHEET
    assert "delete the hidden sheet" in str(_problem(error))


def test_a_damaged_hidden_sheet_is_reported(written: Path) -> None:
    edit(written, lambda ws: setattr(ws.cell(row=2, column=1), "value", "{broken"), DATA_SHEET)
    with pytest.raises(InputError) as error:
        read_plan(written)
    assert _problem(error).sheet == DATA_SHEET
