"""The hard rules, checked on finished seats: one function per :class:`~rotation.domain.Rule`.

Each function carries its rule's name in lower case, exactly as its twin among the
solver's constraints does, and :data:`RULES` labels them by rule. Each yields a
:class:`Violation` per broken instance, naming the rule, the participant (by id), the phase
and the table in plain words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from rotation.domain import Event, Rule, Seats

__all__ = [
    "RULES",
    "Violation",
    "find_violations",
    "keep_apart",
    "keep_together",
    "one_table_per_phase",
    "pins_and_hosts",
    "table_capacity",
    "tables_only_in_their_phases",
    "theme_coverage",
]


@dataclass(frozen=True)
class Violation:
    """One broken rule: which rule, who, when and where, said in plain words."""

    rule: Rule
    message: str
    participant: str | None = None
    phase: int | None = None
    table: str | None = None

    def __str__(self) -> str:
        return f"{self.rule.value}: {self.message}"


def _known_seats(event: Event, seats: Seats) -> Iterator[tuple[str, int, str]]:
    phases = set(event.phase_numbers)
    for (person, phase), table in seats.items():
        if event.has_participant(person) and phase in phases and event.has_table(table):
            yield person, phase, table


def one_table_per_phase(event: Event, seats: Seats) -> Iterator[Violation]:
    """Hard: a participant has one known table in every phase they attend and none otherwise."""
    rule = Rule.ONE_TABLE_PER_PHASE
    phases = set(event.phase_numbers)
    for (person, phase), table in sorted(seats.items()):
        if not event.has_participant(person):
            yield Violation(rule, f"unknown participant '{person}' has a seat.", person, phase)
        elif phase not in phases:
            yield Violation(rule, f"'{person}' has a seat in unknown phase {phase}.", person, phase)
        elif not event.has_table(table):
            yield Violation(
                rule,
                f"'{person}' sits at unknown table '{table}' in phase {phase}.",
                person,
                phase,
                table,
            )
        elif not event.participant(person).attends(phase):
            yield Violation(
                rule,
                f"'{person}' has a seat at '{table}' in phase {phase}, which they do not attend.",
                person,
                phase,
                table,
            )
    for participant in event.participants:
        for phase in event.phase_numbers:
            if participant.attends(phase) and (participant.id, phase) not in seats:
                yield Violation(
                    rule,
                    f"'{participant.id}' has no table in phase {phase}.",
                    participant.id,
                    phase,
                )


def tables_only_in_their_phases(event: Event, seats: Seats) -> Iterator[Violation]:
    """Hard: nobody sits at a table in a phase in which it does not run."""
    for person, phase, table in _known_seats(event, seats):
        if not event.table(table).runs_in(phase):
            yield Violation(
                Rule.TABLES_ONLY_IN_THEIR_PHASES,
                f"'{person}' sits at '{table}' in phase {phase}, but that table does not run then.",
                person,
                phase,
                table,
            )


def theme_coverage(event: Event, seats: Seats) -> Iterator[Violation]:
    """Hard: each participant visits each theme as often as the coverage rule says."""
    visits: dict[str, Counter[str]] = defaultdict(Counter)
    phases_at: dict[tuple[str, str], list[int]] = defaultdict(list)
    for person, phase, table in _known_seats(event, seats):
        theme = event.table(table).theme
        visits[person][theme] += 1
        phases_at[person, theme].append(phase)
    for participant in event.participants:
        bounds = event.theme_visits(participant)
        if bounds is None:
            continue
        low, high = bounds
        for theme in event.theme_names:
            count = visits[participant.id][theme]
            when = sorted(phases_at[participant.id, theme])
            if count > high:
                yield Violation(
                    Rule.THEME_COVERAGE,
                    f"'{participant.id}' has theme '{theme}' {count} times (phases "
                    f"{', '.join(map(str, when))}); at most {high} allowed.",
                    participant.id,
                    when[-1],
                    seats.get((participant.id, when[-1])),
                )
            elif count < low:
                yield Violation(
                    Rule.THEME_COVERAGE,
                    f"'{participant.id}' has theme '{theme}' only {count} times; at least "
                    f"{low} needed."
                    if count
                    else f"'{participant.id}' never has theme '{theme}'.",
                    participant.id,
                )


def table_capacity(event: Event, seats: Seats) -> Iterator[Violation]:
    """Hard: every running table holds between its minimum and maximum in every phase."""
    sizes: Counter[tuple[str, int]] = Counter(
        (table, phase) for _, phase, table in _known_seats(event, seats)
    )
    for phase in event.phase_numbers:
        for table in event.tables_in(phase):
            size = sizes[table.id, phase]
            if size > table.max_size:
                yield Violation(
                    Rule.TABLE_CAPACITY,
                    f"table '{table.id}' has {size} people in phase {phase}; it seats "
                    f"{table.max_size}.",
                    phase=phase,
                    table=table.id,
                )
            elif size < table.min_size:
                yield Violation(
                    Rule.TABLE_CAPACITY,
                    f"table '{table.id}' has {size} people in phase {phase}; it needs at least "
                    f"{table.min_size}.",
                    phase=phase,
                    table=table.id,
                )


def pins_and_hosts(event: Event, seats: Seats) -> Iterator[Violation]:
    """Hard: pinned participants sit at their pinned table; hosts stay at their table."""
    for participant in event.participants:
        for phase, table in sorted(participant.pins.items()):
            actual = seats.get((participant.id, phase))
            if actual is not None and actual != table:
                yield Violation(
                    Rule.PINS_AND_HOSTS,
                    f"'{participant.id}' is pinned to '{table}' in phase {phase} but sits at "
                    f"'{actual}'.",
                    participant.id,
                    phase,
                    actual,
                )
        hosted = event.hosted_table(participant.id)
        if hosted is None:
            continue
        for phase in event.phase_numbers:
            actual = seats.get((participant.id, phase))
            if actual is not None and actual != hosted and event.table(hosted).runs_in(phase):
                yield Violation(
                    Rule.PINS_AND_HOSTS,
                    f"'{participant.id}' hosts '{hosted}' but sits at '{actual}' in phase {phase}.",
                    participant.id,
                    phase,
                    actual,
                )


def _where(members: tuple[str, ...], phase: int, seats: Seats) -> dict[str, list[str]]:
    """The group's members present in a phase, by the table they sit at."""
    at: dict[str, list[str]] = defaultdict(list)
    for member in members:
        table = seats.get((member, phase))
        if table is not None:
            at[table].append(member)
    return at


