"""Local search: running totals stay exact, rules keep holding, goals never get worse."""

from __future__ import annotations

import pytest

from rotation import Event, Goal, Goals, Group, Participant, Plan, check, solve
from rotation.solver.construct import construct, seats_by_id
from rotation.solver.local_search import LocalSearch, Ranking
from rotation.solver.solve import Method
from rotation.synthetic import synthetic_event


def _start(event: Event) -> LocalSearch:
    seats = construct(event, seed=2)
    assert seats is not None
    return LocalSearch(event, seats, seed=2)


def test_running_totals_match_a_recount_after_every_kind_of_move() -> None:
    search = _start(synthetic_event(120, themes=3, tables_per_theme=4, organisations=8))
    search.run(5000)
    search.anneal(5000, 20.0, (100.0, 10.0, 1.0))
    search.anneal(3000)
    search.flatten(3000)
    repeats, colleagues, balance = search.totals()
    again = search.recount()
    assert (repeats, colleagues) == again[:2]
    assert balance == pytest.approx(again[2], abs=1e-6)


def test_local_search_keeps_the_rules_and_never_loses_a_goal() -> None:
    people = [Participant(f"p{i}", organisation=f"O{i % 5}") for i in range(40)]
    event = Event.build(
        people,
        themes=["A", "B"],
        tables_per_theme=3,
        table_size=8,
        keep_apart=(Group("apart", ("p0", "p1", "p2")),),
        keep_together=(Group("together", ("p3", "p4")),),
    )
    search = _start(event)
    before = search.totals()
    search.run(20000)
    after = search.totals()
    assert (after[0], after[1]) <= (before[0], before[1])
    report = check(event, Plan(event, seats_by_id(event, search.seats())))
    assert report.ok, [str(v) for v in report.violations]
    assert report.metrics.repeat_encounters == after[0]
    assert report.metrics.same_organisation_pairs == after[1]


def test_construction_path_follows_the_events_goal_order() -> None:
    """Colleagues first: the local search trades repeat encounters for fewer colleague pairs."""
    colleagues_first = Goals(
        priority=(Goal.SAME_ORGANISATION_PAIRS, Goal.REPEAT_ENCOUNTERS, Goal.ATTRIBUTE_DEVIATION)
    )
    plans = {}
    for name, goals in (("default", Goals()), ("colleagues first", colleagues_first)):
        event = synthetic_event(
            48, themes=1, tables_per_theme=6, phases=5, organisations=4, goals=goals, seed=4
        )
        plans[name] = solve(
            event, time_limit=3, seed=0, deterministic=True, method=Method.CONSTRUCT
        ).metrics
    assert (
        plans["colleagues first"].same_organisation_pairs < plans["default"].same_organisation_pairs
    )
    assert plans["colleagues first"].repeat_encounters > plans["default"].repeat_encounters


def test_ranking_follows_order_and_weights() -> None:
    default, weighted = Ranking(Goals()), Ranking(Goals(weights={Goal.SAME_ORGANISATION_PAIRS: 3}))
    balance_first = Ranking(Goals(priority=(Goal.ATTRIBUTE_DEVIATION, Goal.REPEAT_ENCOUNTERS)))
    assert default.better((-1, 5, 9.0)) and not default.better((1, -5, -9.0))
    assert balance_first.better((1, 0, -0.5)) and not balance_first.better((0, -7, 0.0))
    assert weighted.better((5, -1, 0.0)) and not weighted.better((-5, 1, 0.0))
    assert default.repeats_first and not balance_first.repeats_first
