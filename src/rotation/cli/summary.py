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
from rotation.domain import CheckedPlan, Event, Goal, Metric, Metrics, Plan
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


def best_bounds(plan: Plan) -> dict[Goal, float]:
    """The strongest known lower bound per goal: the plan's own, else the counting bounds."""
    if all(goal in plan.record.bounds for goal in Goal):
        # A plan from the solver carries the counting bounds already.
        return {goal: float(value) for goal, value in plan.record.bounds.items()}
    bounds = {goal: float(value) for goal, value in lower_bounds(plan.event).items()}
    for goal, value in plan.record.bounds.items():
        bounds[goal] = max(bounds.get(goal, 0.0), float(value))
    return bounds


def _bounds_json(plan: Plan) -> dict[str, float]:
    return {goal.value: value for goal, value in best_bounds(plan).items()}


def plan_summary(plan: CheckedPlan, *, output: Path, interrupted: bool = False) -> dict[str, Any]:
    """The ``rotation plan --json`` object."""
    record = plan.record
    return {
        "status": record.status.value,
        "interrupted": interrupted,
        "output": str(output),
        "counts": counts(plan.event),
        "metrics": plan.metrics.as_dict(),
        "bounds": _bounds_json(plan),
        "wall_time": round(record.wall_time, 3),
        "seed": record.seed,
        "workers": record.workers,
        "solver": record.solver,
        "notes": list(record.notes),
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
        "status": plan.record.status.value,
        "violations": [violation_dict(v) for v in report.violations],
        "counts": counts(plan.event),
        "metrics": report.metrics.as_dict(),
        "bounds": _bounds_json(plan),
    }


def metric_table(metrics: Metrics, bounds: Mapping[Goal, float]) -> Table:
    """Every metric with its bound where one is known (for the terminal)."""
    table = Table(show_edge=False, box=None, pad_edge=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("lower bound", justify="right")
    figures = metrics.as_dict()
    for metric in Metric:
        bound = bounds.get(metric.goal) if metric.goal is not None else None
        table.add_row(
            metric.label,
            format_number(figures[metric.value]),
            "" if bound is None else format_number(bound),
        )
        if metric is Metric.ATTRIBUTE_DEVIATION_MAX:
            by_attribute = figures["attribute_deviation_by_attribute"]
            for attribute, deviation in by_attribute.items():
                table.add_row(
                    f"  attribute deviation by attribute: {attribute}", format_number(deviation), ""
                )
    return table
