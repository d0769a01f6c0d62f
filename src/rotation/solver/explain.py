"""Why no plan exists, in the organiser's words.

First cheap counting checks (seats per phase and theme, groups larger than tables, people
forced onto a theme by their pins). When none of them finds the cause, every rule instance
gets an assumption literal and CP-SAT returns a set of rules that cannot hold together,
which is then shrunk so that every sentence in it matters.
"""

from __future__ import annotations

import re
import time
from collections import Counter

from ortools.sat.python import cp_model

from rotation.domain import Event, Participant
from rotation.errors import Reason
from rotation.solver.cpsat import new_solver
from rotation.solver.rules import RuleInstance, add_all_rules
from rotation.solver.variables import SeatVariables
from rotation.wording import pluralise

__all__ = ["counting_conflicts", "explain_infeasibility", "rule_conflict", "summarise"]


def _seats(tables: tuple[object, ...], attr: str) -> int:
    return sum(int(getattr(t, attr)) for t in tables)


def counting_conflicts(event: Event) -> list[str]:
    """Conflicts found by counting seats and people, without a solver."""
    reasons: list[str] = []
    for r in event.phase_numbers:
        present = event.present_in(r)
        tables = event.tables_in(r)
        if present and not tables:
            reasons.append(
                Reason(
                    f"Phase {r}: {len(present)} participants attend, but no table runs.",
                    "phase_no_table",
                    phase=r,
                    present=len(present),
                )
            )
            continue
        seats, minimum = _seats(tables, "max_size"), _seats(tables, "min_size")
        if len(present) > seats:
            reasons.append(
                Reason(
                    f"Phase {r}: {len(present)} participants attend, but "
                    f"{pluralise(len(tables), 'table')} {'seats' if len(tables) == 1 else 'seat'} "
                    f"only {seats}; add {pluralise(len(present) - seats, 'seat')} (more or larger "
                    "tables).",
                    "phase_seats",
                    phase=r,
                    present=len(present),
                    tables=len(tables),
                    seats=seats,
                    missing=len(present) - seats,
                )
            )
        if len(present) < minimum:
            reasons.append(
                Reason(
                    f"Phase {r}: the tables need at least {pluralise(minimum, 'person', 'people')} "
                    f"in all, but only {len(present)} attend; lower the minimum table sizes or use "
                    "fewer tables.",
                    "phase_minimum",
                    phase=r,
                    minimum=minimum,
                    present=len(present),
                )
            )
    reasons += _theme_conflicts(event)
    reasons += _group_conflicts(event)
    return reasons


def _forced_themes(event: Event) -> Counter[tuple[int, str]]:
    """How many participants can only sit at one theme in a phase, given pins and hosts."""
    forced: Counter[tuple[int, str]] = Counter()
    for person in event.participants:
        visits = event.theme_visits(person)
        for r in event.phase_numbers:
            if not person.attends(r):
                continue
            fixed = event.fixed_table(person, r)
            if fixed is not None:
                forced[r, event.table(fixed).theme] += 1
                continue
            if visits is None or visits[1] != 1:
                continue
            taken = {event.table(t).theme for ph, t in person.pins.items() if ph != r}
            possible = {t.theme for t in event.tables_in(r)} - taken
            attended = sum(1 for ph in event.phase_numbers if person.attends(ph))
            if visits[0] == 1 and attended == len(event.themes):
                # Every theme exactly once: what the pins leave over must be covered somewhere.
                open_phases = [
                    ph for ph in event.phase_numbers if person.attends(ph) and ph not in person.pins
                ]
                if len(open_phases) == 1 and len(possible) == 1:
                    forced[r, next(iter(possible))] += 1
    return forced


