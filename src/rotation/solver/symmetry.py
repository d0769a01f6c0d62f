"""Symmetry breaking: tables of one theme that nobody can tell apart are used in order.

Two tables are interchangeable when they share theme, capacity and phases, have no host,
nobody is pinned to them and (in a re-plan) nobody sat at them before: swapping their
labels in every phase turns any plan into another plan of equal quality. In the first
phase they run, table j+1 of such a class may only take a person once table j has taken
an earlier one (value precedence), which keeps one plan of every relabelling and prunes
the rest.
"""

from __future__ import annotations

from rotation.domain import Event
from rotation.solver.variables import Placement, SeatVariables

__all__ = ["add_symmetry_breaking", "interchangeable_tables", "relabel_for_symmetry"]


def interchangeable_tables(event: Event) -> list[list[int]]:
    """Classes (of two or more) of table indices that no rule or person tells apart."""
    pinned = {t for p in event.participants for t in p.pins.values()}
    pinned |= set(event.previous_seats.values())
    classes: dict[tuple[object, ...], list[int]] = {}
    for k, table in enumerate(event.tables):
        if table.host or table.id in pinned or _first_phase(event, k) is None:
            continue
        key = (table.theme, table.min_size, table.max_size, table.phases)
        classes.setdefault(key, []).append(k)
    return [ks for ks in classes.values() if len(ks) > 1]


def _first_phase(event: Event, k: int) -> int | None:
    """The first phase table k runs in (None: it runs in none)."""
    return next((r for r in event.phase_numbers if event.tables[k].runs_in(r)), None)


def add_symmetry_breaking(event: Event, v: SeatVariables) -> list[list[int]]:
    """Order interchangeable tables by their first occupant; returns the classes used."""
    classes = interchangeable_tables(event)
    model = v.model
    for tables in classes:
        first_phase = _first_phase(event, tables[0])
        assert first_phase is not None  # tables that never run are never interchangeable
        people = sorted({i for k in tables for i in v.people_at(first_phase, k)})
        # used[j] after person n: some of the first n people sit at tables[j].
        used = [model.new_constant(0) for _ in tables]
        for n, i in enumerate(people):
            literals = [v.seat.get((i, first_phase, k)) for k in tables]
            for j in range(1, len(tables)):
                literal = literals[j]
                if literal is not None:
                    model.add_implication(literal, used[j - 1])
            if n == len(people) - 1:
                break
            new_used = []
            for j, literal in enumerate(literals):
                if literal is None:
                    new_used.append(used[j])
                    continue
                now = model.new_bool_var(f"used[t{tables[j]},upto p{i}]")
                model.add_bool_or([used[j], literal]).only_enforce_if(now)
                model.add_implication(used[j], now)
                model.add_implication(literal, now)
                new_used.append(now)
            used = new_used
    return classes


def relabel_for_symmetry(event: Event, seats: Placement, classes: list[list[int]]) -> Placement:
    """Relabel a plan's interchangeable tables so that it satisfies the symmetry breaking."""
    relabelled = dict(seats)
    for tables in classes:
        first_phase = _first_phase(event, tables[0])
        assert first_phase is not None
        order: list[int] = []
        for i in range(len(event.participants)):
            k = seats.get((i, first_phase))
            if k in tables and k not in order:
                order.append(k)
        order += [k for k in tables if k not in order]
        mapping = dict(zip(order, tables))
        for key, k in seats.items():
            if k in mapping:
                relabelled[key] = mapping[k]
    return relabelled
