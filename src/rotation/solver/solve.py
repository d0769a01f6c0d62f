"""``solve(event)``: from a validated event to a checked plan.

The flow: counting checks (explain at once when no plan can exist), lower bounds, a
constructive start, then CP-SAT with the goals in priority order (each stage keeps the
optimum of the ones before) or as one weighted sum, and finally the independent checker.
Events too large for the route model are planned by the construction alone.
"""

from __future__ import annotations

import enum
import logging
import math
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import version

from ortools.sat.python import cp_model

from rotation.checker import check
from rotation.domain import Event, Goal, Plan, Status
from rotation.errors import NoPlanError, RotationError, SolveTimeoutError
from rotation.solver.bounds import lower_bounds
from rotation.solver.construct import construct, seats_by_id
from rotation.solver.explain import counting_conflicts, explain_infeasibility
from rotation.solver.goals import Term, build_terms, route_variable_count
from rotation.solver.improve import LocalSearch, improve
from rotation.solver.rules import add_all_rules
from rotation.solver.symmetry import add_symmetry_breaking, relabel_for_symmetry
from rotation.solver.variables import SeatVariables, seat_options

__all__ = ["Method", "Progress", "solve"]

SOLVER_NAME = f"OR-Tools CP-SAT {version('ortools')}"
ROUTE_LIMIT = 300_000
"""Above this many route literals the exact model gets too large; the construction plans."""


_log = logging.getLogger(__name__)

POLISH_MOVES_PER_PERSON = 2000
"""Local-search moves tried per participant before the balance stage (deterministic)."""

TIEBREAK_WEIGHT = 1 << 20


class Method(enum.Enum):
    """How to plan: choose by size, always the CP-SAT route model, or construction only."""

    AUTO = "auto"
    EXACT = "exact"
    CONSTRUCT = "construct"


@dataclass(frozen=True)
class Progress:
    """A progress report: the goal being improved, its best value so far and its bound."""

    elapsed: float
    goal: Goal
    value: float
    bound: float
    repeat_encounters: float | None
    same_organisation_pairs: float | None


