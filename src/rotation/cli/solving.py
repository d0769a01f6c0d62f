"""Run the solver so that Ctrl-C stops the search and keeps the best plan found.

When :func:`rotation.solve` accepts a ``stop`` event (a :class:`threading.Event` it watches
between and during its searches), the solve runs in a worker thread and Ctrl-C in the main
thread sets the event: the solver returns its best plan, which is then written. Without that
parameter the solve runs in the main thread and Ctrl-C ends the run without a plan.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rotation.domain import Event, Plan
from rotation.solver import Method, Progress, solve

__all__ = ["SolveOptions", "SolveOutcome", "run_solve", "solve_supports_stop"]


@dataclass(frozen=True)
class SolveOptions:
    """The command line's solver settings."""

    time_limit: float
    seed: int
    workers: int | None
    deterministic: bool
    method: Method = Method.AUTO


@dataclass(frozen=True)
class SolveOutcome:
    """The plan, and whether Ctrl-C cut the search short."""

    plan: Plan
    interrupted: bool


def solve_supports_stop(solver: Callable[..., Plan] = solve) -> bool:
    """True when ``solver`` takes a ``stop`` event to end its search early."""
    return "stop" in inspect.signature(solver).parameters


def run_solve(
    event: Event,
    options: SolveOptions,
    progress: Callable[[Progress], None] | None,
    solver: Callable[..., Plan] = solve,
) -> SolveOutcome:
    """Solve ``event``; Ctrl-C stops the search early where the solver allows it.

    Raises the solver's errors unchanged, and KeyboardInterrupt when Ctrl-C came before any
    plan existed (or the solver cannot be stopped).
    """
    arguments: dict[str, Any] = {
        "time_limit": options.time_limit,
        "seed": options.seed,
        "workers": options.workers,
        "deterministic": options.deterministic,
        "method": options.method,
        "progress": progress,
    }
    if not solve_supports_stop(solver):
        return SolveOutcome(solver(event, **arguments), interrupted=False)
    stop, done = threading.Event(), threading.Event()
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["plan"] = solver(event, stop=stop, **arguments)
        except BaseException as error:  # handed to the main thread below
            result["error"] = error
        finally:
            done.set()

    threading.Thread(target=work, name="rotation-solve", daemon=True).start()
    # Event.wait, not Thread.join: a join interrupted by Ctrl-C can wrongly report the
    # thread as finished (CPython before 3.12).
    while True:
        try:
            if done.wait(0.1):
                break
        except KeyboardInterrupt:
            stop.set()
    if "error" in result:
        raise result["error"]
    return SolveOutcome(result["plan"], interrupted=stop.is_set())
