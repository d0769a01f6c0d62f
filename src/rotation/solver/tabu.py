"""Tabu search on repeat encounters, for events with many phases (free mixing, golfers).

Random swaps stall on plans with many phases: most swaps that remove one repeat create
another. This search follows the social golfer literature (Dotú and Van Hentenryck,
"Scheduling social golfers locally", 2005): every step looks at the people who sit with
someone they meet more than once, tries every swap of such a person with a person of the
same theme at another table in that phase, and makes the best one, even when it makes the
plan worse, unless the swap is tabu (both people moved in that phase recently). When the
search stalls, it goes back to the best plan and shakes it with a few random swaps.

Each swap's change in repeat encounters costs O(1): the search keeps, for every phase,
person and table, how many times the person meets the people at that table over the whole
event (``sums``). Colleague and balance changes break ties between equally good swaps.

An event may rank other goals before repeat encounters (the balance first, say). The
search then keeps them: a swap that would make one of them worse is never made, neither as
a step nor in a shake, so repeats fall at no cost to what the organiser put first.
"""

from __future__ import annotations

import time

from rotation.solver.local_search import EPS, LocalSearch, Totals
from rotation.solver.variables import Placement

__all__ = ["TabuSearch", "fits_tabu"]

SUMS_LIMIT = 200_000
"""Largest phases x people x tables the search keeps sums for: a swap recounts the sums of
everyone at the two tables, so the cost per step grows with this product."""
SAMPLE = 24
"""Conflicting (phase, person) pairs examined per step; more cost time, fewer miss moves."""
STALL = 1_000
"""Steps without a better plan before the search shakes the best plan."""
SHAKE = 3
"""Random swaps that shake the best plan after a stall."""
KICK_AFTER = 8
"""Shakes in vain before the search kicks the plan hard (a quarter of all seats)."""
TENURE = (2, 6)
"""A swapped person stays in place in that phase for this many steps (drawn at random)."""
STEPS_PER_SECOND = 2_000
"""Roughly how many steps the search makes per second; sets the deterministic budget."""


def fits_tabu(search: LocalSearch) -> bool:
    """Whether an event is small enough for the search's per-table sums."""
    tables = len(search.event.tables)
    return len(search.phases) * search.n * tables <= SUMS_LIMIT


