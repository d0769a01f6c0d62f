"""``solve(event)``: from a validated event to a checked plan.

The flow: counting checks (explain at once when no plan can exist), lower bounds, a
constructive start, then CP-SAT with the goals in priority order (each stage keeps the
optimum of the ones before) or as one weighted sum, and finally the independent checker.
Events too large for the route model, or with many phases, are planned by the
construction and local search.

A re-plan (an event with ``previous_seats``, see :mod:`rotation.solver.replan`) skips the
construction and local search, which know nothing of moved seats: CP-SAT starts from the
seats of the plan being changed, and its first goal is the fewest moved seats. When the
route model of a large re-plan would be too big, the re-plan leaves repeat encounters out
of the model rather than planning without regard to the seats already handed out.
"""

from __future__ import annotations

import enum
import math
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version

from rotation.checker import check, encounter_counts
from rotation.checker.metrics import repeat_encounters
from rotation.domain import CheckedPlan, Event, Goal, Plan, SolveRecord, Status
from rotation.errors import InputError, NoPlanError, Problem, RotationError, SolveTimeoutError
from rotation.limits import MAX_SEED, MAX_WORKERS, check_count, check_seconds
from rotation.solver.bounds import lower_bounds, meets_bounds
from rotation.solver.construct import construct, seats_by_id
from rotation.solver.designs import design_start
from rotation.solver.explain import counting_conflicts, explain_infeasibility
from rotation.solver.goals import route_variable_count
from rotation.solver.history import with_history
from rotation.solver.improve import improve
from rotation.solver.local_search import Totals
from rotation.solver.stages import Progress, ProgressCallback, StagedSearch
from rotation.solver.variables import Placement, seat_options

__all__ = ["Method", "Progress", "solve"]

SOLVER_NAME = f"OR-Tools CP-SAT {version('ortools')}"
ROUTE_LIMIT = 300_000
"""Above this many route literals the exact model gets too large; the construction plans."""
EXACT_PHASES = 4
"""With more phases (speed networking, golfers) the route model's bound is weak and local
search finds better plans in the same time (measured in docs/benchmarks.md)."""


CHECK_SECONDS_PER_SEAT = 0.0001
"""What the independent checker takes per seat (measured at 1,000 people, with a margin)."""

CONSTRUCTIONS_IN_BUDGET = 5
"""Further constructions (breakout probe) only when the time left would pay for this many."""

WARM_UP_SHARE, MAX_WARM_UP = 0.1, 2.0
"""Share of the time limit (at most so many seconds) for local search before CP-SAT."""


class Method(enum.Enum):
    """How to plan: choose by size, always the CP-SAT route model, or construction only."""

    AUTO = "auto"
    EXACT = "exact"
    CONSTRUCT = "construct"


def _check_arguments(
    event: object,
    time_limit: object,
    seed: object,
    workers: object,
    method: object,
    progress: object,
    stop: object,
) -> Method:
    """The method; TypeError or InputError (a ValueError) naming a bad parameter first."""
    if not isinstance(event, Event):
        raise TypeError(f"'event' must be an Event, not {type(event).__name__}")
    check_seconds("time_limit", time_limit)
    check_count("seed", seed, 0, MAX_SEED)
    if workers is not None:
        check_count("workers", workers, 1, MAX_WORKERS)
    if isinstance(method, str) and method in {m.value for m in Method}:
        method = Method(method)
    if not isinstance(method, Method):
        choices = ", ".join(m.value for m in Method)
        shown = repr(method)[:40]
        if isinstance(method, str):
            raise InputError([Problem(f"'method' is {shown}; use one of: {choices}.")])
        raise TypeError(f"'method' must be a Method ({choices}), not {shown}")
    if progress is not None and not callable(progress):
        raise TypeError(f"'progress' must be callable or None, not {type(progress).__name__}")
    if stop is not None and not isinstance(stop, threading.Event):
        raise TypeError(f"'stop' must be a threading.Event or None, not {type(stop).__name__}")
    return method


