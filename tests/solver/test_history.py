"""Earlier events: matching people across events and the earlier-encounters goal."""

from __future__ import annotations

import pytest
from solver_helpers import SOLVE, plan_for

from rotation import EarlierPlan, Event, Goal, Participant, Plan, replan, solve
from rotation.checker import compute_metrics
from rotation.solver import match_people, with_history
from rotation.solver.bounds import earlier_bound


def _people(prefix: str = "p", count: int = 24) -> list[Participant]:
    return [
        Participant(
            f"{prefix}{i}",
            f"Person {i}",
            organisation=f"Org {i % 6}",
            email=f"person{i}@example.org",
        )
        for i in range(count)
    ]


def _event(people: list[Participant]) -> Event:
    return Event.build(people, themes=["Water", "Energy"], tables_per_theme=3, table_size=4)


@pytest.fixture(scope="module")
def first() -> Plan:
    return plan_for(_event(_people()))


def test_people_are_matched_by_id_then_email_then_name_and_organisation() -> None:
    earlier = _event(
        [
            Participant("a", "Anna", organisation="Org"),
            Participant("old-b", "Ben", organisation="Org", email="Ben@Example.org"),
            Participant("old-c", "Jörg  Müller", organisation="Stadt A"),
            Participant("old-d", "Dana", organisation="Org"),
        ]
    )
    now = _event(
        [
            Participant("a", "Anna", organisation="Org"),
            Participant("b", "Benjamin", organisation="Org", email="ben@example.org "),
            Participant("c", "jorg muller", organisation="STADT  A"),
            Participant("d1", "Dana", organisation="Org 2"),
        ]
    )
    assert match_people(now, earlier) == {"a": "a", "old-b": "b", "old-c": "c"}


def test_two_people_with_one_name_are_matched_by_neither() -> None:
    earlier = _event([Participant("x", "Kim", organisation="Org")])
    now = _event(
        [Participant("k1", "Kim", organisation="Org"), Participant("k2", "Kim", organisation="Org")]
    )
    assert match_people(now, earlier) == {}


def test_history_halves_earlier_encounters_and_keeps_repeats_at_their_bound(
    first: Plan,
) -> None:
    second = _event(_people())
    without = solve(second, **{**SOLVE, "seed": 11})
    measured = compute_metrics(with_history(second, [first]), without.seats)
    planned = plan_for(second, seed=11, history=[first])
    assert planned.metrics is not None and without.metrics is not None
    assert planned.metrics.earlier_encounters * 2 <= measured.earlier_encounters
    record, metrics = planned.record, planned.metrics
    assert metrics.repeat_encounters == record.bounds[Goal.REPEAT_ENCOUNTERS]
    assert record.objective_terms[Goal.EARLIER_ENCOUNTERS] == metrics.earlier_encounters
    assert record.bounds[Goal.EARLIER_ENCOUNTERS] <= metrics.earlier_encounters


def test_other_ids_are_matched_through_email(first: Plan) -> None:
    renamed = _event(_people(prefix="n"))
    history = with_history(renamed, [first]).history
    assert history[0].matched == 24
    assert all(member.startswith("n") for group in history[0].groups for member in group)


def test_earlier_bound_counts_a_group_larger_than_the_tables() -> None:
    people = [Participant(f"p{i}") for i in range(8)]
    event = Event.build(people, themes=["Water"], tables_per_theme=2, table_size=4, phases=1)
    grouped = Event(
        event.participants,
        event.themes,
        event.tables,
        event.phases,
        history=(EarlierPlan("before", (tuple(f"p{i}" for i in range(5)),)),),
    )
    # Five people of one earlier table at two tables: at least 3 + 1 pairs meet again.
    assert earlier_bound(grouped) == 4


def test_a_replan_keeps_the_history(first: Plan) -> None:
    planned = plan_for(_event(_people()), seed=3, history=[first])
    again = replan(planned, absent=["p0"], from_phase=2, **SOLVE)
    assert again.event.history == planned.event.history
    assert again.metrics is not None
    assert again.record.objective_terms[Goal.EARLIER_ENCOUNTERS] == again.metrics.earlier_encounters
