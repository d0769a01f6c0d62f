"""What a run reports: the ``--json`` objects and the metric table printed for people.

Metric names are those of DESIGN section 4 in snake_case (``Metrics.as_dict``); bounds use
the same names, so ``metrics[k] - bounds[k]`` is the gap of goal ``k``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.table import Table

from rotation.checker import CheckReport, Violation
from rotation.domain import Event, Goal, Metrics, Plan
from rotation.solver import lower_bounds
from rotation.wording import format_number

__all__ = [
    "best_bounds",
    "check_summary",
    "counts",
    "metric_table",
    "plan_summary",
    "violation_dict",
]


def counts(event: Event) -> dict[str, int]:
    """How many participants, tables, phases and themes the event has."""
    return {
        "participants": len(event.participants),
        "tables": len(event.tables),
        "phases": len(event.phases),
        "themes": len(event.themes),
    }


def best_bounds(plan: Plan) -> dict[str, float]:
    """The strongest known lower bound per goal: the plan's own, else the counting bounds."""
    bounds = {goal.value: float(value) for goal, value in lower_bounds(plan.event).items()}
    for goal, value in plan.bounds.items():
        bounds[goal.value] = max(bounds.get(goal.value, 0.0), float(value))
    return bounds


def _metrics(plan: Plan) -> dict[str, Any]:
    return plan.metrics.as_dict() if plan.metrics is not None else {}


def plan_summary(plan: Plan, *, output: Path, interrupted: bool = False) -> dict[str, Any]:
    """The ``rotation plan --json`` object."""
    return {
        "status": plan.status.value,
        "interrupted": interrupted,
        "output": str(output),
        "counts": counts(plan.event),
        "metrics": _metrics(plan),
        "bounds": best_bounds(plan),
        "wall_time": round(plan.wall_time, 3),
        "seed": plan.seed,
        "workers": plan.workers,
        "solver": plan.solver,
        "notes": list(plan.notes),
    }


def violation_dict(violation: Violation) -> dict[str, Any]:
    """One broken rule as JSON: rule, message, and who, when, where."""
    return {
        "rule": violation.rule.value,
        "message": violation.message,
        "participant": violation.participant,
        "phase": violation.phase,
        "table": violation.table,
    }


def check_summary(plan: Plan, report: CheckReport, *, path: Path) -> dict[str, Any]:
    """The ``rotation check --json`` object."""
    return {
        "file": str(path),
        "ok": report.ok,
        "status": plan.status.value,
        "violations": [violation_dict(v) for v in report.violations],
        "counts": counts(plan.event),
        "metrics": report.metrics.as_dict(),
        "bounds": best_bounds(plan),
    }


def metric_table(metrics: Metrics, bounds: Mapping[str, float]) -> Table:
    """Every metric with its bound where one is known (for the terminal)."""
    table = Table(show_edge=False, box=None, pad_edge=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("lower bound", justify="right")
    goals = {g.value for g in Goal}
    for key, value in metrics.as_dict().items():
        if isinstance(value, dict):
            for attribute, deviation in value.items():
                table.add_row(
                    f"  {key.replace('_', ' ')}: {attribute}", format_number(deviation), ""
                )
            continue
        bound = bounds.get(key) if key in goals else None
        table.add_row(
            key.replace("_", " "),
            format_number(value),
            "" if bound is None else format_number(bound),
        )
    return table