def solve(
    event: Event,
    *,
    time_limit: float = 30.0,
    seed: int = 0,
    workers: int | None = None,
    deterministic: bool = False,
    method: Method = Method.AUTO,
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
    history: Sequence[Plan] = (),
) -> CheckedPlan:
    """Plan the event: every rule holds, the goals are as good as the time allows.

    Args:
        event: the validated event.
        time_limit: seconds for the whole solve (the search stops earlier once proven).
        seed: the solver's random seed.
        workers: CP-SAT search workers (default: the machine's cores).
        deterministic: the same input and seed give the same plan (one search worker,
            the time limit counted in CP-SAT's deterministic time units).
        method: see :class:`Method`.
        progress: called with a :class:`Progress` on every improving plan.
        stop: set it (from another thread, e.g. on Ctrl-C) to end the search early; the
            best plan found so far is returned, with a note saying so.
        history: plans of earlier events; pairs who sat together there should not meet
            again (goal ``EARLIER_ENCOUNTERS``, right after repeat encounters). People are
            matched by id, then e-mail, then name and organisation.

    Returns:
        The plan, already checked by :func:`rotation.check`, with metrics and bounds.

    Raises:
        NoPlanError: the rules admit no plan; ``reasons`` says why.
        SolveTimeoutError: no plan was found within the time limit.
    """
    method = _check_arguments(event, time_limit, seed, workers, method, progress, stop)
    if history:
        event = with_history(event, history)
    run = _Run(
        event,
        time_limit=time_limit,
        seed=seed,
        workers=_workers(workers, deterministic),
        deterministic=deterministic,
        progress=progress,
        stop=stop,
    )
    conflicts = counting_conflicts(event)
    if conflicts:
        raise NoPlanError(conflicts)
    bounds = lower_bounds(event)
    if event.previous_seats:
        found = _plan_replan(run, bounds, method)
        method = Method.EXACT
    else:
        began = time.monotonic()
        start = _construct_start(event, seed, time_limit)
        constructing = time.monotonic() - began
        designed = design_start(event, seed)
        if designed is not None and _repeats(event, designed) < _repeats(event, start):
            start = designed  # fewer repeats; otherwise the construction, which minds more
        else:
            designed = None
        method = _choose_method(event, method)
        if method is Method.CONSTRUCT:
            found = _plan_by_local_search(run, start, bounds, constructing, designed is not None)
        else:
            found = _plan_by_cpsat(run, start, bounds)
    if stop is not None and stop.is_set():
        found.notes.append("stopped early on request: the best plan found so far")
    return _checked_plan(run, found, method)


@dataclass(frozen=True)
class _Run:
    """What one solve was asked for, and when it started."""

    event: Event
    time_limit: float
    seed: int
    workers: int
    deterministic: bool
    progress: ProgressCallback | None
    stop: threading.Event | None
    started: float = field(default_factory=time.monotonic)


