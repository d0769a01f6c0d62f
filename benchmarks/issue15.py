"""The targets of issue 15, one class each, every one judged met or missed.

``python benchmarks/run.py --issue15 [NAME ...]`` runs them (all by default) and writes
``benchmarks/results/issue15.json``. Classes:

* ``reference-cli`` and ``reference-cli-deterministic``: ``rotation demo`` (the 50-person
  reference event) through the command line ends "optimal" in under 2 s;
* ``free-mixing``: 100 people, 10 x 10, 6 rounds, 20 organisations: at most 100 repeat
  encounters and every attribute within 1 of its share in a 10 s limit;
* ``whole-command-N``: ``rotation plan`` on N people (the growth series) ends within its
  time limit plus 2 s, from start to written workbook;
* ``large-balanced``: 1,000 people, colleague pairs within 1 % of their bound and every
  attribute within 1 of its share in 60 s;
* ``explain-1000``: the explanation of an impossible 1,000-person event in under 5 s;
* ``growth-10000``: 10,000 people with no repeat encounter in under 180 s and 4 GB.

Every wall-clock figure is recorded with the machine's load average next to it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.instances import SEED, by_name, scaling_event
from benchmarks.targets import misses
from benchmarks.whole_command import measure_command
from rotation import Event, Group

__all__ = ["CHECKS", "Check", "impossible_event", "run_checks"]

ROOT = Path(__file__).resolve().parent.parent
WHOLE_COMMAND_SIZES = (50, 200, 1000, 2000, 5000)
HEADROOM = 2.0
"""Seconds the whole command may take beyond its time limit (starting, reading, writing)."""


@dataclass(frozen=True)
class Check:
    """One target: how to measure it and what it must reach."""

    name: str
    target: str
    measure: Callable[[], dict[str, Any]]


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _demo(deterministic: bool) -> dict[str, Any]:
    """``rotation demo`` through the command line, timed from start to exit."""
    with tempfile.TemporaryDirectory(prefix="rotation-bench-") as folder:
        command = [sys.executable, "-m", "rotation", "demo", "-o", str(Path(folder, "p.xlsx"))]
        command += ["--json", "--time-limit", "10", *(["--deterministic"] if deterministic else [])]
        before = _children_cpu()
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
        wall = time.monotonic() - started
        cpu = _children_cpu() - before
    summary = json.loads(done.stdout) if done.stdout.strip() else {}
    metrics, bounds = summary.get("metrics", {}), summary.get("bounds", {})
    found = []
    if summary.get("status") != "optimal":
        at_bound = [g for g in bounds if metrics.get(g, 0) <= bounds[g] + 1e-9]
        open_goals = [g for g in bounds if g not in at_bound]
        found.append(f"status {summary.get('status')} (not at a bound: {', '.join(open_goals)})")
    if wall >= 2.0:
        found.append(f"command {wall:.1f} s >= 2 s")
    return {
        "status": summary.get("status"),
        "command_wall_time": round(wall, 3),
        "command_cpu_time": round(cpu, 3),
        "solve_wall_time": summary.get("wall_time"),
        "metrics": metrics,
        "bounds": bounds,
        "misses": found,
    }


def _instance(name: str) -> Callable[[], dict[str, Any]]:
    def measure() -> dict[str, Any]:
        from benchmarks.run import run_one

        instance = by_name(name)
        record = run_one(name, "rotation", timeout=10 * instance.time_limit + 300)
        record["misses"] = misses(record, instance.target)
        return record

    return measure


def _whole_command(people: int) -> Callable[[], dict[str, Any]]:
    limit = 20.0 if people < 1000 else 60.0

    def measure() -> dict[str, Any]:
        record = measure_command(scaling_event(people), limit)
        found = []
        if record["exit_code"] != 0 or not record["written"]:
            found.append(f"exit code {record['exit_code']}, written {record['written']}")
        if record["command_wall_time"] > limit + HEADROOM:
            found.append(f"{record['command_wall_time']:.1f} s > {limit:g} + {HEADROOM:g} s")
        record["misses"] = found
        return record

    return measure


def impossible_event() -> Event:
    """The 1,000-person conference made impossible in a way no counting check sees: a
    keep-together trio whose members are pinned to two tables of one theme."""
    event = by_name("large").build()
    people = list(event.participants)
    first, second, third = people[:3]
    people[0] = dataclasses.replace(first, pins={1: event.tables[0].id})
    people[1] = dataclasses.replace(second, pins={2: event.tables[1].id})
    trio = Group("trio", (first.id, second.id, third.id))
    return dataclasses.replace(event, participants=tuple(people), keep_together=(trio,))


def _explain() -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.issue15", "--explain"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    record: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    record["misses"] = [] if record["explain_seconds"] < 5.0 else ["explanation >= 5 s"]
    return record


def explain_once() -> dict[str, Any]:
    """Time the explanation of :func:`impossible_event` (and the solve that ends in it)."""
    import rotation
    from rotation.solver import explain_infeasibility

    event = impossible_event()
    started, cpu = time.monotonic(), time.process_time()
    reasons = explain_infeasibility(event)
    explained, explained_cpu = time.monotonic() - started, time.process_time() - cpu
    started = time.monotonic()
    try:
        rotation.solve(event, time_limit=60, seed=SEED, workers=2)
        refused = "planned (wrong)"
    except rotation.NoPlanError:
        refused = "no plan, explained"
    return {
        "explain_seconds": round(explained, 3),
        "explain_cpu_seconds": round(explained_cpu, 3),
        "solve_until_refusal_seconds": round(time.monotonic() - started, 3),
        "outcome": refused,
        "reasons": reasons,
        "load_average": _load(),
    }


CHECKS: tuple[Check, ...] = (
    Check("reference-cli", "rotation demo: optimal, < 2 s", lambda: _demo(False)),
    Check(
        "reference-cli-deterministic",
        "rotation demo --deterministic: optimal, < 2 s",
        lambda: _demo(True),
    ),
    Check("free-mixing", by_name("free-mixing").target.describe(), _instance("free-mixing")),
    *(
        Check(
            f"whole-command-{n}",
            f"rotation plan, {n} people: limit + {HEADROOM:g} s",
            _whole_command(n),
        )
        for n in WHOLE_COMMAND_SIZES
    ),
    Check(
        "large-balanced", by_name("large-balanced").target.describe(), _instance("large-balanced")
    ),
    Check("explain-1000", "explanation of an impossible 1,000-person event < 5 s", _explain),
    Check("growth-10000", by_name("growth-10000").target.describe(), _instance("growth-10000")),
)


def run_checks(names: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Measure the chosen checks (all by default), each with its load average."""
    records = []
    for check in CHECKS:
        if names and check.name not in names:
            continue
        print(f"... {check.name}", file=sys.stderr, flush=True)
        before = _load()
        record = check.measure()
        record.update(
            check=check.name,
            target=check.target,
            met=not record["misses"],
            load_before=before,
            load_after=_load(),
        )
        records.append(record)
    return records


