"""The hidden ``rotation-data`` sheet: the event and the figures, saved and read back."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from plan_workbook_helpers import event_for, rotation_plan

from rotation.domain import (
    Event,
    Goal,
    Goals,
    Group,
    Participant,
    Phase,
    Plan,
    Table,
    Theme,
    ThemeCoverage,
)
from rotation.io.workbook.data_sheet import (
    DATA_MARKER,
    event_from_json,
    event_to_json,
    read_data_sheet,
    record_from_json,
    seats_fingerprint,
    write_data_sheet,
)
from rotation.io.workbook.labels import DATA_SHEET

CELL_LIMIT = 32_767
"""The most characters a spreadsheet cell holds."""


def rich_event() -> Event:
    """An event using every field the data sheet stores."""
    people = [
        Participant(
            f"{i:04d}",
            f"Person {i}",
            organisation=f"Kommune {i % 3}",
            attributes={"gender": "wm"[i % 2], "role": "Leitung" if i < 3 else "Team"},
            email=f"p{i}@example.org",
            phases=frozenset({1}) if i == 7 else None,
            pins={2: "B1"} if i == 1 else {},
            preferred_first_theme="Stadt und Land" if i == 2 else None,
        )
        for i in range(1, 9)
    ]
    return Event(
        participants=tuple(people),
        themes=(Theme("Jung und Alt"), Theme("Stadt und Land")),
        tables=(
            Table("A1", "Jung und Alt", 4, 2, host="0003"),
            Table("A2", "Jung und Alt", 4, phases=frozenset({1})),
            Table("B1", "Stadt und Land", 5),
        ),
        phases=(Phase(1, "Vormittag"), Phase(2, "Nachmittag")),
        keep_apart=(Group("Chefs", ("0001", "0002")),),
        keep_together=(Group("Tandem", ("0004", "0005")),),
        coverage=ThemeCoverage.AT_MOST_ONCE,
        balance=("gender", "role"),
        goals=Goals(weights={"repeat_encounters": 2, "same_organisation_pairs": 5}),
        name="Werkstatttreffen West",
        attribute_names={"gender": "Geschlecht", "role": "Funktion"},
        language="de",
    )


def without_emails(event: Event) -> Event:
    """The event as stored: e-mail addresses are left out on purpose."""
    people = tuple(replace(p, email="") for p in event.participants)
    return replace(event, participants=people)


def saved_and_loaded(plan: Plan, path: Path) -> Workbook:
    workbook = Workbook()
    write_data_sheet(workbook, plan)
    workbook.save(path)
    return load_workbook(path)


def test_every_field_of_the_event_survives_a_saved_workbook(tmp_path: Path) -> None:
    event = rich_event()
    loaded = saved_and_loaded(Plan(event, {}), tmp_path / "plan.xlsx")
    sheet = loaded[DATA_SHEET]
    assert sheet.sheet_state == "hidden"  # not "veryHidden": an organiser may look
    assert (sheet["A1"].value, sheet["B1"].value) == (DATA_MARKER, 1)
    data = read_data_sheet(loaded)
    assert data is not None
    back = event_from_json(data["event"])
    assert back == without_emails(event)
    assert back.attribute_names == event.attribute_names and back.language == "de"
    assert "@" not in json.dumps(data)  # no e-mail address in the handed-around plan


def test_the_solve_record_and_the_seats_fingerprint(tmp_path: Path) -> None:
    plan = rotation_plan(event_for(12, tables_per_theme=2))
    data = read_data_sheet(saved_and_loaded(plan, tmp_path / "plan.xlsx"))
    assert data is not None
    assert record_from_json(data["plan"]) == plan.record
    assert data["plan"]["seats_sha256"] == seats_fingerprint(plan.seats)


def test_seats_fingerprint_ignores_order_and_sees_one_moved_seat() -> None:
    seats = {("a", 1): "T1", ("b", 1): "T2", ("a", 2): "T2"}
    shuffled = dict(reversed(list(seats.items())))
    assert seats_fingerprint(seats) == seats_fingerprint(shuffled)
    assert seats_fingerprint(seats) != seats_fingerprint({**seats, ("a", 2): "T1"})


def test_a_large_event_is_cut_into_cells_a_spreadsheet_can_hold(tmp_path: Path) -> None:
    people = [Participant(f"p{i}", "N" * 300 + str(i)) for i in range(300)]
    event = Event.build(people, themes=["A", "B"], tables_per_theme=10)
    loaded = saved_and_loaded(Plan(event, {}), tmp_path / "plan.xlsx")
    pieces = [row[0] for row in loaded[DATA_SHEET].iter_rows(min_row=2, values_only=True)]
    assert len(pieces) >= 3
    assert all(isinstance(p, str) and len(p) <= CELL_LIMIT for p in pieces)
    data = read_data_sheet(loaded)
    assert data is not None and event_from_json(data["event"]) == event


def test_a_workbook_without_the_sheet_has_no_data() -> None:
    assert read_data_sheet(Workbook()) is None


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("A1", "something else", "should read 'rotation-plan-data'"),
        ("B1", 2, "version 2 is not supported"),
        ("A2", '{"event": ', "Expecting value"),
        ("A2", '["not", "an", "object"]', "has no 'event'"),
    ],
)
def test_a_damaged_sheet_is_a_value_error(
    tmp_path: Path, cell: str, value: object, message: str
) -> None:
    workbook = Workbook()
    write_data_sheet(workbook, rotation_plan(event_for(6, tables_per_theme=1)))
    workbook[DATA_SHEET][cell] = value
    workbook.save(tmp_path / "plan.xlsx")
    with pytest.raises(ValueError, match=message):
        read_data_sheet(load_workbook(tmp_path / "plan.xlsx"))


def test_goals_in_strict_priority_are_stored_in_order() -> None:
    goals = Goals(priority=(Goal.SAME_ORGANISATION_PAIRS, Goal.REPEAT_ENCOUNTERS))
    event = replace(event_for(6, tables_per_theme=1), goals=goals)
    assert event_from_json(event_to_json(event)).goals == goals
