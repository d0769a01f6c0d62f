"""The hard rules as CP-SAT constraints: one function per rule, named as in the checker.

Every function takes a ``guard``: it maps a sentence describing one instance of the rule to
the enforcement literals of that instance. Solving uses :func:`always` (no literals); the
explanation of an infeasible event passes a guard that creates one assumption literal per
sentence, so the solver's infeasible core reads as a list of rules in the organiser's words.
Tables running only in some phases, absent phases, pins and hosts are already encoded in
which seat variables exist (see :mod:`rotation.solver.variables`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from ortools.sat.python import cp_model

from rotation.domain import Event
from rotation.solver.variables import SeatVariables

__all__ = [
    "Guard",
    "add_all_rules",
    "add_capacity",
    "add_keep_apart",
    "add_keep_together",
    "add_one_table_per_phase",
    "add_pins_and_hosts",
    "add_theme_coverage",
    "always",
]

Guard = Callable[[str], list[cp_model.IntVar]]


def always(_: str) -> list[cp_model.IntVar]:
    """The guard of a normal solve: every rule is enforced unconditionally."""
    return []


def add_one_table_per_phase(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: every participant sits at exactly one table in each phase they attend."""
    for (i, r), tables in v.options.items():
        v.model.add_exactly_one(v.seat[i, r, k] for k in tables)


def add_theme_coverage(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: each participant visits each theme as often as the coverage rule says."""
    tables_of = {
        theme: {k for k, t in enumerate(event.tables) if t.theme == theme}
        for theme in event.theme_names
    }
    for i, person in enumerate(event.participants):
        visits = event.theme_visits(person)
        if visits is None:
            continue
        low, high = visits
        for theme, tables in tables_of.items():
            literals = [
                v.seat[i, r, k]
                for r in event.phase_numbers
                for k in v.options.get((i, r), [])
                if k in tables
            ]
            if not literals and low == 0:
                continue
            times = "exactly once" if (low, high) == (1, 1) else f"{low} to {high} times"
            if high == 1 and low == 0:
                times = "at most once"
            sentence = f"participant '{person.id}' must have theme '{theme}' {times}"
            enforce = guard(sentence)
            total = sum(literals)
            v.model.add(total >= low).only_enforce_if(enforce)
            v.model.add(total <= high).only_enforce_if(enforce)


def add_capacity(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: every running table holds between its minimum and maximum in every phase."""
    for r in event.phase_numbers:
        for table in event.tables_in(r):
            k = event.table_position(table.id)
            size = v.size(r, k)
            v.model.add(size <= table.max_size).only_enforce_if(
                guard(f"table '{table.id}' seats at most {table.max_size} in phase {r}")
            )
            if table.min_size > 0:
                v.model.add(size >= table.min_size).only_enforce_if(
                    guard(f"table '{table.id}' needs at least {table.min_size} in phase {r}")
                )


def add_pins_and_hosts(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: pinned participants sit at their table; hosts stay at the table they host."""
    for i, person in enumerate(event.participants):
        for r in event.phase_numbers:
            table = event.fixed_table(person, r) if person.attends(r) else None
            if table is None:
                continue
            why = "is pinned to" if r in person.pins else "hosts"
            k = event.table_position(table)
            sentence = f"participant '{person.id}' {why} table '{table}' in phase {r}"
            literal = v.seat.get((i, r, k))
            if literal is None:
                v.model.add_bool_or([]).only_enforce_if(guard(sentence))
            else:
                v.model.add(literal == 1).only_enforce_if(guard(sentence))


def _groups_seats(
    event: Event, v: SeatVariables, members: tuple[str, ...], r: int
) -> list[tuple[int, list[int]]]:
    present = [event.participant_position(m) for m in members]
    return [(i, v.options[i, r]) for i in present if (i, r) in v.options]


def add_keep_apart(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: members of a keep-apart group never share a table."""
    for group in event.keep_apart:
        enforce = guard(f"the members of keep-apart group '{group.name}' sit apart")
        for r in event.phase_numbers:
            seats = _groups_seats(event, v, group.members, r)
            for k in {k for _, tables in seats for k in tables}:
                literals = [v.seat[i, r, k] for i, tables in seats if k in tables]
                if len(literals) > 1:
                    v.model.add(sum(literals) <= 1).only_enforce_if(enforce)


def add_keep_together(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: present members of a keep-together group always share a table."""
    for group in event.keep_together:
        enforce = guard(f"the members of keep-together group '{group.name}' sit together")
        for r in event.phase_numbers:
            seats = _groups_seats(event, v, group.members, r)
            for (a, tables_a), (b, tables_b) in itertools.pairwise(seats):
                for k in set(tables_a) | set(tables_b):
                    left = v.seat.get((a, r, k), 0)
                    right = v.seat.get((b, r, k), 0)
                    v.model.add(left == right).only_enforce_if(enforce)


def add_all_rules(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: every rule of DESIGN section 3."""
    add_one_table_per_phase(event, v, guard)
    add_theme_coverage(event, v, guard)
    add_capacity(event, v, guard)
    add_pins_and_hosts(event, v, guard)
    add_keep_apart(event, v, guard)
    add_keep_together(event, v, guard)
