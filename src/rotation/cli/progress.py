"""A live status line on stderr while the solver works: elapsed, best so far, bounds."""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.text import Text

from rotation.domain import Goal
from rotation.solver import Progress
from rotation.wording import format_number

__all__ = ["SolveProgress"]


def _figure(value: float | None) -> str:
    return "-" if value is None else format_number(value, digits=1)


class SolveProgress:
    """Callable progress sink for :func:`rotation.solve` that redraws one stderr line.

    Disabled (a no-op) when ``enabled`` is false: stderr is not a terminal, or ``--quiet``
    or ``--json`` was given. The solver calls it from its own threads; it only stores the
    latest report, and rich redraws the line from its refresh thread.
    """

    def __init__(self, console: Console, bounds: Mapping[Goal, float], *, enabled: bool) -> None:
        self._console = console
        self._bounds = bounds
        self._enabled = enabled
        self._started = time.monotonic()
        self._latest: Progress | None = None
        self._live: Live | None = None

    def __call__(self, progress: Progress) -> None:
        self._latest = progress

    def __rich__(self) -> Text:
        elapsed = time.monotonic() - self._started
        line = Text(f"Planning... {elapsed:4.0f} s", style="bold")
        latest = self._latest
        if latest is None:
            line.append("  building a first plan")
        else:
            repeat_bound = self._bounds.get(Goal.REPEAT_ENCOUNTERS)
            org_bound = self._bounds.get(Goal.SAME_ORGANISATION_PAIRS)
            line.append(
                f"  best so far: repeat encounters {_figure(latest.repeat_encounters)}"
                f" (bound {_figure(repeat_bound)}),"
                f" same-organisation pairs {_figure(latest.same_organisation_pairs)}"
                f" (bound {_figure(org_bound)})"
            )
        line.append("  Ctrl-C: stop and keep the best plan", style="dim")
        return line

    def __enter__(self) -> SolveProgress:
        self._started = time.monotonic()
        if self._enabled:
            self._live = Live(self, console=self._console, refresh_per_second=4, transient=True)
            self._live.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._live is not None:
            self._live.__exit__(kind, error, tb)
            self._live = None
