"""The shared job of ``plan`` and ``demo``: read, solve (with progress), write, report."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from rotation.checker import verdict
from rotation.cli.exit_codes import ExitCode
from rotation.cli.progress import SolveProgress
from rotation.cli.report import error_summary, report_error
from rotation.cli.summary import best_bounds, changes_line, metric_table, plan_summary
from rotation.cli.terminal import SafeConsole, json_text
from rotation.cli.texts import Texts, texts_for
from rotation.domain import CheckedPlan, Goal, Metric
from rotation.errors import InputError, OutputError
from rotation.io.workbook.labels import Labels, labels_for, status_sentence
from rotation.io.workbook.language import workbook_language
from rotation.solver import lower_bounds
from rotation.workflow import (
    Language,
    PhaseOutOfRangeError,
    ReadSettings,
    SolveSettings,
    add_history,
    check_target,
    choose_language,
    command_time_limit,
    default_advice,
    read_registration,
    replan_file,
    run_solve,
    write_plan_file,
)

__all__ = [
    "Display",
    "Run",
    "check_output",
    "consoles",
    "guarded",
    "headline",
    "plan_and_write",
    "print_json",
    "replan_and_write",
    "usage_error",
]


@dataclass(frozen=True)
class Display:
    """How a command talks: ``--json``, ``--quiet``, ``--debug``, ``--lang``."""

    json: bool = False
    quiet: bool = False
    debug: bool = False
    lang: str | None = None
    """The language asked for; None: the input's, else the system's (``choose_language``)."""


@dataclass
class Run:
    """The language a command speaks in: the one asked for or the system's, until the input
    is read and its headers tell (:meth:`learn`)."""

    display: Display
    lang: Language

    def learn(self, file_language: str) -> Language:
        """Settle the language once the input's headers are known; returns it."""
        if self.display.lang is None and file_language in ("de", "en"):
            self.lang = choose_language(file_language)
        return self.lang

    @property
    def texts(self) -> Texts:
        """The terminal's sentences in the run's language."""
        return texts_for(self.lang)

    @property
    def labels(self) -> Labels:
        """The workbook's words (metric names, status sentences) in the run's language."""
        return labels_for(self.lang)


def consoles() -> tuple[Console, Console]:
    """(stdout, stderr) consoles; stdout is never wrapped, so JSON and paths stay whole.

    Both print text from files through :func:`~rotation.cli.terminal.printable`.
    """
    return SafeConsole(soft_wrap=True), SafeConsole(stderr=True)


def print_json(data: Mapping[str, Any]) -> None:
    """One JSON object on stdout (plain print: no colour codes, no wrapping)."""
    print(json_text(data))


def _silence_stdout() -> None:
    """Send stdout to the null device when it cannot be written (reader gone, disk full).

    Otherwise Python's flush at exit fails once more and prints "Exception ignored".
    """
    try:
        sys.stdout.flush()
    except OSError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextmanager
def guarded(display: Display) -> Iterator[Run]:
    """Turn any error inside the block into its message (in the run's language) and exit
    code; yields the :class:`Run` whose language the block may settle."""
    if display.debug:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
    _, err = consoles()
    run = Run(display, choose_language(display.lang))
    try:
        yield run
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:
        # The reader went away (``| head -1``) after taking what it wanted: that is no
        # failure, and nothing more can reach it. The command ends with its own code.
        _silence_stdout()
    except BaseException as error:  # every outcome becomes an exit code
        if isinstance(error, SystemExit):
            raise
        if isinstance(error, OSError):
            _silence_stdout()
        if isinstance(error, InputError):
            run.learn(error.language)
        code = report_error(err, error, debug=display.debug, lang=run.lang)
        if display.json:
            with contextlib.suppress(OSError):  # stdout itself may be what failed
                print_json(error_summary(error))
        raise typer.Exit(int(code)) from None


def usage_error(message: str, display: Display) -> typer.Exit:
    """Print a usage problem (exit code 2) and return the exit to raise."""
    _, err = consoles()
    err.print(message, style="bold red", markup=False, highlight=False, soft_wrap=True)
    if display.json:
        print_json({"status": "error", "exit_code": int(ExitCode.USAGE), "error": "usage"})
    return typer.Exit(int(ExitCode.USAGE))


def check_output(
    output: Path, inputs: list[Path], display: Display, *, suffix: str = ".xlsx"
) -> None:
    """Refuse a bad output file before any work: the input itself, not ``suffix``, a folder."""
    try:
        check_target(output, inputs, suffix=suffix)
    except OutputError as error:
        raise usage_error("; ".join(str(p) for p in error.problems), display) from None


def headline(plan: CheckedPlan, labels: Labels | None = None) -> list[str]:
    """The figures an organiser looks at first, each with the bound no plan can beat."""
    labels = labels or labels_for("en")
    texts = texts_for(labels.lang)
    metrics, bounds = plan.metrics, best_bounds(plan)
    figures = metrics.as_dict()

    def line(metric: Metric) -> str:
        goal = metric.goal
        assert goal is not None
        below = texts.no_plan_below.format(bound=labels.figure(bounds[goal]))
        return f"{labels.metrics[metric].name}: {labels.figure(figures[metric.value])} ({below})"

    lines = [line(Metric.REPEAT_ENCOUNTERS), line(Metric.SAME_ORGANISATION_PAIRS)]
    if plan.event.history:
        lines.insert(1, line(Metric.EARLIER_ENCOUNTERS))
    if plan.event.balance:
        balance = texts.balance_line.format(
            name=labels.metrics[Metric.ATTRIBUTE_DEVIATION].name,
            attributes=", ".join(plan.event.attribute_label(a) for a in plan.event.balance),
            total=labels.figure(metrics.attribute_deviation),
            largest=labels.figure(metrics.attribute_deviation_max),
        )
        bound = labels.figure(bounds[Goal.ATTRIBUTE_DEVIATION])
        lines.append(f"{balance} ({texts.no_plan_below.format(bound=bound)})")
    if metrics.uneven_table_sizes or bounds[Goal.UNEVEN_TABLE_SIZES]:
        lines.append(line(Metric.UNEVEN_TABLE_SIZES))
    return lines


