"""Re-planning on the day: frozen phases, absences, late arrivals, fewest moved seats."""

from __future__ import annotations

from pathlib import Path

import pytest
from solver_helpers import SOLVE, plan_for

from rotation import (
    Event,
    Goal,
    InputError,
    NoPlanError,
    Participant,
    Plan,
    check,
    read_event,
    replan,
)
from rotation.checker import ChangeKind, plan_changes
from rotation.solver.bounds import moved_seats_bound
from rotation.solver.replan import replan_event

DATA = Path(__file__).resolve().parents[1] / "data"
THEMES = ["Integration und Teilhabe", "Gleichstellung und Vielfalt"]


@pytest.fixture(scope="module")
def meeting() -> Plan:
    """50 people, two themes of three tables (8 to 9 seats), two phases."""
    event = read_event(
        DATA / "anmeldungen-werkstatttreffen-50.xlsx",
        themes=THEMES,
        tables_per_theme=3,
        table_size=9,
        min_table_size=8,
    )
    return plan_for(event)


def _walk_ins(count: int, phases: set[int] | None = None) -> list[Participant]:
    return [
        Participant(f"W{n}", f"Walk-in {n}", organisation=f"Neu {n}", phases=phases)
        for n in range(count)
    ]


def test_replan_keeps_phase_one_and_moves_no_more_than_the_bound(meeting: Plan) -> None:
    absent = [p.id for p in meeting.event.participants[:4]]
    new = replan(meeting, absent=absent, add=_walk_ins(3), from_phase=2, **SOLVE)
    assert check(new.event, new).ok
    for person in meeting.event.participants:
        assert new.seats[person.id, 1] == meeting.seats[person.id, 1]
    assert new.metrics is not None
    assert new.metrics.moved_seats == new.record.bounds[Goal.MOVED_SEATS]
    assert new.record.objective_terms[Goal.MOVED_SEATS] == new.metrics.moved_seats
    for person in absent:
        assert (person, 2) not in new.seats
    for walk_in in ("W0", "W1", "W2"):
        assert (walk_in, 1) not in new.seats
        assert (walk_in, 2) in new.seats


def test_changes_are_exactly_the_differing_seats(meeting: Plan) -> None:
    absent = [p.id for p in meeting.event.participants[10:14]]
    new = replan(meeting, absent=absent, add=_walk_ins(3), from_phase=2, **SOLVE)
    changes = plan_changes(new)
    before, after = dict(meeting.seats), dict(new.seats)
    differing = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert {(c.participant_id, c.phase) for c in changes.seats} == differing
    assert set(changes.absent) == set(absent)
    assert changes.added == ("W0", "W1", "W2")
    assert len(changes.moved) == new.metrics.moved_seats if new.metrics else False
    assert all(c.kind is ChangeKind.MOVED for c in changes.moved)


def test_nothing_changed_moves_nothing(meeting: Plan) -> None:
    new = replan(meeting, from_phase=2, **SOLVE)
    assert dict(new.seats) == dict(meeting.seats)
    assert new.metrics is not None and new.metrics.moved_seats == 0
    assert plan_changes(new).seats == ()


def test_walk_in_from_the_last_phase_needs_one_theme() -> None:
    people = [Participant(f"p{i}", organisation=f"O{i % 4}") for i in range(12)]
    event = Event.build(people, themes=["Water", "Energy"], tables_per_theme=2, table_size=4)
    plan = plan_for(event)
    new = replan(plan, add=_walk_ins(2, phases={1, 2}), from_phase=2, **SOLVE)
    assert check(new.event, new).ok
    assert new.event.participant("W0").phases == frozenset({2})
    assert (("W0", 2) in new.seats) and (("W0", 1) not in new.seats)


def test_frozen_theme_is_not_visited_again() -> None:
    people = [Participant(f"p{i}", organisation=f"O{i % 4}") for i in range(12)]
    event = Event.build(people, themes=["Water", "Energy"], tables_per_theme=2, table_size=4)
    plan = plan_for(event)
    new = replan(plan, absent=["p0", "p1"], from_phase=2, **SOLVE)
    for person in new.event.participants:
        if (person.id, 2) in new.seats:
            first, second = new.seats[person.id, 1], new.seats[person.id, 2]
            assert event.table(first).theme != event.table(second).theme


def test_a_table_below_its_minimum_forces_moves_and_the_note_says_so() -> None:
    people = [Participant(f"p{i}", organisation=f"O{i % 5}") for i in range(16)]
    event = Event.build(
        people, themes=["Water", "Energy"], tables_per_theme=2, table_size=4, min_table_size=4
    )
    plan = plan_for(event)
    leaving = [p for (p, r), t in sorted(plan.seats.items()) if r == 2 and t == "W1"][:2]
    # Two fewer people cannot fill four tables of four: no plan, and the reason says why.
    with pytest.raises(NoPlanError):
        replan(plan, absent=leaving, from_phase=2, **SOLVE)
    new = replan(plan, absent=leaving, add=_walk_ins(2), from_phase=2, **SOLVE)
    assert check(new.event, new).ok
    assert new.metrics is not None
    assert new.metrics.moved_seats == new.record.bounds[Goal.MOVED_SEATS]


def test_moved_seats_bound_counts_tables_short_of_their_minimum() -> None:
    people = [Participant(f"p{i}") for i in range(8)]
    event = Event.build(people, themes=["Water"], tables_per_theme=2, table_size=4, phases=1)
    seats = {(f"p{i}", 1): "W1" if i < 4 else "W2" for i in range(8)}
    plan = Plan(event, seats)
    # Three of W1's four leave; W1 needs 3 and keeps 1, nobody new comes: 2 must move.
    strict = Event.build(
        people, themes=["Water"], tables_per_theme=2, table_size=5, min_table_size=3, phases=1
    )
    replanned = replan_event(Plan(strict, seats), absent=["p0", "p1", "p2"], from_phase=1)
    assert moved_seats_bound(replanned) == 2
    assert moved_seats_bound(replan_event(plan, from_phase=1)) == 0


def test_bad_requests_are_refused_with_the_id() -> None:
    people = [Participant(f"p{i}") for i in range(8)]
    event = Event.build(people, themes=["Water", "Energy"], tables_per_theme=2)
    plan = plan_for(event)
    with pytest.raises(InputError, match="'nobody'"):
        replan(plan, absent=["nobody"], from_phase=2, **SOLVE)
    with pytest.raises(InputError, match="'p3'"):
        replan(plan, add=[Participant("p3")], from_phase=2, **SOLVE)
    with pytest.raises(ValueError, match="3, is not a phase"):
        replan(plan, from_phase=3, **SOLVE)
