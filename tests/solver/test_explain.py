"""Explanations of impossible events: counting first, then a small core of rule instances."""

from __future__ import annotations

from rotation.domain import Event, Group, Participant, Phase, Rule, Table, Theme, ThemeCoverage
from rotation.solver.explain import (
    counting_conflicts,
    explain_infeasibility,
    rule_conflict,
    summarise,
)
from rotation.solver.rules import RuleInstance


def _event(people: int = 8, size: int = 4, **changes: object) -> Event:
    values: dict[str, object] = {
        "participants": tuple(Participant(f"p{i}") for i in range(people)),
        "themes": (Theme("A"), Theme("B")),
        "tables": (Table("A1", "A", size), Table("B1", "B", size)),
        "phases": (Phase(1), Phase(2)),
    }
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


def test_counting_names_the_phase_and_the_missing_seats() -> None:
    reasons = counting_conflicts(_event(people=10))
    assert reasons[0] == (
        "Phase 1: 10 participants attend, but 2 tables seat only 8; add 2 seats (more or "
        "larger tables)."
    )
    assert counting_conflicts(_event()) == []


def test_a_feasible_event_has_no_rule_conflict() -> None:
    assert rule_conflict(_event(), time_limit=5) is None


def test_the_core_carries_the_rules_it_comes_from() -> None:
    event = _event(
        keep_apart=(Group("apart", ("p0", "p1")),),
        keep_together=(Group("together", ("p0", "p1")),),
    )
    assert counting_conflicts(event) == [], "only the solver can see this conflict"
    core = rule_conflict(event, time_limit=5)
    assert core is not None
    assert {instance.rule for instance in core} == {Rule.KEEP_APART, Rule.KEEP_TOGETHER}
    assert [str(instance) for instance in core if instance.rule is Rule.KEEP_APART] == [
        "the members of keep-apart group 'apart' sit apart"
    ]


def test_pins_against_the_theme_rule_are_explained_by_both_rules() -> None:
    pinned = Participant("p0", pins={1: "A1", 2: "A1"})
    event = _event(
        participants=(pinned, *(Participant(f"p{i}") for i in range(1, 8))),
        coverage=ThemeCoverage.EACH_ONCE,
    )
    core = rule_conflict(event, time_limit=5)
    assert core is not None
    assert {instance.rule for instance in core} == {Rule.PINS_AND_HOSTS, Rule.THEME_COVERAGE}
    text = "\n".join(explain_infeasibility(event, time_limit=5))
    assert "participant 'p0' is pinned to table 'A1'" in text
    assert "participant 'p0' must have theme 'A' exactly once" in text


def test_summarise_merges_instances_that_differ_only_in_the_participant() -> None:
    instances = [
        RuleInstance(Rule.THEME_COVERAGE, f"participant '{p}' must have theme 'A' exactly once")
        for p in ("a", "b")
    ] + [RuleInstance(Rule.TABLE_CAPACITY, "table 'A1' seats at most 4 in phase 1")]
    assert summarise(instances) == [
        "participants 'a', 'b' (each) must have theme 'A' exactly once",
        "table 'A1' seats at most 4 in phase 1",
    ]
