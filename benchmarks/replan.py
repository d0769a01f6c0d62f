"""Re-planning on the day and earlier events (issue 12): moved seats, earlier encounters.

Usage (from the repository root)::

    python -m benchmarks.replan                 # every row, results in benchmarks/results/
    python -m benchmarks.replan --rows replan-50 history-50

Re-planning rows plan an event, then re-plan it from a later phase with some people absent
and some late arrivals; they report the moved seats against their bound, whether every rule
holds (the checker) and whether the frozen phases kept every seat. History rows plan an
event twice more with another seed, once without and once with the first plan as history,
and report the earlier encounters of both (the checker counts them against the first plan).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import rotation
from benchmarks.instances import SEED
from rotation import Event, Goal, Participant, Plan
from rotation.checker import check, compute_metrics, plan_changes
from rotation.solver import Method, with_history
from rotation.synthetic import synthetic_event

__all__ = ["ROWS", "history_row", "replan_row"]

WORKERS = 2
ROOT = Path(__file__).resolve().parent.parent


def _late_arrivals(count: int, phases: set[int]) -> list[Participant]:
    return [
        Participant(
            f"late{n}",
            f"Late {n}",
            organisation=f"Late organisation {n}",
            attributes={"gender": "f" if n % 2 else "m", "role": "staff"},
            phases=phases,
        )
        for n in range(count)
    ]


def replan_row(
    name: str,
    event: Event,
    *,
    from_phase: int,
    absent: int,
    added: int,
    time_limit: float,
    first_limit: float,
    method: Method = Method.AUTO,
) -> dict[str, Any]:
    """Plan ``event``, then re-plan it; the re-plan's figures."""
    plan = rotation.solve(event, time_limit=first_limit, seed=SEED, workers=WORKERS, method=method)
    later = {r for r in event.phase_numbers if r >= from_phase}
    gone = [p.id for p in event.participants[::7][:absent]]
    started = time.monotonic()
    new = rotation.replan(
        plan,
        absent=gone,
        add=_late_arrivals(added, later),
        from_phase=from_phase,
        time_limit=time_limit,
        seed=SEED,
        workers=WORKERS,
    )
    wall = time.monotonic() - started
    assert new.metrics is not None
    frozen = all(new.seats.get((p, r)) == t for (p, r), t in plan.seats.items() if r < from_phase)
    changes = plan_changes(new)
    return {
        "row": name,
        "people": len(event.participants),
        "phases": len(event.phases),
        "from_phase": from_phase,
        "absent": len(changes.absent),
        "added": len(changes.added),
        "moved_seats": new.metrics.moved_seats,
        "moved_bound": new.record.bounds.get(Goal.MOVED_SEATS, 0.0),
        "repeat_encounters": new.metrics.repeat_encounters,
        "repeat_bound": new.record.bounds.get(Goal.REPEAT_ENCOUNTERS, 0.0),
        "status": new.record.status.value,
        "valid": check(new.event, new).ok,
        "frozen_unchanged": frozen,
        "wall_time": round(wall, 2),
        "time_limit": time_limit,
        "notes": list(new.record.notes),
    }


def history_row(name: str, event: Event, *, time_limit: float) -> dict[str, Any]:
    """Plan ``event`` (the earlier event), then again without and with it as history."""
    earlier: Plan = rotation.solve(event, time_limit=time_limit, seed=SEED, workers=WORKERS)
    aware_event = with_history(event, [earlier])
    without = rotation.solve(event, time_limit=time_limit, seed=SEED + 1, workers=WORKERS)
    started = time.monotonic()
    aware = rotation.solve(
        event, history=[earlier], time_limit=time_limit, seed=SEED + 1, workers=WORKERS
    )
    wall = time.monotonic() - started
    assert aware.metrics is not None and without.metrics is not None
    return {
        "row": name,
        "people": len(event.participants),
        "phases": len(event.phases),
        "earlier_without_history": compute_metrics(aware_event, without.seats).earlier_encounters,
        "earlier_with_history": aware.metrics.earlier_encounters,
        "earlier_bound": aware.record.bounds.get(Goal.EARLIER_ENCOUNTERS, 0.0),
        "repeat_encounters": aware.metrics.repeat_encounters,
        "repeat_bound": aware.record.bounds.get(Goal.REPEAT_ENCOUNTERS, 0.0),
        "repeat_without_history": without.metrics.repeat_encounters,
        "status": aware.record.status.value,
        "valid": check(aware.event, aware).ok,
        "wall_time": round(wall, 2),
        "time_limit": time_limit,
    }


ROWS: dict[str, Callable[[], dict[str, Any]]] = {
    "replan-50": lambda: replan_row(
        "replan-50",
        synthetic_event(50, table_size=9, min_table_size=8, seed=SEED),
        from_phase=2,
        absent=4,
        added=3,
        time_limit=10.0,
        first_limit=10.0,
    ),
    "replan-1000": lambda: replan_row(
        "replan-1000",
        synthetic_event(1000, themes=4, tables_per_theme=8, organisations=60, seed=SEED),
        from_phase=2,
        absent=20,
        added=15,
        time_limit=60.0,
        first_limit=20.0,
        method=Method.CONSTRUCT,
    ),
    "history-50": lambda: history_row("history-50", synthetic_event(50, seed=SEED), time_limit=30),
    "history-200": lambda: history_row(
        "history-200",
        synthetic_event(200, tables_per_theme=5, organisations=30, seed=SEED),
        time_limit=20.0,
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", nargs="+", default=list(ROWS), choices=list(ROWS))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    options = parser.parse_args(argv)
    records = []
    for name in options.rows:
        print(f"... {name}", file=sys.stderr, flush=True)
        record = ROWS[name]()
        print(json.dumps(record), flush=True)
        records.append(record)
    options.out.mkdir(parents=True, exist_ok=True)
    target = options.out / ("replan.json" if options.rows == list(ROWS) else "replan-some.json")
    target.write_text(json.dumps(records, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
