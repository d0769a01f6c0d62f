"""The exact path: the CP-SAT route model, solved goal by goal in priority order.

Each stage minimises one goal (or several consecutive goals under dominating weights) and
then fixes it at the value reached, so later stages can only improve lower priorities.
A stage whose goals already sit at their counting bounds is proven optimal without a solve;
a search that reaches those bounds stops at once. Between the colleague stage and the
balance stage, local search polishes the plan and hands it over as a complete hint.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rotation.domain import Event, Goal, Status
from rotation.errors import NoPlanError, SolveTimeoutError
from rotation.solver.cpsat import new_solver
from rotation.solver.explain import explain_infeasibility
from rotation.solver.goals import Term, build_terms
from rotation.solver.local_search import BLOCK, LocalSearch
from rotation.solver.rules import add_all_rules
from rotation.solver.symmetry import add_symmetry_breaking, relabel_for_symmetry
from rotation.solver.variables import Placement, SeatVariables
from rotation.wording import format_number

__all__ = ["ExactResult", "Progress", "ProgressCallback", "StagedSearch"]

_log = logging.getLogger(__name__)


GRACE_SHARE = 0.02
"""Share of the time limit a stage at its bounds may still spend on its tie-break."""
TIEBREAK_WEIGHT = 1 << 20
"""Weight of a goal's own unit over its tie-break (the balance's largest deviation)."""
MERGE_LIMIT = 10**9
"""Goals share a stage while their dominating weights stay below this."""
POLISH_MOVES_PER_PERSON = 2000
"""Local-search moves tried per participant before the balance stage (at most)."""
POLISH_SHARE = 0.5
"""Share of the remaining time the polish may use (outside deterministic mode)."""


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


@dataclass(frozen=True)
class ExactResult:
    """What the staged search found: seats, status, the model's goal values, proven bounds."""

    seats: dict[tuple[str, int], str]
    status: Status
    values: dict[Goal, float]
    proven: dict[Goal, float]


@dataclass(frozen=True)
class _Stage:
    """Goals minimised together; ``fixes`` are kept at their optimum for later stages."""

    goals: tuple[Goal, ...]
    weights: tuple[int, ...]
    objective: cp_model.LinearExprT
    fixes: tuple[Goal, ...]
    slack: int = 0
    """The most an unfixed tie-break (even sizes, the largest deviation) adds to the
    objective."""
    preferred: Goal | None = None
    """A later goal preferred below this stage's goals without being fixed (even sizes)."""


