"""How good a plan is, in the two words an organiser needs: best possible, or by how much not.

A plan is *best possible* when the solver proved it optimal, or when every goal that counts
sits at a lower bound no plan can beat. Otherwise it is valid (every rule holds, or the
checker says which do not) and could be better by at most the gap of each goal above its
bound; a goal without a known bound makes the distance unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rotation.domain import Goal, Metrics, Plan, Status

__all__ = ["Verdict", "verdict"]

_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Verdict:
    """Best possible or not; for the latter the gap of each goal above its bound."""

    best_possible: bool
    gaps: Mapping[Goal, float] = field(default_factory=dict)
    """Goal -> how much better a plan could be at most (only goals above their bound)."""
    unbounded: tuple[Goal, ...] = ()
    """Goals above zero without a known bound: how much better is unknown."""


def verdict(plan: Plan, metrics: Metrics, bounds: Mapping[Goal, float]) -> Verdict:
    """The verdict on ``plan`` with its ``metrics`` and the best known ``bounds`` per goal.

    >>> from rotation.domain import Event, Participant
    >>> event = Event.build([Participant(str(i)) for i in range(4)], themes=["A", "B"])
    >>> seats = {(str(i), 1): "A1" for i in range(4)} | {(str(i), 2): "B1" for i in range(4)}
    >>> from rotation.checker import check
    >>> metrics = check(event, Plan(event, seats)).metrics
    >>> verdict(Plan(event, seats), metrics, {Goal.REPEAT_ENCOUNTERS: 6}).best_possible
    True
    """
    if plan.record.status is Status.OPTIMAL:
        return Verdict(True)
    figures = metrics.as_dict()
    counting = plan.event.goals.priority
    if plan.event.goals.weights is not None:
        counting = tuple(g for g, w in plan.event.goals.weights.items() if w > 0)
    gaps: dict[Goal, float] = {}
    unbounded: list[Goal] = []
    for goal in counting:
        value = float(figures[goal.value])
        bound = bounds.get(goal)
        if bound is None:
            if value > _TOLERANCE:
                unbounded.append(goal)
        elif value - float(bound) > _TOLERANCE:
            gaps[goal] = value - float(bound)
    return Verdict(not gaps and not unbounded, gaps, tuple(unbounded))
