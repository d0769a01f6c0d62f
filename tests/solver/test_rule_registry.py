"""One labelled rule registry: every Rule has one solver and one checker function of one name.

The model tests follow the CP-SAT Primer: build the seat variables, add one rule, fix a
seat that breaks it and assert that the model is infeasible, while the same seat without
the rule is feasible. The checker twin then reports the broken seats under the same rule.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import pytest
from ortools.sat.python import cp_model

from rotation.checker import rules as checker_rules
from rotation.domain import Event, Group, Participant, Phase, Rule, Table, Theme, ThemeCoverage
from rotation.solver import rules as solver_rules
from rotation.solver.variables import SeatVariables


@pytest.mark.parametrize("registry", [solver_rules.RULES, checker_rules.RULES])
def test_solver_and_checker_each_cover_every_rule_in_order(registry: object) -> None:
    assert list(registry) == list(Rule)  # type: ignore[call-overload]


@pytest.mark.parametrize("rule", list(Rule))
def test_a_rules_solver_and_checker_functions_share_its_name(rule: Rule) -> None:
    solver_function = solver_rules.RULES[rule]
    checker_function = checker_rules.RULES[rule]
    assert solver_function.__name__ == checker_function.__name__ == rule.function_name
    assert getattr(solver_rules, rule.function_name) is solver_function
    assert getattr(checker_rules, rule.function_name) is checker_function
    for function in (solver_function, checker_function):
        doc = inspect.getdoc(function) or ""
        assert doc.startswith("Hard: "), function


def test_the_checker_functions_docstrings_match_the_solvers() -> None:
    same = [
        rule
        for rule in Rule
        if inspect.getdoc(solver_rules.RULES[rule]) == inspect.getdoc(checker_rules.RULES[rule])
    ]
    assert len(same) >= 4, "most rules say the same sentence in both layers"


# -- one model per rule ----------------------------------------------------------------------


def _people(n: int, **extra: object) -> tuple[Participant, ...]:
    return tuple(Participant(f"p{i}", **extra) for i in range(n))  # type: ignore[arg-type]


def _event(**changes: object) -> Event:
    """Four people, themes A and B with two tables of two each, two phases."""
    values: dict[str, object] = {
        "participants": _people(4),
        "themes": (Theme("A"), Theme("B")),
        "tables": (Table("A1", "A", 2), Table("A2", "A", 2), Table("B1", "B", 2)),
        "phases": (Phase(1), Phase(2)),
        "coverage": ThemeCoverage.NONE,
    }
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


Fix = tuple[str, int, str, bool]
"""A seat fixed in the model: (participant, phase, table, sits there or not)."""


@dataclass(frozen=True)
class Case:
    rule: Rule
    event: Event
    breaking: tuple[Fix, ...]


CASES = [
    Case(
        Rule.ONE_TABLE_PER_PHASE,
        _event(),
        tuple(("p0", 1, table, False) for table in ("A1", "A2", "B1")),
    ),
    Case(
        Rule.TABLES_ONLY_IN_THEIR_PHASES,
        _event(tables=(Table("A1", "A", 4), Table("B1", "B", 4, phases=frozenset({2})))),
        (("p0", 1, "B1", True),),
    ),
    Case(
        Rule.THEME_COVERAGE,
        _event(coverage=ThemeCoverage.EACH_ONCE),
        (("p0", 1, "A1", True), ("p0", 2, "A2", True)),
    ),
    Case(
        Rule.TABLE_CAPACITY,
        _event(),
        (("p0", 1, "B1", True), ("p1", 1, "B1", True), ("p2", 1, "B1", True)),
    ),
    Case(
        Rule.TABLE_CAPACITY,
        _event(tables=(Table("A1", "A", 4, min_size=2), Table("B1", "B", 4))),
        tuple((f"p{i}", 1, "B1", True) for i in range(4)),
    ),
    Case(
        Rule.PINS_AND_HOSTS,
        _event(participants=(Participant("p0", pins={1: "B1"}), *_people(4)[1:])),
        (("p0", 1, "A1", True),),
    ),
    Case(
        Rule.PINS_AND_HOSTS,
        _event(tables=(Table("A1", "A", 2, host="p1"), Table("A2", "A", 2), Table("B1", "B", 2))),
        (("p1", 2, "B1", True),),
    ),
    Case(
        Rule.KEEP_APART,
        _event(keep_apart=(Group("apart", ("p0", "p1")),)),
        (("p0", 1, "A1", True), ("p1", 1, "A1", True)),
    ),
    Case(
        Rule.KEEP_TOGETHER,
        _event(keep_together=(Group("together", ("p0", "p1")),)),
        (("p0", 2, "A1", True), ("p1", 2, "B1", True)),
    ),
]


def _solve(case: Case, *, with_rule: bool, broken: bool) -> tuple[int, dict[tuple[str, int], str]]:
    """Seat variables with nothing left out, one table per phase (unless that is the rule
    under test) and the rule under test; optionally the breaking seats fixed."""
    event = case.event
    model = cp_model.CpModel()
    v = SeatVariables.create(model, event, apply_pins=False, running_only=False)
    if case.rule is not Rule.ONE_TABLE_PER_PHASE:
        solver_rules.one_table_per_phase(event, v)
    if with_rule:
        solver_rules.RULES[case.rule](event, v, solver_rules.always)
    if broken:
        for person, phase, table, sits in case.breaking:
            i, k = event.participant_position(person), event.table_position(table)
            model.add(v.seat[i, phase, k] == int(sits))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    seats = v.extract(solver, event) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else {}
    return status, seats


def test_every_rule_has_a_model_case() -> None:
    assert {case.rule for case in CASES} == set(Rule)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.rule.function_name)
def test_the_rule_alone_admits_a_plan(case: Case) -> None:
    status, seats = _solve(case, with_rule=True, broken=False)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert not list(checker_rules.RULES[case.rule](case.event, seats))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.rule.function_name)
def test_a_seat_that_breaks_the_rule_makes_the_model_infeasible(case: Case) -> None:
    status, _ = _solve(case, with_rule=True, broken=True)
    assert status == cp_model.INFEASIBLE


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.rule.function_name)
def test_without_the_rule_the_same_seat_is_allowed_and_the_checker_names_the_rule(
    case: Case,
) -> None:
    status, seats = _solve(case, with_rule=False, broken=True)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE), "the rule is what forbids it"
    violations = list(checker_rules.RULES[case.rule](case.event, seats))
    assert violations and all(v.rule is case.rule for v in violations)
