"""``solve(event)``: from a validated event to a checked plan.

The flow: counting checks (explain at once when no plan can exist), lower bounds, a
constructive start, then CP-SAT with the goals in priority order (each stage keeps the
optimum of the ones before) or as one weighted sum, and finally the independent checker.
Events too large for the route model, or with many phases, are planned by the
construction and local search.
"""

from __future__ import annotations

import enum
import math
import os
import threading
import time
from collections.abc import Callable
from importlib.metadata import version

from rotation.checker import check
from rotation.domain import CheckedPlan, Event, Goal, Plan, SolveRecord, Status
from rotation.errors import NoPlanError, RotationError, SolveTimeoutError
from rotation.solver.bounds import lower_bounds, meets_bounds
from rotation.solver.construct import construct, seats_by_id
from rotation.solver.explain import counting_conflicts, explain_infeasibility
from rotation.solver.goals import route_variable_count
from rotation.solver.improve import improve
from rotation.solver.local_search import Totals
from rotation.solver.stages import Progress, ProgressCallback, StagedSearch
from rotation.solver.variables import seat_options

__all__ = ["Method", "Progress", "solve"]

SOLVER_NAME = f"OR-Tools CP-SAT {version('ortools')}"
ROUTE_LIMIT = 300_000
"""Above this many route literals the exact model gets too large; the construction plans."""
EXACT_PHASES = 4
"""With more phases (speed networking, golfers) the route model's bound is weak and local
search finds better plans in the same time (measured in docs/benchmarks.md)."""


WARM_UP_SHARE, MAX_WARM_UP = 0.1, 2.0
"""Share of the time limit (at most so many seconds) for local search before CP-SAT."""


class Method(enum.Enum):
    """How to plan: choose by size, always the CP-SAT route model, or construction only."""

    AUTO = "auto"
    EXACT = "exact"
    CONSTRUCT = "construct"


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

    Returns:
        The plan, already checked by :func:`rotation.check`, with metrics and bounds.

    Raises:
        NoPlanError: the rules admit no plan; ``reasons`` says why.
        SolveTimeoutError: no plan was found within the time limit.
    """
    started = time.monotonic()
    workers = workers or max(1, min(8, os.cpu_count() or 1))
    if deterministic:
        # One search worker with a deterministic time limit is reproducible and, unlike
        # interleaved parallel search, as strong on these models as the parallel portfolio.
        workers = 1
    conflicts = counting_conflicts(event)
    if conflicts:
        raise NoPlanError(conflicts)
    bounds = lower_bounds(event)
    # The theme plan gets at least its usual 30 s, and more with a larger time limit.
    start = construct(event, seed, time_limit=max(30.0, time_limit))
    if start is None:
        raise NoPlanError(explain_infeasibility(event))
    if method is Method.AUTO:
        size = route_variable_count(event, seat_options(event))
        small = size <= ROUTE_LIMIT and len(event.phases) <= EXACT_PHASES
        method = Method.EXACT if small else Method.CONSTRUCT
    notes: list[str] = []
    floor = math.ceil(bounds.get(Goal.REPEAT_ENCOUNTERS, 0.0) - 1e-9)
    if method is Method.CONSTRUCT:
        # Deterministic mode budgets moves, not seconds: the whole limit, whatever the
        # construction took on this machine, so that a seed always gives the same plan.
        elapsed = 0.0 if deterministic else time.monotonic() - started
        remaining = max(0.5, time_limit - elapsed)
        improved = improve(
            event,
            start,
            seed=seed,
            time_limit=remaining,
            deterministic=deterministic,
            floor=floor,
            start=lambda attempt: construct(event, seed + 1 + attempt),
            stop=stop,
            report=_reporter(progress, started, bounds),
        )
        seats = seats_by_id(event, improved)
        status = Status.FEASIBLE
        terms_values: dict[Goal, float] = {}
        notes.append(
            "planned by construction and local search (event too large for the exact model)"
        )
    else:
        # A short local search turns the construction into a strong first plan for CP-SAT.
        warm_up = min(MAX_WARM_UP, WARM_UP_SHARE * time_limit)
        start = improve(
            event,
            start,
            seed=seed,
            time_limit=warm_up,
            deterministic=deterministic,
            floor=floor,
            stop=stop,
        )
        search = StagedSearch(
            event,
            bounds,
            seed=seed,
            workers=workers,
            deterministic=deterministic,
            progress=progress,
            stop=stop,
        )
        search.hint(start)
        result = search.run(time_limit, started)
        seats, status, terms_values, proven = (
            result.seats,
            result.status,
            result.values,
            result.proven,
        )
        for goal, bound in proven.items():
            bounds[goal] = max(bounds.get(goal, 0.0), bound)
    if stop is not None and stop.is_set():
        notes.append("stopped early on request: the best plan found so far")
    report = check(event, Plan(event, seats))
    if report.violations:
        if method is Method.CONSTRUCT:
            raise SolveTimeoutError(
                "The quick construction used for events of this size could not satisfy every "
                "rule ("
                + "; ".join(str(v) for v in report.violations[:5])
                + "). Give the tables a few more seats, loosen pins or groups, or plan with "
                "method 'exact' (slower at this size)."
            )
        raise RotationError(
            "Internal error: the solver's plan breaks a rule (please report this): "
            + "; ".join(str(v) for v in report.violations[:5])
        )
    if meets_bounds(report.metrics, bounds, event.goals.priority):
        status = Status.OPTIMAL  # every goal at a bound no plan can beat
    record = SolveRecord(
        status=status,
        bounds=bounds,
        objective_terms=terms_values,
        wall_time=time.monotonic() - started,
        seed=seed,
        workers=workers,
        solver=SOLVER_NAME,
        notes=tuple(notes),
    )
    return CheckedPlan(event, seats, metrics=report.metrics, record=record)


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