def plan_and_write(
    source: Path,
    output: Path,
    *,
    read_settings: ReadSettings,
    solve_settings: SolveSettings,
    display: Display,
    full_table: bool = True,
    history: Sequence[Path] = (),
) -> None:
    """Read ``source``, plan it, write the workbook to ``output`` and report the result.

    ``history``: plan workbooks of earlier events whose pairs should not meet again.
    """
    out, err = consoles()
    check_output(output, [source, *history], display)
    with guarded(display) as run:
        started = time.monotonic()
        event = read_registration(source, read_settings)
        if history:
            event = add_history(event, history)
        run.learn(event.language)
        if not display.json:
            for advice in default_advice(event):
                text = getattr(run.texts, advice.key).format(**advice.values)
                err.print(text, style="yellow", markup=False, highlight=False)
        # The time limit holds for the whole command: starting and reading come out of it.
        limit = command_time_limit(event, solve_settings, started=started)
        shown = err.is_terminal and not (display.quiet or display.json)
        progress = SolveProgress(
            err,
            lower_bounds(event) if shown else {},
            enabled=shown,
            texts=run.texts,
            labels=run.labels,
        )
        with progress:
            outcome = run_solve(event, replace(solve_settings, time_limit=limit), progress)
        plan = outcome.plan
        written = write_plan_file(plan, output, lang=run.lang, input_path=source)
        if outcome.interrupted:
            err.print(run.texts.stopped, style="yellow")
        if display.json:
            summary = plan_summary(plan, output=written.resolve(), interrupted=outcome.interrupted)
            print_json(summary)
        elif not display.quiet:
            _print_plan(out, plan, written, run, full_table=full_table)


def _print_plan(
    out: Console, plan: CheckedPlan, written: Path, run: Run, *, full_table: bool
) -> None:
    """The plan's headline figures (and with ``full_table`` every metric) on stdout."""
    event, texts, labels = plan.event, run.texts, run.labels
    bounds = best_bounds(plan)
    status = status_sentence(plan.record.status, verdict(plan, plan.metrics, bounds), labels)
    out.print(texts.written.format(path=written.resolve()), markup=False, highlight=False)
    counts = ", ".join(
        [
            texts.count(len(event.participants), texts.participant),
            texts.count(len(event.tables), texts.table),
            texts.count(len(event.phases), texts.phase),
            texts.count(len(event.themes), texts.theme),
        ]
    )
    seconds = texts.seconds.format(value=labels.figure(plan.record.wall_time, digits=1))
    out.print(f"{counts}; {seconds}", markup=False, highlight=False)
    out.print(status, markup=False, highlight=False)
    for line in headline(plan, labels):
        out.print("  " + line, markup=False, highlight=False)
    if full_table:
        out.print(metric_table(plan.metrics, bounds, labels, plan.event))


def replan_and_write(
    plan_file: Path,
    output: Path,
    *,
    absent: Sequence[str],
    add_file: Path | None,
    from_phase: int,
    solve_settings: SolveSettings,
    display: Display,
) -> CheckedPlan:
    """Re-plan a plan workbook on the day, write the new one and report what changed in its
    language (``display.lang``, else the plan workbook's)."""
    out, err = consoles()
    check_output(output, [plan_file, *([add_file] if add_file else [])], display)
    if from_phase < 1:
        raise usage_error(f"--from-phase must be 1 or more, not {from_phase}.", display)
    with guarded(display) as run:
        # The plan workbook's language, so that also its errors and no-plan reasons speak it.
        run.learn(workbook_language(plan_file) or "")
        progress = SolveProgress(
            err,
            {},
            enabled=err.is_terminal and not (display.quiet or display.json),
            texts=run.texts,
            labels=run.labels,
        )
        with progress:
            try:
                outcome = replan_file(
                    plan_file,
                    output,
                    absent=absent,
                    add_path=add_file,
                    from_phase=from_phase,
                    solve_settings=solve_settings,
                    lang=display.lang,
                    progress=progress,
                )
            except PhaseOutOfRangeError as error:
                raise usage_error(str(error), display) from None
        run.learn(outcome.language)  # --lang, else the plan workbook's (or its event's)
    plan = outcome.plan
    if outcome.interrupted:
        err.print(run.texts.stopped, style="yellow")
    if display.json:
        written = outcome.written.resolve()
        summary = plan_summary(plan, output=written, interrupted=outcome.interrupted)
        summary["changes"] = outcome.changes.as_dict()
        print_json(summary)
    elif not display.quiet:
        texts, labels = run.texts, run.labels
        status = status_sentence(
            plan.record.status, verdict(plan, plan.metrics, best_bounds(plan)), labels
        )
        seconds = texts.seconds.format(value=labels.figure(plan.record.wall_time, digits=1))
        out.print(texts.written.format(path=outcome.written.resolve()), markup=False)
        out.print(changes_line(plan, outcome.changes, labels), markup=False, highlight=False)
        out.print(f"{status} ({seconds})", markup=False, highlight=False)
        for line in headline(plan, labels):
            out.print("  " + line, markup=False, highlight=False)
        for note in plan.record.notes:
            out.print(texts.note.format(note=note), markup=False, highlight=False)
    return plan