ProgressCallback = Callable[[Progress], None]


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports every improving solution and remembers the seats of the last one."""

    def __init__(
        self,
        variables: SeatVariables,
        terms: dict[Goal, Term],
        goal: Goal,
        started: float,
        progress: ProgressCallback | None,
    ) -> None:
        super().__init__()
        self._variables, self._terms, self._goal = variables, terms, goal
        self._started, self._progress = started, progress
        self.solutions = 0
        self.last_improvement = time.monotonic()

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.last_improvement = time.monotonic()
        if self._progress is None:
            return

        def metric(goal: Goal) -> float | None:
            term = self._terms.get(goal)
            return None if term is None else self.value(term.expr) / term.scale

        self._progress(
            Progress(
                elapsed=time.monotonic() - self._started,
                goal=self._goal,
                value=self.objective_value,
                bound=self.best_objective_bound,
                repeat_encounters=metric(Goal.REPEAT_ENCOUNTERS),
                same_organisation_pairs=metric(Goal.SAME_ORGANISATION_PAIRS),
            )
        )


def solve(
    event: Event,
    *,
    time_limit: float = 30.0,
    seed: int = 0,
    workers: int | None = None,
    deterministic: bool = False,
    method: Method = Method.AUTO,
    progress: ProgressCallback | None = None,
) -> Plan:
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
    start = construct(event, seed)
    if start is None:
        raise NoPlanError(explain_infeasibility(event))
    if method is Method.AUTO:
        size = route_variable_count(event, seat_options(event))
        method = Method.EXACT if size <= ROUTE_LIMIT else Method.CONSTRUCT
    notes: list[str] = []
    if method is Method.CONSTRUCT:
        remaining = max(0.5, time_limit - (time.monotonic() - started))
        improved = improve(
            event, start, seed=seed, time_limit=remaining, deterministic=deterministic
        )
        seats = seats_by_id(event, improved)
        status = Status.FEASIBLE
        terms_values: dict[Goal, float] = {}
        notes.append(
            "planned by construction and local search (event too large for the exact model)"
        )
    else:
        seats, status, terms_values, proven = _solve_exact(
            event, start, bounds, started, time_limit, seed, workers, deterministic, progress
        )
        for goal, bound in proven.items():
            bounds[goal] = max(bounds.get(goal, 0.0), bound)
    report = check(event, Plan(event, seats))
    if report.violations:
        if method is Method.CONSTRUCT:
            raise SolveTimeoutError(
                "The construction could not satisfy every rule for this large event: "
                + "; ".join(str(v) for v in report.violations[:5])
            )
        raise RotationError(
            "Internal error: the solver's plan breaks a rule (please report this): "
            + "; ".join(str(v) for v in report.violations[:5])
        )
    return Plan(
        event=event,
        seats=seats,
        status=status,
        metrics=report.metrics,
        bounds=bounds,
        objective_terms=terms_values,
        wall_time=time.monotonic() - started,
        seed=seed,
        workers=workers,
        solver=SOLVER_NAME,
        notes=tuple(notes),
    )


def _parameters(
    solver: cp_model.CpSolver, budget: float, seed: int, workers: int, deterministic: bool
) -> None:
    params = solver.parameters
    params.random_seed = seed
    params.num_workers = workers
    if deterministic:
        # Deterministic time makes the stop point reproducible; wall time only guards.
        params.max_deterministic_time = max(0.05, budget)
        params.max_time_in_seconds = max(1.0, 10 * budget)
    else:
        params.max_time_in_seconds = max(0.05, budget)


def _solve_exact(
    event: Event,
    start: dict[tuple[int, int], int],
    bounds: dict[Goal, float],
    started: float,
    time_limit: float,
    seed: int,
    workers: int,
    deterministic: bool,
    progress: ProgressCallback | None,
) -> tuple[dict[tuple[str, int], str], Status, dict[Goal, float], dict[Goal, float]]:
    model = cp_model.CpModel()
    variables = SeatVariables.create(model, event)
    add_all_rules(event, variables)
    classes = add_symmetry_breaking(event, variables)
    goals = event.goals
    terms = build_terms(event, variables, goals.priority)
    for goal, term in terms.items():
        # Valid cuts: they let the solver stop as soon as a plan reaches a counting bound.
        if bounds.get(goal, 0) > 0:
            model.add(term.expr >= math.ceil(bounds[goal] * term.scale - 1e-9))
    hint = relabel_for_symmetry(event, start, classes)
    for (i, r, k), literal in variables.seat.items():
        model.add_hint(literal, hint.get((i, r)) == k)

    stages = _stages(terms, goals.weights, merge=not goals.lexicographic)
    solver = cp_model.CpSolver()
    all_optimal, found = True, False
    proven: dict[Goal, float] = {}
    seats: dict[tuple[str, int], str] = {}
    values: dict[Goal, float] = {}
    spent = 0.0
    for n, stage in enumerate(stages):
        # Deterministic mode counts CP-SAT's deterministic time, so budgets never depend on
        # how busy the machine is; otherwise wall time since the start.
        used = spent if deterministic else time.monotonic() - started
        remaining = max(0.0, time_limit - used)
        last = n == len(stages) - 1
        budget = remaining if last else remaining * (0.7 if n == 0 else 0.5)
        model.minimize(stage.objective)
        _parameters(solver, budget, seed, workers, deterministic)
        watcher = _Watcher(variables, terms, stage.goals[0], started, progress)
        stall = None if deterministic or n == 0 else max(0.5, 0.1 * time_limit)
        with _StallGuard(solver, watcher, stall):
            status = solver.solve(model, watcher)
        spent += solver.deterministic_time
        _log.debug(
            "stage %s: %s in %.2f s, bound %s",
            "+".join(g.value for g in stage.goals),
            solver.status_name(status),
            solver.wall_time,
            solver.best_objective_bound,
        )
        if status == cp_model.INFEASIBLE:
            raise NoPlanError(explain_infeasibility(event))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if not found:
                raise SolveTimeoutError(
                    f"No plan found within {time_limit:g} s; allow more time with a larger "
                    "time limit."
                )
            all_optimal = False
            break
        found = True
        all_optimal &= status == cp_model.OPTIMAL
        if n == 0 and stage.fixes:
            # The first stage's bound holds for every plan, not only the ones found.
            first = terms[stage.goals[0]]
            weight = stage.weights[0]
            bound = math.ceil((solver.best_objective_bound - 1e-6 - (weight - 1)) / weight)
            if first.tiebreak is None:
                proven[first.goal] = bound / first.scale
        seats = variables.extract(solver, event)
        values = {g: solver.value(t.expr) / t.scale for g, t in terms.items()}
        for goal in stage.fixes:
            model.add(terms[goal].expr <= int(solver.value(terms[goal].expr)))
        _hint_everything(model, solver)
        if not last and Goal.ATTRIBUTE_DEVIATION in stages[n + 1].goals:
            polished = _polish(event, variables, solver, seed)
            if polished is not None:
                polished = relabel_for_symmetry(event, polished, classes)
                completed = _hint_seats(model, variables, polished, seed)
                if completed is not None:
                    # The polished plan stands even if the next stage finds nothing better.
                    seats = variables.extract(completed, event)
                    values = {g: completed.value(t.expr) / t.scale for g, t in terms.items()}
    return seats, Status.OPTIMAL if all_optimal else Status.FEASIBLE, values, proven


@dataclass(frozen=True)
class _Stage:
    """Goals minimised together; ``fixes`` are kept at their optimum for later stages."""

    goals: tuple[Goal, ...]
    weights: tuple[int, ...]
    objective: cp_model.LinearExprT
    fixes: tuple[Goal, ...]


MERGE_LIMIT = 10**9
"""Goals share a stage while their dominating weights stay below this."""


def _stages(
    terms: dict[Goal, Term], weights: Mapping[Goal, int] | None, *, merge: bool = True
) -> list[_Stage]:
    """Split the goals into solver stages.

    With explicit weights: one stage, the weighted sum (weights per unit of each metric).
    Otherwise strict priority: consecutive goals share a stage with dominating weights
    (each unit of a goal outweighs everything the later goals of the stage can add) as long
    as the weights stay small; a goal with a tie-break (balance) gets a stage of its own.
    Without ``merge`` (strict lexicographic mode) every goal gets a stage of its own.
    """
    if not terms:
        return [_Stage((Goal.REPEAT_ENCOUNTERS,), (1,), 0, ())]
    if weights is not None:
        scale = max(t.scale for t in terms.values())
        objective = sum(weights.get(g, 0) * (scale // t.scale) * t.expr for g, t in terms.items())
        goals = tuple(terms)
        return [_Stage(goals, tuple(weights.get(g, 0) for g in goals), objective, goals)]
    groups: list[list[Term]] = []
    for term in terms.values():
        current = groups[-1] if groups else None
        if (
            merge
            and current is not None
            and current[-1].tiebreak is None
            and term.tiebreak is None
            and math.prod(t.upper + 1 for t in [*current[1:], term]) < MERGE_LIMIT
        ):
            current.append(term)
        else:
            groups.append([term])
    stages = []
    for group in groups:
        tiebreak = group[0].tiebreak
        if len(group) == 1 and tiebreak is not None:
            term = group[0]
            objective = TIEBREAK_WEIGHT * term.expr + tiebreak
            stages.append(_Stage((term.goal,), (TIEBREAK_WEIGHT,), objective, (term.goal,)))
            continue
        stage_weights = [1] * len(group)
        for j in range(len(group) - 2, -1, -1):
            stage_weights[j] = stage_weights[j + 1] * (group[j + 1].upper + 1)
        # Dominance needs each weight to exceed all later terms' worst total.
        for j in range(len(group) - 1):
            stage_weights[j] = 1 + sum(
                stage_weights[m] * group[m].upper for m in range(j + 1, len(group))
            )
        objective = sum(w * t.expr for w, t in zip(stage_weights, group))
        goals = tuple(t.goal for t in group)
        stages.append(_Stage(goals, tuple(stage_weights), objective, goals))
    return stages


class _StallGuard:
    """Stops a search that has not improved for ``stall`` seconds (None: never)."""

    def __init__(self, solver: cp_model.CpSolver, watcher: _Watcher, stall: float | None) -> None:
        self._solver, self._watcher, self._stall = solver, watcher, stall
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> _StallGuard:
        if self._stall is not None:
            self._watcher.last_improvement = time.monotonic()
            self._thread = threading.Thread(target=self._watch, daemon=True)
            self._thread.start()
        return self

    def _watch(self) -> None:
        assert self._stall is not None
        while not self._done.wait(0.05):
            if time.monotonic() - self._watcher.last_improvement > self._stall:
                self._solver.stop_search()
                return

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()


def _polish(
    event: Event, variables: SeatVariables, solver: cp_model.CpSolver, seed: int
) -> dict[tuple[int, int], int] | None:
    """Local search on the solver's plan for the goals after repeats and colleagues."""
    seats = {
        (i, r): k for (i, r, k), literal in variables.seat.items() if solver.boolean_value(literal)
    }
    search = LocalSearch(event, seats, seed)
    moves = POLISH_MOVES_PER_PERSON * len(event.participants)
    applied = search.run(moves // 4)
    improved = search.anneal(moves)
    _log.debug("polish: %d moves applied, balance %.3f", applied, search.balance_total())
    return search.seats() if applied or improved else None


def _hint_seats(
    model: cp_model.CpModel, variables: SeatVariables, seats: dict[tuple[int, int], int], seed: int
) -> cp_model.CpSolver | None:
    """Hint a plan given by its seats, completing every other variable by a quick solve.

    Returns the solver holding the completed plan, or None when it could not be completed.
    """
    trial = model.clone()
    trial.clear_hints()  # type: ignore[no-untyped-call]
    for (i, r, k), literal in variables.seat.items():
        trial.add(trial.get_bool_var_from_proto_index(literal.index) == int(seats.get((i, r)) == k))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = 5.0
    solver.parameters.stop_after_first_solution = True
    if solver.solve(trial) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        _hint_everything(model, solver)
        return solver
    _log.debug("the polished plan could not be completed as a hint")
    return None


def _hint_everything(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Hint every variable with its value in the solver's last solution."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    values = solver.response_proto.solution
    for index, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(index), value)
