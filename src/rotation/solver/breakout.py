"""Many short descents with pair weights ("breakout"), each from a fresh constructed plan.

On free mixing the tabu search (:mod:`rotation.solver.tabu`) can sit on a plateau of a few
repeat encounters for minutes, while a short descent from another start sometimes falls
straight into a plan without any. This search makes many such attempts. Each one descends
on a weighted count of repeat encounters: every pair of people carries a weight, and when no
swap lowers the weighted count (a local minimum), the pairs that meet more than once get
heavier (Morris, "The breakout method for escaping from local minima", 1993), so the next
swaps break them up. A swap's weighted change costs O(1) through per-phase weighted sums,
kept next to the plain ones of the tabu search.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from rotation.domain import Event
from rotation.solver.local_search import Totals
from rotation.solver.tabu import TabuSearch
from rotation.solver.variables import Placement

__all__ = ["ATTEMPT_STEPS", "Breakout", "probe"]

ATTEMPT_STEPS = 400
"""Steps per attempt: a lucky descent ends in under a hundred; a longer one rarely wins."""
SIDEWAYS = 0.5
"""At a local minimum, the share of steps that make a swap of equal weight instead."""


class Breakout(TabuSearch):
    """Tabu search state plus pair weights and weighted sums of encounters."""

    def __init__(
        self,
        event: Event,
        seats: Placement,
        seed: int = 0,
        stop: threading.Event | None = None,
        report: Callable[[Totals], None] | None = None,
    ) -> None:
        # Pair weights outlive every reload of the plan (restore), so they come first.
        n = len(event.participants)
        self.weight = [[0 if i == j else 1 for j in range(n)] for i in range(n)]
        super().__init__(event, seats, seed, stop, report)

    def _load(self, seats: Placement) -> None:
        super()._load(seats)
        n, tables = self.n, len(self.event.tables)
        # weighted[r][i][k]: sum of weight x encounters of i with the people at table k in
        # phase r; heft[r][i][k]: sum of i's weights with them.
        self.weighted = {r: [[0] * tables for _ in range(n)] for r in self.phases}
        self.heft = {r: [[0] * tables for _ in range(n)] for r in self.phases}
        for i in range(n):
            weights, met = self.weight[i], self.met[i]
            for r in self.phases:
                seat, weighted, heft = self.seat[r], self.weighted[r][i], self.heft[r][i]
                for x in range(n):
                    k = seat[x]
                    if k >= 0 and x != i:
                        weighted[k] += weights[x] * met.get(x, 0)
                        heft[k] += weights[x]

    def _encounters_change(self, changes: list[tuple[int, int, int]]) -> None:
        super()._encounters_change(changes)
        weight = self.weight
        for phase in self.phases:
            seat, weighted = self.seat[phase], self.weighted[phase]
            for a, x, d in changes:
                ka, kx = seat[a], seat[x]
                if ka >= 0 and kx >= 0:
                    weighted[a][kx] += d * weight[a][x]
                    weighted[x][ka] += d * weight[a][x]

    def _tables_change(self, r: int, i: int, j: int, k1: int, k2: int) -> None:
        super()._tables_change(r, i, j, k1, k2)
        weighted, heft = self.weighted[r], self.heft[r]
        for y in range(self.n):
            met, weights = self.met[y], self.weight[y]
            step = weights[j] * met.get(j, 0) - weights[i] * met.get(i, 0)
            weighted[y][k1] += step
            weighted[y][k2] -= step
            shift = weights[j] - weights[i]
            heft[y][k1] += shift
            heft[y][k2] -= shift

    def _heavier(self, p: int, q: int) -> None:
        """Add 1 to the weight of the pair p, q."""
        met = self.met[p].get(q, 0)
        self.weight[p][q] += 1
        self.weight[q][p] += 1
        for r in self.phases:
            kp, kq = self.seat[r][p], self.seat[r][q]
            if kp >= 0 and kq >= 0:
                self.weighted[r][p][kq] += met
                self.weighted[r][q][kp] += met
                self.heft[r][p][kq] += 1
                self.heft[r][q][kp] += 1

    def descend(self, steps: int, *, floor: int = 0, deadline: float | None = None) -> None:
        """Best weighted swaps of conflicting people; at a local minimum, heavier pairs."""
        rng = self.rng
        for step in range(steps):
            if self.totals()[0] <= floor:
                return
            if step % 64 == 0 and (
                self.stop.is_set() or (deadline is not None and time.monotonic() > deadline)
            ):
                return
            conflicts = self.conflicts()
            lowest, ties = self._weighted_moves(conflicts)
            if lowest is None:
                return
            if lowest < 0 or (lowest == 0 and rng.random() < SIDEWAYS):
                r, i, j = ties[rng.randrange(len(ties))]
                gain = self._phase_swap_gain(r, i, j)
                if gain is not None:
                    self._swap(r, i, j)
                    self._count(gain)
                continue
            heavier = set()
            for r, i in conflicts:
                met = self.met[i]
                for x in self.members[r][self.seat[r][i]]:
                    if x != i and met.get(x, 0) > 1:
                        heavier.add((min(i, x), max(i, x)))
            for p, q in heavier:
                self._heavier(p, q)

    def _weighted_moves(
        self, conflicts: list[tuple[int, int]]
    ) -> tuple[int | None, list[tuple[int, int, int]]]:
        """The lowest weighted change of any swap of a conflicting person, and its swaps."""
        lowest: int | None = None
        ties: list[tuple[int, int, int]] = []
        for r, i in conflicts:
            seat, members, movable = self.seat[r], self.members[r], self.movable[r]
            weighted, heft = self.weighted[r], self.heft[r]
            k1, own, weights, met = seat[i], weighted[i], self.weight[i], self.met[i]
            leave = heft[i][k1] - own[k1]
            for k2 in self.theme_tables[r][self.theme_of[k1]]:
                if k2 == k1:
                    continue
                base = leave + own[k2]
                for j in members[k2]:
                    if not movable[j]:
                        continue
                    other = weighted[j]
                    delta = base + other[k1] - other[k2] + heft[j][k2]
                    delta -= 2 * weights[j] * met.get(j, 0)
                    if lowest is None or delta < lowest:
                        lowest, ties = delta, [(r, i, j)]
                    elif delta == lowest:
                        ties.append((r, i, j))
        return lowest, ties


def probe(
    event: Event,
    start: Callable[[int], Placement | None],
    *,
    seed: int,
    floor: int,
    attempts: int,
    deadline: float | None,
    stop: threading.Event | None = None,
) -> tuple[Placement, Totals] | None:
    """Short breakout descents from ``start(0)``, ``start(1)``, ...; the best plan found.

    Stops at the first plan whose repeats reach ``floor``, after ``attempts`` attempts, or
    at the deadline. Returns None when no attempt could start.
    """
    best: tuple[Placement, Totals] | None = None
    for attempt in range(attempts):
        if (stop is not None and stop.is_set()) or (
            deadline is not None and time.monotonic() > deadline
        ):
            break
        seats = start(attempt)
        if seats is None:
            break
        search = Breakout(event, seats, seed + attempt, stop)
        search.descend(ATTEMPT_STEPS, floor=floor, deadline=deadline)
        totals = search.totals()
        if best is None or search.ranking.improves(totals, best[1]):
            best = (search.seats(), totals)
        if totals[0] <= floor:
            break
    return best
