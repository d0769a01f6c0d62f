"""Every hard rule: a tiny event that satisfies it, and one that cannot, explained."""

from __future__ import annotations

from collections import Counter

from solver_helpers import plan_for, reasons_for

from rotation import Event, Group, Participant, Phase, Table, Theme, ThemeCoverage, solve


def people(n: int, **extra: object) -> list[Participant]:
    return [Participant(f"p{i}", organisation=f"O{i % 3}", **extra) for i in range(n)]  # type: ignore[arg-type]


def two_themes(persons: list[Participant], size: int = 3, **extra: object) -> Event:
    return Event(
        participants=tuple(persons),
        themes=(Theme("A"), Theme("B")),
        tables=(
            Table("A1", "A", size),
            Table("A2", "A", size),
            Table("B1", "B", size),
            Table("B2", "B", size),
        ),
        phases=(Phase(1), Phase(2)),
        **extra,  # type: ignore[arg-type]
    )


# -- one table per phase, partial attendance -------------------------------------------------


def test_everybody_gets_one_table_in_each_phase_they_attend() -> None:
    persons = [*people(9), Participant("early", phases=frozenset({1}))]
    plan = plan_for(two_themes(persons))
    assert plan.table_of("early", 1) is not None
    assert plan.table_of("early", 2) is None
    assert all(plan.table_of(p.id, r) for p in persons[:9] for r in (1, 2))


def test_too_many_people_for_the_seats_is_explained() -> None:
    text = reasons_for(two_themes(people(13)))
    assert "Phase 1: 13 participants attend, but 4 tables seat only 12" in text
    assert "add 1 seat (more or larger tables)" in text


# -- theme coverage -----------------------------------------------------------------------


def test_each_theme_exactly_once() -> None:
    plan = plan_for(two_themes(people(12)))
    for p in plan.event.participants:
        themes = [plan.event.table(plan.table_of(p.id, r) or "").theme for r in (1, 2)]
        assert sorted(themes) == ["A", "B"]


def test_at_most_once_with_more_themes_than_phases() -> None:
    event = Event.build(people(12), themes=["A", "B", "C"], phases=2, table_size=4)
    assert event.resolved_coverage() is ThemeCoverage.AT_MOST_ONCE
    plan = plan_for(event)
    for p in event.participants:
        themes = [event.table(plan.table_of(p.id, r) or "").theme for r in (1, 2)]
        assert len(set(themes)) == 2


def test_evenly_with_more_phases_than_themes() -> None:
    event = Event.build(people(8), themes=["A", "B"], tables_per_theme=2, phases=4, table_size=2)
    plan = plan_for(event)
    for p in event.participants:
        visits = Counter(event.table(plan.table_of(p.id, r) or "").theme for r in range(1, 5))
        assert visits == {"A": 2, "B": 2}


def test_free_mixing_allows_the_same_theme_again() -> None:
    event = Event.build(people(6), themes=["Talk"], tables_per_theme=2, phases=3, table_size=3)
    assert event.resolved_coverage() is ThemeCoverage.NONE
    plan = plan_for(event)
    assert len(plan.seats) == 18


def test_theme_without_enough_seats_is_explained() -> None:
    event = Event(
        participants=tuple(people(6)),
        themes=(Theme("A"), Theme("B")),
        tables=(Table("A1", "A", 6), Table("B1", "B", 2), Table("X1", "A", 6)),
        phases=(Phase(1), Phase(2)),
    )
    text = reasons_for(event)
    assert "Theme 'B': 6 visits are needed" in text
    assert "its tables seat 4 over all phases" in text


def test_hosts_stay_and_are_exempt_from_coverage() -> None:
    persons = people(10)
    event = Event(
        participants=tuple(persons),
        themes=(Theme("A"), Theme("B")),
        tables=(Table("A1", "A", 5, host="p0"), Table("B1", "B", 5, host="p1")),
        phases=(Phase(1), Phase(2)),
    )
    plan = plan_for(event)
    assert plan.table_of("p0", 1) == plan.table_of("p0", 2) == "A1"
    assert plan.table_of("p1", 1) == plan.table_of("p1", 2) == "B1"


# -- capacity -------------------------------------------------------------------------------


def test_capacity_minimum_and_maximum_hold() -> None:
    event = Event(
        participants=tuple(people(10)),
        themes=(Theme("A"), Theme("B")),
        tables=(
            Table("A1", "A", 6, min_size=2),
            Table("A2", "A", 6, min_size=3),
            Table("B1", "B", 8, min_size=2),
            Table("B2", "B", 8, min_size=2),
        ),
        phases=(Phase(1), Phase(2)),
    )
    plan = plan_for(event)
    for r in (1, 2):
        sizes = Counter(plan.table_of(p.id, r) for p in event.participants)
        for table in event.tables:
            assert table.min_size <= sizes[table.id] <= table.max_size