def figure(record: dict[str, Any]) -> str:
    """The measured figure of a check in a few words."""
    metrics = record.get("metrics") or {}
    wall = record.get("command_wall_time", record.get("wall_time"))
    parts = []
    if "explain_seconds" in record:
        parts.append(
            f"explained in {record['explain_seconds']:.2f} s "
            f"({record['explain_cpu_seconds']:.2f} s CPU)"
        )
        parts.append(f"solve refused after {record['solve_until_refusal_seconds']:.1f} s")
    if record.get("status"):
        parts.append(str(record["status"]))
    if metrics:
        parts.append(f"repeats {metrics.get('repeat_encounters')}")
        parts.append(f"org pairs {metrics.get('same_organisation_pairs')}")
        parts.append(f"max dev {metrics.get('attribute_deviation_max', 0):.2f}")
    if wall is not None:
        limit = record.get("time_limit")
        parts.append(f"{wall:.1f} s" + (f" (limit {limit:g} s)" if limit else ""))
    if record.get("command_cpu_time") is not None:
        parts.append(f"{record['command_cpu_time']:.1f} s CPU")
    if record.get("peak_memory_mb"):
        parts.append(f"{record['peak_memory_mb']:.0f} MB")
    return ", ".join(parts)


def format_checks(records: Sequence[dict[str, Any]]) -> str:
    """A Markdown table: target, figure, met, load average before and after."""
    lines = ["| class | target | measured | met | load (before, after) |", "|---|---|---|---|---|"]
    for record in records:
        met = "yes" if record["met"] else "no: " + "; ".join(record["misses"])
        load = f"{record['load_before']:.1f}, {record['load_after']:.1f}"
        lines.append(
            f"| {record['check']} | {record['target']} | {figure(record)} | {met} | {load} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:] == ["--explain"]:
        json.dump(explain_once(), sys.stdout)
        sys.stdout.write("\n")
