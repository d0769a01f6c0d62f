"""``replan(plan, ...)``: changes on the day, with finished phases frozen and fewest seats moved.

The plan being changed becomes a new event: the phases before ``from_phase`` are frozen
(every seat there is pinned, so nothing there can change, and they still count for repeat
encounters and theme coverage), absent people attend only those frozen phases, late
arrivals attend from ``from_phase`` on, and the seats of the re-planned phases are kept as
``previous_seats``. The goal order puts moved seats first, so the solver keeps every seat it
can and the other goals are optimised among the plans that move fewest.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable, Sequence

from rotation.domain import CheckedPlan, Event, Goal, Goals, Participant, Plan, Table
from rotation.errors import InputError, NoPlanError, Problem, Reason, RotationError
from rotation.solver.bounds import moved_seats_bound
from rotation.solver.solve import solve
from rotation.solver.stages import ProgressCallback

__all__ = [
    "PhaseOutOfRangeError",
    "check_phase",
    "forced_moves",
    "replan",
    "replan_event",
    "theme_shortfalls",
]


class PhaseOutOfRangeError(RotationError, ValueError):
    """The first phase to re-plan is not a phase of the plan (a usage error)."""


def check_phase(event: Event, from_phase: int) -> None:
    """Raise :class:`PhaseOutOfRangeError` unless ``from_phase`` is one of the event's."""
    if from_phase not in event.phase_numbers:
        raise PhaseOutOfRangeError(
            f"The phase to re-plan from, {from_phase}, is not a phase of the plan (phases 1 to "
            f"{len(event.phases)})."
        )


def _check_request(
    event: Event, absent: Sequence[str], add: Sequence[Participant], from_phase: int
) -> None:
    check_phase(event, from_phase)
    problems = [
        Problem(
            f"Participant '{person}' is marked absent but is not in the plan.",
            hint="use an id from the plan's Participants (Teilnehmende) sheet",
            key="absent_unknown",
            values={"id": person},
        )
        for person in dict.fromkeys(absent)
        if not event.has_participant(person)
    ]
    problems += [
        Problem(
            f"The late arrival '{person.id}' has an id that is already in the plan.",
            hint="give the late arrival a new id, or leave them out if they are registered",
            key="late_arrival_known",
            values={"id": person.id},
        )
        for person in add
        if event.has_participant(person.id)
    ]
    if problems:
        raise InputError(problems)


def _goals_for_replan(goals: Goals) -> Goals:
    """Moved seats first, then the event's goals in their order.

    A weighted sum would trade moves against other goals; a re-plan ranks strictly.
    """
    rest = tuple(g for g in goals.priority if g is not Goal.MOVED_SEATS)
    return Goals(priority=(Goal.MOVED_SEATS, *rest), lexicographic=goals.lexicographic)


def replan_event(
    plan: Plan,
    *,
    absent: Iterable[str] = (),
    add: Iterable[Participant] = (),
    from_phase: int = 1,
) -> Event:
    """The event a re-plan solves: frozen phases pinned, absences and arrivals applied.

    Raises:
        PhaseOutOfRangeError: ``from_phase`` is not a phase of the plan (a ValueError).
        InputError: an absent id is not in the plan, or a late arrival's id already is.
    """
    event = plan.event
    gone, arrivals = list(absent), list(add)
    _check_request(event, gone, arrivals, from_phase)
    numbers = event.phase_numbers
    frozen = [r for r in numbers if r < from_phase]
    later = [r for r in numbers if r >= from_phase]

    def attendance(phases: set[int]) -> frozenset[int] | None:
        return None if phases == set(numbers) else frozenset(phases)

    people: list[Participant] = []
    for person in event.participants:
        done = {r for r in frozen if (person.id, r) in plan.seats}
        coming = set() if person.id in gone else {r for r in later if person.attends(r)}
        pins = {r: plan.seats[person.id, r] for r in done}
        pins.update({r: t for r, t in person.pins.items() if r in coming})
        people.append(dataclasses.replace(person, phases=attendance(done | coming), pins=pins))
    for person in arrivals:
        coming = {r for r in later if person.attends(r)}
        pins = {r: t for r, t in person.pins.items() if r in coming}
        people.append(dataclasses.replace(person, phases=attendance(coming), pins=pins))
    # A host who leaves no longer holds the table; their frozen seats stay pinned.
    tables: list[Table] = [
        dataclasses.replace(t, host=None) if t.host in gone else t for t in event.tables
    ]
    previous = {(p, r): t for (p, r), t in plan.seats.items() if r >= from_phase}
    return dataclasses.replace(
        event,
        participants=tuple(people),
        tables=tuple(tables),
        goals=_goals_for_replan(event.goals),
        previous_seats=previous,
    )


