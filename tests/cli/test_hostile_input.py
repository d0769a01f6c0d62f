"""Issue 16: hostile or odd input ends with a clear message and a documented exit code.

One test (or a few) per numbered cause of the red-team report, through the real command
(in-process via ``rotation.cli.main``, or as a process where the process itself matters).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_helpers import ENGLISH_200, rotation_command, run
from hostile_files import (
    FAST,
    HEADER,
    THEMES,
    cli,
    csv_bytes,
    edit_sheet,
    ods,
    plan_workbook,
    rows,
    xlsx,
)

from rotation.cli.exit_codes import ExitCode
from rotation.io.workbook.labels import DATA_SHEET
from rotation.limits import MAX_PARTICIPANTS, MAX_ROWS

ESC = "\x1b"


def plan_args(source: Path, target: Path, *extra: str) -> tuple[str | Path, ...]:
    return ("plan", source, "-o", target, "--themes", *THEMES, *FAST, "--lang", "en", *extra)


def assert_refused(outcome: Any, target: Path | None, *words: str) -> None:
    """Exit 3 with every word in the message, no traceback, nothing written."""
    assert outcome.code == ExitCode.INVALID_INPUT, outcome.err
    assert "Traceback" not in outcome.err
    for word in words:
        assert word in outcome.err, (word, outcome.err)
    if target is not None:
        assert not target.exists()


# -- 1. far cells: only the cells that exist are read ------------------------------------------


@pytest.mark.parametrize(
    ("cell", "words"), [("XFD1048576", ("column XFD",)), ("E1048576", ("row 1,048,576",))]
)
def test_a_far_cell_is_refused_without_walking_the_sheet(
    tmp_path: Path, cell: str, words: tuple[str, ...]
) -> None:
    source = xlsx(tmp_path / "far.xlsx", **{cell: "x"})
    target = tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "far.xlsx", *words)


@pytest.mark.parametrize(
    ("far", "words"), [("XFD6000", ("column XFD",)), ("E1048576", ("row 1,048,576",))]
)
def test_a_far_cell_in_an_ods_is_refused_before_calamine_builds_its_grid(
    tmp_path: Path, far: str, words: tuple[str, ...]
) -> None:
    source = ods(tmp_path / "far.ods", far=far)
    target = tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "far.ods", *words)


def test_an_ods_without_far_cells_still_plans(tmp_path: Path) -> None:
    source, target = ods(tmp_path / "in.ods"), tmp_path / "plan.xlsx"
    outcome = cli(*plan_args(source, target))
    assert outcome.code == ExitCode.OK, outcome.err


def test_check_refuses_a_far_cell_in_the_assignments_sheet(tmp_path: Path) -> None:
    plan = plan_workbook(tmp_path)
    edit_sheet(plan, "Assignments", lambda ws: ws.cell(row=1_048_576, column=5, value="x"))
    assert_refused(cli("check", plan), None, "Assignments", "row 1,048,576")


# -- 2. unbounded numbers ---------------------------------------------------------------------


def test_a_phase_range_to_a_billion_is_refused_with_its_row(tmp_path: Path) -> None:
    body = rows()
    source = xlsx(tmp_path / "in.xlsx", body, E1="Phasen", E3="1-999999999")
    target = tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "row 3", "Phasen")


@pytest.mark.parametrize(
    "option",
    [
        ("--phases", "100000000"),
        ("--workers", "3000000000"),
        ("--seed", "2147483648"),
        ("--tables-per-theme", "1000000"),
        ("--time-limit", "1e300"),
    ],
)
def test_options_beyond_their_range_are_usage_errors(
    tmp_path: Path, option: tuple[str, str]
) -> None:
    source, target = xlsx(tmp_path / "in.xlsx"), tmp_path / "plan.xlsx"
    outcome = cli(*plan_args(source, target), *option)
    assert outcome.code == ExitCode.USAGE and option[0] in outcome.err
    assert not target.exists()


def test_a_settings_sheet_with_a_hundred_million_phases_is_refused(tmp_path: Path) -> None:
    source = xlsx(tmp_path / "in.xlsx")
    book = openpyxl.load_workbook(source)
    settings = book.create_sheet("Einstellungen")
    settings.append(["Phasen", "100000000"])
    book.save(source)
    target = tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "Einstellungen", "1 to 50")


def test_check_refuses_a_phase_of_a_billion_in_the_assignments(tmp_path: Path) -> None:
    plan = plan_workbook(tmp_path)
    book = openpyxl.load_workbook(plan)
    del book[DATA_SHEET]  # the event is then rebuilt from the rows, phases counted up
    book["Assignments"].cell(row=2, column=3, value=999_999_999)
    book.save(plan)
    assert_refused(cli("check", plan), None, "row 2", "phase")


def test_fifty_phases_plan_and_fifty_one_are_refused(tmp_path: Path) -> None:
    source = xlsx(tmp_path / "in.xlsx", rows(4))
    target = tmp_path / "plan.xlsx"
    outcome = cli(*plan_args(source, target, "--phases", "50", "--method", "construct"))
    assert outcome.code in (ExitCode.OK, ExitCode.NO_PLAN), outcome.err
    assert cli(*plan_args(source, tmp_path / "p2.xlsx", "--phases", "51")).code == ExitCode.USAGE


# -- 3. CSV edge cases -------------------------------------------------------------------------


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_csv_field_beyond_the_csv_module_limit_names_its_line(tmp_path: Path) -> None:
    body = [*rows(5), ["p99", "x" * 200_000, "Org", "w"]]
    source, target = write(tmp_path / "in.csv", csv_bytes(body)), tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "line 7")


def test_a_stray_quote_in_a_large_csv_names_its_line(tmp_path: Path) -> None:
    body = rows(3_000)
    body[10][1] = '"Person 10'
    source, target = write(tmp_path / "in.csv", csv_bytes(body)), tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "line 12", "quote")


def test_an_unclosed_quote_near_the_end_does_not_swallow_the_rest(tmp_path: Path) -> None:
    body = rows(30)
    body[-3][1] = '"Person'
    source, target = write(tmp_path / "in.csv", csv_bytes(body)), tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "line 29", "quote")


def test_mixed_utf8_and_cp1252_is_refused_with_the_line(tmp_path: Path) -> None:
    data = csv_bytes([["p1", "Jürgen", "Org", "m"], ["p2", "Jörg", "Org", "m"]])
    data = data.replace("Jörg".encode(), "Jörg".encode("cp1252"))
    source, target = write(tmp_path / "in.csv", data), tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "line 3", "encodings")


def test_a_pure_cp1252_csv_still_reads(tmp_path: Path) -> None:
    body = [[f"p{i}", f"Jörg {i}", "Straßenbau", "m"] for i in range(8)]
    data = csv_bytes(body).decode().encode("cp1252")
    source, target = write(tmp_path / "in.csv", data), tmp_path / "plan.xlsx"
    outcome = cli(*plan_args(source, target))
    assert outcome.code == ExitCode.OK, outcome.err
    assert "Jörg 3" in {r[1] for r in openpyxl.load_workbook(target)["Assignments"].values}


# -- 4. own output that would fail its own check ----------------------------------------------


def test_an_id_with_control_characters_is_refused(tmp_path: Path) -> None:
    body = [*rows(8), ["p\x01x", "Person X", "Org", "w"]]
    source, target = write(tmp_path / "in.csv", csv_bytes(body)), tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "row 10", "control characters")


def test_an_id_longer_than_a_cell_is_refused(tmp_path: Path) -> None:
    body = [*rows(8), ["p" * 40_000, "Person X", "Org", "w"]]
    source, target = write(tmp_path / "in.csv", csv_bytes(body)), tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, "32,767")


@pytest.mark.parametrize(
    "odd_id", ["ID with spaces", "=1+1", "Zoë\u200d", "\u202eabc", "0001", "x" * 32_000]
)
def test_every_plan_written_passes_its_own_check(tmp_path: Path, odd_id: str) -> None:
    # CSV: openpyxl would store "=1+1" typed into a workbook as a formula
    plan = plan_workbook(tmp_path, [*rows(7), [odd_id, "Person X", "Org", "w"]], as_csv=True)
    outcome = cli("check", plan)
    assert outcome.code == ExitCode.OK, outcome.out + outcome.err


# -- 5. terminal escape injection --------------------------------------------------------------


def test_check_prints_edited_ids_with_their_control_characters_escaped(tmp_path: Path) -> None:
    plan = plan_workbook(tmp_path)

    def inject(ws: Any) -> None:
        ws.cell(row=2, column=1, value="p00\x9b2J")  # C1 CSI: a workbook can hold it
        ws.cell(row=3, column=1, value="p01\u202eevil")

    edit_sheet(plan, "Assignments", inject)
    for outcome in (cli("check", plan), cli("check", plan, "--json")):
        assert outcome.code == ExitCode.RULE_BROKEN
        printed = outcome.out + outcome.err
        assert "\x9b" not in printed and "\u202e" not in printed
        assert "\\x9b" in printed or "\\u009b" in printed


def test_error_messages_escape_a_file_name_with_escape_codes(tmp_path: Path) -> None:
    source = xlsx(tmp_path / f"in{ESC}[2J.xlsx", [["p1", "", "Org", "w"]])
    outcome = cli(*plan_args(source, tmp_path / "plan.xlsx"))
    assert outcome.code == ExitCode.INVALID_INPUT
    assert ESC not in outcome.err and "\\x1b[2J" in outcome.err


# -- 6. a damaged hidden data sheet ------------------------------------------------------------


def replace_data(plan: Path, change: Any) -> None:
    def edit(ws: Any) -> None:
        pieces = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
        text = change("".join(p for p in pieces if p))
        for r in range(2, ws.max_row + 1):
            ws.cell(row=r, column=1, value=None)
        for k in range(0, len(text), 30_000):
            ws.cell(row=2 + k // 30_000, column=1, value=text[k : k + 30_000])

    edit_sheet(plan, DATA_SHEET, edit)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace('"max_size": ', '"max_size": 1e400, "x": ', 1),
        lambda text: text.replace('"max_size": ', '"max_size": 1' + "0" * 5000 + ', "x": ', 1),
        lambda text: text[:-1] + ', "deep": ' + "[" * 200_000 + "]" * 200_000 + "}",
        lambda text: text.replace('"number": 1', '"number": 999999999', 1),
    ],
    ids=["1e400", "huge-int", "deep", "phase-999999999"],
)
def test_a_damaged_hidden_sheet_is_named(tmp_path: Path, damage: Any) -> None:
    plan = plan_workbook(tmp_path)
    replace_data(plan, damage)
    assert_refused(cli("check", plan), None, DATA_SHEET)


# -- 7. matching ids does not depend on the hash seed -----------------------------------------


def test_an_ambiguous_near_match_is_an_error_under_every_hash_seed(tmp_path: Path) -> None:
    body = [["a1", "Person A", "Org 1", "w"], ["A1", "Person B", "Org 2", "m"], *rows(6)]
    plan = plan_workbook(tmp_path, body)

    def retype(ws: Any) -> None:
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "a1":
                row[0].value = "a 1 "

    edit_sheet(plan, "Assignments", retype)
    codes = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [*rotation_command(), "check", str(plan)],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
        codes.add(result.returncode)
        assert "could mean any of" in result.stderr
    assert codes == {ExitCode.INVALID_INPUT}


# -- 8. API validation: see tests/test_limits.py -------------------------------------------------

# -- 9. exit codes and clean-up ------------------------------------------------------------------


def test_a_reader_that_stops_early_gets_exit_0_and_no_noise(tmp_path: Path) -> None:
    plan = plan_workbook(tmp_path)
    with subprocess.Popen(
        [*rotation_command(), "check", str(plan)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        error = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert b"All rules hold" in first
    assert code == ExitCode.OK and error == ""


def test_stdout_on_a_full_device_gives_no_traceback(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    plan = plan_workbook(tmp_path)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [*rotation_command(), "check", str(plan)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert result.returncode not in (ExitCode.OK, ExitCode.INTERNAL)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "Cannot use the input" not in result.stderr


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    process = subprocess.Popen(
        [*rotation_command(), "plan", str(ENGLISH_200), "-o", str(target), "--themes", "A",
         "B", "C", "D", "--phases", "4", "--method", "construct", *FAST, "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    seen = False
    while process.poll() is None:
        if any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
            process.send_signal(signal.SIGTERM)
            seen = True
            break
        time.sleep(0.001)
    code = process.wait(timeout=120)
    assert process.stderr is not None
    assert "Traceback" not in process.stderr.read().decode()
    if not seen:  # the write was faster than the polling: nothing to interrupt
        assert code == ExitCode.OK
        return
    assert code in (ExitCode.TERMINATED, ExitCode.OK)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert target.exists() == (code == ExitCode.OK)


# -- 10. name-forming characters are kept ------------------------------------------------------


def test_zero_width_joiners_stay_in_names_and_noise_goes(tmp_path: Path) -> None:
    names = {
        "p1": "Mehrdad\u200cpour",
        "p2": "Family \U0001f468\u200d\U0001f469\u200d\U0001f467",
        "p3": "\u0915\u094d\u200d\u0937 Sharma",
        "p4": "\ufeff\u00a0Anna\u200b Berg ",
    }
    body = [[pid, name, f"Org {i}", "w"] for i, (pid, name) in enumerate(names.items())]
    plan = plan_workbook(tmp_path, [*body, *rows(6)])
    written = {r[0]: r[1] for r in openpyxl.load_workbook(plan)["Assignments"].values}
    assert written["p1"] == names["p1"] and written["p2"] == names["p2"]
    assert written["p3"] == names["p3"]
    assert written["p4"] == "Anna Berg"
    assert cli("check", plan).code == ExitCode.OK


# -- 11. very large files ----------------------------------------------------------------------


def test_a_file_with_more_participants_than_supported_is_refused_at_once(tmp_path: Path) -> None:
    body = rows(MAX_PARTICIPANTS + 1)
    source, target = write(tmp_path / "in.csv", csv_bytes(body)), tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, f"{MAX_PARTICIPANTS:,}")


def test_a_csv_with_200000_rows_is_refused_before_reading_it_all(tmp_path: Path) -> None:
    lines = [";".join(HEADER)] + [f"p{i};Person {i};Org;w" for i in range(200_000)]
    source = write(tmp_path / "in.csv", "\n".join(lines).encode())
    target = tmp_path / "plan.xlsx"
    assert_refused(cli(*plan_args(source, target)), target, f"{MAX_ROWS:,} rows")


def test_many_tables_per_theme_get_a_message_not_a_crash(tmp_path: Path) -> None:
    source, target = xlsx(tmp_path / "in.xlsx"), tmp_path / "plan.xlsx"
    outcome = cli(*plan_args(source, target, "--tables-per-theme", "5000"))
    assert_refused(outcome, target, "5,000")
    result = run(*plan_args(source, target, "--tables-per-theme", "5000", "--json"))
    assert result.returncode == ExitCode.INVALID_INPUT
    assert json.loads(result.stdout)["exit_code"] == ExitCode.INVALID_INPUT
