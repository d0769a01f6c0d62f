"""The decision variables of the CP-SAT model, in one container with readable accessors.

``seat[i, r, k]`` is true when participant i sits at table k in phase r (indices into
``event.participants`` and ``event.tables``; phases by number). Only seats a participant
may take exist as variables: absent phases, tables not running, pins and hosts are already
encoded by leaving the other seats out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rotation.domain import Event

__all__ = ["Placement", "SeatVariables", "seat_options"]

Placement = dict[tuple[int, int], int]
"""Who sits where by position, inside the solver: ``placement[(i, r)] = k`` for participant
``event.participants[i]`` at table ``event.tables[k]`` in phase r. A plan's seats by id are
:data:`rotation.domain.Seats`."""


def seat_options(
    event: Event, *, apply_pins: bool = True, running_only: bool = True
) -> dict[tuple[int, int], list[int]]:
    """Tables each participant may take in each phase they attend.

    With ``apply_pins`` a pinned participant or host has only their table; without, every
    running table (the explanation of an infeasible event then adds pins as guarded rules).
    With ``running_only`` a phase offers the tables running in it; without, every table
    (the rule :func:`~rotation.solver.rules.tables_only_in_their_phases` then decides).
    """
    options: dict[tuple[int, int], list[int]] = {}
    every_table = list(range(len(event.tables)))
    running = {
        r: [event.table_position(t.id) for t in event.tables_in(r)] if running_only else every_table
        for r in event.phase_numbers
    }
    for i, person in enumerate(event.participants):
        for r in event.phase_numbers:
            if not person.attends(r):
                continue
            fixed = event.fixed_table(person, r) if apply_pins else None
            options[i, r] = [event.table_position(fixed)] if fixed else list(running[r])
    return options


@dataclass
class SeatVariables:
    """Seat literals and the table sizes built from them."""

    model: cp_model.CpModel
    options: Mapping[tuple[int, int], list[int]]
    seat: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    at_table: dict[tuple[int, int], list[int]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def create(
        cls,
        model: cp_model.CpModel,
        event: Event,
        *,
        apply_pins: bool = True,
        running_only: bool = True,
    ) -> SeatVariables:
        """One literal per seat a participant may take (see :func:`seat_options`)."""
        options = seat_options(event, apply_pins=apply_pins, running_only=running_only)
        variables = cls(model, options)
        for (i, r), tables in variables.options.items():
            for k in tables:
                variables.seat[i, r, k] = model.new_bool_var(f"seat[p{i},t{k},r{r}]")
                variables.at_table[r, k].append(i)
        return variables

    def people_at(self, r: int, k: int) -> list[int]:
        """Participants who may sit at table k in phase r."""
        return self.at_table.get((r, k), [])

    def size(self, r: int, k: int) -> cp_model.LinearExprT:
        """The number of people at table k in phase r."""
        return sum(self.seat[i, r, k] for i in self.people_at(r, k))

    def count(self, r: int, k: int, people: set[int]) -> cp_model.LinearExprT:
        """How many of ``people`` sit at table k in phase r."""
        return sum(self.seat[i, r, k] for i in self.people_at(r, k) if i in people)

    def extract(self, solver: cp_model.CpSolver, event: Event) -> dict[tuple[str, int], str]:
        """The seats of the solver's current solution as ``{(participant id, phase): table id}``."""
        seats: dict[tuple[str, int], str] = {}
        for (i, r, k), literal in self.seat.items():
            if solver.boolean_value(literal):
                seats[event.participants[i].id, r] = event.tables[k].id
        return seats
