"""Issue 16, cause 8: the public API checks its parameters at the boundary (rotation.limits).

A wrong kind of value is a TypeError, a value outside its range an InputError (a
ValueError); both name the parameter, before any work starts.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from rotation import Event, InputError, Participant, solve
from rotation.domain import Phase, Table
from rotation.io import read_event
from rotation.limits import MAX_PHASES, MAX_SEED, MAX_TABLES, MAX_WORKERS

PEOPLE = [Participant(f"p{i}", organisation=f"O{i % 3}") for i in range(8)]


def small_event() -> Event:
    return Event.build(PEOPLE, themes=["Water", "Energy"], tables_per_theme=2)


@pytest.mark.parametrize(
    ("arguments", "error", "parameter"),
    [
        ({"tables_per_theme": "3"}, TypeError, "tables_per_theme"),
        ({"tables_per_theme": 2.5}, TypeError, "tables_per_theme"),
        ({"tables_per_theme": True}, TypeError, "tables_per_theme"),
        ({"table_size": "5"}, TypeError, "table_size"),
        ({"themes": "Water"}, TypeError, "themes"),
        ({"themes": [1, 2]}, TypeError, "themes"),
        ({"phases": 10**8}, InputError, "phases"),
        ({"phases": 0}, InputError, "phases"),
        ({"tables_per_theme": MAX_TABLES}, InputError, "number of tables"),
        ({"min_table_size": 9, "table_size": 4}, InputError, "min_table_size"),
    ],
)
def test_event_build_names_the_bad_parameter(
    arguments: dict[str, Any], error: type[Exception], parameter: str
) -> None:
    options: dict[str, Any] = {"themes": ["Water", "Energy"], **arguments}
    with pytest.raises(error, match=parameter):
        Event.build(PEOPLE, **options)


@pytest.mark.parametrize(
    ("arguments", "error", "parameter"),
    [
        ({"workers": "2"}, TypeError, "workers"),
        ({"workers": 0}, InputError, "workers"),
        ({"workers": MAX_WORKERS + 1}, InputError, "workers"),
        ({"workers": 3_000_000_000}, InputError, "workers"),
        ({"seed": 2**40}, InputError, "seed"),
        ({"seed": MAX_SEED + 1}, InputError, "seed"),
        ({"seed": -1}, InputError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
        ({"method": "bogus"}, InputError, "method"),
        ({"method": 3}, TypeError, "method"),
        ({"time_limit": -1}, InputError, "time_limit"),
        ({"time_limit": 0}, InputError, "time_limit"),
        ({"time_limit": float("nan")}, InputError, "time_limit"),
        ({"time_limit": float("inf")}, InputError, "time_limit"),
        ({"time_limit": "5"}, TypeError, "time_limit"),
        ({"stop": True}, TypeError, "stop"),
        ({"progress": "yes"}, TypeError, "progress"),
    ],
)
def test_solve_names_the_bad_parameter(
    arguments: dict[str, Any], error: type[Exception], parameter: str
) -> None:
    with pytest.raises(error, match=parameter):
        solve(small_event(), **arguments)


def test_input_errors_are_value_errors_for_api_users() -> None:
    with pytest.raises(ValueError, match="seed"):
        solve(small_event(), seed=2**40)


def test_a_method_given_by_its_name_and_the_largest_values_are_accepted() -> None:
    plan = solve(
        small_event(),
        method="construct",  # type: ignore[arg-type]
        seed=MAX_SEED,
        workers=1,
        deterministic=True,
        time_limit=1.0,
        stop=threading.Event(),
    )
    assert sorted(plan.seats) == sorted((p.id, ph) for p in PEOPLE for ph in (1, 2))


def test_an_event_with_more_phases_than_supported_is_refused() -> None:
    with pytest.raises(InputError, match=f"at most {MAX_PHASES}"):
        Event(
            participants=tuple(PEOPLE),
            themes=small_event().themes,
            tables=(Table("W1", "Water", 8),),
            phases=tuple(Phase(n) for n in range(1, MAX_PHASES + 2)),
        )


@pytest.mark.parametrize(
    ("arguments", "error", "parameter"),
    [
        ({"phases": 100_000_000}, InputError, "phases"),
        ({"tables_per_theme": "2"}, TypeError, "tables_per_theme"),
        ({"themes": "Water"}, TypeError, "themes"),
    ],
)
def test_read_event_checks_its_options_before_opening_the_file(
    arguments: dict[str, Any], error: type[Exception], parameter: str
) -> None:
    with pytest.raises(error, match=parameter):
        read_event("no-such-file.xlsx", **arguments)
