"""Deterministic mode: the same event and seed give the same plan, on either planning path,
however fast the machine is."""

from __future__ import annotations

import itertools
import time

import pytest

from rotation import solve
from rotation.solver import Method
from rotation.synthetic import synthetic_event


@pytest.mark.parametrize("method", [Method.CONSTRUCT, Method.EXACT])
def test_a_seed_gives_the_same_plan_on_a_slow_machine(
    method: Method, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = synthetic_event(30, themes=3, tables_per_theme=2, phases=5, seed=4)
    options = {"time_limit": 2.0, "seed": 3, "workers": 1, "deterministic": True}
    fast = solve(event, method=method, **options)  # type: ignore[arg-type]
    # A machine on which every look at the clock finds another second gone.
    ticks = itertools.count(time.monotonic())
    monkeypatch.setattr(time, "monotonic", lambda: float(next(ticks)))
    slow = solve(event, method=method, **options)  # type: ignore[arg-type]
    monkeypatch.undo()
    assert dict(fast.seats) == dict(slow.seats)
    assert fast.metrics == slow.metrics
