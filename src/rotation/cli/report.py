"""Error messages for people: what went wrong and what to do, never a traceback by mistake.

Messages name files, rows and ids, never personal values: for unexpected errors only the
exception's type is shown (its text might quote a cell), the traceback only with ``--debug``.
"""

from __future__ import annotations

import traceback
from typing import Any

from rich.console import Console

from rotation.cli.exit_codes import ExitCode, exit_code_for
from rotation.cli.texts import texts_for
from rotation.errors import InputError, NoPlanError, OutputError, SolveTimeoutError
from rotation.io.messages import problem_text, reason_text

__all__ = ["MAX_PROBLEMS_SHOWN", "REPORT_HINT", "error_summary", "report_error"]

MAX_PROBLEMS_SHOWN = 50
"""Problems printed at most; the first ones, which an organiser fixes first anyway."""

REPORT_HINT = texts_for("en").report_hint


def _say(console: Console, text: str, style: str | None = None) -> None:
    # markup off: problem texts may contain brackets that rich would read as markup.
    console.print(text, style=style, markup=False, highlight=False, soft_wrap=True)


def report_error(
    console: Console, error: BaseException, *, debug: bool = False, lang: str = "en"
) -> ExitCode:
    """Print ``error`` for the organiser on ``console`` (stderr) in ``lang`` and return its
    exit code. Problems are said in German where :mod:`rotation.io.messages` has them."""
    code = exit_code_for(error)
    texts = texts_for(lang)
    if isinstance(error, InputError):
        count = len(error.problems)
        where = texts.in_file.format(file=error.file) if error.file else ""
        problems = texts.count(count, texts.problems)
        _say(console, texts.input_heading.format(where=where, problems=problems), "bold red")
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            _say(console, f"- {problem_text(problem, lang)}")
        if count > MAX_PROBLEMS_SHOWN:
            _say(console, texts.more_problems.format(count=count - MAX_PROBLEMS_SHOWN))
        _say(console, texts.nothing_written)
    elif isinstance(error, OutputError):
        problems = texts.count(len(error.problems), texts.problems)
        _say(console, texts.output_heading.format(problems=problems), "bold red")
        for problem in error.problems:
            _say(console, f"- {problem_text(problem, lang)}")
        _say(console, texts.output_unchanged)
    elif isinstance(error, NoPlanError):
        _say(console, texts.no_plan, "bold red")
        for reason in error.reasons:
            _say(console, f"- {reason_text(reason, lang)}")
        _say(console, texts.no_plan_hint)
    elif isinstance(error, SolveTimeoutError):
        _say(console, texts.timeout.format(error=error), "bold red")
        _say(console, texts.timeout_hint)
    elif isinstance(error, KeyboardInterrupt):
        _say(console, texts.interrupted, "bold red")
    elif isinstance(error, OSError):
        # Files are checked before writing (OutputError); this is the screen or a pipe.
        _say(console, texts.cannot_write.format(reason=error.strerror or error), "bold red")
        _say(console, texts.cannot_write_hint)
        return code
    else:
        _say(console, texts.unexpected.format(kind=type(error).__name__), "bold red")
        _say(console, texts.report_hint)
    if debug and code is ExitCode.INTERNAL:
        _say(console, "".join(traceback.format_exception(error)))
    elif not debug and code is ExitCode.INTERNAL:
        _say(console, texts.debug_hint)
    return code


def error_summary(error: BaseException) -> dict[str, Any]:
    """The ``--json`` object for a run that ended in ``error`` (no personal values)."""
    code = exit_code_for(error)
    summary: dict[str, Any] = {
        "status": "error",
        "exit_code": int(code),
        "error": code.name.lower(),
    }
    if isinstance(error, (InputError, OutputError)):
        summary["problems"] = [str(p) for p in error.problems]
    elif isinstance(error, NoPlanError):
        summary["reasons"] = list(error.reasons)
    elif isinstance(error, SolveTimeoutError):
        summary["message"] = str(error)
    return summary
