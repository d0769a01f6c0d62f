"""The metric table printed for people; the ``--json`` objects live in :mod:`rotation.summary`
(shared with the web page) and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table

from rotation.checker import Changes
from rotation.domain import CheckedPlan, Event, Goal, Metric, Metrics
from rotation.io.workbook.labels import Labels, labels_for
from rotation.summary import best_bounds, check_summary, counts, plan_summary, violation_dict

__all__ = [
    "best_bounds",
    "changes_line",
    "check_summary",
    "counts",
    "metric_table",
    "plan_summary",
    "violation_dict",
]


def changes_line(plan: CheckedPlan, changes: Changes, labels: Labels) -> str:
    """What a re-plan changed, in the words of the workbook's Overview: "seats moved: 3 (no
    plan can move fewer than 3); people added: 2; absent: 4"."""
    bound = best_bounds(plan).get(Goal.MOVED_SEATS, 0.0)
    return labels.changes_summary.format(
        moved=plan.metrics.moved_seats,
        bound=labels.figure(bound),
        added=len(changes.added),
        absent=len(changes.absent),
    )


_CONTEXT_GOALS = (Goal.MOVED_SEATS, Goal.EARLIER_ENCOUNTERS)
"""Goals that count only in a re-plan or with earlier plans (their bounds say so)."""


def metric_table(
    metrics: Metrics,
    bounds: Mapping[Goal, float],
    labels: Labels | None = None,
    event: Event | None = None,
) -> Table:
    """Every metric with its bound where one is known (for the terminal), named as the
    workbook names them in ``labels``' language."""
    labels = labels or labels_for("en")
    table = Table(show_edge=False, box=None, pad_edge=False)
    table.add_column(labels.metric)
    table.add_column(labels.this_plan, justify="right")
    table.add_column(labels.lower_bound, justify="right")
    figures = metrics.as_dict()
    for metric in Metric:
        if metric.goal in _CONTEXT_GOALS and metric.goal not in bounds:
            continue  # not a re-plan, or no earlier plans
        bound = bounds.get(metric.goal) if metric.goal is not None else None
        table.add_row(
            labels.metrics[metric].name,
            labels.figure(figures[metric.value]),
            "" if bound is None else labels.figure(bound),
        )
        if metric is Metric.ATTRIBUTE_DEVIATION_MAX:
            by_attribute = figures["attribute_deviation_by_attribute"]
            name = labels.metrics[Metric.ATTRIBUTE_DEVIATION].name
            for attribute, deviation in by_attribute.items():
                shown = event.attribute_label(attribute) if event is not None else attribute
                table.add_row(f"  {name}: {shown}", labels.figure(deviation), "")
    return table
