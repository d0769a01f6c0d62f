"""The ``rotation`` command: ``plan``, ``check``, ``template`` and ``demo``.

A thin, friendly layer over the library: it reads, solves, writes and reports, mapping every
outcome to a documented exit code (see :mod:`rotation.cli.exit_codes`).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

from rotation.cli.exit_codes import ExitCode

__all__ = ["ExitCode", "main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); exits the process.

    SIGTERM (``kill``, a service manager stopping the job) ends the command as Ctrl-C
    before a plan would: the temporary file of a plan being written is removed, and the
    process exits with code 143.
    """
    from rotation.cli.app import app

    with _terminate_on_sigterm():
        app(args=list(sys.argv[1:] if argv is None else argv), prog_name="rotation")


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(int(ExitCode.TERMINATED))


@contextmanager
def _terminate_on_sigterm() -> Iterator[None]:
    """SIGTERM raises SystemExit in the main thread, so every ``finally`` cleans up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
