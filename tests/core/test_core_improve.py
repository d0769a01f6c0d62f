"""Local search: running totals stay exact, rules keep holding, goals never get worse."""

from __future__ import annotations

import pytest

from rotation import Event, Group, Participant, Plan, check
from rotation.solver.construct import construct, seats_by_id
from rotation.solver.improve import LocalSearch
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
