"""Symmetry breaking: interchangeable tables are used in order, and a plan can be relabelled."""

from __future__ import annotations

from ortools.sat.python import cp_model

from rotation.domain import Event, Participant, Phase, Table, Theme
from rotation.solver.rules import one_table_per_phase, table_capacity
from rotation.solver.symmetry import (
    add_symmetry_breaking,
    interchangeable_tables,
    relabel_for_symmetry,
)
from rotation.solver.variables import SeatVariables


def _event(*tables: Table, people: int = 6) -> Event:
    return Event(
        participants=tuple(Participant(f"p{i}") for i in range(people)),
        themes=(Theme("A"), Theme("B")),
        tables=tables,
        phases=(Phase(1), Phase(2)),
    )


THREE_A = (Table("A1", "A", 3), Table("A2", "A", 3), Table("A3", "A", 3), Table("B1", "B", 6))


def test_tables_alike_in_theme_size_and_phases_are_interchangeable() -> None:
    assert interchangeable_tables(_event(*THREE_A)) == [[0, 1, 2]]


def test_a_host_a_pin_a_size_or_phases_tell_tables_apart() -> None:
    tables = (
        Table("A1", "A", 3),
        Table("A2", "A", 3, host="p0"),
        Table("A3", "A", 4),
        Table("A4", "A", 3, phases=frozenset({2})),
        Table("A5", "A", 3),
        Table("B1", "B", 9),
    )
    people = [Participant("p0"), Participant("p1", pins={1: "A5"}), Participant("p2")]
    event = Event(tuple(people), (Theme("A"), Theme("B")), tables, (Phase(1), Phase(2)))
    assert interchangeable_tables(event) == []


def _model(event: Event, *, symmetry: bool) -> tuple[cp_model.CpModel, SeatVariables]:
    model = cp_model.CpModel()
    v = SeatVariables.create(model, event)
    one_table_per_phase(event, v)
    table_capacity(event, v)
    if symmetry:
        add_symmetry_breaking(event, v)
    return model, v


def _status(model: cp_model.CpModel) -> int:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return int(solver.solve(model))


def test_the_first_person_may_not_open_the_second_of_interchangeable_tables() -> None:
    event = _event(*THREE_A)
    for symmetry, expected in ((False, cp_model.OPTIMAL), (True, cp_model.INFEASIBLE)):
        model, v = _model(event, symmetry=symmetry)
        model.add(v.seat[0, 1, 1] == 1)  # p0 at A2 in phase 1, before anybody sits at A1
        assert _status(model) == expected


def test_a_relabelled_plan_satisfies_the_symmetry_breaking_and_keeps_its_groups() -> None:
    event = _event(*THREE_A)
    # p0 opens A3, p1 A2, p2 A1 in phase 1: against the order, but a valid plan.
    seats = {(i, 1): k for i, k in enumerate((2, 1, 0, 2, 1, 0))}
    seats |= {(i, 2): 3 for i in range(6)}
    relabelled = relabel_for_symmetry(event, seats, interchangeable_tables(event))
    assert [relabelled[i, 1] for i in range(6)] == [0, 1, 2, 0, 1, 2]
    assert all(relabelled[i, 2] == 3 for i in range(6)), "other tables keep their labels"
    model, v = _model(event, symmetry=True)
    for (i, r), k in relabelled.items():
        model.add(v.seat[i, r, k] == 1)
    assert _status(model) == cp_model.OPTIMAL
