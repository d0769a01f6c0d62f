"""The organiser's jobs, shared by every interface: read, solve, write (DESIGN 6.6).

The command line (:mod:`rotation.cli`) and the web page are thin layers over this module:
they turn what a person typed or clicked into :class:`ReadSettings` and
:class:`SolveSettings`, call the steps here and present the result. Neither holds solver or
file logic of its own.

The solve runs in a worker thread so that the caller stays responsive: Ctrl-C in the main
thread (or the caller's own ``stop`` event, e.g. a Stop button) sets :func:`rotation.solve`'s
``stop`` event, which it watches between and during its searches, and the solver returns its
best plan so far.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from importlib.resources import files
from os import PathLike
from pathlib import Path
from typing import Any

from rotation.checker import Changes, plan_changes
from rotation.domain import CheckedPlan, Event, Participant, Plan
from rotation.io import read_event, read_plan, read_plan_to_change, write_plan, write_template
from rotation.io.cards import ALL_CARDS, CardKind
from rotation.io.language import Language, choose_language
from rotation.io.messages import problem_text, reason_text
from rotation.io.registration.outline import RegistrationOutline, outline_registration
from rotation.io.saving import guard_target
from rotation.io.workbook.language import workbook_language
from rotation.io.workbook.view import TableBlock, table_blocks
from rotation.solver import Method, Progress, lower_bounds, replan, solve, with_history
from rotation.solver.replan import PhaseOutOfRangeError, check_phase
from rotation.summary import Headline, headline, plan_summary

__all__ = [
    "ALL_CARDS",
    "EXAMPLE_FILE",
    "Advice",
    "CardKind",
    "Headline",
    "Language",
    "PhaseOutOfRangeError",
    "Progress",
    "ReadSettings",
    "RegistrationOutline",
    "ReplanOutcome",
    "SolveOutcome",
    "SolveSettings",
    "TableBlock",
    "add_history",
    "cards_pdf",
    "check_target",
    "choose_language",
    "command_time_limit",
    "default_advice",
    "example_registration",
    "headline",
    "lower_bounds",
    "outline_registration",
    "plan_summary",
    "problem_text",
    "read_late_arrivals",
    "read_plan_file",
    "read_registration",
    "reason_text",
    "replan_file",
    "run_solve",
    "solve_time_limit",
    "table_blocks",
    "write_cards_file",
    "write_plan_file",
    "write_template_file",
]

EXAMPLE_FILE = "example-werkstatttreffen.xlsx"
"""The bundled example registration workbook (50 synthetic people), in rotation/data."""


@dataclass(frozen=True)
class ReadSettings:
    """What an organiser may set about the event itself; None means "take it from the file".

    ``balance=()`` balances nothing, whatever the file's Settings sheet says.
    """

    themes: tuple[str, ...] | None = None
    tables_per_theme: int | None = None
    table_size: int | None = None
    min_table_size: int | None = None
    phases: int | None = None
    balance: tuple[str, ...] | None = None
    name: str | None = None


@dataclass(frozen=True)
class SolveSettings:
    """How long and how the solver searches."""

    time_limit: float = 30.0
    seed: int = 0
    workers: int | None = None
    deterministic: bool = False
    method: Method = Method.AUTO


@dataclass(frozen=True)
class SolveOutcome:
    """The plan, and whether a stop request (Ctrl-C, a Stop button) cut the search short."""

    plan: CheckedPlan
    interrupted: bool


def check_target(output: Path, inputs: Sequence[Path], *, suffix: str = ".xlsx") -> None:
    """Refuse a bad output file before any work: an input itself, not ``suffix``, a folder.

    Raises :class:`~rotation.errors.OutputError`.
    """
    guard_target(output, list(inputs), suffix=suffix)


def example_registration() -> bytes:
    """The bundled example registration workbook's bytes (fifty made-up people)."""
    return (files("rotation") / "data" / EXAMPLE_FILE).read_bytes()


def write_template_file(output: str | PathLike[str], lang: Language = "de") -> Path:
    """Write a blank registration workbook to fill in; returns the path written."""
    return write_template(output, lang)


def read_registration(source: str | PathLike[str], settings: ReadSettings) -> Event:
    """The event of a registration file, ``settings`` completing or overriding its sheets."""
    return read_event(
        source,
        themes=list(settings.themes) if settings.themes else None,
        tables_per_theme=settings.tables_per_theme,
        table_size=settings.table_size,
        min_table_size=settings.min_table_size,
        phases=settings.phases,
        balance=list(settings.balance) if settings.balance is not None else None,
        name=settings.name,
    )


