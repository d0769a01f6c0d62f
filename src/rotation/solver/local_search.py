"""Local search that polishes a plan without breaking a rule or a higher-priority goal.

Two kinds of move keep every hard rule: two people of one theme swap tables in one phase,
or two people with the same constraints swap their whole routes. A route swap never
changes repeat encounters (they depend only on how many people take each route), so it
can improve the organisation mix and the balance for free. Moves are accepted only when
the goals get better in priority order (repeats, then colleagues, then balance). The search
counts moves, not seconds, so it is deterministic for a seed.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator

from rotation.domain import Event, Goal, Goals
from rotation.solver.variables import Placement, seat_options

__all__ = ["EPS", "LocalSearch", "Ranking", "Totals"]

Totals = tuple[int, int, float]
"""Repeat encounters, colleague pairs and attribute deviation of a whole plan."""
Gain = tuple[int, int, float]
"""Change of (repeat encounters, colleague pairs, attribute deviation) a move would make."""
EPS = 1e-9
BLOCK = 1000
"""Moves between two looks at the plan's totals (annealing steps, deadlines)."""

LOOK = 100
"""Moves of :meth:`LocalSearch.run` between two looks at its deadline."""


_COMPONENTS = (Goal.REPEAT_ENCOUNTERS, Goal.SAME_ORGANISATION_PAIRS, Goal.ATTRIBUTE_DEVIATION)
"""The goals the local search counts, in the order of its totals and gains."""


class Ranking:
    """How the search compares plans: the event's goal order, or its weighted sum.

    Totals and gains are (repeats, colleague pairs, deviation); goals left out of the
    priority do not count, as in the exact model.
    """

    def __init__(self, goals: Goals) -> None:
        self.weights: tuple[float, ...] | None = None
        if goals.weights is not None:
            self.weights = tuple(float(goals.weights.get(g, 0)) for g in _COMPONENTS)
        self.order = tuple(_COMPONENTS.index(g) for g in goals.priority if g in _COMPONENTS)

    @property
    def before_repeats(self) -> tuple[int, ...] | None:
        """The goals ranked before repeat encounters in a strict order (their indices in the
        totals), which a search on repeats must keep; None with weights or without repeats.
        """
        if self.weights is not None or 0 not in self.order:
            return None
        return self.order[: self.order.index(0)]

    def better(self, gain: Gain) -> bool:
        """Whether a change makes the plan strictly better."""
        if self.weights is not None:
            return sum(w * g for w, g in zip(self.weights, gain, strict=True)) < -EPS
        for index in self.order:
            if abs(gain[index]) > EPS:
                return gain[index] < 0
        return False

    def improves(self, totals: Totals, than: Totals) -> bool:
        """Whether a plan with ``totals`` is strictly better than one with ``than``."""
        return self.better((totals[0] - than[0], totals[1] - than[1], totals[2] - than[2]))

    def dominating(self) -> tuple[float, float, float]:
        """Weights for annealing that follow the order (100, 10, 1), or the event's weights."""
        if self.weights is not None:
            return (self.weights[0], self.weights[1], self.weights[2])
        weights = [0.0, 0.0, 0.0]
        for rank, index in enumerate(self.order):
            weights[index] = 10.0 ** (2 - rank)
        return (weights[0], weights[1], weights[2])

    def annealing(
        self, rng: random.Random, heat: float, weights: tuple[float, float, float] | None
    ) -> Callable[[Gain], bool]:
        """Acceptance for annealing.

        With weights, a move's cost is the weighted sum of its changes. Without, only the
        last goal of the order may get worse on the way: a change to an earlier one is taken
        only when it is an improvement.
        """
        if weights is None and self.weights is not None:
            weights = (self.weights[0], self.weights[1], self.weights[2])
        last = self.order[-1] if self.order else None

        def accept(gain: Gain) -> bool:
            if weights is not None:
                cost = weights[0] * gain[0] + weights[1] * gain[1] + weights[2] * gain[2]
            else:
                if last is None:
                    return False
                if any(abs(gain[index]) > EPS for index in self.order[:-1]):
                    return self.better(gain)
                cost = gain[last]
            return cost < EPS or rng.random() < math.exp(-cost / heat)

        return accept


