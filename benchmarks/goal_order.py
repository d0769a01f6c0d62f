"""Free mixing under other goal orders: what the balance or colleagues first cost in repeats.

Usage (from the repository root)::

    python -m benchmarks.goal_order                       # the rows below, three seeds each
    python -m benchmarks.goal_order --classes free-mixing --first attribute_deviation
    python -m benchmarks.goal_order --classes large --first attribute_deviation --seeds 2 \
        --time-limit 30

Each row plans a benchmark class with one goal moved to the front of the default order
(the others keep theirs) and prints repeat encounters, colleague pairs, the balance and its
largest single deviation. With repeats first, the plan has the fewest repeats the search
finds; with the balance first, every table stays within 1 of each share, and the tabu
search on repeats keeps the balance as it is (see ``rotation.solver.tabu``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

import rotation
from benchmarks.instances import by_name
from rotation import Goal, Goals

__all__ = ["first", "run_row"]

WORKERS = 2
ROOT = Path(__file__).resolve().parent.parent
CLASSES = ("free-mixing", "speed-networking")
FIRSTS = (Goal.REPEAT_ENCOUNTERS, Goal.SAME_ORGANISATION_PAIRS, Goal.ATTRIBUTE_DEVIATION)


def first(goals: Goals, goal: Goal) -> Goals:
    """The default order with ``goal`` moved to the front."""
    return Goals(priority=(goal, *(g for g in goals.priority if g != goal)))


def run_row(name: str, goal: Goal, seed: int, time_limit: float | None = None) -> dict[str, Any]:
    """Plan class ``name`` with ``goal`` first, at ``time_limit`` (default: the class's)."""
    instance = by_name(name)
    event = instance.build()
    event = dataclasses.replace(event, goals=first(event.goals, goal))
    limit = instance.time_limit if time_limit is None else time_limit
    started = time.monotonic()
    plan = rotation.solve(event, time_limit=limit, seed=seed, workers=WORKERS)
    metrics = plan.metrics
    return {
        "class": name,
        "first": goal.value,
        "seed": seed,
        "wall_time": round(time.monotonic() - started, 2),
        "repeat_encounters": metrics.repeat_encounters,
        "same_organisation_pairs": metrics.same_organisation_pairs,
        "attribute_deviation": round(metrics.attribute_deviation, 2),
        "attribute_deviation_max": round(metrics.attribute_deviation_max, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", nargs="*", default=list(CLASSES))
    parser.add_argument("--first", nargs="*", default=[g.value for g in FIRSTS])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--time-limit", type=float, help="seconds (default: the class's)")
    parser.add_argument("--stem", default="goal_order", help="name of the results file")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    rows = []
    for name in args.classes:
        for value in args.first:
            for seed in range(args.seeds):
                row = run_row(name, Goal(value), seed, args.time_limit)
                rows.append(row)
                print(
                    f"{name:17} {value:24} seed {seed}: {row['repeat_encounters']:4} repeats, "
                    f"{row['same_organisation_pairs']:4} colleague pairs, balance "
                    f"{row['attribute_deviation']:7.2f} "
                    f"(largest {row['attribute_deviation_max']:.2f}), {row['wall_time']:.1f} s",
                    flush=True,
                )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.stem}.json").write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
