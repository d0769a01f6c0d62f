"""What a run reports, shared by every interface: the JSON summaries and the headline figures.

Metric names are those of DESIGN section 4 in snake_case (``Metrics.as_dict``); bounds use
the same names, so ``metrics[k] - bounds[k]`` is the gap of goal ``k``. The command line
prints these objects with ``--json``; the web page's API returns the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rotation.checker import CheckReport, Violation
from rotation.domain import CheckedPlan, Event, Goal, Metric, Metrics, Plan
from rotation.solver import lower_bounds

__all__ = [
    "Headline",
    "best_bounds",
    "check_summary",
    "counts",
    "headline",
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
    context = {
        Goal.MOVED_SEATS: plan.event.previous_seats,
        Goal.EARLIER_ENCOUNTERS: plan.event.history,
    }
    if all(goal in plan.record.bounds for goal in Goal if context.get(goal, True)):
        # A plan from the solver carries the counting bounds already.
        return {goal: float(value) for goal, value in plan.record.bounds.items()}
    bounds = {goal: float(value) for goal, value in lower_bounds(plan.event).items()}
    for goal, value in plan.record.bounds.items():
        bounds[goal] = max(bounds.get(goal, 0.0), float(value))
    return bounds


def _metrics_json(event: Event, metrics: Metrics) -> dict[str, Any]:
    """The metrics by name; moved seats only in a re-plan, earlier encounters only with
    earlier plans (as the printed table shows them)."""
    figures = metrics.as_dict()
    if not event.previous_seats:
        figures.pop(Metric.MOVED_SEATS.value)
    if not event.history:
        figures.pop(Metric.EARLIER_ENCOUNTERS.value)
    return figures


def _bounds_json(plan: Plan) -> dict[str, float]:
    return {goal.value: value for goal, value in best_bounds(plan).items()}


def plan_summary(
    plan: CheckedPlan, *, output: Path | str, interrupted: bool = False
) -> dict[str, Any]:
    """The ``rotation plan --json`` object (``output``: where the workbook was written)."""
    record = plan.record
    return {
        "status": record.status.value,
        "interrupted": interrupted,
        "output": str(output),
        "counts": counts(plan.event),
        "metrics": _metrics_json(plan.event, plan.metrics),
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
        "metrics": _metrics_json(plan.event, report.metrics),
        "bounds": _bounds_json(plan),
    }


@dataclass(frozen=True)
class Headline:
    """The figures an organiser looks at first, each goal with the bound no plan can beat.

    ``balance`` is empty when no attribute is balanced; then the deviations are 0.
    """

    repeat_encounters: float
    repeat_bound: float
    same_organisation_pairs: float
    organisation_bound: float
    balance: tuple[str, ...]
    attribute_deviation: float
    attribute_deviation_max: float
    attribute_bound: float
    distinct_contacts_mean: float
    distinct_contacts_min: int


def headline(plan: CheckedPlan) -> Headline:
    """The plan's headline figures with their bounds."""
    metrics, bounds = plan.metrics, best_bounds(plan)
    return Headline(
        repeat_encounters=metrics.repeat_encounters,
        repeat_bound=bounds.get(Goal.REPEAT_ENCOUNTERS, 0.0),
        same_organisation_pairs=metrics.same_organisation_pairs,
        organisation_bound=bounds.get(Goal.SAME_ORGANISATION_PAIRS, 0.0),
        balance=tuple(plan.event.balance),
        attribute_deviation=metrics.attribute_deviation,
        attribute_deviation_max=metrics.attribute_deviation_max,
        attribute_bound=bounds.get(Goal.ATTRIBUTE_DEVIATION, 0.0),
        distinct_contacts_mean=metrics.distinct_contacts_mean,
        distinct_contacts_min=metrics.distinct_contacts_min,
    )
