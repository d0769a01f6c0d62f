"""The documented exit codes of the ``rotation`` command and how errors map onto them."""

from __future__ import annotations

import enum

from rotation.errors import InputError, NoPlanError, SolveTimeoutError

__all__ = ["EXIT_CODES_HELP", "ExitCode", "exit_code_for"]


class ExitCode(enum.IntEnum):
    """What the process tells the shell (and scripts) about the run."""

    OK = 0
    """Done: the plan was written, or every rule of the checked plan holds."""
    RULE_BROKEN = 1
    """``rotation check``: the plan breaks at least one rule."""
    USAGE = 2
    """The command line is wrong: unknown option, missing argument, bad output file name."""
    INVALID_INPUT = 3
    """The input file cannot be read or used; every problem is listed."""
    NO_PLAN = 4
    """No plan can satisfy every rule; the reasons are printed."""
    TIMEOUT = 5
    """No plan was found within the time limit (the rules may still admit one)."""
    OUTPUT = 6
    """The output cannot be written: the file is open elsewhere, no permission, disk full."""
    INTERNAL = 70
    """An unexpected error: a bug in rotation (the BSD ``EX_SOFTWARE`` code)."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C before any plan could be written."""
    TERMINATED = 143
    """Stopped by SIGTERM (128 + 15); nothing was written, no temporary file is left."""


EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a rule is broken (check); 2 usage error; 3 invalid input; "
    "4 no plan possible (reasons printed); 5 no plan within the time limit; "
    "6 the output cannot be written; 70 internal error (please report); "
    "130 interrupted before a plan was written; 143 stopped by SIGTERM."
)


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code for an error that ended a command.

    >>> exit_code_for(SolveTimeoutError("no plan in 1 s")).name
    'TIMEOUT'
    >>> exit_code_for(NoPlanError(["too few seats"])).name
    'NO_PLAN'
    >>> from rotation.errors import OutputError
    >>> exit_code_for(OutputError.single("Cannot write 'plan.xlsx'")).name
    'OUTPUT'
    >>> exit_code_for(KeyError("x")).name
    'INTERNAL'
    """
    if isinstance(error, SolveTimeoutError):
        return ExitCode.TIMEOUT
    if isinstance(error, NoPlanError):
        return ExitCode.NO_PLAN
    if isinstance(error, InputError):
        return ExitCode.INVALID_INPUT
    if isinstance(error, OSError):
        # OutputError, or the screen or a pipe failing: the input was read, writing failed.
        return ExitCode.OUTPUT
    if isinstance(error, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    # Anything else, including a RotationError that is not the user's doing (a solver plan
    # breaking a rule), is a bug.
    return ExitCode.INTERNAL
