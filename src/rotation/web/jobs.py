"""Plans being made: a queue that runs at most as many solves at once as there are cores.

Each :class:`Job` holds one event to plan, its private folder, a stop flag (the page's Stop
button) and, as the solver reports, the best figures so far. Jobs start in the order they
were submitted; the others wait. Everything here calls :mod:`rotation.workflow` only.
"""

from __future__ import annotations

import enum
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rotation.domain import CheckedPlan, Event, Goal
from rotation.errors import InputError, NoPlanError, RotationError, SolveTimeoutError
from rotation.workflow import (
    Progress,
    ReplanOutcome,
    SolveOutcome,
    SolveSettings,
    lower_bounds,
    problem_text,
    reason_text,
    replan_file,
    run_solve,
    write_plan_file,
)

__all__ = ["Job", "JobState", "Planner", "Replan"]


class JobState(enum.Enum):
    """Where a job is: waiting for a free core, solving, finished, or failed."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"


@dataclass(frozen=True)
class Replan:
    """A change on the day: who is absent, who joins (a registration file), from which phase."""

    plan_path: Path
    absent: tuple[str, ...] = ()
    add_path: Path | None = None
    from_phase: int = 1


@dataclass
class Job:
    """One plan being made for the page or the API."""

    id: str
    event: Event
    settings: SolveSettings
    lang: str
    folder: Path
    source: Path
    source_name: str
    bounds: dict[Goal, float] = field(default_factory=dict)
    state: JobState = JobState.QUEUED
    stop: threading.Event = field(default_factory=threading.Event)
    submitted: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    progress: Progress | None = None
    outcome: SolveOutcome | None = None
    output: Path | None = None
    error: BaseException | None = None
    replan: Replan | None = None
    """Set for a re-plan of an earlier job's workbook."""
    replanned: ReplanOutcome | None = None
    """The re-plan with its changes, once done."""

    @property
    def plan(self) -> CheckedPlan | None:
        """The plan once the job is done."""
        return self.outcome.plan if self.outcome is not None else None

    def elapsed(self) -> float:
        """Seconds since planning started (0 while waiting)."""
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started

    def error_kind(self) -> str:
        """``no_plan``, ``timeout``, ``input``, ``stopped`` or ``internal`` for a failed job."""
        error = self.error
        if isinstance(error, NoPlanError):
            return "no_plan"
        if isinstance(error, SolveTimeoutError):
            return "timeout"
        if isinstance(error, InputError):
            return "input"
        if isinstance(error, _Cancelled):
            return "stopped"
        return "internal"

    def error_messages(self) -> list[str]:
        """What went wrong, in the organiser's words and the job's language (no personal
        values for internal errors)."""
        error = self.error
        if isinstance(error, NoPlanError):
            return [reason_text(reason, self.lang) for reason in error.reasons]
        if isinstance(error, InputError):
            return [problem_text(problem, self.lang) for problem in error.problems]
        if isinstance(error, RotationError):
            return [str(error)]
        if error is None:
            return []
        return [f"Unexpected error ({type(error).__name__})."]


class _Cancelled(RotationError):
    """Stopped before it started: there is no plan to keep."""


class Planner:
    """Runs jobs in submission order, at most ``max_solves`` at once, in worker threads."""

    def __init__(self, max_solves: int | None = None, *, output_name: str = "plan.xlsx") -> None:
        self.max_solves = max(1, max_solves or os.cpu_count() or 1)
        self.output_name = output_name
        self._jobs: dict[str, Job] = {}
        self._waiting: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._workers = [
            threading.Thread(target=self._work, name=f"rotation-web-{n}", daemon=True)
            for n in range(self.max_solves)
        ]
        for worker in self._workers:
            worker.start()

    def submit(self, job: Job) -> Job:
        """Queue ``job``; it starts when a worker is free and every earlier job has started."""
        job.bounds = dict(lower_bounds(job.event))
        with self._lock:
            self._jobs[job.id] = job
        self._waiting.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None."""
        with self._lock:
            return self._jobs.get(job_id)

    def position(self, job: Job) -> int:
        """How many queued jobs were submitted before ``job`` (0 when it is next or running)."""
        with self._lock:
            return sum(
                1
                for other in self._jobs.values()
                if other.state is JobState.QUEUED and other.submitted < job.submitted
            )

    def stop(self, job: Job) -> None:
        """Ask the solver to stop and keep its best plan (a queued job is cancelled)."""
        job.stop.set()

    def close(self) -> None:
        """Stop every job and let the workers end."""
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            job.stop.set()
        for _ in self._workers:
            self._waiting.put(None)

    def _work(self) -> None:
        while True:
            job = self._waiting.get()
            if job is None:
                return
            self._run(job)

    def _run(self, job: Job) -> None:
        if job.stop.is_set():
            job.error = _Cancelled("Stopped before planning started.")
            job.state = JobState.ERROR
            return
        job.started = time.monotonic()
        job.state = JobState.RUNNING
        record: Callable[[Progress], None] = lambda progress: setattr(job, "progress", progress)  # noqa: E731
        try:
            output = job.folder / self.output_name
            if job.replan is not None:
                job.replanned = self._replan(job, job.replan, output, record)
                job.output = job.replanned.written
                job.outcome = SolveOutcome(job.replanned.plan, job.replanned.interrupted)
            else:
                outcome = run_solve(job.event, job.settings, record, stop=job.stop)
                write_plan_file(outcome.plan, output, lang=job.lang, input_path=job.source)
                job.output, job.outcome = output, outcome
            job.state = JobState.DONE
        except BaseException as error:  # shown on the page; the worker lives on
            job.error = error
            job.state = JobState.ERROR
        finally:
            job.finished = time.monotonic()

    @staticmethod
    def _replan(
        job: Job, request: Replan, output: Path, record: Callable[[Progress], None]
    ) -> ReplanOutcome:
        return replan_file(
            request.plan_path,
            output,
            absent=request.absent,
            add_path=request.add_path,
            from_phase=request.from_phase,
            solve_settings=job.settings,
            lang=job.lang,
            progress=record,
            stop=job.stop,
        )
