"""One place that makes CP-SAT solvers, so every solve shares the same ground rules."""

from __future__ import annotations

from ortools.sat.python import cp_model

__all__ = ["new_solver"]


def new_solver(
    *, seed: int = 0, workers: int = 1, time_limit: float | None = None
) -> cp_model.CpSolver:
    """A CP-SAT solver with a seed, a worker count and an optional wall-time limit.

    CP-SAT's own Ctrl-C handler stays off: it would swallow the signal (and leave the default
    handler behind, so a second Ctrl-C kills the process). Stopping is the caller's job,
    through :func:`rotation.solve`'s ``stop`` event.
    """
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = time_limit
    return solver
