"""The command line's parts in-process: Ctrl-C, progress, messages."""

from __future__ import annotations

import signal
import threading
from typing import Any

import pytest
from rich.console import Console

from rotation.cli.progress import SolveProgress
from rotation.cli.report import report_error
from rotation.cli.texts import texts_for
from rotation.domain import Event, Goal, Participant, Plan
from rotation.errors import InputError, NoPlanError, Problem
from rotation.solver import Progress
from rotation.workflow import SolveSettings, run_solve

OPTIONS = SolveSettings(time_limit=1.0, seed=1, workers=1, deterministic=True)


def _event() -> Event:
    people = [Participant(f"p{i}", organisation=f"O{i % 2}") for i in range(4)]
    return Event.build(people, themes=["A", "B"], tables_per_theme=1, table_size=4)


@pytest.fixture
def python_sigint_handler():  # type: ignore[no-untyped-def]
    """Python's own Ctrl-C handler, even where the shell started us ignoring SIGINT.

    Shells start background jobs (as a CI runner may) with SIGINT ignored, and Python then
    keeps ignoring it; the test needs the KeyboardInterrupt a terminal would give.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("python_sigint_handler")
def test_ctrl_c_stops_a_stoppable_solver_and_keeps_its_plan() -> None:
    event = _event()
    seen: dict[str, Any] = {}

    def stoppable(event: Event, *, stop: threading.Event, **kwargs: Any) -> Plan:
        seen.update(kwargs)
        threading.Timer(0.2, signal.raise_signal, (signal.SIGINT,)).start()
        assert stop.wait(10), "Ctrl-C did not reach the solver"
        return Plan(event, {})

    outcome = run_solve(event, OPTIONS, None, solver=stoppable)
    assert outcome.interrupted and outcome.plan.event is event
    assert seen["time_limit"] == 1.0 and seen["deterministic"] is True


def test_solver_errors_pass_through_the_worker_thread() -> None:
    def impossible(event: Event, *, stop: threading.Event, **kwargs: Any) -> Plan:
        raise NoPlanError(["Phase 1: too few seats"])

    with pytest.raises(NoPlanError):
        run_solve(_event(), OPTIONS, None, solver=impossible)


def test_progress_line_shows_best_so_far_and_bounds() -> None:
    bounds = {Goal.REPEAT_ENCOUNTERS: 12.0, Goal.SAME_ORGANISATION_PAIRS: 3.0}
    progress = SolveProgress(Console(), bounds, enabled=False)
    assert "building a first plan" in progress.__rich__().plain
    progress(Progress(1.0, Goal.REPEAT_ENCOUNTERS, 15.0, 12.0, 15.0, 4.0))
    line = progress.__rich__().plain
    assert "Repeat encounters 15 (no plan below 12)" in line
    assert "Colleague pairs at one table 4 (no plan below 3)" in line


def test_progress_line_in_german() -> None:
    bounds = {Goal.REPEAT_ENCOUNTERS: 12.0, Goal.SAME_ORGANISATION_PAIRS: 3.0}
    progress = SolveProgress(Console(), bounds, enabled=False, texts=texts_for("de"))
    assert progress.__rich__().plain.startswith("Plane ...")
    progress(Progress(1.0, Goal.REPEAT_ENCOUNTERS, 15.0, 12.0, 15.5, 4.0))
    line = progress.__rich__().plain
    assert "Wiederholte Begegnungen 15,5 (kein Plan unter 12)" in line
    assert "Strg+C: anhalten und den besten Plan behalten" in line


def test_input_problems_are_listed_with_their_place() -> None:
    console = Console(record=True, width=200)
    problem = Problem("Duplicate id 'P7'.", hint="ids must be unique", file="a.xlsx", row=9)
    report_error(console, InputError([problem], file="a.xlsx"))
    text = console.export_text()
    assert "a.xlsx, row 9: Duplicate id 'P7'. (ids must be unique)" in text
    assert "Nothing was written" in text