def _theme_conflicts(event: Event) -> list[str]:
    reasons: list[str] = []
    forced = _forced_themes(event)
    for (r, theme), count in sorted(forced.items()):
        seats = _seats(event.tables_in(r, theme), "max_size")
        if count > seats:
            reasons.append(
                Reason(
                    f"Phase {r}: {count} participants still need theme '{theme}' (their pins "
                    f"leave no other choice), but its tables seat {seats}.",
                    "theme_forced",
                    phase=r,
                    count=count,
                    theme=theme,
                    seats=seats,
                )
            )
    for theme in event.theme_names:
        must = sum(v[0] for p in event.participants if (v := event.theme_visits(p)) is not None)
        seats = sum(_seats(event.tables_in(r, theme), "max_size") for r in event.phase_numbers)
        minimum = sum(_seats(event.tables_in(r, theme), "min_size") for r in event.phase_numbers)
        most = sum(_most_visits(event, p, theme) for p in event.participants)
        if minimum > most:
            reasons.append(
                Reason(
                    f"Theme '{theme}': its tables need at least {minimum} visits over all phases "
                    f"(their minimum sizes), but the {len(event.participants)} participants can "
                    f"visit it only {most} times; lower the minimum sizes of its tables.",
                    "theme_minimum",
                    theme=theme,
                    minimum=minimum,
                    people=len(event.participants),
                    most=most,
                )
            )
        if must > seats:
            reasons.append(
                Reason(
                    f"Theme '{theme}': {must} visits are needed (every participant once), but "
                    f"its tables seat {seats} over all phases; add {must - seats} seats at this "
                    "theme.",
                    "theme_seats",
                    theme=theme,
                    must=must,
                    seats=seats,
                    missing=must - seats,
                )
            )
    return reasons


def _most_visits(event: Event, person: Participant, theme: str) -> int:
    """How often a participant can sit at a theme at most."""
    attended = sum(
        1 for r in event.phase_numbers if person.attends(r) and event.tables_in(r, theme)
    )
    visits = event.theme_visits(person)
    return attended if visits is None else min(attended, visits[1])


def _group_conflicts(event: Event) -> list[str]:
    reasons: list[str] = []
    for group in event.keep_apart:
        for r in event.phase_numbers:
            present = [m for m in group.members if event.participant(m).attends(r)]
            tables = len(event.tables_in(r))
            if len(present) > tables:
                reasons.append(
                    Reason(
                        f"Phase {r}: keep-apart group '{group.name}' has {len(present)} members "
                        f"present but only {tables} tables run; each needs a table of their own.",
                        "group_apart",
                        phase=r,
                        group=group.name,
                        present=len(present),
                        tables=tables,
                    )
                )
    for group in event.keep_together:
        for r in event.phase_numbers:
            present = [m for m in group.members if event.participant(m).attends(r)]
            largest = max((t.max_size for t in event.tables_in(r)), default=0)
            if len(present) > largest:
                reasons.append(
                    Reason(
                        f"Phase {r}: keep-together group '{group.name}' has {len(present)} "
                        f"members present, but the largest table seats {largest}.",
                        "group_together_size",
                        phase=r,
                        group=group.name,
                        present=len(present),
                        largest=largest,
                    )
                )
            pinned = {
                event.participant(m).pins[r] for m in present if r in event.participant(m).pins
            }
            if len(pinned) > 1:
                reasons.append(
                    Reason(
                        f"Phase {r}: keep-together group '{group.name}' has members pinned to "
                        f"different tables ({', '.join(sorted(pinned))}).",
                        "group_together_pins",
                        phase=r,
                        group=group.name,
                        tables=", ".join(sorted(pinned)),
                    )
                )
    return reasons


SHRINK_SECONDS, SHRINK_SHARE = 1.0, 0.5
"""Shrinking a conflict takes at least this long, or this many times the first core."""
SMALL_CORE = 8
"""A first core this small goes straight to deletion."""


def rule_conflict(event: Event, time_limit: float = 20.0) -> list[RuleInstance] | None:
    """A small set of rule instances that cannot all hold (None when the rules admit a plan).

    Each rule instance is switched by an assumption literal; CP-SAT reports a sufficient
    set of them, which is then shrunk by dropping one instance at a time. The model is built
    once: each trial only changes which literals are assumed (a literal not assumed is free,
    so its rule may be off). Each instance names its :class:`~rotation.domain.Rule`.
    """
    started = time.monotonic()
    conflict = _ConflictModel(event)
    core = conflict.core(None, time_limit)
    if core is None:
        return None
    if not core:
        return []
    # Shrinking gets a few times what building and the first core took, so that a large
    # event's explanation stays quick; an unfinished shrink still leaves a valid conflict.
    deadline = time.monotonic() + max(SHRINK_SECONDS, SHRINK_SHARE * (time.monotonic() - started))
    needed = core
    if len(core) > SMALL_CORE:
        # With only the core assumed, CP-SAT often finds a smaller one.
        needed = conflict.core(core, time_limit / 4) or core
    # Deletion: keep only instances without which the rest would admit a plan. A trial that
    # stays impossible hands back its own core, which may drop several instances at once.
    for instance in list(needed):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        if instance not in needed:
            continue
        trial = [s for s in needed if s != instance]
        smaller = conflict.core(trial, min(left, time_limit / 4))
        if smaller is not None:
            kept = set(smaller)
            needed = [s for s in needed if s in kept]
    return needed


