"""The domain validates itself and every cross-reference, reporting all problems at once."""

from __future__ import annotations

import dataclasses

import pytest

from rotation import (
    CheckedPlan,
    Event,
    EventError,
    Goal,
    Group,
    InputError,
    Metric,
    Participant,
    Phase,
    Plan,
    SolveRecord,
    Status,
    Table,
    Theme,
    ThemeCoverage,
    check,
)


def people(n: int) -> list[Participant]:
    return [Participant(f"p{i}", f"Person {i}", organisation=f"O{i % 3}") for i in range(n)]


def test_build_makes_tables_per_theme_and_phases_per_theme() -> None:
    event = Event.build(people(12), themes=["Water", "Energy"], tables_per_theme=2)
    assert [t.id for t in event.tables] == ["W1", "W2", "E1", "E2"]
    assert [t.theme for t in event.tables] == ["Water", "Water", "Energy", "Energy"]
    assert event.phase_numbers == (1, 2)
    assert all(t.max_size == 3 for t in event.tables)
    assert event.resolved_coverage() is ThemeCoverage.EACH_ONCE


def test_clashing_initials_get_numbered_prefixes() -> None:
    event = Event.build(people(4), themes=["Energy", "Education"], tables_per_theme=1)
    assert [t.id for t in event.tables] == ["T1.1", "T2.1"]


@pytest.mark.parametrize(
    ("themes", "phases", "expected"),
    [
        (["A"], 3, ThemeCoverage.NONE),
        (["A", "B"], 2, ThemeCoverage.EACH_ONCE),
        (["A", "B", "C"], 2, ThemeCoverage.AT_MOST_ONCE),
        (["A", "B"], 3, ThemeCoverage.EVENLY),
    ],
)
def test_auto_coverage_follows_themes_and_phases(
    themes: list[str], phases: int, expected: ThemeCoverage
) -> None:
    event = Event.build(people(6), themes=themes, phases=phases, table_size=6)
    assert event.resolved_coverage() is expected