def test_minimum_sizes_a_theme_cannot_fill_are_explained() -> None:
    event = Event(
        participants=tuple(people(10)),
        themes=(Theme("A"), Theme("B")),
        tables=(
            Table("A1", "A", 6, min_size=3),
            Table("A2", "A", 6, min_size=3),
            Table("B1", "B", 8),
            Table("B2", "B", 8),
        ),
        phases=(Phase(1), Phase(2)),
    )
    text = reasons_for(event)
    assert "Theme 'A': its tables need at least 12 visits over all phases" in text
    assert "10 participants can visit it only 10 times" in text


def test_minimum_sizes_above_attendance_are_explained() -> None:
    event = Event(
        participants=tuple(people(6)),
        themes=(Theme("A"),),
        tables=(Table("A1", "A", 6, min_size=4), Table("A2", "A", 6, min_size=4)),
        phases=(Phase(1),),
    )
    assert "the tables need at least 8 people in all, but only 6 attend" in reasons_for(event)


# -- pins -------------------------------------------------------------------------------------


def test_pins_are_honoured() -> None:
    persons = [Participant("pinned", pins={1: "B2", 2: "A1"}), *people(9)]
    plan = plan_for(two_themes(persons))
    assert plan.table_of("pinned", 1) == "B2"
    assert plan.table_of("pinned", 2) == "A1"


def test_pins_that_overfill_a_theme_are_explained_in_the_organisers_words() -> None:
    # Four people pinned to theme A in phase 1 must all take theme B in phase 2,
    # which seats only three.
    persons = [Participant(f"q{i}", pins={1: "A1" if i < 2 else "A2"}) for i in range(4)]
    event = Event(
        participants=(*persons, *people(2)),
        themes=(Theme("A"), Theme("B")),
        tables=(Table("A1", "A", 3), Table("A2", "A", 3), Table("B1", "B", 3)),
        phases=(Phase(1), Phase(2)),
    )
    text = reasons_for(event)
    assert "Phase 2: 4 participants still need theme 'B'" in text
    assert "its tables seat 3" in text


# -- keep apart / keep together -------------------------------------------------------------


def test_keep_apart_group_never_shares_a_table() -> None:
    event = two_themes(people(12), keep_apart=(Group("rivals", ("p0", "p3", "p6")),))
    plan = plan_for(event)
    for r in (1, 2):
        assert len({plan.table_of(m, r) for m in ("p0", "p3", "p6")}) == 3


def test_keep_apart_group_larger_than_the_tables_is_explained() -> None:
    event = two_themes(people(12), keep_apart=(Group("rivals", ("p0", "p1", "p2", "p3", "p4")),))
    assert "keep-apart group 'rivals' has 5 members present but only 4 tables run" in reasons_for(
        event
    )


def test_keep_together_group_always_shares_a_table() -> None:
    event = two_themes(people(12), keep_together=(Group("interpreter", ("p0", "p5")),))
    plan = plan_for(event)
    for r in (1, 2):
        assert plan.table_of("p0", r) == plan.table_of("p5", r)


def test_keep_together_group_larger_than_any_table_is_explained() -> None:
    event = two_themes(people(12), keep_together=(Group("club", ("p0", "p1", "p2", "p3")),))
    assert "keep-together group 'club' has 4 members present, but the largest table seats 3" in (
        reasons_for(event)
    )


def test_contradicting_groups_are_named_by_the_solver_core() -> None:
    event = two_themes(
        people(12),
        keep_apart=(Group("apart", ("p0", "p1")),),
        keep_together=(Group("together", ("p0", "p1")),),
    )
    text = reasons_for(event)
    assert "keep-apart group 'apart'" in text
    assert "keep-together group 'together'" in text


# -- tables only in some phases --------------------------------------------------------------


def test_tables_are_used_only_in_the_phases_they_run() -> None:
    event = Event(
        participants=tuple(people(8)),
        themes=(Theme("A"),),
        tables=(
            Table("T1", "A", 4),
            Table("T2", "A", 4),
            Table("Late", "A", 4, phases=frozenset({2})),
        ),
        phases=(Phase(1), Phase(2)),
    )
    plan = plan_for(event)
    assert not plan.members("Late", 1)


def test_a_phase_without_enough_running_tables_is_explained() -> None:
    event = Event(
        participants=tuple(people(8)),
        themes=(Theme("A"),),
        tables=(Table("T1", "A", 4), Table("T2", "A", 4, phases=frozenset({1}))),
        phases=(Phase(1), Phase(2)),
    )
    assert "Phase 2: 8 participants attend, but 1 table seats only 4" in reasons_for(event)


def test_identical_tables_that_never_run_are_left_alone() -> None:
    people = [Participant(f"p{i}") for i in range(8)]
    event = Event(
        participants=tuple(people),
        themes=(Theme("A"),),
        tables=(
            Table("A1", "A", 8),
            Table("X1", "A", 8, phases=frozenset()),
            Table("X2", "A", 8, phases=frozenset()),
        ),
        phases=(Phase(1), Phase(2)),
    )
    plan = solve(event, time_limit=5, seed=0, workers=1)
    assert {table for (_, _), table in plan.seats.items()} == {"A1"}
