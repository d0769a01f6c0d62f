"""Every documented exit code of ``rotation``, and messages without personal values."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from cli_helpers import CSV_48, ENGLISH_200, FAST, GERMAN_50, THEMES, json_of, run

from rotation.cli import main
from rotation.cli import runner as cli_runner
from rotation.cli.exit_codes import ExitCode, exit_code_for
from rotation.errors import InputError, NoPlanError, OutputError, Problem, SolveTimeoutError


def test_exit_2_for_an_unknown_option(tmp_path: Path) -> None:
    result = run("plan", CSV_48, "-o", tmp_path / "p.xlsx", "--no-such-option")
    assert result.returncode == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.stderr


def test_exit_2_without_an_output_and_for_a_non_xlsx_output(tmp_path: Path) -> None:
    assert run("plan", CSV_48).returncode == 2
    result = run("plan", CSV_48, "-o", tmp_path / "plan.csv", "--themes", "A", "B")
    assert result.returncode == 2
    assert ".xlsx" in result.stderr


def test_exit_3_for_a_missing_file(tmp_path: Path) -> None:
    result = run("plan", tmp_path / "missing.xlsx", "-o", tmp_path / "p.xlsx")
    assert result.returncode == 3
    assert "missing.xlsx" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "p.xlsx").exists()


def test_exit_3_names_rows_and_ids_but_no_personal_values(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(GERMAN_50)
    sheet = book.worksheets[0]
    # Row 5 takes row 4's id: a duplicate; names of both rows must not appear in the message.
    sheet["A5"] = sheet["A4"].value
    names = {str(sheet[f"{c}{r}"].value) for c in "BC" for r in (4, 5)}
    bad = tmp_path / "anmeldungen.xlsx"
    book.save(bad)
    result = run("plan", bad, "-o", tmp_path / "p.xlsx", "--themes", *THEMES, "--json")
    assert result.returncode == 3
    # A German list: the problem is said in German, with its place and the id.
    assert "Zeile 5" in result.stderr and str(sheet["A4"].value) in result.stderr
    assert "Die Eingabe anmeldungen.xlsx ist so nicht verwendbar: 1 Problem." in result.stderr
    for name in names:
        assert name not in result.stderr and name not in result.stdout
    summary = json_of(result)
    assert summary["exit_code"] == 3 and summary["problems"]


def test_exit_3_when_check_cannot_read_the_file(tmp_path: Path) -> None:
    result = run("check", GERMAN_50)
    assert result.returncode == 3
    assert "Assignments" in result.stderr
    assert run("check", tmp_path / "nothing.xlsx").returncode == 3


def test_exit_4_with_the_reason_when_the_tables_are_too_small(tmp_path: Path) -> None:
    result = run(
        "plan", CSV_48, "-o", tmp_path / "p.xlsx", "--themes", "A", "B",
        "--tables-per-theme", "2", "--table-size", "5", *FAST, "--time-limit", "2",
    )  # fmt: skip
    assert result.returncode == 4
    # The CSV's headers are German, so are the reasons.
    assert "Phase 1: 48 Teilnehmende sind anwesend" in result.stderr
    assert "nur 20 Plätze" in result.stderr
    assert not (tmp_path / "p.xlsx").exists()


def test_exit_4_reasons_in_json(tmp_path: Path) -> None:
    result = run(
        "plan", CSV_48, "-o", tmp_path / "p.xlsx", "--themes", "A", "B",
        "--table-size", "5", "--tables-per-theme", "2", "--json",
    )  # fmt: skip
    summary = json_of(result)
    assert summary["exit_code"] == 4 and summary["error"] == "no_plan"
    assert any("seat only 20" in reason for reason in summary["reasons"])


def test_exit_5_or_a_plan_on_a_hard_event_with_a_tiny_time_limit(tmp_path: Path) -> None:
    """The planner may still build a plan in time; when it does not, the exit code is 5."""
    output = tmp_path / "p.xlsx"
    result = run(
        "plan", ENGLISH_200, "-o", output, "--themes", "A", "B",
        "--tables-per-theme", "10", "--table-size", "20", "--time-limit", "0.3", "--quiet",
    )  # fmt: skip
    assert result.returncode in (0, 5), result.stderr
    if result.returncode == 5:
        assert "time limit" in result.stderr and not output.exists()


# A name the file system accepts but whose temporary twin (".~NAME.xxxxxxxx.tmp") is too long:
# the write fails for real, as a locked file or a read-only folder would (also as root).
UNWRITABLE = "x" * 250 + ".xlsx"


def test_exit_6_when_the_template_cannot_be_written(tmp_path: Path) -> None:
    result = run("template", tmp_path / UNWRITABLE)
    assert result.returncode == 6, result.stderr
    assert "Die Ausgabe lässt sich nicht schreiben" in result.stderr  # a German template
    assert "Cannot use the input" not in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_exit_6_when_the_plan_cannot_be_written(tmp_path: Path) -> None:
    output = tmp_path / UNWRITABLE
    result = run(
        "plan", GERMAN_50, "-o", output, "--themes", *THEMES, "--time-limit", "3", "--json", *FAST
    )
    assert result.returncode == 6, result.stderr
    assert json_of(result)["error"] == "output"
    assert "Die Ausgabe lässt sich nicht schreiben" in result.stderr and "xxx.xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_documented_exit_code_numbers() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4, 5, 6, 70, 130, 143]


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (SolveTimeoutError("no plan within 1 s"), ExitCode.TIMEOUT),
        (NoPlanError(["Phase 1: too few seats"]), ExitCode.NO_PLAN),
        (InputError([Problem("bad")]), ExitCode.INVALID_INPUT),
        (OutputError.single("Cannot write 'p.xlsx'"), ExitCode.OUTPUT),
        (BrokenPipeError(32, "Broken pipe"), ExitCode.OUTPUT),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED),
        (RuntimeError("boom"), ExitCode.INTERNAL),
    ],
)
def test_error_to_exit_code(error: BaseException, code: ExitCode) -> None:
    assert exit_code_for(error) is code


def _plan_args(tmp_path: Path, *extra: str) -> list[str]:
    return ["plan", str(CSV_48), "-o", str(tmp_path / "p.xlsx"), "--themes", "A", "B", *extra]


def test_exit_5_when_the_solver_times_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def times_out(*args: object, **kwargs: object) -> None:
        raise SolveTimeoutError("No plan found within 1 s; allow more time.")

    monkeypatch.setattr(cli_runner, "run_solve", times_out)
    with pytest.raises(SystemExit) as exit_info:
        main(_plan_args(tmp_path, "--json"))
    assert exit_info.value.code == 5
    captured = capsys.readouterr()
    assert json_of_text(captured.out)["error"] == "timeout"
    assert "größeres --time-limit" in captured.err
    assert not (tmp_path / "p.xlsx").exists()


def json_of_text(text: str) -> dict[str, object]:
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("debug", [False, True])
def test_internal_errors_hide_the_traceback_unless_debug(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    debug: bool,
) -> None:
    def crashes(*args: object, **kwargs: object) -> None:
        raise KeyError("Erika Mustermann")  # an error text may quote personal data

    monkeypatch.setattr(cli_runner, "run_solve", crashes)
    with pytest.raises(SystemExit) as exit_info:
        main(_plan_args(tmp_path, *(["--debug"] if debug else [])))
    assert exit_info.value.code == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert "KeyError" in err and "melden Sie ihn" in err
    assert ("Traceback" in err) is debug
    assert ("Erika" in err) is debug