def test_domain_objects_are_frozen() -> None:
    person = Participant("a", "A", attributes={"gender": "w"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.name = "B"  # type: ignore[misc]
    with pytest.raises(TypeError):
        person.attributes["gender"] = "m"  # type: ignore[index]


def test_event_lists_every_cross_reference_problem_at_once() -> None:
    persons = [
        Participant("a", pins={1: "X9"}),
        Participant("a"),
        Participant("h", pins={1: "B1"}),
        Participant("q", preferred_first_theme="Nope", phases=frozenset({1, 7})),
    ]
    tables = (
        Table("A1", "A", 4, host="h"),
        Table("B1", "B", 4),
        Table("C1", "Ghost", 4),
        Table("A2", "A", 4, host="nobody"),
    )
    with pytest.raises(EventError) as caught:
        Event(
            participants=tuple(persons),
            themes=(Theme("A"), Theme("B")),
            tables=tables,
            phases=(Phase(1), Phase(2)),
            keep_apart=(Group("g", ("a", "zz")),),
            balance=("shoe size",),
        )
    text = str(caught.value)
    for fragment in (
        "participant id 'a' occurs more than once",
        "unknown table 'X9'",
        "Table 'C1' has theme 'Ghost'",
        "hosted by unknown participant 'nobody'",
        "'h' hosts table 'A1' but is pinned to table 'B1'",
        "prefers unknown theme 'Nope'",
        "attends phases [7]",
        "keep-apart group 'g' names unknown participants: zz",
        "attribute 'shoe size'",
    ):
        assert fragment in text
    assert len(caught.value.problems) >= 9
    assert isinstance(caught.value, InputError)
    assert isinstance(caught.value, ValueError)


def test_table_checks_its_own_capacity() -> None:
    with pytest.raises(EventError, match="minimum 5 and maximum 3"):
        Table("T", "A", 3, min_size=5)


def test_pin_to_a_table_that_does_not_run_is_refused() -> None:
    with pytest.raises(EventError, match="does not run then"):
        Event(
            participants=(Participant("a", pins={2: "A1"}),),
            themes=(Theme("A"),),
            tables=(Table("A1", "A", 4, phases=frozenset({1})), Table("A2", "A", 4)),
            phases=(Phase(1), Phase(2)),
        )


def test_lookups() -> None:
    event = Event.build(people(6), themes=["A", "B"], table_size=3)
    assert event.participant("p3").name == "Person 3"
    assert event.table("B1").theme == "B"
    assert [t.id for t in event.tables_in(1, "A")] == ["A1"]
    assert len(event.present_in(2)) == 6


# -- plans: lookups, the solve record, metrics -----------------------------------------------


def _two_phase_plan() -> Plan:
    event = Event.build(people(4), themes=["A", "B"], table_size=4)
    seats = {(p.id, 1): "A1" for p in event.participants[:3]}
    seats |= {(p.id, 2): "B1" for p in event.participants[:3]}
    return Plan(event, seats)


def test_plan_lookups_take_the_phase_last_and_answer_for_known_names() -> None:
    plan = _two_phase_plan()
    assert plan.table_of("p0", 1) == "A1"
    assert plan.table_of("p3", 1) is None, "p3 has no seat: None, not an error"
    assert plan.members("A1", 1) == ("p0", "p1", "p2")
    assert plan.members("B1", 1) == ()


@pytest.mark.parametrize(
    ("call", "word"),
    [
        (lambda plan: plan.members("Z9", 1), "table 'Z9'"),
        (lambda plan: plan.members("A1", 3), "phase 3"),
        (lambda plan: plan.members(1, "A1"), "phase 'A1'"),
        (lambda plan: plan.table_of("nobody", 1), "participant 'nobody'"),
        (lambda plan: plan.table_of("p0", 0), "phase 0"),
        (lambda plan: plan.table_of(1, "p0"), "phase 'p0'"),
    ],
)
def test_a_wrong_plan_lookup_raises_instead_of_answering_empty(call: object, word: str) -> None:
    with pytest.raises(KeyError, match=word):
        call(_two_phase_plan())  # type: ignore[operator]


def test_a_hand_made_plan_has_an_unchecked_record_and_a_checked_one_has_metrics() -> None:
    plan = _two_phase_plan()
    assert plan.record == SolveRecord()
    assert plan.record.status is Status.UNCHECKED and not plan.record.bounds
    assert not hasattr(plan, "metrics")
    metrics = check(plan.event, plan).metrics
    record = SolveRecord(status=Status.FEASIBLE, bounds={Goal.REPEAT_ENCOUNTERS: 3.0})
    checked = CheckedPlan(plan.event, plan.seats, record, metrics=metrics)
    assert checked.metrics.repeat_encounters == 3
    assert checked.gap(Goal.REPEAT_ENCOUNTERS) == 0
    assert checked.gap(Goal.SAME_ORGANISATION_PAIRS) is None
    assert checked.members("A1", 1) == plan.members("A1", 1)


def test_every_goal_minimises_a_metric_of_its_own_name() -> None:
    assert [goal.metric.goal for goal in Goal] == list(Goal)
    assert {m.goal for m in Metric if m.goal is not None} == set(Goal)
    assert Metric.DISTINCT_CONTACTS_MIN.goal is None
    assert Metric.REPEAT_PAIRS.label == "repeat pairs"


def test_metrics_answer_for_every_metric() -> None:
    plan = _two_phase_plan()
    metrics = check(plan.event, plan).metrics
    figures = metrics.as_dict()
    assert [k for k in figures if k != "attribute_deviation_by_attribute"] == [
        metric.value for metric in Metric
    ]
    assert all(metrics.value(metric) == pytest.approx(figures[metric.value]) for metric in Metric)
