"""The local-search schedule: which searches run on a plan, and for how long.

Every event gets hill climbing and annealing on random swaps, then balance by whole-route
swaps (free: they never change repeat encounters) and a final flattening of the largest
deviations. Events small enough, whose repeat encounters are above their lower bound, get
a tabu search on repeats instead of the random climb: with many phases (free mixing, social
golfers) it finds far fewer repeats. Up to 200 people, short breakout descents from fresh
constructions come first and hand the tabu search their best plan. When the event ranks
other goals before repeats (the balance first, say), climbing and annealing serve those
first and the tabu search then keeps them as they are. The budget is time, or in
deterministic mode a number of moves, so that a seed always gives the same plan.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from rotation.domain import Event
from rotation.solver.breakout import ATTEMPT_STEPS, probe
from rotation.solver.local_search import BLOCK, EPS, LocalSearch, Totals
from rotation.solver.tabu import STEPS_PER_SECOND, TabuSearch, fits_tabu
from rotation.solver.variables import Placement

__all__ = ["improve"]

SPREAD_COST = 8
"""A route swap for balance costs about as much as this many ordinary moves."""

PART_COST = 4
"""A route swap that parts colleagues costs about as much as this many ordinary moves."""

PROBE_PEOPLE = 200
"""Largest event that first tries breakout descents (each attempt rebuilds pair weights)."""

PROBE_SEATS = 2_000
"""Most seats (people times phases) of an event that tries breakout descents: beyond it one
fresh construction and the probe's set-up take longer than a short time limit, and the
tabu search from the first construction does as well."""

DESIGN_TABU_STEPS_PER_SEAT = 20
"""Most tabu steps per seat (people x phases) on a design's start before the breakout
descents: 12,000 on free mixing of 100 people in 6 rounds (about 6 s)."""

MOVES_PER_SECOND = 30_000
"""Roughly how many moves the search tries per second; sets the deterministic budget."""


@dataclass
class _Run:
    """One improvement run: the search, what it may use, and the budget of the current step."""

    search: LocalSearch
    event: Event
    seed: int
    floor: int
    deterministic: bool
    start: Callable[[int], Placement | None] | None
    stop: threading.Event | None
    moves: int = 0
    """The current step's share of the move budget."""
    deadline: float | None = None
    """When the current step must end (None in deterministic mode)."""


Step = Callable[[_Run], None]
"""One step of a schedule: runs a search on ``run.search`` within the step's budget."""


