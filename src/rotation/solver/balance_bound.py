"""Lower bounds for attribute balance and even table sizes, from counting alone.

Balance. In a phase with N people present, a table of size s should hold ``n_v * s / N``
people with value v, but counts are whole numbers. The cheapest whole counts that add up
to s round the shares down and then up where the fractions are largest, and leave a
deviation ``g(s)`` that depends only on s. Sizes are free within the capacities as long as
they seat everybody present, so the bound of a phase is the least ``sum g(s_t)`` over such
sizes (a small knapsack; for very many tables its convex relaxation). The counts must
also add up to each value's total over the tables: for given sizes the exact least
deviation is a min-cost flow of people from values to tables. So when the capacities leave
few ways to size the tables (at most ``SIZE_CHOICES``, counted up to the order of tables
of the same size range; one when every seat is taken), the bound of a phase is the least
over those sizings of the flows' costs, every attribute on the same sizes.

Even sizes. The people of a phase split among the themes; each theme's tables then differ
by at least the least spread their capacities allow for that many people. The bound of a
phase is the cheapest split, found over sets of reachable totals.

Every figure is exact (integers scaled by N), so a plan never beats its bound by rounding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from ortools.graph.python import min_cost_flow

from rotation.domain import Event, Table

__all__ = ["attribute_deviation_bound", "share_rounding_cost", "uneven_sizes_bound"]

EXACT_WORK = 40_000
"""Above this many knapsack steps, the sizes are chosen by the convex relaxation."""
SIZE_CHOICES = 400
"""Up to this many ways to size a phase's tables, the bound tries each with exact counts."""
SPREAD_LEVELS_PER_THEME = 2
"""Spreads searched per theme; a phase that needs more gets the (still valid) cap + 1."""


