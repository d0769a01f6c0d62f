"""The public API type-checks as documented: mypy strict on a user's script."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = """
import rotation

people = [rotation.Participant(str(n), organisation=f"O{n % 3}") for n in range(12)]
event = rotation.Event.build(people, themes=["Water", "Energy"], tables_per_theme=2)
plan = rotation.solve(event, time_limit=5, seed=1, workers=1, deterministic=True)
repeats: int = plan.metrics.repeat_encounters
bound: float = plan.record.bounds[rotation.Goal.REPEAT_ENCOUNTERS]
table: str | None = plan.table_of("1", 1)
members: tuple[str, ...] = plan.members("W1", 1)
read: rotation.CheckedPlan = rotation.read_plan("plan.xlsx")
status: rotation.Status = read.record.status
"""


def test_a_solved_plans_metrics_type_check_under_mypy_strict(tmp_path: Path) -> None:
    script = tmp_path / "user_script.py"
    script.write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
