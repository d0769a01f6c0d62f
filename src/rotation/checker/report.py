"""``check(event, plan)``: all broken rules and all metrics of a plan."""

from __future__ import annotations

from dataclasses import dataclass

from rotation.checker.metrics import compute_metrics
from rotation.checker.rules import Violation, find_violations
from rotation.domain import Event, Metrics, Plan

__all__ = ["CheckReport", "Violation", "check"]


@dataclass(frozen=True)
class CheckReport:
    """What the checker found: every broken rule (empty when all hold) and the metrics."""

    violations: tuple[Violation, ...]
    metrics: Metrics

    @property
    def ok(self) -> bool:
        """True when every rule holds."""
        return not self.violations


def check(event: Event, plan: Plan) -> CheckReport:
    """Recompute every rule and metric of ``plan`` for ``event`` from its seats alone.

    >>> from rotation.domain import Event, Participant, Plan
    >>> people = [Participant(str(i), organisation="O") for i in range(4)]
    >>> event = Event.build(people, themes=["A", "B"], tables_per_theme=1, table_size=4)
    >>> seats = {(p.id, 1): "A1" for p in people} | {(p.id, 2): "B1" for p in people}
    >>> report = check(event, Plan(event, seats))
    >>> report.ok, report.metrics.repeat_encounters, report.metrics.same_organisation_pairs
    (True, 6, 12)
    """
    return CheckReport(find_violations(event, plan.seats), compute_metrics(event, plan.seats))