class TabuSearch(LocalSearch):
    """Local search state plus per-phase sums of encounters, for O(1) repeat deltas."""

    def _load(self, seats: Placement) -> None:
        super()._load(seats)
        self.keep = self.ranking.before_repeats or ()
        tables = len(self.event.tables)
        self.sums: dict[int, list[list[int]]] = {
            r: [[0] * tables for _ in range(self.n)] for r in self.phases
        }
        for i in range(self.n):
            self._recount_sums(i)
        self.theme_tables: dict[int, dict[str, list[int]]] = {r: {} for r in self.phases}
        for r in self.phases:
            for k in self.members[r]:
                self.theme_tables[r].setdefault(self.theme_of[k], []).append(k)

    def _recount_sums(self, i: int) -> None:
        """Recompute person i's sums in every phase from the encounter counts."""
        met = self.met[i]
        for r in self.phases:
            row = [0] * len(self.event.tables)
            for q, m in met.items():
                k = self.seat[r][q]
                if m and k >= 0:
                    row[k] += m
            self.sums[r][i] = row

    def _repeat_delta(self, r: int, i: int, j: int) -> int:
        """Change in repeat encounters when i and j swap tables in phase r, in O(1)."""
        k1, k2 = self.seat[r][i], self.seat[r][j]
        sums, members, both = self.sums[r], self.members[r], self.met[i][j]
        return (
            sums[i][k2]
            - sums[i][k1]
            + sums[j][k1]
            - sums[j][k2]
            - 2 * both
            + len(members[k1])
            + len(members[k2])
            - 2
        )

    def _swap(self, r: int, i: int, j: int) -> None:
        k1, k2 = self.seat[r][i], self.seat[r][j]
        # i now meets k1's people once less and k2's once more; j the other way round.
        changes = [(i, x, -1) for x in self.members[r][k1] if x != i]
        changes += [(j, x, +1) for x in self.members[r][k1] if x != i]
        changes += [(j, x, -1) for x in self.members[r][k2] if x != j]
        changes += [(i, x, +1) for x in self.members[r][k2] if x != j]
        self._encounters_change(changes)
        super()._swap(r, i, j)
        self._tables_change(r, i, j, k1, k2)

    def _encounters_change(self, changes: list[tuple[int, int, int]]) -> None:
        """Before a swap: each changed count (a meets x d more times) moves the sums of
        both people at the other's table, in every phase (seats as before the swap)."""
        for phase in self.phases:
            seat, sums = self.seat[phase], self.sums[phase]
            for a, x, d in changes:
                ka, kx = seat[a], seat[x]
                if ka >= 0 and kx >= 0:
                    sums[a][kx] += d
                    sums[x][ka] += d

    def _tables_change(self, r: int, i: int, j: int, k1: int, k2: int) -> None:
        """After a swap: in phase r, table k1 lost i and gained j (k2 the other way round)."""
        for row, met in zip(self.sums[r], self.met, strict=True):
            step = met[j] - met[i]
            row[k1] += step
            row[k2] -= step

    def conflicts(self) -> list[tuple[int, int]]:
        """(phase, person) pairs where the person meets a tablemate more than once."""
        found = []
        for r in self.phases:
            sums, seat, members, movable = (
                self.sums[r],
                self.seat[r],
                self.members[r],
                self.movable[r],
            )
            for i in range(self.n):
                k = seat[i]
                if k >= 0 and movable[i] and sums[i][k] > len(members[k]) - 1:
                    found.append((r, i))
        return found

    def tabu(
        self,
        steps: int,
        *,
        floor: int = 0,
        deadline: float | None = None,
    ) -> bool:
        """Search for ``steps`` steps (or until the deadline); keep the best plan seen.

        Stops once repeat encounters reach ``floor`` (a lower bound). Returns True when the
        plan got better than at the start.
        """
        rng = self.rng
        start = best = anchor = self.totals()
        best_seats = anchor_seats = self.seats()
        until: dict[tuple[int, int, int], int] = {}
        stalled = shakes = 0
        for step in range(steps):
            current = self.totals()
            if current[0] <= floor:
                break
            if step % 64 == 0 and (
                self.stop.is_set() or (deadline is not None and time.monotonic() > deadline)
            ):
                break
            if stalled >= STALL:
                # Shake the anchor (the best plan since the last kick) a little; after
                # several shakes in vain, kick it hard and search on from there.
                shakes += 1
                self.restore(anchor_seats)
                if shakes < KICK_AFTER:
                    self._shake(SHAKE)
                else:
                    self._shake(self.n * len(self.phases) // 4)
                    anchor, anchor_seats, shakes = self.totals(), self.seats(), 0
                until.clear()
                stalled = 0
                continue
            move = self._best_move(step, until, anchor[0] - current[0])
            if move is None:
                stalled += 1
                continue
            r, i, j, gain = move
            self._swap(r, i, j)
            self._count(gain)
            until[(r, min(i, j), max(i, j))] = step + rng.randint(*TENURE)
            current = self.totals()
            if self._ahead(current, anchor):
                anchor, anchor_seats, stalled, shakes = current, self.seats(), 0, 0
                if self._ahead(current, best):
                    best, best_seats = current, anchor_seats
                    self.report(best)
            else:
                stalled += 1
        if self._ahead(best, self.totals()):
            self.restore(best_seats)
        return self._ahead(self.totals(), start)

    def _ahead(self, totals: Totals, than: Totals) -> bool:
        """Better in repeats or colleague pairs (in the event's order); balance, which
        changes with almost every swap, is left to the steps after the search, unless it
        ranks before repeats (then it is kept, and can only fall)."""
        if 2 in self.keep:
            return self.ranking.improves(totals, than)
        return self.ranking.improves((totals[0], totals[1], 0.0), (than[0], than[1], 0.0))

    def _keeps(self, r: int, i: int, j: int) -> bool:
        """Whether swapping i and j in phase r leaves every goal ranked before repeat
        encounters as good as it is."""
        for index in self.keep:
            if index == 1 and self._org_delta(r, i, j) > 0:
                return False
            if index == 2 and self._balance_delta(r, i, j) > EPS:
                return False
        return True

    def _best_move(
        self, step: int, until: dict[tuple[int, int, int], int], headroom: int
    ) -> tuple[int, int, int, tuple[int, int, float]] | None:
        """The best non-tabu swap of a conflicting person (ties broken by the later goals).

        A tabu swap is allowed when it beats the best plan's repeats (``headroom`` is how
        much the current plan must drop to do so).
        """
        conflicts = self.conflicts()
        if len(conflicts) > SAMPLE:
            conflicts = self.rng.sample(conflicts, SAMPLE)
        lowest: int | None = None
        ties: list[tuple[int, int, int]] = []
        keep = self.keep
        for r, i in conflicts:
            seat, sums, members, movable = (
                self.seat[r],
                self.sums[r],
                self.members[r],
                self.movable[r],
            )
            k1, own, met = seat[i], sums[i], self.met[i]
            leave = len(members[k1]) - 2 - own[k1]
            for k2 in self.theme_tables[r][self.theme_of[k1]]:
                if k2 == k1:
                    continue
                base = leave + own[k2] + len(members[k2])
                for j in members[k2]:
                    if not movable[j]:
                        continue
                    other = sums[j]
                    delta = base + other[k1] - other[k2] - 2 * met.get(j, 0)
                    if lowest is not None and delta > lowest:
                        continue
                    if delta >= headroom and until.get((r, min(i, j), max(i, j)), -1) > step:
                        continue
                    if keep and not self._keeps(r, i, j):
                        continue
                    if lowest is None or delta < lowest:
                        lowest, ties = delta, [(r, i, j)]
                    else:
                        ties.append((r, i, j))
        if lowest is None:
            return None
        self.rng.shuffle(ties)
        chosen = None
        for r, i, j in ties[:16]:
            gain = self._phase_swap_gain(r, i, j)
            if gain is not None and (chosen is None or gain[1:] < chosen[3][1:]):
                chosen = (r, i, j, gain)
        return chosen

    def _shake(self, swaps: int) -> None:
        """Random swaps of conflicting people, to leave a local optimum."""
        for _ in range(swaps):
            conflicts = self.conflicts()
            if not conflicts:
                return
            r, i = conflicts[self.rng.randrange(len(conflicts))]
            pool = self.pools[r][self.theme_of[self.seat[r][i]]]
            j = pool[self.rng.randrange(len(pool))]
            if self.seat[r][j] == self.seat[r][i]:
                continue
            gain = self._phase_swap_gain(r, i, j)
            if gain is not None and self._keeps(r, i, j):
                self._swap(r, i, j)
                self._count(gain)
