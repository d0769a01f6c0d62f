"""Baseline 2: the straightforward CP-SAT model with one variable per pair of people per phase.

What a user writes by hand: ``seat[p, r, t]`` for every person, phase and table, and
``meet[p, q, r]`` for every pair of people and phase, linked by
``meet[p, q, r] >= seat[p, r, t] + seat[q, r, t] - 1`` for every table. The objective is the
same repeat-encounter metric as rotation's (sum over pairs of C(m, 2), m = meetings). The
theme rule, capacities, hosts and pins hold. No hint, no symmetry breaking, no bounds.

The model grows with the square of the participants times phases times tables; above
:data:`LINK_LIMIT` linking constraints it is not built ("model too large").
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rotation import Event

__all__ = ["LINK_LIMIT", "PairsResult", "link_count", "solve_pairs"]

LINK_LIMIT = 2_000_000
"""Linking constraints above which the model is not built. Measured (docs/benchmarks.md):
100 people with 4 phases of 8 tables (158,400 links) peak at 1.4 GB; 200 people with 16
tables (1.27 million links) at 2.1 GB without finding any plan in 30 s."""


@dataclass(frozen=True)
class PairsResult:
    """The baseline's plan (None when it found none) and where its time went."""

    seats: dict[tuple[str, int], str] | None
    status: str
    build_seconds: float
    solve_seconds: float
    links: int
    first_solution: float | None


def link_count(event: Event) -> int:
    """Linking constraints of the pair model: pairs x phases x tables running."""
    n = len(event.participants)
    return n * (n - 1) // 2 * sum(len(event.tables_in(r)) for r in event.phase_numbers)


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Remembers when the first solution arrived."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = time.monotonic() - self.started


def _build(event: Event) -> tuple[cp_model.CpModel, dict[tuple[int, int, int], cp_model.IntVar]]:
    model = cp_model.CpModel()
    people = event.participants
    seat: dict[tuple[int, int, int], cp_model.IntVar] = {}
    for i, person in enumerate(people):
        hosted = event.hosted_table(person.id)
        by_theme: dict[str, list[cp_model.IntVar]] = {}
        for r in event.phase_numbers:
            if not person.attends(r):
                continue
            mine = []
            for table in event.tables_in(r):
                k = event.table_position(table.id)
                literal = model.new_bool_var(f"seat[{i},{r},{k}]")
                seat[i, r, k] = literal
                mine.append(literal)
                by_theme.setdefault(table.theme, []).append(literal)
                fixed = person.pins.get(r, hosted)
                if fixed is not None:
                    model.add(literal == int(table.id == fixed))
            model.add_exactly_one(mine)
        visits = event.theme_visits(person)
        if visits is not None:
            for theme in event.theme_names:
                count = sum(by_theme.get(theme, []))
                model.add(count >= visits[0])
                model.add(count <= visits[1])
    for r in event.phase_numbers:
        for table in event.tables_in(r):
            k = event.table_position(table.id)
            size = sum(seat[i, r, k] for i in range(len(people)) if (i, r, k) in seat)
            model.add(size <= table.max_size)
            model.add(size >= table.min_size)
    costs = []
    phases = len(event.phases)
    for i, j in itertools.combinations(range(len(people)), 2):
        meets = []
        for r in event.phase_numbers:
            meet = model.new_bool_var(f"meet[{i},{j},{r}]")
            for table in event.tables_in(r):
                k = event.table_position(table.id)
                if (i, r, k) in seat and (j, r, k) in seat:
                    model.add(meet >= seat[i, r, k] + seat[j, r, k] - 1)
            meets.append(meet)
        cost = model.new_int_var(0, phases * (phases - 1) // 2, f"repeats[{i},{j}]")
        for c in range(1, phases):
            model.add(cost >= c * sum(meets) - c * (c + 1) // 2)
        costs.append(cost)
    model.minimize(sum(costs))
    return model, seat


def solve_pairs(event: Event, *, time_limit: float, seed: int = 0, workers: int = 2) -> PairsResult:
    """Solve the pair model within ``time_limit`` seconds (building included)."""
    links = link_count(event)
    if links > LINK_LIMIT:
        return PairsResult(None, "model too large", 0.0, 0.0, links, None)
    started = time.monotonic()
    model, seat = _build(event)
    built = time.monotonic()
    remaining = time_limit - (built - started)
    if remaining <= 0:
        return PairsResult(None, "no time left after building", built - started, 0.0, links, None)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = remaining
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    watcher = _FirstSolution(started)
    status = solver.solve(model, watcher)
    solved = time.monotonic()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return PairsResult(
            None, solver.status_name(status).lower(), built - started, solved - built, links, None
        )
    seats = {
        (event.participants[i].id, r): event.tables[k].id
        for (i, r, k), literal in seat.items()
        if solver.boolean_value(literal)
    }
    return PairsResult(
        seats,
        solver.status_name(status).lower(),
        built - started,
        solved - built,
        links,
        watcher.first,
    )