def keep_apart(event: Event, seats: Seats) -> Iterator[Violation]:
    """Hard: members of a keep-apart group never share a table."""
    for group in event.keep_apart:
        for phase in event.phase_numbers:
            for table, members in _where(group.members, phase, seats).items():
                if len(members) > 1:
                    yield Violation(
                        Rule.KEEP_APART,
                        f"{', '.join(repr(m) for m in members)} of group '{group.name}' share "
                        f"table '{table}' in phase {phase}.",
                        members[1],
                        phase,
                        table,
                    )


def keep_together(event: Event, seats: Seats) -> Iterator[Violation]:
    """Hard: present members of a keep-together group always share a table."""
    for group in event.keep_together:
        for phase in event.phase_numbers:
            at = _where(group.members, phase, seats)
            if len(at) > 1:
                where = "; ".join(
                    f"{', '.join(repr(m) for m in ms)} at '{t}'" for t, ms in sorted(at.items())
                )
                first_table = sorted(at)[1]
                yield Violation(
                    Rule.KEEP_TOGETHER,
                    f"group '{group.name}' is split in phase {phase}: {where}.",
                    at[first_table][0],
                    phase,
                    first_table,
                )


RuleCheck = Callable[[Event, Seats], Iterator[Violation]]

RULES: Mapping[Rule, RuleCheck] = MappingProxyType(
    {
        Rule.ONE_TABLE_PER_PHASE: one_table_per_phase,
        Rule.TABLES_ONLY_IN_THEIR_PHASES: tables_only_in_their_phases,
        Rule.THEME_COVERAGE: theme_coverage,
        Rule.TABLE_CAPACITY: table_capacity,
        Rule.PINS_AND_HOSTS: pins_and_hosts,
        Rule.KEEP_APART: keep_apart,
        Rule.KEEP_TOGETHER: keep_together,
    }
)
"""Every hard rule's check, labelled by its rule, in the order of :class:`Rule`."""


def find_violations(event: Event, seats: Seats) -> tuple[Violation, ...]:
    """Every broken rule of ``seats``, in the order of the rules."""
    return tuple(v for check in RULES.values() for v in check(event, seats))
