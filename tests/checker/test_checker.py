"""The checker recomputes every rule and metric from the seats alone."""

from __future__ import annotations

import pytest

from rotation import Event, Group, Participant, Phase, Plan, Rule, Table, Theme, check
from rotation.checker.metrics import pairs


def event_4x2(**extra: object) -> Event:
    """Four people, themes A and B with two tables each of at most 2, two phases."""
    return Event(
        participants=tuple(
            Participant(f"p{i}", organisation="Same" if i < 2 else f"O{i}", attributes={"g": g})
            for i, g in enumerate("wwmm")
        ),
        themes=(Theme("A"), Theme("B")),
        tables=(Table("A1", "A", 2), Table("A2", "A", 2), Table("B1", "B", 2), Table("B2", "B", 2)),
        phases=(Phase(1), Phase(2)),
        **extra,  # type: ignore[arg-type]
    )


GOOD = {
    ("p0", 1): "A1", ("p1", 1): "B1", ("p2", 1): "A1", ("p3", 1): "B1",
    ("p0", 2): "B1", ("p1", 2): "A1", ("p2", 2): "B2", ("p3", 2): "A2",
}  # fmt: skip


def test_a_good_plan_breaks_no_rule_and_has_the_expected_metrics() -> None:
    report = check(event_4x2(), Plan(event_4x2(), GOOD))
    assert report.ok, report.violations
    m = report.metrics
    assert (m.repeat_encounters, m.repeat_pairs, m.same_organisation_pairs) == (0, 0, 0)
    # Everybody sits alone in phase 2, so each person meets exactly one other.
    assert (m.distinct_contacts_min, m.distinct_contacts_mean) == (1, 1.0)
    # Phase 1 seats two at A1 and B1 and nobody at A2 and B2.
    assert m.uneven_table_sizes == 2 + 2


def test_repeat_encounters_cost_c_m_2_per_pair() -> None:
    people = tuple(Participant(f"p{i}") for i in range(3))
    event = Event(
        participants=people,
        themes=(Theme("A"),),
        tables=(Table("T1", "A", 3), Table("T2", "A", 3)),
        phases=(Phase(1), Phase(2), Phase(3)),
    )
    # p0 and p1 meet in all three phases (C(3,2) = 3); p2 meets each of them once.
    seats = {(p, r): "T1" for p in ("p0", "p1") for r in (1, 2, 3)}
    seats |= {("p2", 1): "T1", ("p2", 2): "T2", ("p2", 3): "T2"}
    m = check(event, Plan(event, seats)).metrics
    assert m.repeat_encounters == 3
    assert m.repeat_pairs == 1
    assert pairs(3) == 3


@pytest.mark.parametrize(
    ("change", "rule", "who"),
    [
        ({("p0", 2): "A2"}, Rule.THEME_COVERAGE, "p0"),
        ({("p1", 1): "A1"}, Rule.TABLE_CAPACITY, None),
        ({("p9", 1): "A1"}, Rule.ONE_TABLE_PER_PHASE, "p9"),
        ({("p2", 2): "Z9"}, Rule.ONE_TABLE_PER_PHASE, "p2"),
    ],
)
def test_each_broken_rule_is_named(
    change: dict[tuple[str, int], str], rule: Rule, who: str | None
) -> None:
    seats = {**GOOD, **change}
    report = check(event_4x2(), Plan(event_4x2(), seats))
    assert not report.ok
    assert any(v.rule is rule and (who is None or v.participant == who) for v in report.violations)


def test_missing_seat_is_reported() -> None:
    seats = {k: v for k, v in GOOD.items() if k != ("p3", 2)}
    report = check(event_4x2(), Plan(event_4x2(), seats))
    messages = [str(v) for v in report.violations]
    assert messages[0] == "one table per phase: 'p3' has no table in phase 2."
    assert "theme coverage: 'p3' never has theme 'A'." in messages


def test_capacity_minimum_is_checked() -> None:
    event = Event(
        participants=(Participant("a"), Participant("b")),
        themes=(Theme("A"),),
        tables=(Table("T1", "A", 2, min_size=2), Table("T2", "A", 2)),
        phases=(Phase(1),),
    )
    report = check(event, Plan(event, {("a", 1): "T1", ("b", 1): "T2"}))
    assert [v.rule for v in report.violations] == [Rule.TABLE_CAPACITY]
    assert "needs at least 2" in report.violations[0].message


def test_pins_hosts_and_groups_are_checked() -> None:
    event = event_4x2(
        keep_apart=(Group("rivals", ("p0", "p2")),),
        keep_together=(Group("interpreter", ("p1", "p3")),),
    )
    report = check(event, Plan(event, GOOD))
    rules = {v.rule for v in report.violations}
    assert rules == {Rule.KEEP_APART, Rule.KEEP_TOGETHER}
    apart = next(v for v in report.violations if v.rule is Rule.KEEP_APART)
    assert apart.phase == 1 and apart.table == "A1"
    pinned = Event(
        participants=(Participant("a", pins={1: "T2"}), Participant("b")),
        themes=(Theme("A"),),
        tables=(Table("T1", "A", 2, host="b"), Table("T2", "A", 2)),
        phases=(Phase(1),),
    )
    report = check(pinned, Plan(pinned, {("a", 1): "T1", ("b", 1): "T2"}))
    assert {v.participant for v in report.violations} == {"a", "b"}
    assert all(v.rule is Rule.PINS_AND_HOSTS for v in report.violations)


def test_table_phases_and_absence_are_checked() -> None:
    event = Event(
        participants=(Participant("a", phases=frozenset({1})), Participant("b")),
        themes=(Theme("A"),),
        tables=(Table("T1", "A", 2, phases=frozenset({1})), Table("T2", "A", 2)),
        phases=(Phase(1), Phase(2)),
    )
    seats = {("a", 1): "T1", ("a", 2): "T2", ("b", 1): "T2", ("b", 2): "T1"}
    rules = [v.rule for v in check(event, Plan(event, seats)).violations]
    assert Rule.TABLES_ONLY_IN_THEIR_PHASES in rules
    assert Rule.ONE_TABLE_PER_PHASE in rules


def test_attribute_deviation_uses_the_phase_share() -> None:
    event = event_4x2(balance=("g",))
    # Phase 1: A1 = {w, w}, B1 = {m, m}: each table has share 1 of 2 for each value.
    seats = {**GOOD, ("p1", 1): "A1", ("p2", 1): "B1"}
    m = check(event, Plan(event, seats)).metrics
    assert m.attribute_deviation_max == pytest.approx(1.0)
    # Phase 1: 2 tables x 2 values x |2 - 1| or |0 - 1| = 4; phase 2: 4 tables x 2 x 0.5 = 4.
    assert m.attribute_deviation == pytest.approx(8.0)
    assert m.same_organisation_pairs == 1


def test_unmet_preferences_and_uneven_sizes() -> None:
    event = Event(
        participants=(
            Participant("a", preferred_first_theme="B"),
            Participant("b", preferred_first_theme="A"),
            Participant("c"),
        ),
        themes=(Theme("A"), Theme("B")),
        tables=(Table("A1", "A", 3), Table("A2", "A", 3), Table("B1", "B", 3)),
        phases=(Phase(1), Phase(2)),
    )
    seats = {("a", 1): "A1", ("b", 1): "A1", ("c", 1): "B1"}
    seats |= {("a", 2): "B1", ("b", 2): "B1", ("c", 2): "A1"}
    m = check(event, Plan(event, seats)).metrics
    assert m.unmet_preferences == 1
    assert m.uneven_table_sizes == 2 + 1
