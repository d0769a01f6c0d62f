"""Plan quality on the reference event, the certificates, determinism and goal settings."""

from __future__ import annotations

import threading

import pytest
from solver_helpers import SOLVE, plan_for

from rotation import Event, Goal, Goals, Participant, Progress, Status, check, solve
from rotation.solver.bounds import even_split_pairs, organisation_bound, repeat_bound
from rotation.synthetic import synthetic_event


@pytest.fixture(scope="module")
def reference() -> Event:
    """50 people from 12 organisations, 2 themes x 3 tables of at most 10, 2 phases."""
    return synthetic_event(50, table_size=10)


@pytest.fixture(scope="module")
def reference_plan(reference: Event):  # type: ignore[no-untyped-def]
    return plan_for(reference)


def test_even_split_pairs() -> None:
    assert even_split_pairs(9, 3) == 9  # 3 + 3 + 3
    assert even_split_pairs(8, 3) == 7  # 3 + 3 + 1
    assert even_split_pairs(2, 5) == 0
    assert even_split_pairs(5, 1) == 10


def test_reference_repeat_bound_is_the_even_split_of_each_table(reference: Event) -> None:
    # 25 people per theme in each phase sit 9, 8, 8; each table spreads over the 3 tables of
    # the other theme: 9 -> 3+3+3 (9 pairs), 8 -> 3+3+2 (7 pairs); 2 x (9 + 7 + 7) = 46.
    assert repeat_bound(reference) == 46


def test_organisation_bound_spreads_each_organisation_over_all_tables(reference: Event) -> None:
    sizes: dict[str, int] = {}
    for p in reference.participants:
        sizes[p.organisation] = sizes.get(p.organisation, 0) + 1
    expected = 2 * sum(even_split_pairs(n, 6) for n in sizes.values())
    assert organisation_bound(reference) == expected


def test_reference_plan_reaches_both_bounds_and_balances(reference_plan) -> None:  # type: ignore[no-untyped-def]
    plan = reference_plan
    assert plan.metrics.repeat_encounters == plan.record.bounds[Goal.REPEAT_ENCOUNTERS] == 46
    assert plan.metrics.same_organisation_pairs == plan.record.bounds[Goal.SAME_ORGANISATION_PAIRS]
    assert plan.gap(Goal.REPEAT_ENCOUNTERS) == 0
    assert plan.metrics.attribute_deviation_max <= 1.5
    assert plan.record.status in (Status.OPTIMAL, Status.FEASIBLE)


def test_every_table_count_is_within_one_and_a_half_of_its_share(reference_plan) -> None:  # type: ignore[no-untyped-def]
    plan = reference_plan
    event = plan.event
    for attribute in ("gender", "role"):
        for r in event.phase_numbers:
            present = event.present_in(r)
            for table in event.tables_in(r):
                members = [event.participant(m) for m in plan.members(table.id, r)]
                for value in {p.attributes[attribute] for p in present}:
                    share = sum(p.attributes[attribute] == value for p in present) / len(present)
                    count = sum(m.attributes[attribute] == value for m in members)
                    assert abs(count - share * len(members)) <= 1.5


def test_objective_terms_equal_the_checkers_metrics(reference_plan) -> None:  # type: ignore[no-untyped-def]
    plan = reference_plan
    metrics = check(plan.event, plan).metrics
    for goal, value in plan.record.objective_terms.items():
        assert metrics.goal_value(goal) == pytest.approx(value, abs=1e-6), goal


def test_same_input_and_seed_give_the_same_plan(reference: Event, reference_plan) -> None:  # type: ignore[no-untyped-def]
    again = solve(reference, **SOLVE)  # type: ignore[arg-type]
    assert dict(again.seats) == dict(reference_plan.seats)


def test_progress_reports_improving_plans(reference: Event) -> None:
    seen: list[Progress] = []
    solve(reference, time_limit=2, seed=1, workers=1, progress=seen.append)
    assert seen
    assert all(p.repeat_encounters is not None and p.repeat_encounters >= 46 for p in seen)


def test_weighted_goals_are_one_objective(reference: Event) -> None:
    goals = Goals(weights={Goal.REPEAT_ENCOUNTERS: 10, Goal.SAME_ORGANISATION_PAIRS: 1})
    event = Event.build(
        reference.participants, themes=["A", "B"], tables_per_theme=3, table_size=10, goals=goals
    )
    plan = plan_for(event)
    assert plan.metrics.repeat_encounters == 46
    assert plan.record.objective_terms[Goal.REPEAT_ENCOUNTERS] == plan.metrics.repeat_encounters


def test_lexicographic_mode_keeps_the_priority(reference: Event) -> None:
    event = Event.build(
        reference.participants,
        themes=["A", "B"],
        tables_per_theme=3,
        table_size=10,
        balance=["gender"],
        goals=Goals(lexicographic=True),
    )
    plan = plan_for(event)
    assert plan.metrics.repeat_encounters == plan.record.bounds[Goal.REPEAT_ENCOUNTERS]


def test_priority_order_can_put_colleagues_first() -> None:
    # Three colleagues and three others, two tables of 3, three phases of free mixing:
    # keeping colleagues apart forces repeats, and the chosen order decides the trade.
    people = [Participant(f"c{i}", organisation="Home") for i in range(3)]
    people += [Participant(f"o{i}", organisation=f"Other {i}") for i in range(3)]
    colleagues_first = Goals(
        priority=(Goal.SAME_ORGANISATION_PAIRS, Goal.REPEAT_ENCOUNTERS, Goal.UNEVEN_TABLE_SIZES)
    )
    event = Event.build(
        people, themes=["Talk"], tables_per_theme=3, table_size=2, phases=3, goals=colleagues_first
    )
    plan = plan_for(event)
    assert plan.metrics.same_organisation_pairs == 0


def test_preferred_first_theme_is_granted_when_possible() -> None:
    people = [
        Participant(f"p{i}", organisation=f"O{i % 4}", preferred_first_theme="B" if i < 6 else None)
        for i in range(16)
    ]
    event = Event.build(people, themes=["A", "B"], tables_per_theme=2, table_size=4)
    plan = plan_for(event)
    assert plan.metrics.unmet_preferences == 0
    assert all(event.table(plan.table_of(f"p{i}", 1) or "").theme == "B" for i in range(6))


def test_stop_returns_the_best_plan_so_far(reference: Event) -> None:
    stop = threading.Event()
    timer = threading.Timer(1.0, stop.set)
    timer.start()
    try:
        plan = solve(reference, time_limit=120, seed=1, workers=2, stop=stop)
    finally:
        timer.cancel()
    assert any("stopped early" in note for note in plan.record.notes)
    assert check(reference, plan).ok
    assert plan.metrics.repeat_encounters >= plan.record.bounds[Goal.REPEAT_ENCOUNTERS]