@dataclass
class _Found:
    """A plan found by one of the two paths, before the checker has seen it."""

    seats: dict[tuple[str, int], str]
    status: Status
    bounds: dict[Goal, float]
    objective_terms: dict[Goal, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _workers(workers: int | None, deterministic: bool) -> int:
    """The CP-SAT search workers: as asked, else the machine's cores (at most 8)."""
    if deterministic:
        # One search worker with a deterministic time limit is reproducible and, unlike
        # interleaved parallel search, as strong on these models as the parallel portfolio.
        return 1
    return workers or max(1, min(8, os.cpu_count() or 1))


def _construct_start(event: Event, seed: int, time_limit: float) -> Placement:
    """A first plan by construction; NoPlanError with the reasons when none can exist."""
    # The theme plan gets at least its usual 30 s, and more with a larger time limit.
    start = construct(event, seed, time_limit=max(30.0, time_limit))
    if start is None:
        raise NoPlanError(explain_infeasibility(event))
    return start


def _choose_method(event: Event, method: Method) -> Method:
    """AUTO resolved: the exact model for events of few phases whose routes fit it."""
    if method is not Method.AUTO:
        return method
    size = route_variable_count(event, seat_options(event))
    small = size <= ROUTE_LIMIT and len(event.phases) <= EXACT_PHASES
    return Method.EXACT if small else Method.CONSTRUCT


def _repeats(event: Event, seats: Placement) -> int:
    """The repeat encounters of a plan by position, as the checker counts them."""
    return repeat_encounters(encounter_counts(event, seats_by_id(event, seats)))[0]


def _repeat_floor(bounds: dict[Goal, float]) -> int:
    return math.ceil(bounds.get(Goal.REPEAT_ENCOUNTERS, 0.0) - 1e-9)


def _plan_by_local_search(
    run: _Run, start: Placement, bounds: dict[Goal, float], constructing: float, designed: bool
) -> _Found:
    """Construction and local search alone, for events too large for the exact model.

    ``constructing`` is what the first construction took (seconds): further constructions
    for the breakout probe are made only when the time left pays for several of them (a
    start from a design, ``designed``, may still lose to them: see the golfers in
    docs/benchmarks.md).
    """
    event, seed = run.event, run.seed
    # Deterministic mode budgets moves, not seconds: the whole limit, whatever the
    # construction took on this machine, so that a seed always gives the same plan.
    # The checker's pass over the finished plan comes out of the time limit too.
    elapsed = 0.0 if run.deterministic else time.monotonic() - run.started
    checking = CHECK_SECONDS_PER_SEAT * len(start)
    budget = max(0.5, run.time_limit - elapsed - checking)
    again = run.deterministic or budget >= CONSTRUCTIONS_IN_BUDGET * constructing
    improved = improve(
        event,
        start,
        seed=seed,
        time_limit=budget,
        deterministic=run.deterministic,
        floor=_repeat_floor(bounds),
        start=(lambda attempt: construct(event, seed + 1 + attempt)) if again else None,
        stop=run.stop,
        report=_reporter(run.progress, run.started, bounds),
        designed=designed,
    )
    return _Found(
        seats_by_id(event, improved),
        Status.FEASIBLE,
        bounds,
        notes=[
            "planned by "
            + ("a design" if designed else "construction")
            + " and local search (event too large for the exact model)"
        ],
    )


def _staged_search(
    run: _Run, bounds: dict[Goal, float], leave_out: frozenset[Goal] = frozenset()
) -> StagedSearch:
    """The CP-SAT search of one solve, with the run's seed, workers, progress and stop."""
    return StagedSearch(
        run.event,
        bounds,
        seed=run.seed,
        workers=run.workers,
        deterministic=run.deterministic,
        progress=run.progress,
        stop=run.stop,
        leave_out=leave_out,
    )


def _plan_by_cpsat(run: _Run, start: Placement, bounds: dict[Goal, float]) -> _Found:
    """A short local search warms the construction up; CP-SAT then solves the goals."""
    warm_up = min(MAX_WARM_UP, WARM_UP_SHARE * run.time_limit)
    warm = improve(
        run.event,
        start,
        seed=run.seed,
        time_limit=warm_up,
        deterministic=run.deterministic,
        floor=_repeat_floor(bounds),
        stop=run.stop,
    )
    search = _staged_search(run, bounds)
    search.hint(warm)
    result = search.run(run.time_limit, run.started)
    for goal, bound in result.proven.items():
        bounds[goal] = max(bounds.get(goal, 0.0), bound)
    return _Found(result.seats, result.status, bounds, dict(result.values))


def _plan_replan(run: _Run, bounds: dict[Goal, float], method: Method) -> _Found:
    """CP-SAT from the seats of the plan being changed, fewest moved seats first."""
    notes = []
    leave_out: frozenset[Goal] = frozenset()
    if method is not Method.EXACT and _choose_method(run.event, Method.AUTO) is Method.CONSTRUCT:
        # Measured at 1,000 people: moved seats alone solve in seconds, each further goal
        # over all seats multiplies that beyond the time limit.
        leave_out = frozenset(g for g in Goal if g is not Goal.MOVED_SEATS)
        notes.append(
            "re-planned for the fewest moved seats only (event too large for the full model): "
            "kept seats keep their figures, moved and new people are seated by the rules alone"
        )
    search = _staged_search(run, bounds, leave_out=leave_out)
    search.hint_previous(run.event.previous_seats)
    result = search.run(run.time_limit, run.started)
    for goal, bound in result.proven.items():
        bounds[goal] = max(bounds.get(goal, 0.0), bound)
    # Optimal only for the goals in the model: with goals left out, merely valid.
    status = Status.FEASIBLE if leave_out else result.status
    return _Found(result.seats, status, bounds, dict(result.values), notes)


def _checked_plan(run: _Run, found: _Found, method: Method) -> CheckedPlan:
    """The checker's verdict on the plan found: broken rules raise, the metrics are kept."""
    event = run.event
    report = check(event, Plan(event, found.seats))
    if report.violations:
        broken = "; ".join(str(v) for v in report.violations[:5])
        if method is Method.CONSTRUCT:
            raise SolveTimeoutError(
                "The quick construction used for events of this size could not satisfy every "
                f"rule ({broken}). Give the tables a few more seats, loosen pins or groups, or "
                "plan with method 'exact' (slower at this size)."
            )
        raise RotationError(
            f"Internal error: the solver's plan breaks a rule (please report this): {broken}"
        )
    status = found.status
    if meets_bounds(report.metrics, found.bounds, event.goals.priority):
        status = Status.OPTIMAL  # every goal at a bound no plan can beat
    record = SolveRecord(
        status=status,
        bounds=found.bounds,
        objective_terms=found.objective_terms,
        wall_time=time.monotonic() - run.started,
        seed=run.seed,
        workers=run.workers,
        solver=SOLVER_NAME,
        notes=tuple(found.notes),
    )
    return CheckedPlan(event, found.seats, metrics=report.metrics, record=record)


def _reporter(
    progress: ProgressCallback | None, started: float, bounds: dict[Goal, float]
) -> Callable[[Totals], None] | None:
    """Progress reports from the local search, in the same form as CP-SAT's."""
    if progress is None:
        return None
    report = progress

    def hear(totals: Totals) -> None:
        report(
            Progress(
                elapsed=time.monotonic() - started,
                goal=Goal.REPEAT_ENCOUNTERS,
                value=float(totals[0]),
                bound=bounds.get(Goal.REPEAT_ENCOUNTERS, 0.0),
                repeat_encounters=float(totals[0]),
                same_organisation_pairs=float(totals[1]),
            )
        )

    return hear
