"""The counting bounds for attribute balance and even table sizes.

Property: for random events and random seatings that keep the capacities, neither bound is
ever above the checker's figure for that seating. Small cases pin the arithmetic down.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotation import Event, Participant, Phase, Plan, Table, Theme, ThemeCoverage, check
from rotation.solver.balance_bound import (
    _convex_relaxation,
    _knapsack,
    attribute_deviation_bound,
    share_rounding_cost,
    uneven_sizes_bound,
)
from rotation.synthetic import synthetic_event


def _people(genders: str, roles: str = "") -> list[Participant]:
    return [
        Participant(f"p{i}", attributes={"gender": g, **({"role": roles[i]} if roles else {})})
        for i, g in enumerate(genders)
    ]


def test_rounding_cost_rounds_the_largest_fractions_up() -> None:
    # Shares 3/10 and 7/10 at a table of 5: 1.5 and 3.5, one of them rounds up: 0.5 + 0.5.
    assert share_rounding_cost([3, 7], 10, 5) == 10
    # Shares that fit exactly cost nothing.
    assert share_rounding_cost([4, 6], 10, 5) == 0


def test_fixed_sizes_count_each_value_over_all_tables() -> None:
    # One "x" among 20 people at 2 full tables of 10: the table holding them deviates by
    # 0.95 twice (x and the rest), the other by 0.05 twice: 2.0 in all. Rounding each table
    # alone would give 0.2.
    people = _people("x" + "y" * 19)
    event = Event.build(
        people, themes=["A"], tables_per_theme=2, table_size=10, phases=1, balance=["gender"]
    )
    assert attribute_deviation_bound(event) == 2.0
    plan = Plan(event, _fill(event, random.Random(0)))
    assert check(event, plan).metrics.attribute_deviation == 2.0


def test_even_sizes_need_a_theme_split_that_divides() -> None:
    # 50 people, two themes of 3 tables: 50 is no sum of two multiples of 3, so some theme
    # has tables differing by one in every phase.
    event = Event.build(_people("m" * 50), themes=["A", "B"], tables_per_theme=3, table_size=10)
    assert uneven_sizes_bound(event) == 2
    even = Event.build(_people("m" * 48), themes=["A", "B"], tables_per_theme=3, table_size=10)
    assert uneven_sizes_bound(even) == 0


def _fill(event: Event, rng: random.Random) -> dict[tuple[str, int], str]:
    """A random seating that keeps every table's capacity (no other rule)."""
    seats = {}
    for r in event.phase_numbers:
        people = [p.id for p in event.present_in(r)]
        rng.shuffle(people)
        tables = list(event.tables_in(r))
        sizes = [t.min_size for t in tables]
        for _ in range(len(people) - sum(sizes)):
            free = [k for k, t in enumerate(tables) if sizes[k] < t.max_size]
            sizes[rng.choice(free)] += 1
        position = 0
        for table, size in zip(tables, sizes):
            for person in people[position : position + size]:
                seats[person, r] = table.id
            position += size
    return seats


@st.composite
def seated_events(draw: st.DrawFn) -> tuple[Event, dict[tuple[str, int], str]]:
    n_themes = draw(st.integers(1, 3))
    n_phases = draw(st.integers(1, 3))
    themes = [f"T{j}" for j in range(n_themes)]
    tables = []
    for theme in themes:
        for k in range(draw(st.integers(1, 4))):
            most = draw(st.integers(1, 9))
            tables.append(Table(f"{theme}.{k}", theme, most, draw(st.integers(0, min(2, most)))))
    least, most = sum(t.min_size for t in tables), sum(t.max_size for t in tables)
    n_people = draw(st.integers(max(1, least), max(1, least, most)))
    people = [
        Participant(
            f"p{i}",
            attributes={
                "g": draw(st.sampled_from("wmd")),
                "r": draw(st.sampled_from(["a", "b", "c", "d", ""])),
            },
            phases=draw(st.sampled_from([None, frozenset({1})])),
        )
        for i in range(n_people)
    ]
    event = Event(
        participants=tuple(people),
        themes=tuple(Theme(t) for t in themes),
        tables=tuple(tables),
        phases=tuple(Phase(r) for r in range(1, n_phases + 1)),
        coverage=ThemeCoverage.NONE,
        balance=("g", "r"),
    )
    if any(len(event.present_in(r)) < least for r in event.phase_numbers):
        # Too few people for the minimums: no seating keeps the capacities.
        event = Event(
            participants=event.participants,
            themes=event.themes,
            tables=tuple(Table(t.id, t.theme, t.max_size) for t in tables),
            phases=event.phases,
            coverage=ThemeCoverage.NONE,
            balance=event.balance,
        )
    seats = _fill(event, random.Random(draw(st.integers(0, 10**6))))
    return event, seats


@settings(max_examples=150, deadline=None)
@given(seated_events())
def test_bounds_never_above_a_plans_figures(case: tuple[Event, dict[tuple[str, int], str]]) -> None:
    event, seats = case
    report = check(event, Plan(event, seats))
    assert report.ok, report.violations
    assert attribute_deviation_bound(event) <= report.metrics.attribute_deviation + 1e-9
    assert uneven_sizes_bound(event) <= report.metrics.uneven_table_sizes


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.lists(st.integers(0, 40), min_size=1, max_size=8)),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, 40),
)
def test_convex_relaxation_never_above_the_exact_knapsack(
    tables: list[tuple[int, list[int]]], total: int
) -> None:
    # Large events choose sizes by the convex relaxation; it must stay a lower bound.
    costs = [{low + s: c for s, c in enumerate(values)} for low, values in tables]
    exact = _knapsack(costs, total)
    relaxed = _convex_relaxation(costs, total)
    assert (exact is None) == (relaxed is None)
    if exact is not None and relaxed is not None:
        assert relaxed <= exact


def test_free_sizes_one_attribute_the_bound_is_the_least_deviation() -> None:
    # One attribute in one phase: the bound over every way to size the tables (each with
    # exact counts) is what the best seating reaches, found here by trying them all.
    people = _people("wwwmmd")
    event = Event(
        participants=tuple(people),
        themes=(Theme("A"),),
        tables=(Table("a", "A", 4), Table("b", "A", 4), Table("c", "A", 3)),
        phases=(Phase(1),),
        coverage=ThemeCoverage.NONE,
        balance=("gender",),
    )
    least = min(
        check(
            event, Plan(event, {(p.id, 1): t for p, t in zip(people, tables)})
        ).metrics.attribute_deviation
        for tables in itertools.product("abc", repeat=len(people))
        if all(tables.count(t.id) <= t.max_size for t in event.tables)
    )
    assert attribute_deviation_bound(event) == pytest.approx(least)


def test_the_reference_event_bound_counts_the_totals() -> None:
    # 50 people at 2 x 3 tables of at most 9: rounding each table alone allows 16; with the
    # counts adding up to each value's total, no sizing of the tables gets below 28.48.
    assert attribute_deviation_bound(synthetic_event(50)) == pytest.approx(28.48)
