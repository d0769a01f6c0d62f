"""The solve record in the hidden data sheet: written, read back, and read from older plans."""

from __future__ import annotations

import pytest

from rotation.domain import Goal, SolveRecord, Status
from rotation.io.workbook.data_sheet import record_from_json

WRITTEN_BEFORE_THE_RECORD = {
    "status": "feasible",
    "bounds": {"repeat_encounters": 46.0, "same_organisation_pairs": 12},
    "objective_terms": {"repeat_encounters": 48},
    "wall_time": 12.5,
    "seed": 3,
    "workers": 1,
    "solver": "OR-Tools CP-SAT 9.10.4067",
    "notes": ["stopped early on request: the best plan found so far"],
    "seats_sha256": "0" * 64,
}
"""The ``plan`` part of a data sheet as rotation wrote it when a Plan had flat fields."""


def test_a_plan_written_before_the_solve_record_reads_into_one() -> None:
    record = record_from_json(WRITTEN_BEFORE_THE_RECORD)
    assert record == SolveRecord(
        status=Status.FEASIBLE,
        bounds={Goal.REPEAT_ENCOUNTERS: 46.0, Goal.SAME_ORGANISATION_PAIRS: 12.0},
        objective_terms={Goal.REPEAT_ENCOUNTERS: 48.0},
        wall_time=12.5,
        seed=3,
        workers=1,
        solver="OR-Tools CP-SAT 9.10.4067",
        notes=("stopped early on request: the best plan found so far",),
    )


def test_missing_figures_give_the_record_of_a_plan_made_elsewhere() -> None:
    assert record_from_json({}) == SolveRecord()
    assert record_from_json({"seed": None, "workers": None, "wall_time": None}) == SolveRecord()


@pytest.mark.parametrize(
    "damage", [{"status": "great"}, {"bounds": {"happiness": 1}}, {"seed": "seven"}]
)
def test_damaged_figures_raise_value_error(damage: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        record_from_json(damage)
