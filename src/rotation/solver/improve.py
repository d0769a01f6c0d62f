"""The local-search schedule: which searches run on a plan, and for how long.

Every event gets hill climbing and annealing on random swaps, then balance by whole-route
swaps (free: they never change repeat encounters) and a final flattening of the largest
deviations. Events small enough, whose repeat encounters are above their lower bound, get
a tabu search on repeats instead of the random climb: with many phases (free mixing, social
golfers) it finds far fewer repeats. Up to 200 people, short breakout descents from fresh
constructions come first and hand the tabu search their best plan. The budget is time, or in
deterministic mode a number of moves, so that a seed always gives the same plan.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from rotation.domain import Event
from rotation.solver.breakout import ATTEMPT_STEPS, probe
from rotation.solver.local_search import BLOCK, EPS, LocalSearch, Seats, Totals
from rotation.solver.tabu import STEPS_PER_SECOND, TabuSearch, fits_tabu

__all__ = ["improve"]

SPREAD_COST = 8
"""A route swap for balance costs about as much as this many ordinary moves."""

PROBE_PEOPLE = 200
"""Largest event that first tries breakout descents (each attempt rebuilds pair weights)."""

MOVES_PER_SECOND = 30_000
"""Roughly how many moves the search tries per second; sets the deterministic budget."""


def improve(
    event: Event,
    seats: Seats,
    *,
    seed: int,
    time_limit: float,
    deterministic: bool,
    floor: int = 0,
    start: Callable[[int], Seats | None] | None = None,
    stop: threading.Event | None = None,
    report: Callable[[Totals], None] | None = None,
) -> Seats:
    """Improve a plan within a time limit: hill climbing, annealing, then balance.

    Events with repeat encounters above ``floor`` (their lower bound) that are small enough
    start with a tabu search on repeats (see :mod:`rotation.solver.tabu`) instead of the
    random climb and annealing. In deterministic mode the budget is a number of moves
    (``MOVES_PER_SECOND`` per second of the limit), so the result does not depend on the
    machine's speed; otherwise every step uses its share of the time (hill climbing stops
    early once it finds nothing). ``report`` hears the plan's totals whenever they improve.
    ``start(k)`` makes further constructed plans: small events with repeats above their
    bound first try short breakout descents from them (see :mod:`rotation.solver.breakout`).
    """
    search: LocalSearch = LocalSearch(event, seats, seed, stop, report)
    schedule: tuple[tuple[float, str], ...] = (
        (0.3, "climb"),
        (0.35, "anneal"),
        (0.1, "climb"),
        (0.1, "spread"),
        (0.05, "balance"),
        (0.1, "flatten"),
    )
    if search.totals()[0] > floor and search.ranking.repeats_first and fits_tabu(search):
        search = TabuSearch(event, seats, seed, stop, report)
        schedule = ((0.6, "tabu"), (0.1, "climb"), (0.2, "spread"), (0.1, "flatten"))
        if start is not None and search.n <= PROBE_PEOPLE:
            schedule = ((0.15, "probe"), (0.45, "tabu"), *schedule[1:])
    search.report(search.totals())
    # Deterministic: a move budget. Otherwise each step runs until its share of the time.
    total = max(BLOCK, int(time_limit * MOVES_PER_SECOND)) if deterministic else 1 << 30
    started = time.monotonic()
    spent = 0.0
    for share, step in schedule:
        repeats, colleagues, balance = search.totals()
        if repeats <= floor and colleagues == 0 and balance < EPS:
            break  # nothing left to improve
        spent += share
        moves = int(total * share)
        deadline = None if deterministic else started + time_limit * spent
        if step == "probe" and start is not None:
            steps = int(moves * STEPS_PER_SECOND / MOVES_PER_SECOND)
            attempts = max(1, steps // ATTEMPT_STEPS) if deterministic else 1 << 30
            found = probe(
                event,
                start,
                seed=seed,
                floor=floor,
                attempts=attempts,
                deadline=deadline,
                stop=stop,
            )
            if found is not None and search.ranking.improves(found[1], search.totals()):
                search.restore(found[0])
                search.report(search.totals())
        elif step == "tabu" and isinstance(search, TabuSearch):
            steps = int(moves * STEPS_PER_SECOND / MOVES_PER_SECOND) if deterministic else moves
            search.tabu(max(1, steps), floor=floor, deadline=deadline)
        elif step == "climb":
            for _ in range(max(1, moves // (10 * BLOCK))):
                applied = search.run(10 * BLOCK)
                search.report(search.totals())
                late = deadline is not None and time.monotonic() > deadline
                if not applied or late or search.stop.is_set():
                    break
        elif step == "anneal" and repeats > floor:
            search.anneal(moves, 20.0, search.ranking.dominating(), deadline)
        elif step in ("anneal", "balance"):
            # With repeats at their bound, annealing serves the balance alone.
            search.anneal(moves, 0.5, None, deadline)
        elif step == "spread":
            search.spread(moves // SPREAD_COST, deadline)
        else:
            search.flatten(moves, deadline)
    return search.seats()
