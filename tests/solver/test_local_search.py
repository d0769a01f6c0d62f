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
    """Colleagues first: fewer colleague pairs than the default order gets, and no fewer repeat
    encounters (the tabu search on repeats keeps the colleagues, so it may find as few)."""
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
    assert plans["colleagues first"].repeat_encounters >= plans["default"].repeat_encounters


def test_ranking_follows_order_and_weights() -> None:
    default, weighted = Ranking(Goals()), Ranking(Goals(weights={Goal.SAME_ORGANISATION_PAIRS: 3}))
    balance_first = Ranking(Goals(priority=(Goal.ATTRIBUTE_DEVIATION, Goal.REPEAT_ENCOUNTERS)))
    assert default.better((-1, 5, 9.0)) and not default.better((1, -5, -9.0))
    assert balance_first.better((1, 0, -0.5)) and not balance_first.better((0, -7, 0.0))
    assert weighted.better((5, -1, 0.0)) and not weighted.better((-5, 1, 0.0))
    assert default.before_repeats == () and balance_first.before_repeats == (2,)


def _organised_event() -> Event:
    people = [Participant(f"p{i}", organisation=f"O{i % 4 if i < 60 else i}") for i in range(96)]
    return Event.build(
        people,
        themes=["A", "B", "C"],
        tables_per_theme=4,
        table_size=8,
        keep_apart=(Group("apart", ("p0", "p4")),),
    )


def test_regrouping_parts_colleagues_and_keeps_repeats_and_rules() -> None:
    event = _organised_event()
    search = _start(event)
    before = search.totals()
    apart_routes = {r: (search.seat[r][0], search.seat[r][4]) for r in search.phases}
    changed = search.regroup()
    after = search.totals()
    assert after[0] == before[0]  # same number of people on every route
    assert after[1] <= before[1]
    assert changed == (after[1] < before[1])
    assert {r: (search.seat[r][0], search.seat[r][4]) for r in search.phases} == apart_routes
    assert (after[0], after[1]) == search.recount()[:2]
    assert check(event, Plan(event, seats_by_id(event, search.seats()))).ok


def test_regrouping_a_crowded_plan_finds_fewer_colleague_pairs() -> None:
    event = _organised_event()
    search = _start(event)
    # Crowd the colleagues: sort people by organisation onto the existing routes.
    seats = search.seats()
    movable = [i for i in range(search.n) if not search.apart[i]]
    routes = sorted(tuple(seats[i, r] for r in search.phases) for i in movable)
    movable.sort(key=lambda i: search.org[i])
    crowded = dict(seats)
    for i, route in zip(movable, routes, strict=True):
        for r, k in zip(search.phases, route, strict=True):
            crowded[i, r] = k
    search.restore(crowded)
    before = search.totals()
    assert check(event, Plan(event, seats_by_id(event, search.seats()))).ok
    assert search.regroup()
    assert search.totals()[1] < before[1]
    assert search.totals()[0] == before[0]
    parted = search.totals()[1]
    search.part(20_000)
    assert search.totals()[1] <= parted
    assert search.totals()[0] == before[0]
    assert search.totals()[:2] == search.recount()[:2]