class LocalSearch:
    """Incremental state of a plan: members, encounters, colleague and attribute counts."""

    def __init__(
        self,
        event: Event,
        seats: Placement,
        seed: int = 0,
        stop: threading.Event | None = None,
        report: Callable[[Totals], None] | None = None,
    ) -> None:
        self.event = event
        self.stop = stop or threading.Event()
        self.report: Callable[[Totals], None] = report or (lambda totals: None)
        self.rng = random.Random(seed)
        self.ranking = Ranking(event.goals)
        self.phases = event.phase_numbers
        people = event.participants
        self.n = len(people)
        self._options = seat_options(event)
        self._load(seats)

    def _load(self, seats: Placement) -> None:
        """Build the state of a plan: who sits where, the counts, and who may swap with whom."""
        self._seat(seats)
        self._count_colleagues_and_values()
        self._find_swap_partners()
        self._totals: Totals = self.recount()

    def _seat(self, seats: Placement) -> None:
        """Members per table and phase, and how often each pair has met."""
        self.seat = {r: [seats.get((i, r), -1) for i in range(self.n)] for r in self.phases}
        self.members: dict[int, dict[int, set[int]]] = {r: {} for r in self.phases}
        for r in self.phases:
            for i, k in enumerate(self.seat[r]):
                if k >= 0:
                    self.members[r].setdefault(k, set()).add(i)
        self.met: list[Counter[int]] = [Counter() for _ in range(self.n)]
        for r in self.phases:
            for group in self.members[r].values():
                for i in group:
                    self.met[i].update(group)
                    self.met[i][i] -= 1

    def _count_colleagues_and_values(self) -> None:
        """Organisations and attribute values per table, and each value's share per phase."""
        event, people = self.event, self.event.participants
        organisations = {p.organisation for p in people if p.organisation}
        org_index = {o: j for j, o in enumerate(sorted(organisations))}
        self.org = [org_index[p.organisation] if p.organisation else -1 for p in people]
        self.org_count = {
            r: {k: Counter(self.org[i] for i in g if self.org[i] >= 0) for k, g in m.items()}
            for r, m in self.members.items()
        }
        self.values = [[p.attributes.get(a, "") for a in event.balance] for p in people]
        self.shares: dict[int, list[dict[str, float]]] = {}
        for r in self.phases:
            present = [i for i in range(self.n) if people[i].attends(r)]
            self.shares[r] = [
                {
                    v: c / len(present)
                    for v, c in Counter(self.values[i][a] for i in present).items()
                }
                if present
                else {}
                for a in range(len(event.balance))
            ]
        self.value_count = {
            r: {
                k: [Counter(self.values[i][a] for i in g) for a in range(len(event.balance))]
                for k, g in m.items()
            }
            for r, m in self.members.items()
        }

    def _find_swap_partners(self) -> None:
        """Who may move, whom they must avoid, and the pools of people they may swap with."""
        event, people, options = self.event, self.event.participants, self._options
        # Who may move: not pinned, not a host, not in a keep-together group.
        together = {event.participant_position(m) for g in event.keep_together for m in g.members}
        self.movable = {
            r: [
                i not in together and len(options.get((i, r), [])) > 1 and self.seat[r][i] >= 0
                for i in range(self.n)
            ]
            for r in self.phases
        }
        self.apart: list[set[int]] = [set() for _ in range(self.n)]
        for apart_group in event.keep_apart:
            members = {event.participant_position(m) for m in apart_group.members}
            for i in members:
                self.apart[i] |= members - {i}
        self.signature = [
            (
                tuple(people[i].attends(r) for r in self.phases),
                event.theme_visits(people[i]),
                tuple(self.movable[r][i] for r in self.phases),
            )
            for i in range(self.n)
        ]
        self.theme_of = [t.theme for t in event.tables]
        # Swap partners: movable people at a table of the same theme in the same phase
        # (swaps keep everybody's themes), and people with the same constraints (routes).
        self.pools: dict[int, dict[str, list[int]]] = {r: {} for r in self.phases}
        for r in self.phases:
            for i in range(self.n):
                if self.movable[r][i]:
                    theme = self.theme_of[self.seat[r][i]]
                    self.pools[r].setdefault(theme, []).append(i)
        self.twins: dict[object, list[int]] = {}
        self.colleague_twins: dict[tuple[object, int], list[int]] = {}
        for i in range(self.n):
            if all(self.movable[r][i] or self.seat[r][i] < 0 for r in self.phases):
                self.twins.setdefault(self.signature[i], []).append(i)
                key = (self.signature[i], self.org[i])
                self.colleague_twins.setdefault(key, []).append(i)

    # -- deltas -------------------------------------------------------------------------------

    def _repeat_delta(self, r: int, i: int, j: int) -> int:
        """Change in repeat encounters when i and j swap tables in phase r."""
        k1, k2 = self.seat[r][i], self.seat[r][j]
        delta = 0
        for a, here, there, other in ((i, k1, k2, j), (j, k2, k1, i)):
            met = self.met[a]
            for q in self.members[r][here]:
                if q != a:
                    delta -= met[q] - 1
            for q in self.members[r][there]:
                if q != other:
                    delta += met[q]
        return delta

    def _org_delta(self, r: int, i: int, j: int) -> int:
        oi, oj = self.org[i], self.org[j]
        if oi == oj:
            return 0
        c1 = self.org_count[r][self.seat[r][i]]
        c2 = self.org_count[r][self.seat[r][j]]
        delta = 0
        if oi >= 0:
            delta += c2[oi] - (c1[oi] - 1)
        if oj >= 0:
            delta += c1[oj] - (c2[oj] - 1)
        return delta

    def _balance_delta(self, r: int, i: int, j: int, band: float = 0.0) -> float:
        """Change in attribute deviation when i and j swap tables in phase r.

        With a ``band``, only the part of each deviation beyond it counts.
        """
        k1, k2 = self.seat[r][i], self.seat[r][j]
        s1, s2 = len(self.members[r][k1]), len(self.members[r][k2])
        delta = 0.0
        for a, shares in enumerate(self.shares[r]):
            vi, vj = self.values[i][a], self.values[j][a]
            if vi == vj:
                continue
            c1, c2 = self.value_count[r][k1][a], self.value_count[r][k2][a]
            for counts, size, gain, loss in ((c1, s1, vj, vi), (c2, s2, vi, vj)):
                for value, step in ((gain, 1), (loss, -1)):
                    target = shares[value] * size
                    after = abs(counts[value] + step - target) - band
                    before = abs(counts[value] - target) - band
                    delta += max(0.0, after) - max(0.0, before)
        return delta

    def _apart_ok(self, r: int, i: int, j: int) -> bool:
        k1, k2 = self.seat[r][i], self.seat[r][j]
        here = self.members[r]
        return not (self.apart[i] & (here[k2] - {j})) and not (self.apart[j] & (here[k1] - {i}))

    # -- moves ----------------------------------------------------------------------------

    def _swap(self, r: int, i: int, j: int) -> None:
        k1, k2 = self.seat[r][i], self.seat[r][j]
        for a, here, there, other in ((i, k1, k2, j), (j, k2, k1, i)):
            for q in self.members[r][here]:
                if q != a:
                    self.met[a][q] -= 1
                    self.met[q][a] -= 1
            for q in self.members[r][there]:
                if q != other:
                    self.met[a][q] += 1
                    self.met[q][a] += 1
        m = self.members[r]
        m[k1].discard(i)
        m[k2].discard(j)
        m[k1].add(j)
        m[k2].add(i)
        self.seat[r][i], self.seat[r][j] = k2, k1
        theme1, theme2 = self.theme_of[k1], self.theme_of[k2]
        if theme1 != theme2 and self.movable[r][i] and self.movable[r][j]:
            # Only route swaps cross themes: i and j trade places in the partner pools.
            first, second = self.pools[r][theme1], self.pools[r][theme2]
            first[first.index(i)] = j
            second[second.index(j)] = i
        for a, src, dst in ((i, k1, k2), (j, k2, k1)):
            if self.org[a] >= 0:
                self.org_count[r][src][self.org[a]] -= 1
                self.org_count[r][dst][self.org[a]] += 1
            for b, value in enumerate(self.values[a]):
                self.value_count[r][src][b][value] -= 1
                self.value_count[r][dst][b][value] += 1

    def _phase_swap_gain(self, r: int, i: int, j: int) -> tuple[int, int, float] | None:
        if not self._apart_ok(r, i, j):
            return None
        return self._repeat_delta(r, i, j), self._org_delta(r, i, j), self._balance_delta(r, i, j)

    def _route_swap_gain(self, i: int, j: int) -> tuple[int, int, float] | None:
        org, balance = 0, 0.0
        for r in self.phases:
            if self.seat[r][i] < 0 or self.seat[r][i] == self.seat[r][j]:
                continue
            if not self._apart_ok(r, i, j):
                return None
            org += self._org_delta(r, i, j)
            balance += self._balance_delta(r, i, j)
        # Swapping whole routes leaves the number of people on every route unchanged.
        return 0, org, balance

    def _deviations_at(self, r: int, k: int) -> Iterator[float]:
        """Each |count - share x size| at table k in phase r, value by value."""
        size = len(self.members[r][k])
        for a, shares in enumerate(self.shares[r]):
            counts = self.value_count[r][k][a]
            for value, share in shares.items():
                yield abs(counts[value] - share * size)

    def _deviations(self) -> Iterator[float]:
        """Every table's deviations, in every phase."""
        for r in self.phases:
            for k in self.members[r]:
                yield from self._deviations_at(r, k)

    def balance_total(self) -> float:
        """The attribute deviation of the current plan (as the checker computes it)."""
        return sum(self._deviations())

    def totals(self) -> Totals:
        """Repeat encounters, colleague pairs and attribute deviation of the current plan.

        Kept up to date move by move (see :meth:`_count`); :meth:`recount` recomputes them.
        """
        repeats, colleagues, balance = self._totals
        return repeats, colleagues, balance

    def recount(self) -> Totals:
        """The totals recomputed from scratch (for loading a plan, and for tests)."""
        repeats = sum(m * (m - 1) // 2 for met in self.met for m in met.values() if m > 1) // 2
        colleagues = sum(
            c * (c - 1) // 2
            for tables in self.org_count.values()
            for counts in tables.values()
            for c in counts.values()
        )
        return repeats, colleagues, self.balance_total()

    def anneal(
        self,
        moves: int,
        temperature: float = 0.5,
        weights: tuple[float, float, float] | None = None,
        deadline: float | None = None,
    ) -> bool:
        """Simulated annealing; keeps the best plan seen (in priority order).

        Without ``weights`` only the last goal of the event's order (the balance, by default)
        may get worse on the way; with weights, a move's cost is their weighted sum of the
        three changes (see :meth:`Ranking.annealing`). Returns True when the plan got better
        than at the start.
        """
        start = best = self.totals()
        best_seats = self.seats()
        blocks = max(1, moves // BLOCK)
        began = time.monotonic()
        for block in range(blocks):
            # The temperature falls with the share of the budget used: moves, or time.
            used = block / blocks
            if deadline is not None:
                used = max(used, (time.monotonic() - began) / max(1e-6, deadline - began))
            heat = temperature * max(0.0, 1 - used) + 1e-3
            self.run(BLOCK, self.ranking.annealing(self.rng, heat, weights))
            current = self.totals()
            if self.ranking.improves(current, best):
                best, best_seats = current, self.seats()
                self.report(best)
            if self.stop.is_set() or (deadline is not None and time.monotonic() > deadline):
                break
        self.restore(best_seats)
        return self.ranking.improves(best, start)

    def _largest_at(self, r: int, k: int) -> float:
        """The largest single |count - share x size| at table k in phase r."""
        return max(self._deviations_at(r, k), default=0.0)

    def _hot_tables(self) -> list[tuple[int, int]]:
        return [
            (r, k) for r in self.phases for k in self.members[r] if self._largest_at(r, k) > 1 + EPS
        ]

    def flatten(self, moves: int, deadline: float | None = None) -> int:
        """Lower the largest single deviations (tables more than 1 off a share).

        A swap is kept when it leaves every goal as good (or better) and shrinks the larger
        of the two tables' largest deviations, or keeps it and makes a goal better. Returns
        how many swaps were kept.
        """
        applied, hot = 0, self._hot_tables()
        for move in range(moves):
            if move % BLOCK == 0 and (
                self.stop.is_set() or (deadline is not None and time.monotonic() > deadline)
            ):
                break
            if move % 200 == 0:
                hot = self._hot_tables()
            if not hot:
                break
            r, k = hot[self.rng.randrange(len(hot))]
            here = [i for i in self.members[r][k] if self.movable[r][i]]
            pool = self.pools[r].get(self.theme_of[k], [])
            if not here or not pool:
                continue
            i, j = self.rng.choice(here), pool[self.rng.randrange(len(pool))]
            other = self.seat[r][j]
            if other == k:
                continue
            gain = self._phase_swap_gain(r, i, j)
            if gain is None or gain[0] > 0 or gain[1] > 0 or gain[2] > EPS:
                continue
            before = max(self._largest_at(r, k), self._largest_at(r, other))
            self._swap(r, i, j)
            after = max(self._largest_at(r, k), self._largest_at(r, other))
            improves = gain[0] < 0 or gain[1] < 0 or gain[2] < -EPS
            # Never a larger deviation at the two tables: that is what this step lowers.
            if after < before - EPS or (improves and after <= before + EPS):
                self._count(gain)
                applied += 1
            else:
                self._swap(r, i, j)
        return applied

    def _count(self, gain: Gain) -> None:
        """Add an applied move's change to the running totals."""
        repeats, colleagues, balance = self._totals
        self._totals = (repeats + gain[0], colleagues + gain[1], balance + gain[2])

    def spread(self, moves: int, deadline: float | None = None) -> int:
        """Balance by whole-route swaps, which never change repeat encounters.

        Anneals on the deviation beyond 1 of each share (weighted high) plus the deviation
        itself; colleague pairs may not get worse. Keeps the best plan seen; returns how
        many swaps it kept.
        """
        # Colleagues with the same constraints swap without changing any colleague pair.
        pool = [twins for twins in self.twins.values() if len(twins) > 1]
        pool += [
            twins for (_, org), twins in self.colleague_twins.items() if org >= 0 and len(twins) > 1
        ]
        if not pool:
            return 0
        weights = [len(twins) for twins in pool]
        cost = best = self._excess_total()
        best_seats, applied, heard = self.seats(), 0, self.totals()[1]
        for move in range(moves):
            if move % BLOCK == 0:
                if self.stop.is_set() or (deadline is not None and time.monotonic() > deadline):
                    break
                if self.totals()[1] < heard:  # route swaps may also part colleagues
                    heard = self.totals()[1]
                    self.report(self.totals())
            twins = self.rng.choices(pool, weights)[0]
            i, j = self.rng.sample(twins, 2)
            gain = self._route_swap_gain(i, j)
            if gain is None or gain[1] > 0:
                continue
            phases = [
                r
                for r in self.phases
                if self.seat[r][i] >= 0 and self.seat[r][i] != self.seat[r][j]
            ]
            change = (
                SPREAD_WEIGHT * sum(self._balance_delta(r, i, j, 1.0) for r in phases) + gain[2]
            )
            heat = SPREAD_HEAT * (1 - move / moves) + 1e-3
            if change > EPS and self.rng.random() >= math.exp(-change / heat):
                continue
            for r in phases:
                self._swap(r, i, j)
            self._count(gain)
            cost += change
            applied += 1
            if cost < best - EPS:
                best, best_seats = cost, self.seats()
        self.restore(best_seats)
        return applied

    def _with_colleagues(self) -> list[int]:
        """People who share a table with a colleague in some phase, and may swap routes."""
        found = []
        for i, org in enumerate(self.org):
            if org < 0 or len(self.twins.get(self.signature[i], ())) < 2:
                continue
            if any(
                self.org_count[r][k][org] > 1 for r in self.phases if (k := self.seat[r][i]) >= 0
            ):
                found.append(i)
        return found

    def regroup(self) -> bool:
        """Deal the routes of people with the same constraints anew, largest organisation
        first, each person to the route where the fewest colleagues sit so far.

        Repeat encounters depend only on how many people take each route, so they stay as
        they are; the best of a few deals (in different random orders of the routes) is kept
        when it has fewer colleague pairs (its balance is left to the steps after), unless
        the event ranks the balance before colleagues and the deal makes the plan worse.
        People in keep-apart groups keep their routes. Returns True when the plan changed.
        """
        groups = [[i for i in twins if not self.apart[i]] for twins in self.twins.values()]
        groups = [g for g in groups if len(g) > 1]
        work = sum(len(g) * min(len(g), REGROUP_SCAN) for g in groups)
        if not groups or work > REGROUP_WORK:
            return False
        original = self.seats()
        best, fewest = original, self.totals()[1]
        size = Counter(o for o in self.org if o >= 0)
        for _ in range(max(1, min(REGROUP_TRIES, REGROUP_WORK // work))):
            seats = dict(original)
            count = Counter((r, k, self.org[i]) for (i, r), k in seats.items() if self.org[i] >= 0)
            for people in groups:
                self._deal_routes(seats, people, size, count)
            pairs = sum(c * (c - 1) // 2 for c in count.values())
            if pairs < fewest:
                best, fewest = seats, pairs
        if best is original:
            return False
        before = self.totals()
        self._load(best)
        if self.ranking.improves(before, self.totals()):
            self._load(original)
            return False
        self.report(self.totals())
        return True

    def _deal_routes(
        self,
        seats: Placement,
        people: list[int],
        size: Counter[int],
        count: Counter[tuple[int, int, int]],
    ) -> None:
        """Deal the routes of ``people`` among them anew (see :meth:`regroup`), in place;
        ``size`` is each organisation's head count, ``count`` the people of each
        organisation at each (phase, table), kept up to date."""
        routes = [[(r, seats[i, r]) for r in self.phases if (i, r) in seats] for i in people]
        for i, route in zip(people, routes, strict=True):
            if self.org[i] >= 0:
                count.subtract((r, k, self.org[i]) for r, k in route)
        self.rng.shuffle(routes)
        for i in sorted(people, key=lambda i: (-size[self.org[i]], self.org[i])):
            org = self.org[i]
            best, crowd = 0, -1
            for position, route in enumerate(routes[:REGROUP_SCAN]):
                here = 0 if org < 0 else sum(count[r, k, org] for r, k in route)
                if crowd < 0 or here < crowd:
                    best, crowd = position, here
                    if here == 0:
                        break
            route = routes[best]
            routes[best] = routes[-1]
            routes.pop()
            for r, k in route:
                seats[i, r] = k
                if org >= 0:
                    count[r, k, org] += 1

    def part(self, moves: int, deadline: float | None = None) -> int:
        """Part colleagues by whole-route swaps, which never change repeat encounters.

        Each move takes someone who sits with a colleague and swaps routes with a random
        person of the same constraints; it is kept when it parts more colleagues than it
        joins (or as many, with a better balance), and now and then when it costs one
        colleague pair (a little annealing). Returns how many swaps it kept.
        """
        rng, applied = self.rng, 0
        best, best_seats = self.totals(), self.seats()
        crowded: list[int] = []
        stalled = 0
        for move in range(moves):
            if move % BLOCK == 0:
                if self.stop.is_set() or (deadline is not None and time.monotonic() > deadline):
                    break
                crowded = self._with_colleagues()
                current = self.totals()
                stalled = 0 if current[1] < best[1] else stalled + 1
                if self.ranking.improves(current, best):
                    best, best_seats = current, self.seats()
                    self.report(best)
                if stalled > PART_PATIENCE:
                    break
            if not crowded:
                break
            i = crowded[rng.randrange(len(crowded))]
            twins = self.twins[self.signature[i]]
            j = twins[rng.randrange(len(twins))]
            if self.org[j] == self.org[i]:
                continue
            gain = self._route_swap_gain(i, j)
            if gain is None:
                continue
            heat = PART_HEAT * (1 - move / moves)
            if not (
                self.ranking.better(gain)
                or (gain[1] == 0 and gain[2] <= EPS)
                or (gain[1] == 1 and heat > 0 and rng.random() < math.exp(-1 / heat))
            ):
                continue
            for r in self.phases:
                if self.seat[r][i] >= 0 and self.seat[r][i] != self.seat[r][j]:
                    self._swap(r, i, j)
            self._count(gain)
            applied += 1
        if self.ranking.improves(best, self.totals()):
            self.restore(best_seats)
        return applied

    def _excess_total(self) -> float:
        """The spread cost of the current plan: deviation beyond 1 (weighted) plus deviation."""
        deviations = list(self._deviations())
        excess = sum(max(0.0, d - 1.0) for d in deviations)
        return SPREAD_WEIGHT * excess + sum(deviations)

    def restore(self, seats: Placement) -> None:
        """Go back to an earlier plan of the same event."""
        self._load(seats)

    def run(
        self,
        moves: int,
        accept: Callable[[Gain], bool] | None = None,
        deadline: float | None = None,
    ) -> int:
        """Try ``moves`` random moves (or until ``deadline``); apply those ``accept`` takes.

        Returns how many were applied.
        """
        accept = accept or self.ranking.better
        rng, phases, applied = self.rng, self.phases, 0
        for move in range(moves):
            # A move costs more with many phases: the deadline is looked at more often.
            if move % LOOK == 0 and (
                self.stop.is_set() or (deadline is not None and time.monotonic() > deadline)
            ):
                break
            i = rng.randrange(self.n)
            if rng.random() < 0.7:
                r = phases[rng.randrange(len(phases))]
                k = self.seat[r][i]
                if not self.movable[r][i]:
                    continue
                pool = self.pools[r][self.theme_of[k]]
                j = pool[rng.randrange(len(pool))]
                if self.seat[r][j] == k:
                    continue
                gain = self._phase_swap_gain(r, i, j)
                if gain is not None and accept(gain):
                    self._swap(r, i, j)
                    self._count(gain)
                    applied += 1
            else:
                # Half the route swaps stay within an organisation: those change nothing
                # but the balance.
                if self.org[i] >= 0 and rng.random() < 0.5:
                    twins = self.colleague_twins.get((self.signature[i], self.org[i]), [])
                else:
                    twins = self.twins.get(self.signature[i], [])
                if len(twins) < 2:
                    continue
                j = twins[rng.randrange(len(twins))]
                if j == i:
                    continue
                gain = self._route_swap_gain(i, j)
                if gain is not None and accept(gain):
                    for r in phases:
                        if self.seat[r][i] >= 0 and self.seat[r][i] != self.seat[r][j]:
                            self._swap(r, i, j)
                    self._count(gain)
                    applied += 1
        return applied

    def seats(self) -> Placement:
        """The current plan as ``{(participant index, phase): table index}``."""
        return {(i, r): k for r in self.phases for i, k in enumerate(self.seat[r]) if k >= 0}


REGROUP_SCAN = 2_000
"""Routes :meth:`LocalSearch.regroup` looks at for one person (the first without a
colleague ends the look)."""

REGROUP_WORK = 5_000_000
"""Most people x routes :meth:`LocalSearch.regroup` looks at (over all its deals)."""

REGROUP_TRIES = 6
"""Deals :meth:`LocalSearch.regroup` tries at most, in different orders of the routes."""

PART_PATIENCE = 10
"""Blocks of moves without one colleague pair less before :meth:`LocalSearch.part` stops."""

PART_HEAT = 0.4
"""Starting temperature at which :meth:`LocalSearch.part` accepts a swap costing one pair."""

SPREAD_HEAT = 0.3
"""Starting temperature of the route-swap annealing for balance."""

SPREAD_WEIGHT = 10.0
"""How much more a deviation beyond 1 of a share weighs than deviation within it."""
