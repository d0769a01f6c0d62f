"""The soft goals as CP-SAT objective terms: one function per goal, named as in the checker.

No variable ever stands for a pair of people. Repeat encounters are counted over routes:
for two phases r1 < r2, ``route[i, k1, k2]`` says participant i takes table k1 in r1 and k2
in r2, and the number of people on each route decides the repeat pairs (C(n, 2) of them).
Organisation and attribute goals count people per table. Convex costs C(n, 2) are written
as their tangent lines, which the LP relaxation uses to prove the lower bounds quickly.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from rotation.domain import Event, Goal
from rotation.solver.variables import SeatVariables

__all__ = [
    "Term",
    "attribute_deviation",
    "build_terms",
    "earlier_encounters",
    "moved_seats",
    "pair_cost",
    "repeat_encounters",
    "route_variable_count",
    "same_organisation_pairs",
    "uneven_table_sizes",
    "unmet_preferences",
]


Valuer = Callable[[cp_model.LinearExprT], int]
"""Reads a linear expression's value in a solution (``solver.value``)."""


@dataclass
class Term:
    """One goal's objective term: the metric equals ``solver value / scale``."""

    goal: Goal
    expr: cp_model.LinearExprT
    scale: int = 1
    tiebreak: cp_model.IntVar | None = None
    """A secondary figure minimised within the same goal (the largest balance deviation)."""
    upper: int = 0
    """The largest value ``expr`` can take (to weigh goals that share one stage)."""
    exact: Callable[[Valuer], float] | None = None
    """The metric recomputed from the model's counts in a solution (``expr`` only bounds it
    from above where the goal is not being minimised)."""

    def metric(self, value: Valuer) -> float:
        """The goal's metric in the solution that ``value`` reads."""
        if self.exact is not None:
            return self.exact(value)
        return value(self.expr) / self.scale


def _upper(costs: list[cp_model.IntVar]) -> int:
    return sum(int(list(c.proto.domain)[-1]) for c in costs)