def share_rounding_cost(counts: Sequence[int], present: int, size: int) -> int:
    """N x the least deviation of a table of ``size`` from the shares ``counts / present``.

    >>> share_rounding_cost([25, 25], 50, 9)  # 4.5 and 4.5: one of them rounds up
    50
    """
    scaled = [n * size for n in counts]
    remainders = sorted((x % present for x in scaled), reverse=True)
    up = size - sum(x // present for x in scaled)
    return sum(present - f for f in remainders[:up]) + sum(remainders[up:])


def _range(table: Table, present: int) -> range:
    return range(table.min_size, min(table.max_size, present) + 1)


def _least_total(costs: Sequence[dict[int, int]], total: int) -> int | None:
    """Least sum of ``cost[s_t]`` over sizes s_t (one per table) that add up to ``total``.

    Exact by dynamic programming while small; otherwise the convex relaxation (each table's
    cost replaced by its lower convex hull, sizes fractional), which is never higher.
    """
    if not costs or not all(costs):
        return None
    width = sum(max(c) - min(c) for c in costs)
    if len(costs) * width * max(len(c) for c in costs) <= EXACT_WORK:
        return _knapsack(costs, total)
    return _convex_relaxation(costs, total)


def _knapsack(costs: Sequence[dict[int, int]], total: int) -> int | None:
    best: dict[int, int] = {0: 0}
    for cost in costs:
        step: dict[int, int] = {}
        for reached, value in best.items():
            for size, extra in cost.items():
                key = reached + size
                if key <= total and (key not in step or value + extra < step[key]):
                    step[key] = value + extra
        best = step
    return best.get(total)


def _hull(cost: dict[int, int]) -> list[tuple[int, int]]:
    """The lower convex hull of the points (size, cost), by size."""
    hull: list[tuple[int, int]] = []
    for point in sorted(cost.items()):
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            if (y2 - y1) * (point[0] - x1) >= (point[1] - y1) * (x2 - x1):
                hull.pop()
            else:
                break
        hull.append(point)
    return hull


def _convex_relaxation(costs: Sequence[dict[int, int]], total: int) -> int | None:
    """Fill every table at its hull's least size, then add people at the cheapest slopes."""
    kinds = Counter(id(c) for c in costs)
    hulls = {id(c): _hull(c) for c in costs}
    base = sum(hulls[k][0][0] * m for k, m in kinds.items())
    if base > total or sum(hulls[k][-1][0] * m for k, m in kinds.items()) < total:
        return None
    value = Fraction(sum(hulls[k][0][1] * m for k, m in kinds.items()))
    segments = sorted(
        (Fraction(y2 - y1, x2 - x1), (x2 - x1) * m)
        for k, m in kinds.items()
        for (x1, y1), (x2, y2) in zip(hulls[k], hulls[k][1:])
    )
    left = total - base
    for slope, length in segments:
        if left <= 0:
            break
        take = min(left, length)
        value += slope * take
        left -= take
    # Rounded down: the relaxation may be fractional; the true figure is a whole number.
    return int(value)


def _transport(counts: Sequence[int], present: int, sizes: Sequence[int]) -> int:
    """N x the least deviation when the table sizes are fixed: a min-cost flow.

    Deviation is twice the excess over the shares (the shortfalls add up to the same), and
    the excess of one value at one table costs nothing up to the share's floor, the
    fraction's complement for the next person, and N for each further one.
    """
    flow = min_cost_flow.SimpleMinCostFlow()
    values, tables = len(counts), len(sizes)
    sink = values + tables
    for v, n in enumerate(counts):
        flow.set_node_supply(v, n)
        for t, size in enumerate(sizes):
            whole, fraction = divmod(n * size, present)
            node = values + t
            if whole:
                flow.add_arc_with_capacity_and_unit_cost(v, node, whole, 0)
            if fraction:
                flow.add_arc_with_capacity_and_unit_cost(v, node, 1, present - fraction)
            rest = size - whole - (1 if fraction else 0)
            if rest > 0:
                flow.add_arc_with_capacity_and_unit_cost(v, node, rest, present)
    for t, size in enumerate(sizes):
        flow.add_arc_with_capacity_and_unit_cost(values + t, sink, size, 0)
    flow.set_node_supply(sink, -sum(counts))
    if flow.solve() != flow.OPTIMAL:
        return 0
    return 2 * int(flow.optimal_cost())


def _forced_sizes(tables: Sequence[Table], present: int) -> list[int] | None:
    """The table sizes when the capacities allow only one way to seat everybody."""
    if sum(min(t.max_size, present) for t in tables) == present:
        return [min(t.max_size, present) for t in tables]
    if sum(t.min_size for t in tables) == present:
        return [t.min_size for t in tables]
    return None


def _size_choices(tables: Sequence[Table], present: int) -> list[list[int]] | None:
    """Every way to size the tables for ``present`` people, up to order among tables of the
    same size range; None when there are more than :data:`SIZE_CHOICES`."""
    kinds = sorted(Counter(_range(t, present) for t in tables).items(), key=lambda k: k[0].start)
    found: list[list[int]] = []

    def deal(kind: int, left: int, chosen: list[int]) -> bool:
        """Add every completion; False once there are too many."""
        if kind == len(kinds):
            if left == 0:
                found.append(chosen)
            return len(found) <= SIZE_CHOICES
        sizes, count = kinds[kind]
        rest = kinds[kind + 1 :]
        least = sum(r.start * m for r, m in rest)
        most = sum((r.stop - 1) * m for r, m in rest)
        for group in _non_increasing(sizes, count, left - most, left - least):
            if not deal(kind + 1, left - sum(group), chosen + group):
                return False
        return True

    if not deal(0, present, []):
        return None
    return found


def _non_increasing(sizes: range, count: int, least: int, most: int) -> list[list[int]]:
    """Non-increasing lists of ``count`` sizes from ``sizes`` whose sum is in [least, most]."""
    if count == 0:
        return [[]] if least <= 0 <= most else []
    out = []
    for first in sizes:
        # The rest are at most ``first``: their sum lies in [start*(count-1), first*(count-1)].
        low, high = sizes.start * (count - 1), first * (count - 1)
        if first + high < least or first + low > most:
            continue
        below = range(sizes.start, first + 1)
        tails = _non_increasing(below, count - 1, least - first, most - first)
        out += [[first, *rest] for rest in tails]
        if len(out) > SIZE_CHOICES:
            break
    return out


def attribute_deviation_bound(event: Event) -> float:
    """No plan has a smaller total attribute deviation than this."""
    total = Fraction(0)
    for r in event.phase_numbers:
        people = event.present_in(r)
        tables = event.tables_in(r)
        present = len(people)
        if not present or not tables:
            continue
        every = [
            list(Counter(p.attributes.get(attribute, "") for p in people).values())
            for attribute in event.balance
        ]
        forced = _forced_sizes(tables, present)
        choices = [forced] if forced is not None else _size_choices(tables, present)
        if choices is not None:
            # Few ways to size the tables: the least over them of the exact deviations.
            scaled = min(
                (sum(_transport(counts, present, sizes) for counts in every) for sizes in choices),
                default=0,
            )
            total += Fraction(scaled, present)
            continue
        for counts in every:
            by_range = {
                sizes: {s: share_rounding_cost(counts, present, s) for s in sizes}
                for sizes in {_range(t, present) for t in tables}
            }
            costs = [by_range[_range(t, present)] for t in tables]
            total += Fraction(_least_total(costs, present) or 0, present)
    return float(total)


def _spread_reach(tables: Sequence[Table], most: int, levels: int) -> list[list[tuple[int, int]]]:
    """For each spread d up to ``levels``: the intervals of head counts the tables can seat
    with sizes differing by at most d."""
    kinds = Counter((t.min_size, t.max_size) for t in tables)
    top = max(t.max_size for t in tables)
    result = []
    for d in range(min(top, levels) + 1):
        intervals = []
        for low in range(top + 1):
            lo = hi = 0
            for (least, largest), m in kinds.items():
                a, b = max(least, low), min(largest, low + d)
                if a > b:
                    break
                lo, hi = lo + a * m, hi + b * m
            else:
                if lo <= min(most, hi):
                    intervals.append((lo, min(most, hi)))
        result.append(intervals)
    return result


def _shifted_union(reach: int, intervals: Sequence[tuple[int, int]], mask: int) -> int:
    """Every sum of a reachable total and a head count from one of ``intervals``."""
    out = 0
    for lo, hi in intervals:
        spread, covered, width = reach, 1, hi - lo + 1
        while covered < width:
            step = min(covered, width - covered)
            spread |= spread << step
            covered += step
        out |= (spread << lo) & mask
    return out


def _phase_spread(groups: Sequence[Sequence[Table]], present: int) -> int:
    """Least total spread over the themes of one phase, for ``present`` people."""
    mask = (1 << (present + 1)) - 1
    levels = SPREAD_LEVELS_PER_THEME * len(groups)
    options = [_spread_reach(tables, present, levels) for tables in groups]
    worst = min(sum(len(o) - 1 for o in options), levels)
    # reach[c]: the head counts the themes so far can seat with a total spread of at most c.
    reach = [1] * (worst + 1)
    for spreads in options:
        step = [0] * (worst + 1)
        for c in range(worst + 1):
            for d, intervals in enumerate(spreads[: c + 1]):
                step[c] |= _shifted_union(reach[c - d], intervals, mask)
        reach = step
    return next((c for c, r in enumerate(reach) if r >> present & 1), worst + 1)


def uneven_sizes_bound(event: Event) -> int:
    """No plan has a smaller total spread of table sizes (largest minus smallest) than this."""
    total = 0
    for r in event.phase_numbers:
        groups = [event.tables_in(r, theme) for theme in event.theme_names]
        groups = [g for g in groups if g]
        present = len(event.present_in(r))
        if groups and any(len(g) > 1 for g in groups):
            total += _phase_spread(groups, present)
    return total
