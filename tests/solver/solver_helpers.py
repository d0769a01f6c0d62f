"""Helpers for the planner tests (imported by name): a fixed seed, one worker, deterministic."""

from __future__ import annotations

from typing import Any

import pytest

from rotation import Event, NoPlanError, Plan, ThemeCoverage, check, solve
from rotation.synthetic import synthetic_event

SOLVE = {"time_limit": 5.0, "seed": 7, "workers": 1, "deterministic": True}


def plan_for(event: Event, **options: Any) -> Plan:
    """Solve with the test settings and assert that the checker finds no broken rule."""
    plan = solve(event, **{**SOLVE, **options})
    report = check(event, plan)
    assert report.ok, [str(v) for v in report.violations]
    return plan


def reasons_for(event: Event) -> str:
    """Solve an impossible event and return its explanation as one text."""
    with pytest.raises(NoPlanError) as caught:
        solve(event, **SOLVE)  # type: ignore[arg-type]
    assert caught.value.reasons, "a 'no plan' must come with a reason"
    return "\n".join(caught.value.reasons)


def free_mixing(
    count: int, tables: int, size: int, phases: int, *, seed: int = 3, **options: Any
) -> Event:
    """Free mixing: one theme, no theme rule, ``tables`` tables of ``size`` (synthetic people;
    ``options`` go to :func:`~rotation.synthetic.synthetic_event`)."""
    return synthetic_event(
        count,
        themes=1,
        tables_per_theme=tables,
        table_size=size,
        phases=phases,
        coverage=ThemeCoverage.NONE,
        seed=seed,
        **options,
    )