WRITE_SECONDS_PER_SEAT = 0.0006
"""Checking a plan and writing its workbook, per seat (participant and phase): 0.42 ms of
CPU measured from 200 to 5,000 people (docs/benchmarks.md), with a margin."""
MOST_SLOWDOWN = 8.0
"""The most a busy machine is assumed to slow writing down."""
LEAST_SOLVE_SHARE = 0.25
"""The solver keeps at least this share of the time limit, however large the event."""


def solve_time_limit(
    event: Event, time_limit: float, *, spent: float = 0.0, slowdown: float = 1.0
) -> float:
    """The solver's share of a time limit meant for the whole job: read, solve, check, write.

    What is left after the ``spent`` seconds (starting, reading) and the time writing the
    workbook will take, ``slowdown`` times the usual on a busy machine (wall time per CPU
    second so far). Deterministic runs pass neither, so that their budget depends on the
    event alone.

    >>> from rotation.domain import Participant
    >>> people = [Participant(str(i)) for i in range(1000)]
    >>> event = Event.build(people, themes=["A", "B"], tables_per_theme=50)
    >>> round(solve_time_limit(event, 60.0, spent=1.0), 1)
    57.8
    """
    seats = sum(len(event.present_in(r)) for r in event.phase_numbers)
    left = time_limit - spent - WRITE_SECONDS_PER_SEAT * seats * min(MOST_SLOWDOWN, slowdown)
    return max(LEAST_SOLVE_SHARE * time_limit, left)


def command_time_limit(event: Event, settings: SolveSettings, *, started: float) -> float:
    """The solver's share of ``settings.time_limit`` for a command that began at ``started``.

    ``started`` is the :func:`time.monotonic` reading taken when the command began its work;
    the process's own age counts instead where the system tells it (Linux). Deterministic
    runs leave the machine out, so that their budget depends on the event alone.
    """
    if settings.deterministic:
        return solve_time_limit(event, settings.time_limit)
    age = _process_age()
    spent = age if age is not None else time.monotonic() - started
    slowdown = max(spent / max(time.process_time(), 1e-3), _contention())
    return solve_time_limit(event, settings.time_limit, spent=spent, slowdown=slowdown)


def _contention() -> float:
    """Processes waiting per core (1 on an idle machine): how much slower writing will be.

    The slowdown seen while starting misses a load that rises later (5,000 people at a
    load of 6 to 8 overran their limit by 14 s with it alone).
    """
    try:
        waiting = os.getloadavg()[0]
    except (AttributeError, OSError):
        return 1.0
    return max(1.0, waiting / (os.cpu_count() or 1))