class StagedSearch:
    """The CP-SAT model of one event, solved in priority stages."""

    def __init__(
        self,
        event: Event,
        bounds: Mapping[Goal, float],
        *,
        seed: int,
        workers: int,
        deterministic: bool,
        progress: ProgressCallback | None = None,
        stop: threading.Event | None = None,
        leave_out: frozenset[Goal] = frozenset(),
    ) -> None:
        """``leave_out``: goals without a term here (the route model of a large re-plan)."""
        self.event, self.bounds, self.seed = event, bounds, seed
        self.stop = stop or threading.Event()
        self.workers, self.deterministic, self.progress = workers, deterministic, progress
        self.model = cp_model.CpModel()
        self.variables = SeatVariables.create(self.model, event)
        add_all_rules(event, self.variables)
        self.classes = add_symmetry_breaking(event, self.variables)
        goals = [g for g in event.goals.priority if g not in leave_out]
        self.terms = build_terms(event, self.variables, goals)
        for goal, term in self.terms.items():
            # Valid cuts: the LP sees the counting bounds from the start.
            if self._floor(goal) > 0:
                self.model.add(term.expr >= self._floor(goal))
        self.seats: dict[tuple[str, int], str] = {}
        self.values: dict[Goal, float] = {}
        self.hint_seconds = 0.0
        """Wall time of the slowest hint completion so far (what handing a plan over costs)."""

    def _floor(self, goal: Goal) -> int:
        """The counting bound of a goal in the model's units."""
        term = self.terms[goal]
        return math.ceil(self.bounds.get(goal, 0.0) * term.scale - 1e-9)

    def _keep(self, solver: cp_model.CpSolver) -> None:
        """Remember the solver's plan as the best so far and hint it for the next solve."""
        self.seats = self.variables.extract(solver, self.event)
        self.values = {g: t.metric(solver.value) for g, t in self.terms.items()}
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for index, value in enumerate(solver.response_proto.solution):
            self.model.add_hint(self.model.get_int_var_from_proto_index(index), value)

    def hint(self, seats: Placement) -> bool:
        """Make a plan (given by its seats) the starting point: complete it and keep it."""
        seats = relabel_for_symmetry(self.event, seats, self.classes)
        trial = self.model.clone()
        trial.clear_hints()  # type: ignore[no-untyped-call]
        for (i, r, k), literal in self.variables.seat.items():
            own = trial.get_bool_var_from_proto_index(literal.index)
            trial.add(own == int(seats.get((i, r)) == k))
        # With every seat fixed, minimising the terms makes their variables tight.
        trial.minimize(sum(t.expr for t in self.terms.values()))
        solver = new_solver(seed=self.seed, time_limit=10.0)
        status = solver.solve(trial)
        self.hint_seconds = max(self.hint_seconds, solver.wall_time)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            _log.debug("a plan could not be completed as a hint")
            return False
        self._keep(solver)
        return True

    def hint_previous(self, seats: Mapping[tuple[str, int], str]) -> None:
        """Hint the seats of the plan being changed (a re-plan); CP-SAT completes the rest."""
        event = self.event
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for (participant, r), table in seats.items():
            if not event.has_participant(participant) or not event.has_table(table):
                continue
            i, kept = event.participant_position(participant), event.table_position(table)
            for k in self.variables.options.get((i, r), []):
                self.model.add_hint(self.variables.seat[i, r, k], k == kept)

    def run(self, time_limit: float, started: float) -> ExactResult:
        """Solve every stage within the time limit (wall or deterministic seconds)."""
        stages = _stages(
            self.terms, self.event.goals.weights, merge=not self.event.goals.lexicographic
        )
        solver = new_solver(seed=self.seed, workers=self.workers)
        all_optimal, spent = True, 0.0
        proven: dict[Goal, float] = {}
        for n, stage in enumerate(stages):
            last = n == len(stages) - 1
            if self.stop.is_set():
                all_optimal = False
                break
            if self._at_floors(stage):
                # The plan in hand meets the counting bounds: optimal without a search.
                self._fix(stage, {g: self._floor(g) for g in stage.goals})
            else:
                budget = self._budget(time_limit, started, spent, first=n == 0, last=last)
                status, at_floor = self._solve_stage(solver, stage, budget, time_limit, started, n)
                spent += solver.deterministic_time
                if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                    all_optimal = False
                    break
                all_optimal &= status == cp_model.OPTIMAL or at_floor
                if n == 0:
                    proven |= self._proven_by_first_stage(solver, stage)
                self._keep(solver)
                if self.stop.is_set():
                    all_optimal = all_optimal and last and status == cp_model.OPTIMAL
                    break
                self._fix(stage, {g: int(solver.value(self.terms[g].expr)) for g in stage.fixes})
            if not last and Goal.ATTRIBUTE_DEVIATION in stages[n + 1].goals:
                self._polish_share(time_limit, started, spent)
        quality = Status.OPTIMAL if all_optimal else Status.FEASIBLE
        return ExactResult(self.seats, quality, self.values, proven)

    def _at_floors(self, stage: _Stage) -> bool:
        """True when the plan in hand has every goal of the stage at its counting bound."""
        return bool(self.values) and all(
            self.values[g] * self.terms[g].scale <= self._floor(g) + 1e-9 for g in stage.goals
        )

    def _budget(
        self, time_limit: float, started: float, spent: float, *, first: bool, last: bool
    ) -> float:
        """A stage's share of the time left: 70 % for the first, half for later ones, all
        for the last."""
        # Deterministic mode counts CP-SAT's deterministic time, so budgets never depend
        # on how busy the machine is; otherwise wall time since the start.
        used = spent if self.deterministic else time.monotonic() - started
        remaining = max(0.0, time_limit - used)
        return remaining if last else remaining * (0.7 if first else 0.5)

    def _solve_stage(
        self,
        solver: cp_model.CpSolver,
        stage: _Stage,
        budget: float,
        time_limit: float,
        started: float,
        n: int,
    ) -> tuple[cp_model.CpSolverStatus, bool]:
        """Minimise one stage; its CP-SAT status and whether the goals reached their floor.

        Raises NoPlanError when the rules admit no plan, SolveTimeoutError when no plan was
        found at all.
        """
        self.model.minimize(stage.objective)
        self._parameters(solver, budget, later=n > 0)
        floor = sum(w * self._floor(g) for w, g in zip(stage.weights, stage.goals))
        watcher = _Watcher(
            self.terms,
            stage.goals[0],
            started,
            floor,
            stage.slack,
            self.progress,
            stop_at=self._stop_at(stage, floor),
        )
        stall = None if self.deterministic or n == 0 else max(0.5, 0.1 * time_limit)
        # Once the goals sit at their bounds, the tie-break gets a short grace period.
        grace = None if self.deterministic else max(0.1, GRACE_SHARE * time_limit)
        with _Guard(solver, watcher, stall, self.stop, grace):
            status = solver.solve(self.model, watcher)
        _log.debug(
            "stage %s: %s in %.2f s",
            "+".join(g.value for g in stage.goals),
            solver.status_name(status),
            solver.wall_time,
        )
        if status == cp_model.INFEASIBLE:
            raise NoPlanError(explain_infeasibility(self.event))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and not self.seats:
            raise SolveTimeoutError(
                f"No plan found within {format_number(time_limit)} s; allow more time "
                "with a larger time limit."
            )
        return status, watcher.reached_floor

    def _proven_by_first_stage(self, solver: cp_model.CpSolver, stage: _Stage) -> dict[Goal, float]:
        """The first stage's bound on its leading goal, which holds for every plan."""
        first, weight = self.terms[stage.goals[0]], stage.weights[0]
        if first.tiebreak is not None:
            return {}
        bound = math.ceil((solver.best_objective_bound - 1e-6 - (weight - 1)) / weight)
        return {first.goal: bound / first.scale}

    def _stop_at(self, stage: _Stage, floor: int) -> int:
        """The objective at which a stage needs no more search: every goal at its bound.

        The even-size preference of the first stage has its own bound. A tie-break (the
        largest deviation) is no goal: deterministic mode stops once the goal is at its
        bound; otherwise the guard's grace period lets the tie-break improve a little.
        """
        if stage.preferred is not None:
            return floor + self._floor(stage.preferred)
        if stage.slack and self.deterministic:
            return floor + stage.slack
        return floor

    def _fix(self, stage: _Stage, values: Mapping[Goal, int]) -> None:
        for goal in stage.fixes:
            self.model.add(self.terms[goal].expr <= values[goal])

    def _polish_share(self, time_limit: float, started: float, spent: float) -> None:
        """Polish with its share of the time left (moves, in deterministic mode).

        Handing the polished plan back to CP-SAT costs a completion solve; without time for
        it and a stage after it, the polish is skipped.
        """
        if Goal.MOVED_SEATS in self.terms:
            # The polish knows nothing of moved seats; its plans would only be refused.
            return
        if self.deterministic:
            self._polish(None)
            return
        left = time_limit - (time.monotonic() - started) - 2 * self.hint_seconds
        if left > 0.1:
            self._polish(time.monotonic() + POLISH_SHARE * left)

    def _polish(self, deadline: float | None) -> None:
        """Local search on the plan in hand for the goals after repeats and colleagues.

        Deterministic mode counts moves; otherwise the search also stops at ``deadline``.
        """
        seats = {
            (self.event.participant_position(p), r): self.event.table_position(t)
            for (p, r), t in self.seats.items()
        }
        search = LocalSearch(self.event, seats, self.seed, stop=self.stop)
        moves = POLISH_MOVES_PER_PERSON * len(self.event.participants)
        applied, improved = 0, False
        # Once the balance sits at its counting bound there is nothing left to polish.
        floor = self.bounds.get(Goal.ATTRIBUTE_DEVIATION, 0.0) + 1e-6
        for _ in range(max(1, moves // (4 * BLOCK))):
            applied += search.run(BLOCK)
            late = deadline is not None and time.monotonic() > deadline
            if late or search.balance_total() <= floor:
                break
        if search.balance_total() > floor:
            # Annealing for the deviation's sum, then route swaps and flattening for the
            # tables furthest from a share, each with its part of the time.
            now = time.monotonic()
            half = None if deadline is None else now + 0.5 * (deadline - now)
            three_quarters = None if deadline is None else now + 0.75 * (deadline - now)
            improved = search.anneal(moves, deadline=half)
            applied += search.spread(moves // 8, three_quarters)
            applied += search.flatten(moves // 4, deadline)
        if improved or applied:
            _log.debug("polish: %d moves applied, balance %.3f", applied, search.balance_total())
            self.hint(search.seats())

    def _parameters(self, solver: cp_model.CpSolver, budget: float, later: bool) -> None:
        params = solver.parameters
        params.random_seed = self.seed
        params.num_workers = self.workers
        # Later stages start from the previous plan: presolve must not cut it off (the first
        # stage presolves freely, which matters more there than its hint).
        params.keep_all_feasible_solutions_in_presolve = later
        if self.deterministic:
            # Deterministic time makes the stop point reproducible; wall time only guards.
            params.max_deterministic_time = max(0.05, budget)
            params.max_time_in_seconds = 2.0 + 2 * budget
        else:
            params.max_time_in_seconds = max(0.05, budget)


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
            stages.append(
                _Stage(
                    (term.goal,),
                    (TIEBREAK_WEIGHT,),
                    objective,
                    (term.goal,),
                    slack=TIEBREAK_WEIGHT - 1,
                )
            )
            continue
        # Dominance: each weight exceeds all later terms' worst total.
        stage_weights = [1] * len(group)
        for j in range(len(group) - 2, -1, -1):
            stage_weights[j] = 1 + sum(
                stage_weights[m] * group[m].upper for m in range(j + 1, len(group))
            )
        objective = sum(w * t.expr for w, t in zip(stage_weights, group))
        goals = tuple(t.goal for t in group)
        stages.append(_Stage(goals, tuple(stage_weights), objective, goals))
    return _prefer_even_sizes_early(stages, terms)


def _prefer_even_sizes_early(stages: list[_Stage], terms: dict[Goal, Term]) -> list[_Stage]:
    """Let the first stage pick even table sizes among its optimal plans, without fixing them.

    Table sizes are settled by the first stage (later moves swap people and keep sizes), but
    their goal comes last. Preferring even sizes there, below every goal of the stage, costs
    those goals nothing; since the sizes are not fixed, the balance stage may still change
    them, so no goal is ever traded for even sizes.
    """
    sizes = terms.get(Goal.UNEVEN_TABLE_SIZES)
    first = stages[0]
    if sizes is None or len(stages) < 2 or Goal.UNEVEN_TABLE_SIZES in first.goals:
        return stages
    scale = sizes.upper + 1
    preferred = _Stage(
        first.goals,
        tuple(w * scale for w in first.weights),
        cp_model.LinearExpr.weighted_sum([first.objective, sizes.expr], [scale, 1]),
        first.fixes,
        slack=sizes.upper,
        preferred=Goal.UNEVEN_TABLE_SIZES,
    )
    return [preferred, *stages[1:]]


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports every improving solution; stops the search once it meets the counting floor."""

    def __init__(
        self,
        terms: dict[Goal, Term],
        goal: Goal,
        started: float,
        floor: int,
        slack: int,
        progress: ProgressCallback | None,
        *,
        stop_at: int | None = None,
    ) -> None:
        super().__init__()
        self._terms, self._goal, self._floor, self._slack = terms, goal, floor, slack
        self._stop_at = floor if stop_at is None else stop_at
        self._started, self._progress = started, progress
        self.solutions = 0
        self.last_improvement = time.monotonic()
        self.reached_floor = False

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.last_improvement = time.monotonic()
        if self.objective_value <= self._floor + self._slack + 1e-9:
            self.reached_floor = True
        if self.objective_value <= self._stop_at + 1e-9:
            self.stop_search()
        if self._progress is None:
            return

        def metric(goal: Goal) -> float | None:
            term = self._terms.get(goal)
            return None if term is None else term.metric(self.value)

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


class _Guard:
    """Stops a search on request (``stop``), after ``stall`` seconds without improvement, or
    ``grace`` seconds after the stage's goals reached their counting floor."""

    def __init__(
        self,
        solver: cp_model.CpSolver,
        watcher: _Watcher,
        stall: float | None,
        stop: threading.Event,
        grace: float | None = None,
    ) -> None:
        self._solver, self._watcher, self._stall, self._stop = solver, watcher, stall, stop
        self._grace = grace
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> _Guard:
        self._watcher.last_improvement = time.monotonic()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._done.wait(0.05):
            idle = time.monotonic() - self._watcher.last_improvement
            stalled = self._stall is not None and self._watcher.solutions and idle > self._stall
            settled = self._grace is not None and self._watcher.reached_floor
            if stalled or (settled and idle > (self._grace or 0.0)) or self._stop.is_set():
                self._solver.stop_search()
                return

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
