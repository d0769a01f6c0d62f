"""Tabu search, breakout descents and balance by route swaps: exact bookkeeping, rules, quality."""

from __future__ import annotations

import dataclasses

import pytest
from solver_helpers import free_mixing

from rotation import Event, Goal, Goals, Group, Participant, Plan, ThemeCoverage, check, solve
from rotation.solver.breakout import Breakout
from rotation.solver.construct import construct, seats_by_id
from rotation.solver.improve import (
    DESIGN_THEN_PROBE,
    KEEP_THEN_TABU,
    PROBE_AND_TABU,
    SWAPS,
    TABU,
    _choose_schedule,
    _Run,
    tabu_keeping,
)
from rotation.solver.local_search import LocalSearch, Ranking
from rotation.solver.tabu import TabuSearch


def _search(event: Event) -> TabuSearch:
    seats = construct(event, seed=1)
    assert seats is not None
    return TabuSearch(event, seats, seed=1)


def test_sums_and_totals_stay_exact_through_tabu_and_spread() -> None:
    search = _search(free_mixing(48, 6, 8, 5, organisations=6))
    search.tabu(600)
    search.spread(2000)
    fresh = TabuSearch(search.event, search.seats(), seed=0)
    assert search.sums == fresh.sums
    repeats, colleagues, balance = search.totals()
    again = search.recount()
    assert (repeats, colleagues) == again[:2]
    assert balance == pytest.approx(again[2], abs=1e-6)


def test_tabu_keeps_pins_groups_and_absences() -> None:
    people = [
        Participant(
            f"p{i}",
            organisation=f"O{i % 4}",
            pins={1: "T1"} if i == 5 else {},
            phases=frozenset({1, 2, 3}) if i == 7 else None,
        )
        for i in range(30)
    ]
    event = Event.build(
        people,
        themes=["T"],
        tables_per_theme=5,
        table_size=6,
        phases=5,
        coverage=ThemeCoverage.NONE,
        keep_apart=(Group("apart", ("p0", "p1", "p2")),),
        keep_together=(Group("together", ("p3", "p4")),),
    )
    search = _search(event)
    before = search.totals()
    search.tabu(1500)
    assert search.totals()[:2] <= before[:2]
    report = check(event, Plan(event, seats_by_id(event, search.seats())))
    assert report.ok, [str(v) for v in report.violations]
    assert report.metrics.repeat_encounters == search.totals()[0]


def test_route_swaps_for_balance_never_change_repeats() -> None:
    search = _search(free_mixing(60, 6, 10, 4))
    search.tabu(400)
    repeats = search.totals()[0]
    excess_before = search._excess_total()
    search.spread(3000)
    assert search.totals()[0] == repeats
    assert search._excess_total() <= excess_before


def test_kirkman_schoolgirls_meet_each_other_exactly_once() -> None:
    """15 people, 5 tables of 3, 7 rounds: a plan without any repeat encounter exists."""
    event = free_mixing(15, 5, 3, 7, organisations=0, balance=())
    plan = solve(event, time_limit=10, seed=0, deterministic=True)
    assert plan.metrics.repeat_encounters == 0
    assert plan.metrics.distinct_contacts_min == 14


def test_free_mixing_beats_the_random_swap_search() -> None:
    """40 people, 8 tables of 5, 6 rounds: tabu search meets everyone at most once."""
    event = free_mixing(40, 8, 5, 6, organisations=0, balance=())
    plain = _search(event)
    tabu = _search(event)
    plain.run(20_000)
    tabu.tabu(1_000)
    assert tabu.totals()[0] == 0 < plain.totals()[0]


def test_breakout_weighted_sums_stay_exact() -> None:
    event = free_mixing(32, 8, 4, 9, organisations=0, balance=())
    seats = construct(event, seed=5)
    assert seats is not None
    search = Breakout(event, seats, seed=5)
    search.descend(300)
    weights = [row[:] for row in search.weight]
    weighted = {r: [row[:] for row in rows] for r, rows in search.weighted.items()}
    heft = {r: [row[:] for row in rows] for r, rows in search.heft.items()}
    search._load(search.seats())  # recount with the same pair weights
    assert search.weight == weights
    assert (search.weighted, search.heft) == (weighted, heft)
    assert search.totals()[:2] == search.recount()[:2]


