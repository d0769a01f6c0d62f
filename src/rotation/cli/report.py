"""Error messages for people: what went wrong and what to do, never a traceback by mistake.

Messages name files, rows and ids, never personal values: for unexpected errors only the
exception's type is shown (its text might quote a cell), the traceback only with ``--debug``.
"""

from __future__ import annotations

import traceback
from typing import Any

from rich.console import Console

from rotation.cli.exit_codes import ExitCode, exit_code_for
from rotation.errors import InputError, NoPlanError, OutputError, SolveTimeoutError

__all__ = ["MAX_PROBLEMS_SHOWN", "REPORT_HINT", "error_summary", "report_error"]

MAX_PROBLEMS_SHOWN = 50
"""Problems printed at most; the first ones, which an organiser fixes first anyway."""

REPORT_HINT = (
    "This is a bug in rotation. Please report it on the project's issue tracker with the "
    "command you ran and the output of the same command with --debug (never your "
    "registration file: it holds personal data)."
)


def _say(console: Console, text: str, style: str | None = None) -> None:
    # markup off: problem texts may contain brackets that rich would read as markup.
    console.print(text, style=style, markup=False, highlight=False, soft_wrap=True)


def report_error(console: Console, error: BaseException, *, debug: bool = False) -> ExitCode:
    """Print ``error`` for the organiser on ``console`` (stderr) and return its exit code."""
    code = exit_code_for(error)
    if isinstance(error, InputError):
        count = len(error.problems)
        where = f" in {error.file}" if error.file else ""
        _say(console, f"Cannot use the input{where}: {count} problem(s).", "bold red")
        for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
            _say(console, f"- {problem}")
        if count > MAX_PROBLEMS_SHOWN:
            _say(console, f"- ... and {count - MAX_PROBLEMS_SHOWN} more (--json lists all).")
        _say(console, "Nothing was written.")
    elif isinstance(error, OutputError):
        count = len(error.problems)
        _say(console, f"Cannot write the output: {count} problem(s).", "bold red")
        for problem in error.problems:
            _say(console, f"- {problem}")
        _say(console, "Nothing was written; the input is unchanged.")
    elif isinstance(error, NoPlanError):
        _say(console, "No plan is possible with these rules:", "bold red")
        for reason in error.reasons:
            _say(console, f"- {reason}")
        _say(console, "Nothing was written. Change the tables, sizes or phases and try again.")
    elif isinstance(error, SolveTimeoutError):
        _say(console, f"No plan within the time limit: {error}", "bold red")
        _say(console, "Nothing was written. Try a larger --time-limit.")
    elif isinstance(error, KeyboardInterrupt):
        _say(console, "Interrupted before a plan was found. Nothing was written.", "bold red")
    elif isinstance(error, OSError):
        # Files are checked before writing (OutputError); this is the screen or a pipe.
        _say(console, f"Cannot write the output: {error.strerror or error}.", "bold red")
        _say(console, "Free some disk space, or send the output to another file or program.")
        return code
    else:
        _say(console, f"Unexpected error ({type(error).__name__}).", "bold red")
        _say(console, REPORT_HINT)
    if debug and code is ExitCode.INTERNAL:
        _say(console, "".join(traceback.format_exception(error)))
    elif not debug and code is ExitCode.INTERNAL:
        _say(console, "Run the command again with --debug to see the traceback.")
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
