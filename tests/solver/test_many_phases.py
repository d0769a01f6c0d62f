"""Many phases and a short time limit: one construction, no breakout probe, a valid plan.

At many phases a fresh construction and the breakout probe's set-up cost more than a short
time limit, so only events of few seats probe (``PROBE_SEATS``). These tests count the
constructions of a real solve, and check that the plan is valid and better than its start.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest
from solver_helpers import plan_for

from rotation import Event, Plan, ThemeCoverage, check
from rotation.solver.construct import construct, seats_by_id
from rotation.solver.improve import PROBE_SEATS
from rotation.synthetic import synthetic_event

solve_module = importlib.import_module("rotation.solver.solve")


def _counting_construct(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the solver's calls of the real construction (which still does the work)."""
    seeds: list[int] = []
    real: Callable[..., object] = construct

    def counted(event: Event, seed: int = 0, time_limit: float = 30.0) -> object:
        seeds.append(seed)
        return real(event, seed, time_limit)

    monkeypatch.setattr(solve_module, "construct", counted)
    return seeds


def test_a_many_phase_event_plans_from_one_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    event = synthetic_event(60, themes=4, tables_per_theme=3, table_size=5, phases=40, seed=2)
    seats = sum(len(event.present_in(r)) for r in event.phase_numbers)
    assert seats > PROBE_SEATS
    seeds = _counting_construct(monkeypatch)
    plan = plan_for(event, time_limit=1.0)
    assert len(seeds) == 1  # no second construction for a breakout probe
    start = construct(event, seed=7)
    assert start is not None
    before = check(event, Plan(event, seats_by_id(event, start))).metrics
    after = check(event, plan).metrics
    # The search's time went into improving the one construction.
    assert after.repeat_encounters < before.repeat_encounters


def test_a_golfer_event_still_probes_fresh_constructions(monkeypatch: pytest.MonkeyPatch) -> None:
    event = synthetic_event(
        100,
        themes=1,
        tables_per_theme=10,
        table_size=10,
        phases=6,
        coverage=ThemeCoverage.NONE,
        seed=3,
    )
    seeds = _counting_construct(monkeypatch)
    plan_for(event, time_limit=2.0, seed=7)
    # The first plan comes from a design (it has fewer repeats than the construction made
    # to compare); the breakout probe still starts from fresh constructions of its own.
    assert seeds[0] == 7
    assert len(seeds) > 1
