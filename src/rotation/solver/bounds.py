"""Lower bounds that no plan can beat, from counting alone (DESIGN section 5).

Repeat encounters depend only on how many people take each pair of tables in two phases.
For phases r1 < r2, a table of s people in r1 whose members may continue to k tables in r2
causes at least the pairs of an even split of s into k parts; the sizes s are free within
the capacities, so the cheapest sizes are found greedily (the cost is convex in s). The
same argument runs from r2 back to r1, and the larger of the two bounds holds.

Same-organisation pairs: an organisation's n members present in a phase with T running
tables cause at least the pairs of an even split of n into T parts; the same holds for the
people of one earlier table (earlier encounters).

Moved seats (in a re-plan): a seat at a table that no longer runs, or that a pin or host
rule now forbids, moves for certain. Beyond those, a table whose remaining people fall
short of its minimum needs newcomers, and a table holding more than it seats must send
people away; newcomers who are not moved themselves can only be people without a previous
seat in that phase (walk-ins) or those forced to move anyway.

Attribute balance and even table sizes: see :mod:`rotation.solver.balance_bound`.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from rotation.domain import Event, Goal, Metrics
from rotation.solver.balance_bound import attribute_deviation_bound, uneven_sizes_bound

__all__ = [
    "earlier_bound",
    "even_split_pairs",
    "lower_bounds",
    "meets_bounds",
    "moved_seats_bound",
    "organisation_bound",
    "repeat_bound",
]


def even_split_pairs(n: int, parts: int) -> int:
    """Pairs among n people split as evenly as possible into ``parts`` groups."""
    if parts <= 0:
        return 0 if n == 0 else n * (n - 1) // 2
    q, extra = divmod(n, parts)
    return extra * (q + 1) * q // 2 + (parts - extra) * q * (q - 1) // 2


def _cheapest_fill(people: int, tables: Sequence[tuple[int, int]]) -> int | None:
    """Least total even-split cost of seating ``people`` at tables of (capacity, fan-out).

    None when the tables cannot seat everybody (no plan; the explanation reports it).
    """
    if people == 0:
        return 0
    heap: list[tuple[int, int, int]] = []
    sizes = [0] * len(tables)
    for j, (capacity, fan_out) in enumerate(tables):
        if capacity > 0:
            heapq.heappush(heap, (even_split_pairs(1, fan_out), j, capacity))
    total = 0
    for _ in range(people):
        if not heap:
            return None
        marginal, j, capacity = heapq.heappop(heap)
        total += marginal
        sizes[j] += 1
        if sizes[j] < capacity:
            fan_out = tables[j][1]
            step = even_split_pairs(sizes[j] + 1, fan_out) - even_split_pairs(sizes[j], fan_out)
            heapq.heappush(heap, (step, j, capacity))
    return total


def _needs_new_theme(event: Event) -> bool:
    # Under "each once" or "at most once" every ruled participant changes theme between any
    # two phases; hosts and people without a rule stay out of this bound (see repeat_bound).
    return all(
        (v := event.theme_visits(p)) is not None and v[1] <= 1
        for p in event.participants
        if event.hosted_table(p.id) is None
    )


def repeat_bound(event: Event) -> int:
    """No plan has fewer repeat encounters than this."""
    change_theme = _needs_new_theme(event)
    hosts = Counter(event.hosted_table(p.id) for p in event.participants)
    total = 0
    numbers = event.phase_numbers
    # Many phases repeat the same tables: each distinct fill is computed once.
    fills: dict[tuple[int, tuple[tuple[int, int], ...]], int | None] = {}
    for n, r1 in enumerate(numbers):
        for r2 in numbers[n + 1 :]:
            both = [
                p
                for p in event.participants
                if p.attends(r1) and p.attends(r2) and event.hosted_table(p.id) is None
            ]
            best = 0
            for here, there in ((r1, r2), (r2, r1)):
                tables = []
                for table in event.tables_in(here):
                    targets = [
                        t
                        for t in event.tables_in(there)
                        if not (change_theme and t.theme == table.theme)
                    ]
                    capacity = table.max_size - hosts.get(table.id, 0)
                    tables.append((capacity, len(targets)))
                key = (len(both), tuple(tables))
                if key not in fills:
                    fills[key] = _cheapest_fill(*key)
                cost = fills[key]
                best = max(best, cost or 0)
            total += best
    return total


def organisation_bound(event: Event) -> int:
    """No plan has fewer same-organisation pairs than this."""
    total = 0
    for r in event.phase_numbers:
        running = len(event.tables_in(r))
        counts = Counter(
            p.organisation for p in event.participants if p.attends(r) and p.organisation
        )
        total += sum(even_split_pairs(n, running) for n in counts.values())
    return total


def earlier_bound(event: Event) -> int:
    """No plan has fewer earlier encounters than this."""
    total = 0
    for earlier in event.history:
        for group in earlier.groups:
            people = [event.participant(p) for p in group]
            for r in event.phase_numbers:
                present = sum(1 for p in people if p.attends(r))
                total += even_split_pairs(present, len(event.tables_in(r)))
    return total


def moved_seats_bound(event: Event) -> int:
    """No re-plan moves fewer seats than this (0 when nothing forces a move)."""
    total = 0
    for r in event.phase_numbers:
        staying: Counter[str] = Counter()
        forced = 0
        for (participant, phase), table in event.previous_seats.items():
            person = event.participant(participant)
            if phase != r or not person.attends(r):
                continue
            fixed = event.fixed_table(person, r)
            runs = event.has_table(table) and event.table(table).runs_in(r)
            if not runs or (fixed is not None and fixed != table):
                forced += 1
            else:
                staying[table] += 1
        seated = {p for (p, phase) in event.previous_seats if phase == r}
        free = sum(1 for p in event.present_in(r) if p.id not in seated)
        over = sum(max(0, staying[t.id] - t.max_size) for t in event.tables_in(r))
        short = sum(max(0, t.min_size - staying[t.id]) for t in event.tables_in(r))
        total += forced + max(over, short - free - forced, 0)
    return total


def lower_bounds(event: Event) -> dict[Goal, float]:
    """The counting bounds of every goal (0 where nothing better is known).

    Twelve people at two tables per theme in two phases: each table of three sends its
    people to two tables of the other theme, so a pair meets again at every table.

    >>> from rotation.domain import Participant
    >>> people = [Participant(str(i), organisation=f"O{i % 3}") for i in range(12)]
    >>> event = Event.build(people, themes=["Water", "Energy"], tables_per_theme=2)
    >>> bounds = lower_bounds(event)
    >>> bounds[Goal.REPEAT_ENCOUNTERS], bounds[Goal.SAME_ORGANISATION_PAIRS]
    (4.0, 0.0)
    """
    bounds = {
        Goal.REPEAT_ENCOUNTERS: float(repeat_bound(event)),
        Goal.SAME_ORGANISATION_PAIRS: float(organisation_bound(event)),
        Goal.ATTRIBUTE_DEVIATION: attribute_deviation_bound(event),
        Goal.UNEVEN_TABLE_SIZES: float(uneven_sizes_bound(event)),
        Goal.UNMET_PREFERENCES: 0.0,
    }
    if event.previous_seats:
        bounds[Goal.MOVED_SEATS] = float(moved_seats_bound(event))
    if event.history:
        bounds[Goal.EARLIER_ENCOUNTERS] = float(earlier_bound(event))
    return bounds


def meets_bounds(metrics: Metrics, bounds: Mapping[Goal, float], goals: Iterable[Goal]) -> bool:
    """True when every goal sits at its lower bound: no plan can be better in any of them."""
    return all(metrics.goal_value(goal) <= bounds.get(goal, 0.0) + 1e-9 for goal in goals)
