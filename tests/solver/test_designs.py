"""Starts from designs for free mixing: fields, orthogonal Latin squares, rounds, plans."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import combinations

import pytest
from solver_helpers import free_mixing, plan_for

from rotation import Event, Group, Participant, Plan, check
from rotation.solver.construct import seats_by_id
from rotation.solver.designs import IRREDUCIBLE, MOLS_10, design_rounds, design_start, field_tables
from rotation.synthetic import synthetic_event


@pytest.mark.parametrize("q", [2, 3, 5, 7, 11, *sorted(IRREDUCIBLE)])
def test_field_tables_make_a_field(q: int) -> None:
    tables = field_tables(q)
    assert tables is not None
    add, mul = tables
    everything = list(range(q))
    for a in everything:
        assert sorted(add[a]) == everything  # addition is a group
        if a:
            assert sorted(mul[a]) == everything  # no zero divisors: every a has an inverse
        for b in everything[:: max(1, q // 7)]:
            assert mul[a][b] == mul[b][a]
            for c in everything[:: max(1, q // 5)]:
                assert mul[a][add[b][c]] == add[mul[a][b]][mul[a][c]]


def test_no_field_of_six_or_ten_elements() -> None:
    assert field_tables(6) is None
    assert field_tables(10) is None


def test_the_two_squares_of_order_ten_are_latin_and_orthogonal() -> None:
    first, second = MOLS_10
    for square in MOLS_10:
        assert all(sorted(row) == list(range(10)) for row in square)
        assert all(sorted(column) == list(range(10)) for column in zip(*square))
    pairs = {(first[i][j], second[i][j]) for i in range(10) for j in range(10)}
    assert len(pairs) == 100


@pytest.mark.parametrize(
    ("groups", "size", "rounds"),
    [(10, 10, 4), (10, 7, 3), (8, 4, 8), (5, 3, 5), (9, 9, 10), (6, 6, 3), (12, 5, 2), (7, 7, 8)],
)
def test_design_rounds_never_seat_two_cells_together_twice(
    groups: int, size: int, rounds: int
) -> None:
    design = design_rounds(groups, size)
    assert len(design) == rounds
    met: Counter[tuple[int, int]] = Counter()
    for seating in design:
        tables: dict[int, list[int]] = {}
        for cell, table in enumerate(seating):
            tables.setdefault(table, []).append(cell)
        assert sorted(len(cells) for cells in tables.values()) == [size] * groups
        for cells in tables.values():
            met.update(combinations(cells, 2))
    assert max(met.values()) == 1


def _free_mixing(
    count: int, tables: int, size: int, phases: int, *, golfers: bool = False
) -> Event:
    """Anybody at any table in every phase; ``golfers``: no organisations, no balance."""
    if golfers:
        return free_mixing(count, tables, size, phases, seed=4, organisations=0, balance=())
    return free_mixing(count, tables, size, phases, seed=4)


@pytest.mark.parametrize("count", [100, 95, 91])
def test_a_design_start_has_no_repeat_in_its_design_rounds(count: int) -> None:
    event = _free_mixing(count, 10, 10, 3)
    seats = design_start(event, seed=1)
    assert seats is not None
    report = check(event, Plan(event, seats_by_id(event, seats)))
    assert not report.violations
    assert report.metrics.repeat_encounters == 0
    assert report.metrics.uneven_table_sizes <= 3  # at most one apart in each phase


def test_phases_beyond_the_design_are_filled_and_valid() -> None:
    event = _free_mixing(32, 8, 4, 10)
    seats = design_start(event, seed=0)
    assert seats is not None
    assert {r for _, r in seats} == set(event.phase_numbers)
    report = check(event, Plan(event, seats_by_id(event, seats)))
    assert not report.violations


def test_no_design_start_with_themes_groups_or_too_few_people() -> None:
    assert design_start(synthetic_event(50, seed=1)) is None  # themes decide the tables
    assert design_start(_free_mixing(80, 10, 10, 4)) is None  # tables would be 2 short
    assert design_start(_free_mixing(60, 12, 5, 4)) is None  # 2 design rounds: construct
    apart = _free_mixing(100, 10, 10, 4)
    people = [p.id for p in apart.participants[:2]]
    grouped = replace(apart, keep_apart=(Group("pair", tuple(people)),))
    assert design_start(grouped) is None


def test_a_golfer_event_reaches_zero_repeats_from_the_design() -> None:
    event = _free_mixing(32, 8, 4, 9, golfers=True)
    plan = plan_for(event, time_limit=5.0)
    assert plan.metrics.repeat_encounters == 0
    assert plan.record.status.value == "optimal"


def test_colleagues_fill_a_spare_rounds_table_and_never_meet() -> None:
    # 8 tables of 6 (GF(8) has 8 rounds), 3 phases: the spare rounds' tables hold cells
    # that never share a table in the phases used, so organisations of up to 6 never meet.
    people = [Participant(f"p{i}", organisation=f"Org {i % 9}") for i in range(48)]
    event = Event.build(people, themes=["Mix"], tables_per_theme=8, table_size=6, phases=3)
    seats = design_start(event, seed=2)
    assert seats is not None
    metrics = check(event, Plan(event, seats_by_id(event, seats))).metrics
    assert metrics.repeat_encounters == 0
    assert metrics.same_organisation_pairs == 0
