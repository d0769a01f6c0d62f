"""One measured run: an instance class (or a size of the growth series) and a method.

``python -m benchmarks.measure CLASS METHOD [--time-limit S]`` runs in a fresh process (the
runner starts one per row), so the peak resident memory it reports (``ru_maxrss``) belongs
to that run alone. It prints one JSON record on stdout.

Methods: ``rotation`` (the planner), ``random`` and ``pairs`` (the baselines). Every plan,
the baselines' too, is measured by ``rotation.check``; ratios divide a metric by its lower
bound (1.0 is optimal).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import rotation
from benchmarks.baseline_pairs import solve_pairs
from benchmarks.baseline_random import random_plan
from benchmarks.instances import SEED, by_name, scaling_event
from rotation import Event, Goal, Plan

__all__ = ["METHODS", "Run", "measure", "progress_times"]

METHODS = ("rotation", "random", "pairs")
WORKERS = 2
"""CP-SAT workers in every run: the machine's two cores."""


@dataclass
class Run:
    """What one method did on one event: plan, times, memory and solver progress."""

    plan: Plan | None
    status: str
    wall_times: list[float]
    progress: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _solve_rotation(event: Event, time_limit: float, repeats: int, deterministic: bool) -> Run:
    walls: list[float] = []
    log: list[dict[str, Any]] = []
    plan: Plan | None = None
    for attempt in range(repeats):
        mine: list[dict[str, Any]] = []

        def record(p: rotation.Progress, mine: list[dict[str, Any]] = mine) -> None:
            mine.append(
                {
                    "elapsed": round(p.elapsed, 4),
                    "goal": p.goal.value,
                    "value": p.value,
                    "bound": p.bound,
                    "repeat_encounters": p.repeat_encounters,
                    "same_organisation_pairs": p.same_organisation_pairs,
                }
            )

        started = time.monotonic()
        plan = rotation.solve(
            event,
            time_limit=time_limit,
            seed=SEED,
            workers=WORKERS,
            deterministic=deterministic,
            progress=record,
        )
        walls.append(time.monotonic() - started)
        if attempt == 0:
            log = mine
    assert plan is not None
    return Run(
        plan,
        plan.record.status.value,
        walls,
        log,
        {"notes": list(plan.record.notes), "solver": plan.record.solver},
    )


def _solve_random(event: Event) -> Run:
    started = time.monotonic()
    seats = random_plan(event, SEED)
    plan = Plan(event, seats)
    return Run(plan, "random", [time.monotonic() - started])


def _solve_pairs(event: Event, time_limit: float) -> Run:
    started = time.monotonic()
    result = solve_pairs(event, time_limit=time_limit, seed=SEED, workers=WORKERS)
    wall = time.monotonic() - started
    plan = Plan(event, result.seats) if result.seats is not None else None
    progress = (
        [{"elapsed": round(result.first_solution, 4), "repeat_encounters": None}]
        if result.first_solution is not None
        else []
    )
    extra = {
        "links": result.links,
        "build_seconds": round(result.build_seconds, 3),
        "solve_seconds": round(result.solve_seconds, 3),
    }
    return Run(plan, result.status, [wall], progress, extra)


def progress_times(
    progress: list[dict[str, Any]], final_repeats: float, final_organisation: float
) -> tuple[float | None, float | None]:
    """Time to the first plan and to a plan within 1 % of the final repeats and colleagues.

    Balance is not in the progress reports, so "within 1 %" looks at the first two goals.
    """
    if not progress:
        return None, None
    first = progress[0]["elapsed"]
    for entry in progress:
        repeats, organisation = entry.get("repeat_encounters"), entry.get("same_organisation_pairs")
        if repeats is None:
            continue
        if repeats <= final_repeats * 1.01 + 1e-9 and (
            organisation is None or organisation <= final_organisation * 1.01 + 1e-9
        ):
            return first, entry["elapsed"]
    return first, None


def _ratio(value: float, bound: float) -> float | None:
    if bound > 0:
        return round(value / bound, 4)
    return 1.0 if value == 0 else None


def measure(
    event: Event,
    method: str,
    *,
    time_limit: float,
    repeats: int = 1,
    deterministic: bool = False,
) -> dict[str, Any]:
    """Solve ``event`` with ``method`` and return the measured record (JSON-ready)."""
    if method == "rotation":
        started = time.monotonic()
        try:
            run = _solve_rotation(event, time_limit, repeats, deterministic)
        except rotation.RotationError as error:
            failed = time.monotonic() - started
            run = Run(None, f"no plan ({type(error).__name__})", [failed])
    elif method == "random":
        run = _solve_random(event)
    elif method == "pairs":
        run = _solve_pairs(event, time_limit)
    else:
        raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    record: dict[str, Any] = {
        "method": method,
        "people": len(event.participants),
        "tables": len(event.tables),
        "phases": len(event.phases),
        "status": run.status,
        "wall_time": round(statistics.median(run.wall_times), 3),
        "wall_times": [round(w, 3) for w in run.wall_times],
        "time_limit": time_limit,
        "deterministic": deterministic,
        "progress": run.progress,
        **run.extra,
    }
    counting = rotation.lower_bounds(event)
    if run.plan is None:
        record["valid"] = False
        return record
    report = rotation.check(event, run.plan)
    metrics = report.metrics
    record["valid"] = report.ok
    record["violations"] = [str(v) for v in report.violations[:5]]
    record["metrics"] = metrics.as_dict()
    bounds = {}
    for goal in (Goal.REPEAT_ENCOUNTERS, Goal.SAME_ORGANISATION_PAIRS):
        bound = max(counting.get(goal, 0.0), run.plan.record.bounds.get(goal, 0.0))
        bounds[goal.value] = bound
        record[f"{goal.value}_ratio"] = _ratio(metrics.goal_value(goal), bound)
    record["bounds"] = bounds
    first, within = progress_times(
        run.progress, metrics.repeat_encounters, metrics.same_organisation_pairs
    )
    record["time_first_plan"] = first if first is not None else record["wall_time"]
    record["time_within_1pct"] = within if within is not None else record["wall_time"]
    return record


def main(argv: list[str] | None = None) -> int:
    """Measure one class (or one size of the growth series) with one method; print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="instance class, or 'scaling-N' for the growth series")
    parser.add_argument("method", choices=METHODS)
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("--repeats", type=int, default=None)
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.name.startswith("scaling-"):
        event = scaling_event(int(args.name.removeprefix("scaling-")))
        time_limit, repeats, deterministic = args.time_limit or 60.0, 1, False
    else:
        instance = by_name(args.name)
        event = instance.build()
        time_limit = args.time_limit or instance.time_limit
        repeats = args.repeats or (instance.repeats if args.method == "rotation" else 1)
        deterministic = instance.deterministic
    built = time.monotonic() - started
    record = measure(
        event, args.method, time_limit=time_limit, repeats=repeats, deterministic=deterministic
    )
    record["instance"] = args.name
    record["event_build_seconds"] = round(built, 3)
    record["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    json.dump(record, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
