"""Property test: for random events, every plan passes the checker and every refusal explains.

Hypothesis draws small events with every kind of rule (pins, hosts, partial attendance,
tables in some phases, keep-apart and keep-together groups, preferences, balancing).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotation import (
    Event,
    Group,
    NoPlanError,
    Participant,
    Phase,
    SolveTimeoutError,
    Table,
    Theme,
    check,
    solve,
)


@st.composite
def events(draw: st.DrawFn) -> Event:
    n_themes = draw(st.integers(1, 3))
    n_phases = draw(st.integers(1, 3))
    themes = [f"T{j}" for j in range(n_themes)]
    tables = []
    for theme in themes:
        for k in range(draw(st.integers(1, 2))):
            high = draw(st.integers(2, 8))
            low = draw(st.integers(0, 1))
            runs = draw(st.sampled_from([None, frozenset({1}), frozenset(range(1, n_phases + 1))]))
            tables.append(Table(f"{theme}.{k}", theme, high, low, phases=runs))
    n_people = draw(st.integers(1, 14))
    ids = [f"p{i}" for i in range(n_people)]
    hosts: dict[str, str] = {}
    for table in tables:
        if draw(st.integers(0, 5)) == 0:
            free = [i for i in ids if i not in hosts]
            if free:
                hosts[draw(st.sampled_from(free))] = table.id
    tables = [
        Table(
            t.id,
            t.theme,
            t.max_size,
            t.min_size,
            host=next((h for h, x in hosts.items() if x == t.id), None),
            phases=t.phases,
        )
        for t in tables
    ]
    people = []
    for i in ids:
        attends = draw(st.sampled_from([None, frozenset({1})]))
        pins = {}
        if i not in hosts and draw(st.integers(0, 6)) == 0:
            table = draw(st.sampled_from(tables))
            if table.runs_in(1):
                pins[1] = table.id
        people.append(
            Participant(
                i,
                organisation=draw(st.sampled_from(["", "A", "B", "C"])),
                attributes={"g": draw(st.sampled_from("wm"))},
                phases=attends,
                pins=pins,
                preferred_first_theme=draw(st.sampled_from([None, themes[0]])),
            )
        )
    groups = st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True)
    grouping = n_people >= 2
    apart = [Group("apart", tuple(draw(groups)))] if grouping and draw(st.booleans()) else []
    together = [Group("together", tuple(draw(groups)))] if grouping and draw(st.booleans()) else []
    return Event(
        participants=tuple(people),
        themes=tuple(Theme(t) for t in themes),
        tables=tuple(tables),
        phases=tuple(Phase(r) for r in range(1, n_phases + 1)),
        keep_apart=tuple(apart),
        keep_together=tuple(together),
        balance=("g",),
    )


# derandomize: CI sees the same 40 events on every run (a wider hunt: raise max_examples).
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(events())
def test_every_plan_passes_the_checker_or_the_refusal_explains(event: Event) -> None:
    try:
        plan = solve(event, time_limit=2, seed=3, workers=1, deterministic=True)
    except NoPlanError as error:
        assert error.reasons and all(reason.strip() for reason in error.reasons)
        assert not any(reason.strip().lower() == "infeasible" for reason in error.reasons)
        return
    except SolveTimeoutError as error:
        assert "time" in str(error)
        return
    report = check(event, plan)
    assert report.ok, [str(v) for v in report.violations]
    for goal, value in plan.record.objective_terms.items():
        assert report.metrics.goal_value(goal) == pytest.approx(value, abs=1e-6), goal
    for goal, bound in plan.record.bounds.items():
        assert report.metrics.goal_value(goal) >= bound - 1e-9, goal