class _ConflictModel:
    """Every rule of an event, each instance behind its own assumption literal."""

    def __init__(self, event: Event) -> None:
        self.model = cp_model.CpModel()
        variables = SeatVariables.create(self.model, event, apply_pins=False)
        self.literals: dict[RuleInstance, cp_model.IntVar] = {}

        def guard(instance: RuleInstance) -> list[cp_model.IntVar]:
            if instance not in self.literals:
                self.literals[instance] = self.model.new_bool_var(instance.sentence)
            return [self.literals[instance]]

        add_all_rules(event, variables, guard)
        self._by_index = {literal.index: s for s, literal in self.literals.items()}

    def core(
        self, assumed: list[RuleInstance] | None, time_limit: float
    ) -> list[RuleInstance] | None:
        """A set of the ``assumed`` instances (default: all) that cannot all hold; None when
        they can, or when the solver cannot tell within ``time_limit``."""
        chosen = self.literals.values() if assumed is None else [self.literals[s] for s in assumed]
        self.model.clear_assumptions()
        self.model.add_assumptions(list(chosen))
        solver = new_solver(time_limit=time_limit)
        # Presolve, probing and symmetry detection took most of the time on large events
        # (24 s of 27 s for 1,000 people); propagation finds these conflicts without them,
        # and variables no assumed rule touches need no value.
        solver.parameters.cp_model_presolve = False
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
        solver.parameters.instantiate_all_variables = False
        if solver.solve(self.model) != cp_model.INFEASIBLE:
            return None
        found = solver.sufficient_assumptions_for_infeasibility()
        return [self._by_index[i] for i in found if i in self._by_index]


_PERSON = re.compile(r"^participant '([^']*)' ")


def summarise(instances: list[RuleInstance]) -> list[str]:
    """Merge sentences that differ only in the participant: "participants 'a', 'b' must ..."."""
    merged: dict[str, list[str]] = {}
    for instance in instances:
        sentence = instance.sentence
        match = _PERSON.match(sentence)
        key = _PERSON.sub("participant {} ", sentence) if match else sentence
        merged.setdefault(key, []).append(match.group(1) if match else "")
    out = []
    for key, ids in merged.items():
        if len(ids) == 1:
            out.append(key.replace("{}", f"'{ids[0]}'") if ids[0] else key)
            continue
        shown = ", ".join(f"'{i}'" for i in ids[:8]) + (
            f" and {len(ids) - 8} more" if len(ids) > 8 else ""
        )
        out.append(key.replace("participant {} ", f"participants {shown} (each) ", 1))
    return out


def explain_infeasibility(event: Event, time_limit: float = 20.0) -> list[str]:
    """Reasons why no plan exists, most specific first; never empty.

    Counting checks come first; when they find nothing, CP-SAT looks for a small set of
    rules that cannot hold together, within ``time_limit`` seconds.

    >>> from rotation.domain import Participant
    >>> people = [Participant(str(i)) for i in range(30)]
    >>> event = Event.build(people, themes=["Water", "Energy"], tables_per_theme=1, table_size=12)
    >>> print(explain_infeasibility(event)[0])
    Phase 1: 30 participants attend, but 2 tables seat only 24; add 6 seats (more or larger tables).
    """
    reasons = counting_conflicts(event)
    if reasons:
        return reasons
    conflict = rule_conflict(event, time_limit)
    if conflict:
        return [
            "These rules cannot all hold at once: " + "; ".join(summarise(conflict)) + ".",
            Reason("Relax one of them (more seats, fewer pins, smaller groups).", "relax"),
        ]
    if conflict is None:
        return [
            Reason(
                "The solver could not prove within the time limit which rules conflict; "
                "check table capacities, pins and groups, or allow more time.",
                "unproven",
            )
        ]
    return [
        Reason(
            "The rules conflict even before any choice is made (check pins and hosts).",
            "conflict_at_start",
        )
    ]
