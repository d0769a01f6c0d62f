"""``rotation plan --history``: a second event of the same people meets new colleagues."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from cli_helpers import FAST, GERMAN_50, THEMES, json_of, run

from rotation.checker import compute_metrics
from rotation.io import read_plan
from rotation.solver import with_history

SCENARIO = ("--themes", *THEMES, "--tables-per-theme", "3", "--table-size", "10", "--lang", "en")


def test_history_leaves_far_fewer_earlier_encounters(tmp_path: Path) -> None:
    first, without, with_history_file = (tmp_path / n for n in ("1.xlsx", "2.xlsx", "2h.xlsx"))
    for output, seed, extra in (
        (first, "1", ()),
        (without, "2", ()),
        (with_history_file, "2", ("--history", str(first))),
    ):
        result = run(
            "plan", GERMAN_50, "-o", output, *SCENARIO, "--time-limit", "10",
            "--seed", seed, "--workers", "1", "--deterministic", "--json", *extra,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    summary = json_of(result)
    earlier = read_plan(first)
    unaware = read_plan(without)
    measured = compute_metrics(with_history(unaware.event, [earlier]), unaware.seats)
    assert summary["metrics"]["earlier_encounters"] * 3 <= measured.earlier_encounters * 2
    assert summary["metrics"]["repeat_encounters"] == summary["bounds"]["repeat_encounters"]
    assert summary["bounds"]["earlier_encounters"] <= summary["metrics"]["earlier_encounters"]
    overview = openpyxl.load_workbook(with_history_file).worksheets[0]
    texts = [str(v) for row in overview.iter_rows(values_only=True) for v in row if v]
    assert any("1.xlsx: 50 of 50 people of this event matched" in t for t in texts)
    assert run("check", with_history_file).returncode == 0


def test_history_file_that_is_missing_is_invalid_input(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    result = run(
        "plan", GERMAN_50, "-o", output, *SCENARIO, *FAST,
        "--history", str(tmp_path / "nowhere.xlsx"),
    )  # fmt: skip
    assert result.returncode == 3 and "nowhere.xlsx" in result.stderr
    assert not output.exists()
