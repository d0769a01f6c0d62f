"""The ``rotation`` command: ``plan``, ``check``, ``template`` and ``demo``.

A thin, friendly layer over the library: it reads, solves, writes and reports, mapping every
outcome to a documented exit code (see :mod:`rotation.cli.exit_codes`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rotation.cli.exit_codes import ExitCode

__all__ = ["ExitCode", "main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); exits the process."""
    from rotation.cli.app import app

    app(args=list(sys.argv[1:] if argv is None else argv), prog_name="rotation")
