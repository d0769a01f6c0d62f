"""Every goal at its counting bound: the plan is optimal, in deterministic mode too.

Quality only, never time: the stages stop once their goals meet the bounds, and a plan at
every bound carries the status "optimal".
"""

from __future__ import annotations

from rotation import Event, Goal, Participant, Status, solve
from rotation.synthetic import synthetic_event


def test_a_plan_at_every_bound_is_optimal_in_deterministic_mode() -> None:
    # 48 people, two themes of three tables of 8, half and half by gender: every goal can
    # reach its counting bound (balance 0, even sizes 0).
    people = [
        Participant(f"p{i:02d}", organisation=f"O{i % 6}", attributes={"gender": "wm"[i % 2]})
        for i in range(48)
    ]
    event = Event.build(
        people, themes=["A", "B"], tables_per_theme=3, table_size=10, balance=["gender"]
    )
    plan = solve(event, time_limit=10, seed=0, workers=1, deterministic=True)
    assert plan.record.status is Status.OPTIMAL
    for goal in event.goals.priority:
        bound = plan.record.bounds.get(goal, 0.0)
        assert plan.metrics.goal_value(goal) <= bound + 1e-9, goal


def test_reference_event_meets_its_bounds_except_balance_in_deterministic_mode() -> None:
    # The balance of the reference event has no tight counting bound (sizes are free, and
    # the repeat optimum limits which counts are possible), so the status stays feasible;
    # every other goal sits at its bound.
    event = synthetic_event(50, seed=0)
    plan = solve(event, time_limit=5, seed=0, workers=1, deterministic=True)
    bounds = plan.record.bounds
    assert bounds[Goal.UNEVEN_TABLE_SIZES] == 2  # 50 is no sum of two multiples of 3
    assert bounds[Goal.ATTRIBUTE_DEVIATION] > 0
    for goal in (Goal.REPEAT_ENCOUNTERS, Goal.SAME_ORGANISATION_PAIRS):
        assert plan.metrics.goal_value(goal) == bounds[goal], goal
    assert plan.metrics.attribute_deviation >= bounds[Goal.ATTRIBUTE_DEVIATION]