def _process_age() -> float | None:
    """Seconds since this process started (from /proc on Linux; None elsewhere)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # Field 22, the start time in clock ticks after boot, counted after the name.
            ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            booted = float(uptime.read().split()[0])
        return max(0.0, booted - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return None


LARGEST_GOOD_TABLE = 12
"""More people than this at one table hardly talk with each other: a default giving such
tables gets a warning before solving."""


@dataclass(frozen=True)
class Advice:
    """A default the organiser left that makes a poor plan, and what to give instead.

    ``key`` names the case (``"default_tables"``); ``values`` fill the interface's sentence
    for it, in the organiser's language (the CLI's ``rotation.cli.texts``).
    """

    key: str
    values: dict[str, int]


def default_advice(event: Event) -> list[Advice]:
    """The defaults of a read event that make a poor plan, said before solving.

    No ``--tables-per-theme`` and no Tables sheet give one table per theme: with 50 people
    and two themes a "table" of 25, so the advice names the default and a better setting.
    """
    advice = []
    largest = max((table.max_size for table in event.tables), default=0)
    if "tables_per_theme" in event.defaulted and largest > LARGEST_GOOD_TABLE:
        per_theme = math.ceil(len(event.participants) / max(1, len(event.themes)))
        suggested = max(2, round(per_theme / 8))
        about = math.ceil(per_theme / suggested)
        advice.append(
            Advice("default_tables", {"size": largest, "suggested": suggested, "about": about})
        )
    return advice


def run_solve(
    event: Event,
    settings: SolveSettings,
    progress: Callable[[Progress], None] | None = None,
    *,
    stop: threading.Event | None = None,
    solver: Callable[..., CheckedPlan] = solve,
) -> SolveOutcome:
    """Solve ``event``; Ctrl-C or ``stop`` ends the search early and keeps the best plan.

    Raises the solver's errors unchanged (they cross from the worker thread).
    """
    arguments: dict[str, Any] = {
        "time_limit": settings.time_limit,
        "seed": settings.seed,
        "workers": settings.workers,
        "deterministic": settings.deterministic,
        "method": settings.method,
        "progress": progress,
    }
    stop = stop if stop is not None else threading.Event()
    done = threading.Event()
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["plan"] = solver(event, stop=stop, **arguments)
        except BaseException as error:  # handed to the calling thread below
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


def write_plan_file(
    plan: Plan,
    output: str | PathLike[str],
    *,
    lang: str | None = None,
    input_path: str | PathLike[str] | None = None,
) -> Path:
    """Write the plan workbook atomically in ``lang`` (None: :func:`choose_language`)."""
    return write_plan(plan, output, lang=choose_language(lang, plan.event), input_path=input_path)


def read_plan_file(path: str | PathLike[str]) -> tuple[CheckedPlan, Language | None]:
    """A plan workbook read back (also after hand edits) and the language it was written in.

    The language is None when the workbook's sheet names do not tell it; the cards then
    follow :func:`choose_language`.
    Raises :class:`~rotation.errors.InputError` for a missing, unsafe or unreadable file.
    """
    plan = read_plan(path)
    return plan, workbook_language(path)


def write_cards_file(
    plan: Plan,
    output: str | PathLike[str],
    *,
    what: Collection[CardKind | str] = ALL_CARDS,
    lang: str | None = None,
    plan_path: str | PathLike[str] | None = None,
) -> Path:
    """Write table signs, personal slips and rosters (``what``) into one PDF; returns its path.

    ``lang`` None: :func:`choose_language`. ``plan_path``, the workbook the plan came from,
    is never overwritten.
    """
    from rotation.io.cards import write_cards

    inputs = [plan_path] if plan_path is not None else []
    return write_cards(plan, output, what=what, lang=lang, inputs=inputs)


def cards_pdf(
    plan: Plan, *, what: Collection[CardKind | str] = ALL_CARDS, lang: str | None = None
) -> bytes:
    """The same cards as PDF bytes, for a download that needs no file."""
    from rotation.io.cards import render_cards

    return render_cards(plan, what=what, lang=lang)


def add_history(event: Event, earlier: Sequence[str | PathLike[str]]) -> Event:
    """The event with the plans of earlier events (plan workbooks) as its history.

    Each earlier plan is named by its file name on the Overview.
    """
    paths = [Path(p) for p in earlier]
    plans = [read_plan(p) for p in paths]
    return with_history(event, plans, {n: p.name for n, p in enumerate(paths)})


def read_late_arrivals(source: str | PathLike[str], plan: Plan) -> tuple[Participant, ...]:
    """The people of a registration file (any format ``plan`` reads) joining ``plan``'s event.

    The file needs only the participant columns: the themes and phases are the plan's.
    """
    event = plan.event
    arrivals = read_event(
        source,
        themes=list(event.theme_names),
        phases=len(event.phases),
        tables_per_theme=1,
    )
    return arrivals.participants


@dataclass(frozen=True)
class ReplanOutcome:
    """The re-plan, what changed, where it was written, and whether a stop cut it short."""

    plan: CheckedPlan
    changes: Changes
    written: Path
    interrupted: bool
    language: Language
    """The language the new workbook was written in (the terminal should speak it too)."""


def replan_file(
    plan_path: str | PathLike[str],
    output: str | PathLike[str],
    *,
    absent: Sequence[str] = (),
    add_path: str | PathLike[str] | None = None,
    from_phase: int = 1,
    solve_settings: SolveSettings = SolveSettings(),
    lang: str | None = None,
    progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
) -> ReplanOutcome:
    """Re-plan a plan workbook on the day and write the new workbook with its Changes sheet.

    ``absent`` adds to the people marked "no" in the workbook's "present" column;
    ``add_path`` is a registration file with the late arrivals; ``lang`` None writes in
    the language the plan workbook was written in (else :func:`choose_language`). Nothing
    is written when anything is wrong. Raises :class:`PhaseOutOfRangeError` for a
    ``from_phase`` outside the plan (a usage error), and the errors of
    :func:`rotation.replan` and :func:`rotation.read_plan`.
    """
    source = Path(plan_path)
    inputs = [source] + ([Path(add_path)] if add_path is not None else [])
    check_target(Path(output), inputs)
    plan, marked = read_plan_to_change(source)
    language = choose_language(lang or workbook_language(source), plan.event)
    check_phase(plan.event, from_phase)
    arrivals = read_late_arrivals(add_path, plan) if add_path is not None else ()
    gone = tuple(dict.fromkeys((*absent, *marked)))

    def job(_: Event, *, stop: threading.Event, **arguments: Any) -> CheckedPlan:
        arguments.pop("method", None)
        return replan(
            plan, absent=gone, add=arrivals, from_phase=from_phase, stop=stop, **arguments
        )

    outcome = run_solve(plan.event, solve_settings, progress, stop=stop, solver=job)
    written = write_plan_file(outcome.plan, output, lang=language)
    changes = plan_changes(outcome.plan)
    return ReplanOutcome(outcome.plan, changes, written, outcome.interrupted, language)
