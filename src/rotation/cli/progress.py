"""A live status line on stderr while the solver works: elapsed, best so far, bounds."""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.text import Text

from rotation.cli.texts import EN, Texts
from rotation.domain import Goal, Metric
from rotation.io.workbook.labels import Labels, labels_for
from rotation.solver import Progress

__all__ = ["SolveProgress"]


class SolveProgress:
    """Callable progress sink for :func:`rotation.solve` that redraws one stderr line.

    Disabled (a no-op) when ``enabled`` is false: stderr is not a terminal, or ``--quiet``
    or ``--json`` was given. The solver calls it from its own threads; it only stores the
    latest report, and rich redraws the line from its refresh thread.
    """

    def __init__(
        self,
        console: Console,
        bounds: Mapping[Goal, float],
        *,
        enabled: bool,
        texts: Texts = EN,
        labels: Labels | None = None,
    ) -> None:
        self._console = console
        self._texts = texts
        self._labels = labels or labels_for(texts.lang)
        self._bounds = bounds
        self._enabled = enabled
        self._started = time.monotonic()
        self._latest: Progress | None = None
        self._live: Live | None = None

    def __call__(self, progress: Progress) -> None:
        self._latest = progress

    def __rich__(self) -> Text:
        elapsed = time.monotonic() - self._started
        texts, labels = self._texts, self._labels
        line = Text(texts.planning.format(seconds=elapsed), style="bold")
        latest = self._latest
        if latest is None:
            line.append(texts.first_plan)
        else:

            def figure(value: float | None) -> str:
                return "-" if value is None else labels.figure(value, digits=1)

            def below(goal: Goal) -> str:
                return texts.no_plan_below.format(bound=figure(self._bounds.get(goal)))

            line.append(
                texts.best_so_far.format(
                    repeat=labels.metrics[Metric.REPEAT_ENCOUNTERS].name,
                    repeat_value=figure(latest.repeat_encounters),
                    repeat_bound=below(Goal.REPEAT_ENCOUNTERS),
                    pairs=labels.metrics[Metric.SAME_ORGANISATION_PAIRS].name,
                    pairs_value=figure(latest.same_organisation_pairs),
                    pairs_bound=below(Goal.SAME_ORGANISATION_PAIRS),
                )
            )
        line.append(texts.stop_hint, style="dim")
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