def pair_cost(
    model: cp_model.CpModel, count: cp_model.LinearExprT, most: int, name: str
) -> cp_model.IntVar | None:
    """A variable at least C(count, 2) (equal when minimised), for ``count`` in 0..``most``.

    The convex cost is written as its tangent lines, which the LP relaxation uses to prove
    the counting bounds quickly; an element constraint would be exact but makes presolve
    slow on larger events.
    """
    if most <= 1:
        return None
    cost = model.new_int_var(0, most * (most - 1) // 2, name)
    # Tangent c: C(n, 2) >= c*n - c(c+1)/2, tight at n = c and n = c + 1.
    for c in range(1, most):
        model.add(cost >= c * count - c * (c + 1) // 2)
    return cost


def _pairs_of(counts: list[cp_model.LinearExprT]) -> Callable[[Valuer], float]:
    def exact(value: Valuer) -> float:
        return float(sum(n * (n - 1) // 2 for n in (int(value(c)) for c in counts)))

    return exact


def _phase_pairs(event: Event) -> Iterable[tuple[int, int]]:
    numbers = event.phase_numbers
    return ((a, b) for n, a in enumerate(numbers) for b in numbers[n + 1 :])


def _theme_may_repeat(event: Event, i: int) -> bool:
    """Whether participant i may visit a theme twice (else a route stays within themes once)."""
    visits = event.theme_visits(event.participants[i])
    return visits is None or visits[1] > 1


def route_variable_count(event: Event, options: dict[tuple[int, int], list[int]]) -> int:
    """How many route literals :func:`repeat_encounters` would create (to choose a method)."""
    total = 0
    for r1, r2 in _phase_pairs(event):
        for i in range(len(event.participants)):
            first, second = options.get((i, r1)), options.get((i, r2))
            if first and second:
                total += len(first) * len(second)
    return total


def repeat_encounters(event: Event, v: SeatVariables) -> Term:
    """Soft: sum over pairs of people of C(m, 2), m = phases in which they share a table."""
    model, costs = v.model, []
    counts: list[cp_model.LinearExprT] = []
    theme = [t.theme for t in event.tables]
    repeat_theme = [_theme_may_repeat(event, i) for i in range(len(event.participants))]
    for r1, r2 in _phase_pairs(event):
        route: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        for i in range(len(event.participants)):
            first, second = v.options.get((i, r1)), v.options.get((i, r2))
            if not first or not second:
                continue
            mine = {
                (k1, k2): model.new_bool_var(f"route[p{i},t{k1},t{k2},r{r1}-{r2}]")
                for k1 in first
                for k2 in second
                if repeat_theme[i] or theme[k1] != theme[k2]
            }
            leaving: dict[int, list[cp_model.IntVar]] = {k1: [] for k1 in first}
            arriving: dict[int, list[cp_model.IntVar]] = {k2: [] for k2 in second}
            for (k1, k2), literal in mine.items():
                leaving[k1].append(literal)
                arriving[k2].append(literal)
            # The route literals of one person form a flow between their two seats.
            for k1 in first:
                model.add(sum(leaving[k1]) == v.seat[i, r1, k1])
            for k2 in second:
                model.add(sum(arriving[k2]) == v.seat[i, r2, k2])
            for key, literal in mine.items():
                route.setdefault(key, []).append(literal)
        for (k1, k2), literals in route.items():
            most = min(len(literals), event.tables[k1].max_size, event.tables[k2].max_size)
            count = sum(literals)
            cost = pair_cost(model, count, most, f"repeats[t{k1},t{k2},r{r1}-{r2}]")
            if cost is not None:
                costs.append(cost)
                counts.append(count)
    return Term(Goal.REPEAT_ENCOUNTERS, sum(costs), upper=_upper(costs), exact=_pairs_of(counts))


def same_organisation_pairs(event: Event, v: SeatVariables) -> Term:
    """Soft: pairs of colleagues from one organisation at one table, over phases and tables."""
    members: dict[str, set[int]] = {}
    for i, person in enumerate(event.participants):
        if person.organisation:
            members.setdefault(person.organisation, set()).add(i)
    costs: list[cp_model.IntVar] = []
    counts: list[cp_model.LinearExprT] = []
    for organisation, people in members.items():
        if len(people) < 2:
            continue
        for r in event.phase_numbers:
            for table in event.tables_in(r):
                k = event.table_position(table.id)
                here = [i for i in v.people_at(r, k) if i in people]
                most = min(len(here), table.max_size)
                name = f"org_pairs[{organisation[:20]},t{k},r{r}]"
                count = sum(v.seat[i, r, k] for i in here)
                cost = pair_cost(v.model, count, most, name)
                if cost is not None:
                    costs.append(cost)
                    counts.append(count)
    return Term(
        Goal.SAME_ORGANISATION_PAIRS, sum(costs), upper=_upper(costs), exact=_pairs_of(counts)
    )


def attribute_deviation(event: Event, v: SeatVariables) -> Term:
    """Soft: sum of |count - share x size| over balanced attributes, phases, tables, values.

    The share of a value is its fraction among the people present in a phase. With N present,
    ``N * count - (people with the value) * size`` is an integer, so the term is that sum
    scaled to a common denominator over the phases.
    """
    model = v.model
    present = {
        r: [i for i, p in enumerate(event.participants) if p.attends(r)]
        for r in event.phase_numbers
    }
    denominators = [len(people) for people in present.values() if people]
    scale = math.lcm(*denominators) if denominators else 1
    if scale > 10_000:
        scale = max(denominators)
    deviations: list[cp_model.LinearExprT] = []
    gaps: list[tuple[int, cp_model.LinearExprT]] = []
    upper = 0
    largest = model.new_int_var(
        0, scale * max((t.max_size for t in event.tables), default=0), "largest_deviation"
    )
    for attribute in event.balance:
        value_of = [p.attributes.get(attribute, "") for p in event.participants]
        for r, people in present.items():
            if not people:
                continue
            n = len(people)
            factor = max(1, round(scale / n))
            overall = Counter(value_of[i] for i in people)
            for table in event.tables_in(r):
                k = event.table_position(table.id)
                if not v.people_at(r, k):
                    continue
                size = v.size(r, k)
                for value, count in overall.items():
                    holders = {i for i in people if value_of[i] == value}
                    gap = n * v.count(r, k, holders) - count * size
                    most = n * table.max_size
                    name = f"deviation[{attribute[:12]},t{k},r{r}]"
                    deviation = model.new_int_var(0, most, name)
                    model.add(deviation >= gap)
                    model.add(deviation >= -gap)
                    gaps.append((factor, gap))
                    model.add(largest >= factor * deviation)
                    deviations.append(factor * deviation)
                    upper += factor * most

    def exact(value: Valuer) -> float:
        return sum(f * abs(int(value(g))) for f, g in gaps) / scale

    return Term(
        Goal.ATTRIBUTE_DEVIATION,
        sum(deviations),
        scale=scale,
        tiebreak=largest,
        upper=upper,
        exact=exact,
    )


def uneven_table_sizes(event: Event, v: SeatVariables) -> Term:
    """Soft: sum over phases and themes of the largest minus the smallest table size."""
    model, spreads = v.model, []
    groups: list[list[cp_model.LinearExprT]] = []
    for r in event.phase_numbers:
        for theme in event.theme_names:
            tables = event.tables_in(r, theme)
            if len(tables) < 2:
                continue
            top = max(t.max_size for t in tables)
            biggest = model.new_int_var(0, top, f"biggest[{theme[:12]},r{r}]")
            smallest = model.new_int_var(0, top, f"smallest[{theme[:12]},r{r}]")
            sizes = [v.size(r, event.table_position(t.id)) for t in tables]
            for size in sizes:
                model.add(biggest >= size)
                model.add(smallest <= size)
            groups.append(sizes)
            spread = model.new_int_var(0, top, f"spread[{theme[:12]},r{r}]")
            model.add(spread == biggest - smallest)
            spreads.append(spread)

    def exact(value: Valuer) -> float:
        return float(sum(max(map(value, g)) - min(map(value, g)) for g in groups))

    return Term(Goal.UNEVEN_TABLE_SIZES, sum(spreads), upper=_upper(spreads), exact=exact)


def unmet_preferences(event: Event, v: SeatVariables) -> Term:
    """Soft: participants who do not get their preferred theme in the first phase they attend."""
    unmet: list[cp_model.LinearExprT] = []
    for i, person in enumerate(event.participants):
        if person.preferred_first_theme is None:
            continue
        first = next((r for r in event.phase_numbers if person.attends(r)), None)
        if first is None:
            continue
        wanted = [
            v.seat[i, first, k]
            for k in v.options[i, first]
            if event.tables[k].theme == person.preferred_first_theme
        ]
        unmet.append(1 - sum(wanted))
    return Term(Goal.UNMET_PREFERENCES, sum(unmet), upper=len(unmet))


def moved_seats(event: Event, v: SeatVariables) -> Term:
    """Soft: seats of the plan being changed that the re-plan gives to another table."""
    kept: list[cp_model.LinearExprT] = []
    for (participant, r), table in event.previous_seats.items():
        if not event.has_participant(participant):
            continue
        i = event.participant_position(participant)
        if (i, r) not in v.options:
            continue  # absent now: no seat to keep or move
        k = event.table_position(table) if event.has_table(table) else None
        kept.append(1 - v.seat[i, r, k] if k in v.options[i, r] else 1)
    return Term(Goal.MOVED_SEATS, sum(kept), upper=len(kept))


def earlier_encounters(event: Event, v: SeatVariables) -> Term:
    """Soft: pairs of one earlier table who share a table now, over earlier tables and phases.

    Each earlier table is a group counted like an organisation: C(n, 2) for its n members at
    one table now, so no variable stands for a pair.
    """
    groups = [g for earlier in event.history for g in earlier.groups]
    costs: list[cp_model.IntVar] = []
    counts: list[cp_model.LinearExprT] = []
    for n, group in enumerate(groups):
        people = {event.participant_position(p) for p in group}
        for r in event.phase_numbers:
            for table in event.tables_in(r):
                k = event.table_position(table.id)
                here = [i for i in v.people_at(r, k) if i in people]
                count = sum(v.seat[i, r, k] for i in here)
                cost = pair_cost(
                    v.model, count, min(len(here), table.max_size), f"earlier[g{n},t{k},r{r}]"
                )
                if cost is not None:
                    costs.append(cost)
                    counts.append(count)
    return Term(Goal.EARLIER_ENCOUNTERS, sum(costs), upper=_upper(costs), exact=_pairs_of(counts))


BUILDERS = {
    Goal.MOVED_SEATS: moved_seats,
    Goal.REPEAT_ENCOUNTERS: repeat_encounters,
    Goal.EARLIER_ENCOUNTERS: earlier_encounters,
    Goal.SAME_ORGANISATION_PAIRS: same_organisation_pairs,
    Goal.ATTRIBUTE_DEVIATION: attribute_deviation,
    Goal.UNEVEN_TABLE_SIZES: uneven_table_sizes,
    Goal.UNMET_PREFERENCES: unmet_preferences,
}


def build_terms(event: Event, v: SeatVariables, goals: Iterable[Goal]) -> dict[Goal, Term]:
    """The objective terms of the goals that apply to this event."""
    terms = {}
    for goal in goals:
        if goal is Goal.ATTRIBUTE_DEVIATION and not event.balance:
            continue
        if goal is Goal.MOVED_SEATS and not event.previous_seats:
            continue
        if goal is Goal.EARLIER_ENCOUNTERS and not any(e.groups for e in event.history):
            continue
        if goal is Goal.UNMET_PREFERENCES and not any(
            p.preferred_first_theme for p in event.participants
        ):
            continue
        terms[goal] = BUILDERS[goal](event, v)
    return terms