def test_social_golfers_32_people_nine_rounds_never_meet_twice() -> None:
    """8 tables of 4 for 9 rounds: the breakout descents find a plan without repeats."""
    event = free_mixing(32, 8, 4, 9, organisations=0, balance=())
    plan = solve(event, time_limit=20, seed=0, deterministic=True)
    assert plan.metrics.repeat_encounters == 0
    assert plan.metrics.distinct_contacts_min == 27


def _first(event: Event, goal: Goal) -> Event:
    """The event with ``goal`` ranked first, the others in their order."""
    priority = (goal, *(g for g in event.goals.priority if g != goal))
    return dataclasses.replace(event, goals=Goals(priority=priority))


def test_ranking_names_the_goals_a_repeat_search_must_keep() -> None:
    default = Goals()
    assert Ranking(default).before_repeats == ()
    balance_first = (Goal.ATTRIBUTE_DEVIATION, Goal.REPEAT_ENCOUNTERS)
    assert Ranking(Goals(priority=balance_first)).before_repeats == (2,)
    assert Ranking(Goals(priority=(Goal.SAME_ORGANISATION_PAIRS,))).before_repeats is None
    weighted = Goals(weights={Goal.REPEAT_ENCOUNTERS: 1, Goal.ATTRIBUTE_DEVIATION: 1})
    assert Ranking(weighted).before_repeats is None


@pytest.mark.parametrize(
    ("goal", "index"), [(Goal.ATTRIBUTE_DEVIATION, 2), (Goal.SAME_ORGANISATION_PAIRS, 1)]
)
def test_tabu_never_worsens_a_goal_ranked_before_repeats(goal: Goal, index: int) -> None:
    event = _first(free_mixing(60, 6, 10, 5, organisations=8), goal)
    search = _search(event)
    assert search.keep == (index,)
    start = search.totals()
    search.tabu(2_000)  # long enough for stalls, shakes and a kick
    end = search.totals()
    assert end[index] <= start[index] + 1e-9
    assert end[0] < start[0]
    again = search.recount()
    assert end[:2] == again[:2]
    assert end[2] == pytest.approx(again[2], abs=1e-6)


def test_balance_first_gets_the_tabu_search_that_keeps_it() -> None:
    event = _first(free_mixing(60, 6, 10, 5, organisations=8), Goal.ATTRIBUTE_DEVIATION)
    seats = construct(event, seed=1)
    assert seats is not None
    search, schedule = _choose_schedule(event, seats, 1, 0, None, None, None, False)
    assert schedule is KEEP_THEN_TABU
    # Its other steps run on the plain search; the tabu step makes a search of its own.
    assert not isinstance(search, TabuSearch)


def test_the_keeping_tabu_step_hands_its_plan_back_to_the_plain_search() -> None:
    event = _first(free_mixing(60, 6, 10, 5, organisations=8), Goal.ATTRIBUTE_DEVIATION)
    seats = construct(event, seed=1)
    assert seats is not None
    search = LocalSearch(event, seats, seed=1)
    before = search.totals()
    tabu_keeping(_Run(search, event, 1, 0, True, None, None, moves=30_000))
    after = search.totals()
    assert after[0] < before[0]
    assert after[2] <= before[2] + 1e-9
    again = search.recount()
    assert after[:2] == again[:2]


def test_dealing_routes_anew_never_worsens_a_balance_ranked_first() -> None:
    event = _first(free_mixing(60, 6, 10, 4, organisations=3), Goal.ATTRIBUTE_DEVIATION)
    search = _search(event)
    search.spread(3_000)
    before = search.totals()
    search.regroup()
    assert not search.ranking.improves(before, search.totals())


@pytest.mark.parametrize(
    "schedule", [SWAPS, TABU, PROBE_AND_TABU, DESIGN_THEN_PROBE, KEEP_THEN_TABU]
)
def test_every_schedule_shares_out_the_whole_budget_and_no_more(
    schedule: tuple[tuple[float, object], ...],
) -> None:
    # Each step runs until its cumulative share of the time limit: shares above 1 would
    # overrun the limit, below 1 would leave time unused.
    assert sum(share for share, _ in schedule) == pytest.approx(1.0)
