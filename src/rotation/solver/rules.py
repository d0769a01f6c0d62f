"""The hard rules as CP-SAT constraints: one function per :class:`~rotation.domain.Rule`.

Each function carries its rule's name in lower case, exactly as its checker twin in
:mod:`rotation.checker.rules` does, and :data:`RULES` labels them by rule; a test holds
both registries to every rule.

Every function takes a ``guard``: it maps one instance of the rule (a
:class:`RuleInstance`: the rule and a sentence describing the instance) to the enforcement
literals of that instance. Solving uses :func:`always` (no literals); the explanation of an
infeasible event passes a guard that creates one assumption literal per instance, so the
solver's infeasible core reads as a list of rules in the organiser's words.

The seat variables of a normal solve already leave out what pins, hosts, absent phases and
tables that do not run forbid (see :mod:`rotation.solver.variables`); the functions for
those rules then hold for free, and do their work on variables created without them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ortools.sat.python import cp_model

from rotation.domain import Event, Rule
from rotation.solver.variables import SeatVariables

__all__ = [
    "RULES",
    "Guard",
    "RuleInstance",
    "add_all_rules",
    "always",
    "keep_apart",
    "keep_together",
    "one_table_per_phase",
    "pins_and_hosts",
    "table_capacity",
    "tables_only_in_their_phases",
    "theme_coverage",
]


@dataclass(frozen=True)
class RuleInstance:
    """One instance of a rule, said in the organiser's words."""

    rule: Rule
    sentence: str

    def __str__(self) -> str:
        return self.sentence


Guard = Callable[[RuleInstance], list[cp_model.IntVar]]
RuleConstraint = Callable[[Event, SeatVariables, Guard], None]


def always(_: RuleInstance) -> list[cp_model.IntVar]:
    """The guard of a normal solve: every rule is enforced unconditionally."""
    return []


def one_table_per_phase(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: every participant sits at exactly one table in each phase they attend."""
    for (i, r), tables in v.options.items():
        v.model.add_exactly_one(v.seat[i, r, k] for k in tables)


def tables_only_in_their_phases(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: nobody sits at a table in a phase in which it does not run."""
    for (_, r, k), literal in v.seat.items():
        table = event.tables[k]
        if not table.runs_in(r):
            sentence = f"table '{table.id}' does not run in phase {r}"
            rule = Rule.TABLES_ONLY_IN_THEIR_PHASES
            v.model.add(literal == 0).only_enforce_if(guard(RuleInstance(rule, sentence)))


def theme_coverage(event: Event, v: SeatVariables, guard: Guard = always) -> None:
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
            sentence = f"participant '{person.id}' must have theme '{theme}' {_times(low, high)}"
            enforce = guard(RuleInstance(Rule.THEME_COVERAGE, sentence))
            total = sum(literals)
            v.model.add(total >= low).only_enforce_if(enforce)
            v.model.add(total <= high).only_enforce_if(enforce)


def _times(low: int, high: int) -> str:
    if (low, high) == (1, 1):
        return "exactly once"
    if (low, high) == (0, 1):
        return "at most once"
    return f"{low} to {high} times"


def table_capacity(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: every running table holds between its minimum and maximum in every phase."""
    for r in event.phase_numbers:
        for table in event.tables_in(r):
            k = event.table_position(table.id)
            size = v.size(r, k)
            most = f"table '{table.id}' seats at most {table.max_size} in phase {r}"
            v.model.add(size <= table.max_size).only_enforce_if(
                guard(RuleInstance(Rule.TABLE_CAPACITY, most))
            )
            if table.min_size > 0:
                least = f"table '{table.id}' needs at least {table.min_size} in phase {r}"
                v.model.add(size >= table.min_size).only_enforce_if(
                    guard(RuleInstance(Rule.TABLE_CAPACITY, least))
                )


def pins_and_hosts(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: pinned participants sit at their table; hosts stay at the table they host."""
    for i, person in enumerate(event.participants):
        for r in event.phase_numbers:
            table = event.fixed_table(person, r) if person.attends(r) else None
            if table is None:
                continue
            why = "is pinned to" if r in person.pins else "hosts"
            k = event.table_position(table)
            sentence = f"participant '{person.id}' {why} table '{table}' in phase {r}"
            enforce = guard(RuleInstance(Rule.PINS_AND_HOSTS, sentence))
            literal = v.seat.get((i, r, k))
            if literal is None:
                v.model.add_bool_or([]).only_enforce_if(enforce)
            else:
                v.model.add(literal == 1).only_enforce_if(enforce)


def _groups_seats(
    event: Event, v: SeatVariables, members: tuple[str, ...], r: int
) -> list[tuple[int, list[int]]]:
    present = [event.participant_position(m) for m in members]
    return [(i, v.options[i, r]) for i in present if (i, r) in v.options]


def keep_apart(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: members of a keep-apart group never share a table."""
    for group in event.keep_apart:
        sentence = f"the members of keep-apart group '{group.name}' sit apart"
        enforce = guard(RuleInstance(Rule.KEEP_APART, sentence))
        for r in event.phase_numbers:
            seats = _groups_seats(event, v, group.members, r)
            for k in {k for _, tables in seats for k in tables}:
                literals = [v.seat[i, r, k] for i, tables in seats if k in tables]
                if len(literals) > 1:
                    v.model.add(sum(literals) <= 1).only_enforce_if(enforce)


def keep_together(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: present members of a keep-together group always share a table."""
    for group in event.keep_together:
        sentence = f"the members of keep-together group '{group.name}' sit together"
        enforce = guard(RuleInstance(Rule.KEEP_TOGETHER, sentence))
        for r in event.phase_numbers:
            seats = _groups_seats(event, v, group.members, r)
            for (a, tables_a), (b, tables_b) in itertools.pairwise(seats):
                for k in set(tables_a) | set(tables_b):
                    left = v.seat.get((a, r, k), 0)
                    right = v.seat.get((b, r, k), 0)
                    v.model.add(left == right).only_enforce_if(enforce)


RULES: Mapping[Rule, RuleConstraint] = MappingProxyType(
    {
        Rule.ONE_TABLE_PER_PHASE: one_table_per_phase,
        Rule.TABLES_ONLY_IN_THEIR_PHASES: tables_only_in_their_phases,
        Rule.THEME_COVERAGE: theme_coverage,
        Rule.TABLE_CAPACITY: table_capacity,
        Rule.PINS_AND_HOSTS: pins_and_hosts,
        Rule.KEEP_APART: keep_apart,
        Rule.KEEP_TOGETHER: keep_together,
    }
)
"""Every hard rule's constraint function, labelled by its rule."""


def add_all_rules(event: Event, v: SeatVariables, guard: Guard = always) -> None:
    """Hard: every rule of DESIGN section 3."""
    for add_rule in RULES.values():
        add_rule(event, v, guard)