def climb(run: _Run) -> None:
    """Hill climbing on random moves, until a block finds nothing or the budget is used."""
    search = run.search
    for _ in range(max(1, run.moves // (10 * BLOCK))):
        applied = search.run(10 * BLOCK, deadline=run.deadline)
        search.report(search.totals())
        late = run.deadline is not None and time.monotonic() > run.deadline
        if not applied or late or search.stop.is_set():
            break


def anneal(run: _Run) -> None:
    """Simulated annealing on all goals; with repeats at their bound, for the balance alone."""
    search = run.search
    if search.totals()[0] > run.floor:
        search.anneal(run.moves, 20.0, search.ranking.dominating(), run.deadline)
    else:
        balance(run)


def balance(run: _Run) -> None:
    """Cool annealing in which only the last goal (the balance, by default) may get worse."""
    run.search.anneal(run.moves, 0.5, None, run.deadline)


def spread(run: _Run) -> None:
    """Balance by swapping whole routes, which never changes repeat encounters."""
    run.search.spread(run.moves // SPREAD_COST, run.deadline)


def part(run: _Run) -> None:
    """Part colleagues by swapping whole routes (repeat encounters stay as they are): deal
    the routes anew, largest organisation first, then swap routes one by one."""
    run.search.regroup()
    run.search.part(run.moves // PART_COST, run.deadline)


def flatten(run: _Run) -> None:
    """Lower the largest single deviations from the attribute mix."""
    run.search.flatten(run.moves, run.deadline)


def _tabu_steps(run: _Run) -> int:
    return int(run.moves * STEPS_PER_SECOND / MOVES_PER_SECOND)


def tabu(run: _Run) -> None:
    """Tabu search on repeat encounters (a tabu schedule runs on a :class:`TabuSearch`)."""
    search = run.search
    assert isinstance(search, TabuSearch)
    steps = _tabu_steps(run) if run.deterministic else run.moves
    search.tabu(max(1, steps), floor=run.floor, deadline=run.deadline)


def tabu_keeping(run: _Run) -> None:
    """The tabu search on repeats for an event that ranks other goals first: on a search of
    its own, since its per-table sums slow every other step's moves; it keeps those goals."""
    search = run.search
    tabu_search = TabuSearch(run.event, search.seats(), run.seed, run.stop, search.report)
    steps = _tabu_steps(run) if run.deterministic else run.moves
    if tabu_search.tabu(max(1, steps), floor=run.floor, deadline=run.deadline):
        search.restore(tabu_search.seats())


def tabu_on_design(run: _Run) -> None:
    """The tabu search on a design's start, for at most so many steps per seat: where the
    design's structure traps it, the breakout descents after it get their time."""
    search = run.search
    assert isinstance(search, TabuSearch)
    steps = _tabu_steps(run) if run.deterministic else run.moves
    cap = DESIGN_TABU_STEPS_PER_SEAT * search.n * len(search.phases)
    search.tabu(max(1, min(steps, cap)), floor=run.floor, deadline=run.deadline)


def probe_starts(run: _Run) -> None:
    """Short breakout descents from fresh constructions; the best replaces the plan."""
    assert run.start is not None
    attempts = max(1, _tabu_steps(run) // ATTEMPT_STEPS) if run.deterministic else 1 << 30
    found = probe(
        run.event,
        run.start,
        seed=run.seed,
        floor=run.floor,
        attempts=attempts,
        deadline=run.deadline,
        stop=run.stop,
    )
    search = run.search
    if found is not None and search.ranking.improves(found[1], search.totals()):
        search.restore(found[0])
        search.report(search.totals())


Schedule = tuple[tuple[float, Step], ...]
"""Steps with their shares of the budget, in order (the shares add up to 1)."""

SWAPS: Schedule = (
    (0.25, climb),
    (0.25, anneal),
    (0.2, part),
    (0.05, climb),
    (0.1, spread),
    (0.05, balance),
    (0.1, flatten),
)
"""Every event: climbing and annealing on random swaps, colleagues parted, then balance."""

TABU: Schedule = ((0.5, tabu), (0.05, part), (0.1, climb), (0.25, spread), (0.1, flatten))
"""Small events with repeats above their bound: tabu search on repeats first."""

PROBE_AND_TABU: Schedule = ((0.15, probe_starts), (0.35, tabu), *TABU[1:])
"""Up to :data:`PROBE_PEOPLE` people: breakout descents hand the tabu search their best."""

KEEP_THEN_TABU: Schedule = (
    (0.15, climb),
    (0.15, anneal),
    (0.1, spread),
    (0.35, tabu_keeping),
    (0.05, part),
    (0.1, spread),
    (0.1, flatten),
)
"""Goals ranked before repeats (the balance first, say): climbing, annealing and route swaps
serve them first, then the tabu search on repeats keeps them as they are; route swaps and
flattening see to the balance again after it."""

DESIGN_THEN_PROBE: Schedule = (
    (0.25, tabu_on_design),
    (0.1, probe_starts),
    (0.15, tabu),
    *TABU[1:],
)
"""A start from a design (free mixing): the tabu search improves it first, since fresh
constructions beat a design's start but rarely what the search makes of it; the breakout
descents still get their chance where the design's structure traps the search."""


def improve(
    event: Event,
    seats: Placement,
    *,
    seed: int,
    time_limit: float,
    deterministic: bool,
    floor: int = 0,
    start: Callable[[int], Placement | None] | None = None,
    stop: threading.Event | None = None,
    report: Callable[[Totals], None] | None = None,
    designed: bool = False,
) -> Placement:
    """Improve a plan within a time limit: hill climbing, annealing, then balance.

    Events with repeat encounters above ``floor`` (their lower bound) that are small enough
    start with a tabu search on repeats (see :mod:`rotation.solver.tabu`) instead of the
    random climb and annealing. In deterministic mode the budget is a number of moves
    (``MOVES_PER_SECOND`` per second of the limit), so the result does not depend on the
    machine's speed; otherwise every step uses its share of the time (hill climbing stops
    early once it finds nothing). ``report`` hears the plan's totals whenever they improve.
    ``start(k)`` makes further constructed plans: small events with repeats above their
    bound first try short breakout descents from them (see :mod:`rotation.solver.breakout`);
    a start from a design (``designed``, see :mod:`rotation.solver.designs`) gets the tabu
    search first.
    """
    search, schedule = _choose_schedule(event, seats, seed, floor, start, stop, report, designed)
    run = _Run(search, event, seed, floor, deterministic, start, stop)
    search.report(search.totals())
    # Deterministic: a move budget. Otherwise each step runs until its share of the time.
    total = max(BLOCK, int(time_limit * MOVES_PER_SECOND)) if deterministic else 1 << 30
    started = time.monotonic()
    spent = 0.0
    for share, step in schedule:
        repeats, colleagues, deviation = search.totals()
        if repeats <= floor and colleagues == 0 and deviation < EPS:
            break  # nothing left to improve
        spent += share
        run.moves = int(total * share)
        run.deadline = None if deterministic else started + time_limit * spent
        step(run)
    return search.seats()


def _choose_schedule(
    event: Event,
    seats: Placement,
    seed: int,
    floor: int,
    start: Callable[[int], Placement | None] | None,
    stop: threading.Event | None,
    report: Callable[[Totals], None] | None,
    designed: bool,
) -> tuple[LocalSearch, Schedule]:
    """The search and its schedule: tabu for small events with repeats above the bound (on
    a design's start first, before the breakout descents; after the goals ranked before
    repeats, if any)."""
    search = LocalSearch(event, seats, seed, stop, report)
    before = search.ranking.before_repeats
    if not (search.totals()[0] > floor and before is not None and fits_tabu(search)):
        return search, SWAPS
    if before:
        return search, KEEP_THEN_TABU
    tabu_search = TabuSearch(event, seats, seed, stop, report)
    if start is not None and tabu_search.n <= PROBE_PEOPLE and len(seats) <= PROBE_SEATS:
        return tabu_search, DESIGN_THEN_PROBE if designed else PROBE_AND_TABU
    return tabu_search, TABU
