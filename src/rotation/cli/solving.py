"""Run the solver so that Ctrl-C stops the search and keeps the best plan found.

The solve runs in a worker thread; Ctrl-C in the main thread sets :func:`rotation.solve`'s
``stop`` event (a :class:`threading.Event` it watches between and during its searches), and
the solver returns its best plan, which is then written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rotation.domain import Event, Plan
from rotation.solver import Method, Progress, solve

__all__ = ["SolveOptions", "SolveOutcome", "run_solve"]


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


def run_solve(
    event: Event,
    options: SolveOptions,
    progress: Callable[[Progress], None] | None,
    solver: Callable[..., Plan] = solve,
) -> SolveOutcome:
    """Solve ``event``; Ctrl-C stops the search early and keeps the best plan found.

    Raises the solver's errors unchanged (they cross from the worker thread).
    """
    arguments: dict[str, Any] = {
        "time_limit": options.time_limit,
        "seed": options.seed,
        "workers": options.workers,
        "deterministic": options.deterministic,
        "method": options.method,
        "progress": progress,
    }
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