def theme_shortfalls(event: Event) -> list[str]:
    """Themes a re-planned phase cannot fill: too few people may still visit them.

    Someone who had a theme in a frozen phase may not have it again (unless their rule
    allows repeats); when the rest cannot reach the minimum of that theme's tables, no plan
    exists, whatever moves.
    """
    reasons: list[str] = []
    for r in sorted({phase for (_, phase) in event.previous_seats}):
        for theme in event.theme_names:
            tables = event.tables_in(r, theme)
            needed = sum(t.min_size for t in tables)
            if needed == 0:
                continue
            can = 0
            for person in event.present_in(r):
                visits = event.theme_visits(person)
                # A pin in another phase (a frozen seat, say) is a theme they will have had.
                had = any(
                    event.table(table).theme == theme
                    for phase, table in person.pins.items()
                    if phase != r and event.has_table(table)
                )
                fixed = event.fixed_table(person, r)
                if fixed is not None:
                    can += event.table(fixed).theme == theme
                elif not had or visits is None or visits[1] > 1:
                    can += 1
            if can < needed:
                reasons.append(
                    Reason(
                        f"Phase {r}: only {can} people may still take theme '{theme}' (the "
                        f"others had it already), but its tables need at least {needed}; add "
                        "late arrivals, lower those tables' minimum, or re-plan from an earlier "
                        "phase.",
                        "theme_short",
                        phase=r,
                        can=can,
                        theme=theme,
                        needed=needed,
                    )
                )
    return reasons


def forced_moves(event: Event) -> list[str]:
    """Why counting forces moves: tables below their minimum or over capacity, closed tables."""
    reasons = []
    for r in sorted({phase for (_, phase) in event.previous_seats}):
        staying: dict[str, int] = {}
        for (participant, phase), table in event.previous_seats.items():
            if phase == r and event.participant(participant).attends(r):
                staying[table] = staying.get(table, 0) + 1
        for running in event.tables_in(r):
            kept = staying.get(running.id, 0)
            if kept < running.min_size:
                reasons.append(
                    f"phase {r}: table {running.id} keeps {kept} of its people, below its "
                    f"minimum of {running.min_size}"
                )
            if kept > running.max_size:
                reasons.append(
                    f"phase {r}: table {running.id} would hold {kept}, above its "
                    f"{running.max_size} seats"
                )
        for table_id in staying:
            if not event.has_table(table_id) or not event.table(table_id).runs_in(r):
                reasons.append(f"phase {r}: table {table_id} does not run")
    return reasons


def replan(
    plan: Plan,
    *,
    absent: Iterable[str] = (),
    add: Iterable[Participant] = (),
    from_phase: int = 1,
    time_limit: float = 30.0,
    seed: int = 0,
    workers: int | None = None,
    deterministic: bool = False,
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
) -> CheckedPlan:
    """Change a plan on the day: phases before ``from_phase`` stay exactly as they are.

    Args:
        plan: a solved plan, or one read back with ``read_plan`` (hand edits included).
        absent: ids of people who do not come from ``from_phase`` on; they keep their
            seats in the earlier phases, which already happened.
        add: late arrivals; they attend the phases of their record from ``from_phase`` on.
        from_phase: the first phase to re-plan (numbered from 1, as printed).
        time_limit, seed, workers, deterministic, progress, stop: as for :func:`solve`.

    Returns:
        The new plan, checked; its event carries the previous seats, so
        ``plan.metrics.moved_seats`` counts the moves and
        ``plan.record.bounds[Goal.MOVED_SEATS]`` is the fewest any plan can make (by
        counting, or proven by the solver). The record's notes say why moves were forced.
        :func:`rotation.checker.plan_changes` lists the changes.

    Raises:
        PhaseOutOfRangeError: ``from_phase`` is not a phase of the plan (a ValueError).
        InputError: an absent id is not in the plan, or a late arrival's id already is.
        NoPlanError: the rules admit no plan with these changes; ``reasons`` says why.
        SolveTimeoutError: no plan was found within the time limit.
    """
    event = replan_event(plan, absent=absent, add=add, from_phase=from_phase)
    shortfalls = theme_shortfalls(event)
    if shortfalls:
        raise NoPlanError(shortfalls)
    result = solve(
        event,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        deterministic=deterministic,
        progress=progress,
        stop=stop,
    )
    notes = []
    counted = moved_seats_bound(event)
    if counted > 0:
        seats = "seat" if counted == 1 else "seats"
        notes.append(f"at least {counted} {seats} must move: " + "; ".join(forced_moves(event)))
    moved = result.metrics.moved_seats
    bound = result.record.bounds.get(Goal.MOVED_SEATS, 0.0)
    if moved > bound + 1e-9:
        notes.append(
            f"{moved} seats moved; counting shows at least {bound:g} must move, and the "
            "search could not prove within the time limit that fewer moves are impossible "
            "(more time may find or prove it)"
        )
    record = dataclasses.replace(result.record, notes=(*result.record.notes, *notes))
    return dataclasses.replace(result, record=record)
