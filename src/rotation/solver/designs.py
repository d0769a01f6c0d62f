"""Starting plans for free mixing from combinatorial designs (the social golfer problem).

When everybody may sit at any table in every phase (one theme, no pins, hosts or groups) and
all tables are equally large, the best known plans come from designs, not from search:
people are cells ``(i, j)`` of an ``s x g`` grid (s seats per table, g tables), and

* round "columns" seats cell (i, j) at table j;
* round w of a field of g elements (g a prime power, s <= g) seats it at table j + w * i;
* round "rows" (only when s == g) seats it at table i;
* for g = 10, whose field does not exist, a pair of orthogonal Latin squares L, M seats it
  at table L[i][j] or M[i][j].

Any two cells share a table in at most one of these rounds (they are the parallel classes
of an affine plane, or of a net from orthogonal Latin squares), so the first rounds of the
plan have no repeat encounter at all. When the design has more rounds than the event has
phases, a spare round keeps colleagues apart: the cells at one of its tables never share a
table in the rounds used, so organisations are packed onto its tables. Phases beyond the
design are filled greedily (each person at the table of the fewest earlier tablemates, then
of the least deviation from the attribute mix) and left to the tabu search. With fewer
people than seats, the empty seats are cells of the last grid row: they fall on different
tables in every round, so table sizes differ by at most one.

References: Dotú and Van Hentenryck, "Scheduling social golfers locally" (2005) start their
search from such rounds; Colbourn and Dinitz, *Handbook of Combinatorial Designs*, part III
(mutually orthogonal Latin squares, nets and affine planes).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

from rotation.domain import Event, ThemeCoverage
from rotation.solver.variables import Placement, seat_options

__all__ = ["design_rounds", "design_start", "field_tables"]

IRREDUCIBLE: dict[int, tuple[int, tuple[int, ...]]] = {
    4: (2, (1, 1, 1)),
    8: (2, (1, 1, 0, 1)),
    16: (2, (1, 1, 0, 0, 1)),
    32: (2, (1, 0, 1, 0, 0, 1)),
    64: (2, (1, 1, 0, 0, 0, 0, 1)),
    9: (3, (1, 0, 1)),
    27: (3, (1, 2, 0, 1)),
    81: (3, (2, 0, 0, 1, 1)),
    25: (5, (2, 0, 1)),
    49: (7, (1, 0, 1)),
}
"""Prime powers q = p^k (k > 1) with a monic irreducible polynomial of degree k over GF(p),
coefficients from the constant term up: the field GF(q) is GF(p)[x] modulo it."""

MOLS_10 = (
    (
        (5, 8, 4, 1, 2, 0, 3, 9, 6, 7),
        (2, 3, 1, 6, 8, 5, 7, 4, 9, 0),
        (3, 4, 0, 9, 5, 1, 2, 7, 8, 6),
        (9, 0, 8, 5, 4, 2, 6, 1, 7, 3),
        (6, 2, 7, 4, 1, 3, 8, 5, 0, 9),
        (1, 9, 6, 2, 3, 7, 4, 0, 5, 8),
        (8, 1, 2, 7, 9, 4, 0, 6, 3, 5),
        (0, 6, 9, 3, 7, 8, 5, 2, 4, 1),
        (4, 7, 5, 8, 0, 6, 9, 3, 1, 2),
        (7, 5, 3, 0, 6, 9, 1, 8, 2, 4),
    ),
    (
        (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
        (6, 2, 9, 5, 7, 4, 8, 0, 3, 1),
        (3, 5, 8, 4, 2, 7, 0, 1, 9, 6),
        (2, 7, 6, 8, 9, 3, 1, 4, 5, 0),
        (4, 8, 3, 7, 1, 9, 2, 6, 0, 5),
        (8, 6, 7, 9, 5, 0, 3, 2, 1, 4),
        (5, 0, 1, 2, 8, 6, 4, 9, 7, 3),
        (9, 3, 0, 1, 6, 8, 7, 5, 4, 2),
        (1, 4, 5, 0, 3, 2, 9, 8, 6, 7),
        (7, 9, 4, 6, 0, 1, 5, 3, 2, 8),
    ),
)
"""Two orthogonal Latin squares of order 10 (found by an exact cover of one square's
transversals; ``tests/solver/test_designs.py`` checks both properties)."""

MIN_ROUNDS = 3
"""Fewer rounds without repeats the construction finds as well (and it minds the balance)."""

GREEDY_WORK = 5_000_000
"""Most person x person steps the greedy filling of the rounds beyond the design may take."""


def _is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, int(n**0.5) + 1))


def field_tables(q: int) -> tuple[list[list[int]], list[list[int]]] | None:
    """Addition and multiplication tables of the field with q elements, if we know it."""
    if _is_prime(q):
        add = [[(a + b) % q for b in range(q)] for a in range(q)]
        return add, [[(a * b) % q for b in range(q)] for a in range(q)]
    if q not in IRREDUCIBLE:
        return None
    p, modulus = IRREDUCIBLE[q]
    k = len(modulus) - 1

    def digits(a: int) -> list[int]:
        return [(a // p**e) % p for e in range(k)]

    def number(ds: Sequence[int]) -> int:
        return sum(d * p**e for e, d in enumerate(ds))

    def times(a: int, b: int) -> int:
        product = [0] * (2 * k - 1)
        for e, x in enumerate(digits(a)):
            for f, y in enumerate(digits(b)):
                product[e + f] = (product[e + f] + x * y) % p
        for top in range(2 * k - 2, k - 1, -1):
            lead = product[top]
            if lead:
                for e, c in enumerate(modulus):
                    product[top - k + e] = (product[top - k + e] - lead * c) % p
        return number(product[:k])

    add = [
        [number([(x + y) % p for x, y in zip(digits(a), digits(b))]) for b in range(q)]
        for a in range(q)
    ]
    return add, [[times(a, b) for b in range(q)] for a in range(q)]


def design_rounds(groups: int, size: int) -> list[list[int]]:
    """Rounds in which no two cells meet twice; ``round[cell]`` is a table, cell = i*g + j.

    Cell (i, j) has row i < ``size`` and column j < ``groups``. Empty when tables are
    larger than their number (no such grid); otherwise at least "columns" and one Latin
    square (see the module text for which).
    """
    g, s = groups, size
    if s > g or g < 2:
        return []
    cells = [(i, j) for i in range(s) for j in range(g)]
    rounds = [[j for _, j in cells]]
    tables = field_tables(g)
    if tables is not None:
        add, mul = tables
        rounds += [[add[j][mul[w][i]] for i, j in cells] for w in range(1, g)]
    elif g == 10:
        rounds += [[square[i][j] for i, j in cells] for square in MOLS_10]
    else:
        # Any order: the cyclic Latin square is orthogonal to the columns.
        rounds.append([(i + j) % g for i, j in cells])
    if s == g:
        rounds.append([i for i, _ in cells])
    return rounds


def _free_mixing_shape(event: Event) -> tuple[int, int] | None:
    """(tables, seats per table) when anybody may sit anywhere in every phase (no theme
    rule, no pins, hosts, groups or preferences, everybody present), else None."""
    if event.keep_apart or event.keep_together or event.previous_seats:
        return None
    if event.resolved_coverage() is not ThemeCoverage.NONE:
        return None  # a theme rule decides which tables a person may take
    if any(p.preferred_first_theme for p in event.participants):
        return None
    tables, n = event.tables, len(event.participants)
    if len({t.max_size for t in tables}) != 1 or len(tables) < 2:
        return None
    options = seat_options(event)
    everywhere = len(tables)
    for r in event.phase_numbers:
        for i in range(n):
            if len(options.get((i, r), ())) != everywhere:
                return None
    g, s = len(tables), tables[0].max_size
    if not g * (s - 1) < n <= g * s:
        return None
    if n < g * s and any(t.min_size > s - 1 for t in tables):
        return None  # a table one short would be below its minimum
    return g, s


def design_start(event: Event, seed: int = 0) -> Placement | None:
    """A plan whose first phases come from a design (see the module text), or None.

    None when the event is not free mixing of equal tables, no design gives at least
    :data:`MIN_ROUNDS` rounds without repeats, or the greedy rounds would take too long.
    """
    shape = _free_mixing_shape(event)
    if shape is None:
        return None
    g, s = shape
    n, phases = len(event.participants), event.phase_numbers
    rounds = design_rounds(g, s)
    empty = g * s - n
    if empty and s == g:
        rounds = rounds[:-1]  # empty cells all sit in the last row: "rows" would be uneven
    extra = max(0, len(phases) - len(rounds))
    if len(rounds) < MIN_ROUNDS or extra * n * n > GREEDY_WORK:
        return None
    # Cells in row order leave the last row's first cells empty.
    cells = list(range(n))
    people = list(range(n))
    rng = random.Random(seed)
    rng.shuffle(people)
    if len(rounds) > len(phases):
        cells = _colleague_safe_cells(event, people, rounds[len(phases)], rng)
    seats: Placement = {}
    for r, design in zip(phases, rounds):
        for person, cell in zip(people, cells):
            seats[person, r] = design[cell]
    _fill_greedily(event, seats, g, phases[len(rounds) :], random.Random(seed + 1))
    return seats


def _colleague_safe_cells(
    event: Event, people: list[int], spare: Sequence[int], rng: random.Random
) -> list[int]:
    """Cells for ``people`` (in their order) that keep colleagues apart in every phase.

    Two cells at one table of a spare design round (one the phases do not use) never share
    a table in the rounds used, so an organisation whose members fill such a table never
    meets itself. Organisations are packed onto the spare round's tables, largest first,
    each into the table with the most room (the largest in pieces of a table); people
    without one fill the rest.
    """
    n = len(people)
    tables: dict[int, list[int]] = {}
    for cell in range(n):
        tables.setdefault(spare[cell], []).append(cell)
    room = list(tables.values())
    rng.shuffle(room)
    by_org: dict[str, list[int]] = {}
    alone = []
    for person in people:
        organisation = event.participants[person].organisation
        if organisation:
            by_org.setdefault(organisation, []).append(person)
        else:
            alone.append(person)
    placed: dict[int, int] = {}
    for members in sorted(by_org.values(), key=len, reverse=True):
        while members:
            free = max(room, key=len)
            piece, members = members[: len(free)], members[len(free) :]
            for person in piece:
                placed[person] = free.pop()
    rest = [cell for free in room for cell in free]
    placed.update(zip(alone, rest))
    return [placed[person] for person in people]


def _fill_greedily(
    event: Event, seats: Placement, g: int, phases: Sequence[int], rng: random.Random
) -> None:
    """Seat everybody in ``phases``: each at the table of the fewest earlier tablemates, then
    of the least deviation beyond 1 from the attribute mix, then the emptiest."""
    n = len(event.participants)
    values = [tuple(p.attributes.get(a, "") for a in event.balance) for p in event.participants]
    met = [[0] * n for _ in range(n)]
    tables: dict[tuple[int, int], list[int]] = {}
    for (person, r), k in seats.items():
        tables.setdefault((r, k), []).append(person)
    for seated in tables.values():
        for a in seated:
            for b in seated:
                met[a][b] += a != b
    base, bigger = divmod(n, g)
    for r in phases:
        mix = _Mix(values, [base + (k < bigger) for k in range(g)])
        members: list[list[int]] = [[] for _ in range(g)]
        order = list(range(n))
        rng.shuffle(order)
        for person in order:
            row = met[person]
            k = min(
                (k for k in range(g) if len(members[k]) < mix.room[k]),
                key=lambda k: (sum(row[x] for x in members[k]), mix.excess(k, person), k),
            )
            for x in members[k]:
                met[person][x] += 1
                met[x][person] += 1
            members[k].append(person)
            mix.add(k, person)
            seats[person, r] = k


class _Mix:
    """Attribute counts per table of one phase, against the shares of a full table."""

    def __init__(self, values: Sequence[tuple[str, ...]], room: list[int]) -> None:
        self.values, self.room, n = values, room, len(values)
        attributes = range(len(values[0]) if values else 0)
        totals = [Counter(v[a] for v in values) for a in attributes]
        self.targets = [[{v: c * size / n for v, c in t.items()} for t in totals] for size in room]
        self.counts = [[Counter[str]() for _ in attributes] for _ in room]

    def excess(self, k: int, person: int) -> float:
        """How far beyond 1 the person's values would be from their targets at table k."""
        return sum(
            max(0.0, self.counts[k][a][value] + 1 - self.targets[k][a][value] - 1)
            for a, value in enumerate(self.values[person])
        )

    def add(self, k: int, person: int) -> None:
        for a, value in enumerate(self.values[person]):
            self.counts[k][a][value] += 1
