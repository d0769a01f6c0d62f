"""The vocabulary of rotation as frozen dataclasses: participant, theme, table, phase, event, plan.

Each object checks its own values in ``__post_init__``; :class:`Event` then checks every
cross-reference once (unknown tables in pins, duplicate ids, hosts pinned elsewhere, ...) and
raises one :class:`~rotation.errors.EventError` that lists every problem. After that, the
lookup indexes an event builds are trusted by everything downstream.

Phases are numbered from 1 in the order they happen. Participant and table ids are strings,
kept exactly as the organiser wrote them.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from rotation.errors import EventError, Problem
from rotation.limits import (
    MAX_PARTICIPANTS,
    MAX_PHASES,
    MAX_TABLE_SIZE,
    MAX_TABLES,
    MAX_THEMES,
    check_count,
    check_texts,
)

__all__ = [
    "CheckedPlan",
    "EarlierPlan",
    "Event",
    "Goal",
    "Goals",
    "Group",
    "Metric",
    "Metrics",
    "Participant",
    "Phase",
    "Plan",
    "Rule",
    "Seats",
    "SolveRecord",
    "Status",
    "Table",
    "Theme",
    "ThemeCoverage",
]


Seats = Mapping[tuple[str, int], str]
"""Who sits where, by id: ``seats[(participant_id, phase)] = table_id``."""


def _frozen_mapping(values: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    return MappingProxyType(dict(values or {}))


class ThemeCoverage(enum.Enum):
    """How often each participant sits at a table of each theme (hosts are exempt)."""

    AUTO = "auto"
    """Each once when phases equal themes, at most once when there are more themes than
    phases, as evenly as possible when there are more phases, none with one theme."""
    EACH_ONCE = "each_once"
    """Every theme exactly once (a participant who misses phases: no theme twice)."""
    AT_MOST_ONCE = "at_most_once"
    """No theme twice."""
    EVENLY = "evenly"
    """Every theme floor(P/K) or ceil(P/K) times, for P phases and K themes."""
    NONE = "none"
    """Free mixing: no theme rule."""


class Status(enum.Enum):
    """What is known about a plan's quality."""

    OPTIMAL = "optimal"
    """The solver proved that no plan is better under the configured goals."""
    FEASIBLE = "feasible"
    """All rules hold; a better plan may exist (see the gap to the bounds)."""
    UNCHECKED = "unchecked"
    """A plan from elsewhere (by hand, another tool); only the checker's figures apply."""


class Rule(enum.Enum):
    """The hard rules, in the order the checker reports them.

    Each rule has one solver function (``rotation.solver.rules``) and one checker function
    (``rotation.checker.rules``) named after it in lower case (``table_capacity``), so a
    broken rule reads the same in the solver, the checker and the workbook.
    """

    ONE_TABLE_PER_PHASE = "one table per phase"
    TABLES_ONLY_IN_THEIR_PHASES = "tables only in their phases"
    THEME_COVERAGE = "theme coverage"
    TABLE_CAPACITY = "table capacity"
    PINS_AND_HOSTS = "pins and hosts"
    KEEP_APART = "keep apart"
    KEEP_TOGETHER = "keep together"

    @property
    def function_name(self) -> str:
        """The name of the rule's solver and checker functions: ``table_capacity``."""
        return self.name.lower()


class Goal(enum.Enum):
    """The soft goals, in their default priority order.

    ``MOVED_SEATS`` counts only in a re-plan (:func:`rotation.replan`) and
    ``EARLIER_ENCOUNTERS`` only with earlier plans (``solve(event, history=...)``); for
    other events they have no term.
    """

    MOVED_SEATS = "moved_seats"
    REPEAT_ENCOUNTERS = "repeat_encounters"
    EARLIER_ENCOUNTERS = "earlier_encounters"
    SAME_ORGANISATION_PAIRS = "same_organisation_pairs"
    ATTRIBUTE_DEVIATION = "attribute_deviation"
    UNEVEN_TABLE_SIZES = "uneven_table_sizes"
    UNMET_PREFERENCES = "unmet_preferences"

    @property
    def metric(self) -> Metric:
        """The figure this goal minimises."""
        return Metric(self.value)


class Metric(enum.Enum):
    """Every figure the checker reports about a plan, in the order reports list them.

    The goals' metrics carry the goal's name; the others describe the plan further. Moved
    seats count only in a re-plan, earlier encounters only with earlier plans.

    >>> Metric.REPEAT_ENCOUNTERS.goal is Goal.REPEAT_ENCOUNTERS, Metric.REPEAT_PAIRS.goal
    (True, None)
    """

    MOVED_SEATS = "moved_seats"
    REPEAT_ENCOUNTERS = "repeat_encounters"
    REPEAT_PAIRS = "repeat_pairs"
    EARLIER_ENCOUNTERS = "earlier_encounters"
    SAME_ORGANISATION_PAIRS = "same_organisation_pairs"
    ATTRIBUTE_DEVIATION = "attribute_deviation"
    ATTRIBUTE_DEVIATION_MAX = "attribute_deviation_max"
    UNEVEN_TABLE_SIZES = "uneven_table_sizes"
    UNMET_PREFERENCES = "unmet_preferences"
    DISTINCT_CONTACTS_MEAN = "distinct_contacts_mean"
    DISTINCT_CONTACTS_MIN = "distinct_contacts_min"

    @property
    def goal(self) -> Goal | None:
        """The goal that minimises this figure, or None for a descriptive one."""
        return _GOAL_BY_VALUE.get(self.value)

    @property
    def label(self) -> str:
        """The name in words, for terminals and logs: ``repeat encounters``."""
        return self.value.replace("_", " ")


_GOAL_BY_VALUE = {goal.value: goal for goal in Goal}


@dataclass(frozen=True)
class Goals:
    """Which goals count and how much.

    By default the goals follow ``priority`` strictly: no repeat encounter is ever traded
    for a better organisation mix, no organisation pair for better balance, and so on. The
    solver gets there with dominating weights (each unit of a goal outweighs everything the
    later goals can add) where those stay small, and in stages otherwise.
    ``lexicographic=True`` solves every goal in a stage of its own, each keeping the optimum
    of the ones before. ``weights`` switches to one weighted sum instead (per unit of each
    metric; goals left out weigh 0), which may trade goals against each other.

    Attributes:
        priority: the goals in order of importance; goals left out do not count.
        weights: one weight per goal for a single weighted sum (None: strict priority).
        lexicographic: solve each goal in its own stage, keeping the optimum of the earlier.

    >>> colleagues_first = Goals(priority=(Goal.SAME_ORGANISATION_PAIRS, Goal.REPEAT_ENCOUNTERS))
    >>> [g.value for g in colleagues_first.priority]
    ['same_organisation_pairs', 'repeat_encounters']
    >>> weighted = Goals(weights={"repeat_encounters": 1, "same_organisation_pairs": 3})
    >>> {goal.value: weight for goal, weight in weighted.weights.items()}
    {'repeat_encounters': 1, 'same_organisation_pairs': 3}
    """

    priority: tuple[Goal, ...] = tuple(Goal)
    weights: Mapping[Goal, int] | None = None
    lexicographic: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "priority", tuple(Goal(g) for g in self.priority))
        if len(set(self.priority)) != len(self.priority):
            raise ValueError(f"Goals.priority names a goal twice: {self.priority}")
        if self.weights is not None:
            weights = {Goal(g): int(w) for g, w in self.weights.items()}
            negative = [g.value for g, w in weights.items() if w < 0]
            if negative:
                raise ValueError(f"Goal weights must not be negative: {negative}")
            object.__setattr__(self, "weights", _frozen_mapping(weights))


@dataclass(frozen=True)
class Participant:
    """A person: a stable id, a display name, an organisation and any further attributes.

    ``attributes`` holds gender, role, region, ... as text; any of them may be balanced.
    ``phases`` lists the phases the person attends (None: all). ``pins`` fixes a table for a
    phase. ``preferred_first_theme`` asks for a theme in the first phase they attend.

    >>> early = Participant("17", "Dana", organisation="Stadt A", phases={1},
    ...                     attributes={"gender": "w"}, preferred_first_theme="Energy")
    >>> early.label, early.attends(1), early.attends(2)
    ('Dana', True, False)
    """

    id: str
    name: str = ""
    organisation: str = ""
    attributes: Mapping[str, str] = field(default_factory=dict, hash=False)
    email: str = ""
    phases: frozenset[int] | None = None
    pins: Mapping[int, str] = field(default_factory=dict, hash=False)
    preferred_first_theme: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise EventError.single(f"A participant has an empty id ({self.id!r}).")
        object.__setattr__(self, "attributes", _frozen_mapping(self.attributes))
        object.__setattr__(self, "pins", _frozen_mapping({int(k): v for k, v in self.pins.items()}))
        if self.phases is not None:
            object.__setattr__(self, "phases", frozenset(int(p) for p in self.phases))

    @property
    def label(self) -> str:
        """The display name, or the id when there is none."""
        return self.name or self.id

    def attends(self, phase: int) -> bool:
        """True when the participant is present in ``phase`` (numbered from 1)."""
        return self.phases is None or phase in self.phases


@dataclass(frozen=True)
class Theme:
    """A topic; every table belongs to exactly one theme."""

    name: str

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise EventError.single("A theme has an empty name.")


@dataclass(frozen=True)
class Phase:
    """An ordered round, numbered from 1."""

    number: int
    name: str = ""

    def __post_init__(self) -> None:
        if self.number < 1:
            raise EventError.single(f"Phase numbers start at 1, got {self.number}.")
        if not self.name:
            object.__setattr__(self, "name", f"Phase {self.number}")


@dataclass(frozen=True)
class Table:
    """A group place of one theme with a capacity, optionally a host and only some phases.

    ``max_size`` and ``min_size`` bound the people at the table (the host included) in every
    phase it runs; ``phases`` (None: all) lists those phases; ``host`` is the id of the
    participant who stays at it.

    >>> Table("W1", "Water", max_size=8, min_size=4, host="p01", phases={1, 2}).runs_in(3)
    False
    """

    id: str
    theme: str
    max_size: int
    min_size: int = 0
    host: str | None = None
    phases: frozenset[int] | None = None

    def __post_init__(self) -> None:
        if self.phases is not None:
            object.__setattr__(self, "phases", frozenset(int(p) for p in self.phases))
        problems = []
        if not self.id.strip():
            problems.append(Problem("A table has an empty id."))
        if self.max_size < 1:
            problems.append(Problem(f"Table '{self.id}' seats {self.max_size}; at least 1 needed."))
        if self.min_size < 0 or self.min_size > self.max_size:
            problems.append(
                Problem(
                    f"Table '{self.id}' has minimum {self.min_size} and maximum {self.max_size}.",
                    hint="the minimum must lie between 0 and the maximum",
                )
            )
        if problems:
            raise EventError(problems)

    def runs_in(self, phase: int) -> bool:
        """True when the table is used in ``phase``."""
        return self.phases is None or phase in self.phases


@dataclass(frozen=True)
class Group:
    """A named set of participants that must sit apart (or together).

    Whether it keeps apart or together depends on the list it is given to:
    ``Event.keep_apart`` or ``Event.keep_together``. Members are participant ids.

    >>> Group("interpreter", ("p03", "p11", "p03")).members
    ('p03', 'p11')
    """

    name: str
    members: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", tuple(dict.fromkeys(self.members)))


@dataclass(frozen=True)
class EarlierPlan:
    """Who sat together at an earlier event, in this event's participant ids.

    Each group is one table of one phase of the earlier plan, reduced to the people of this
    event matched to someone there (groups of fewer than two are left out). ``matched``
    counts this event's people found in the earlier plan.

    >>> EarlierPlan("2025", groups=(("p1", "p2", "p1"),), matched=2).groups
    (('p1', 'p2'),)
    """

    name: str
    groups: tuple[tuple[str, ...], ...]
    matched: int = 0

    def __post_init__(self) -> None:
        groups = (tuple(dict.fromkeys(g)) for g in self.groups)
        object.__setattr__(self, "groups", tuple(g for g in groups if len(g) > 1))


@dataclass(frozen=True)
class Event:
    """Everything the planner needs: participants, themes, tables, phases, rules and goals.

    Build one directly, or with :meth:`Event.build` in a few lines. Construction checks every
    cross-reference and raises one :class:`EventError` listing all problems.

    Attributes:
        participants: everybody, in the order the plan lists them.
        themes: the themes, in order.
        tables: every table, each of one theme.
        phases: the phases, numbered 1, 2, ... in order.
        keep_apart: groups whose members never share a table.
        keep_together: groups whose present members always share a table.
        coverage: how often each participant visits each theme (see :class:`ThemeCoverage`).
        balance: the attribute keys to balance over the tables (e.g. ``("gender", "role")``).
        goals: which goals count and how much (see :class:`Goals`).
        name: the event's name, shown in the plan's titles.
        attribute_names: attribute key -> the column header the organiser wrote, where they
            differ (``{"gender": "Geschlecht"}``), so plans show the organiser's words.
        previous_seats: in a re-plan, the seats of the plan it changes in the phases being
            re-planned; a seat that changes counts as a moved seat (``Goal.MOVED_SEATS``).
        history: earlier plans whose pairs should not meet again (``Goal.EARLIER_ENCOUNTERS``).
    """

    participants: tuple[Participant, ...]
    themes: tuple[Theme, ...]
    tables: tuple[Table, ...]
    phases: tuple[Phase, ...]
    keep_apart: tuple[Group, ...] = ()
    keep_together: tuple[Group, ...] = ()
    coverage: ThemeCoverage = ThemeCoverage.AUTO
    balance: tuple[str, ...] = ()
    goals: Goals = field(default_factory=Goals)
    name: str = "Event"
    previous_seats: Mapping[tuple[str, int], str] = field(default_factory=dict, hash=False)
    history: tuple[EarlierPlan, ...] = ()
    source_file: str = field(default="", compare=False)
    """The registration file the event was read from, as given, if any: the plan's Overview
    names it and writing a plan never overwrites it. Where an event came from does not make
    it a different event."""
    source_sha256: str = field(default="", compare=False)
    """SHA-256 of that file's bytes, so a printed plan can be traced to its input."""
    attribute_names: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    language: str = field(default="", compare=False)
    """The language of the registration file's headers (``"de"``, ``"en"``), "" when unknown:
    the default language of the plan, the terminal output and the cards."""
    defaulted: frozenset[str] = field(default=frozenset(), compare=False)
    """Settings neither the file nor the options gave, left to a default when the event was
    read (``"tables_per_theme"``): the interfaces say so when the default makes a poor plan."""

    # Lookup indexes, built once after validation.
    _participant_index: Mapping[str, int] = field(init=False, repr=False, compare=False)
    _table_index: Mapping[str, int] = field(init=False, repr=False, compare=False)
    _host_table: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _running: Mapping[tuple[int, str | None], tuple[Table, ...]] = field(
        init=False, repr=False, compare=False
    )
    _present: Mapping[int, tuple[Participant, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("participants", "themes", "tables", "phases", "keep_apart", "keep_together"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "balance", tuple(self.balance))
        object.__setattr__(self, "attribute_names", _frozen_mapping(self.attribute_names))
        object.__setattr__(self, "coverage", ThemeCoverage(self.coverage))
        object.__setattr__(self, "previous_seats", _frozen_mapping(self.previous_seats))
        object.__setattr__(self, "history", tuple(self.history))
        problems = self._cross_reference_problems()
        if problems:
            raise EventError(problems)
        object.__setattr__(
            self,
            "_participant_index",
            _frozen_mapping({p.id: i for i, p in enumerate(self.participants)}),
        )
        object.__setattr__(
            self, "_table_index", _frozen_mapping({t.id: i for i, t in enumerate(self.tables)})
        )
        object.__setattr__(
            self, "_host_table", _frozen_mapping({t.host: t.id for t in self.tables if t.host})
        )
        running: dict[tuple[int, str | None], list[Table]] = {}
        for ph in self.phases:
            running[ph.number, None] = []
            for theme in self.themes:
                running[ph.number, theme.name] = []
            for table in self.tables:
                if table.runs_in(ph.number):
                    running[ph.number, None].append(table)
                    running[ph.number, table.theme].append(table)
        object.__setattr__(
            self, "_running", _frozen_mapping({k: tuple(v) for k, v in running.items()})
        )
        present = {
            ph.number: tuple(p for p in self.participants if p.attends(ph.number))
            for ph in self.phases
        }
        object.__setattr__(self, "_present", _frozen_mapping(present))

    # -- validation -------------------------------------------------------------------------

    def _size_problems(self) -> list[Problem]:
        """Counts beyond the supported ranges (rotation.limits), checked before anything else."""
        sizes = (
            ("participants", len(self.participants), MAX_PARTICIPANTS),
            ("themes", len(self.themes), MAX_THEMES),
            ("tables", len(self.tables), MAX_TABLES),
            ("phases", len(self.phases), MAX_PHASES),
        )
        return [
            Problem(
                f"The event has {count:,} {what}; rotation supports at most {high:,}.",
                hint="split the event; the documentation's page 'Limits' lists every range",
            )
            for what, count, high in sizes
            if count > high
        ]

    def _cross_reference_problems(self) -> list[Problem]:
        """Every problem between the event's parts, all at once, in a fixed order."""
        sizes = self._size_problems()
        if sizes:
            return sizes  # the rest would take long on a huge event, and say little more
        return [
            *self._shape_problems(),
            *self._table_problems(),
            *self._host_problems(),
            *(p for person in self.participants for p in self._participant_problems(person)),
            *self._group_problems(),
            *self._balance_problems(),
            *self._context_problems(),
        ]

    def _shape_problems(self) -> list[Problem]:
        """Unique ids and names, phases numbered 1, 2, 3, ..., and something to plan."""
        problems: list[Problem] = []
        problems += _duplicates("participant id", [p.id for p in self.participants])
        problems += _duplicates("theme", [t.name for t in self.themes])
        problems += _duplicates("table id", [t.id for t in self.tables])
        numbers = [ph.number for ph in self.phases]
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(
                Problem(f"Phases must be numbered 1, 2, 3, ... in order; got {numbers[:20]}.")
            )
        if not self.phases:
            problems.append(Problem("The event has no phases.", hint="give at least one phase"))
        if not self.themes:
            problems.append(Problem("The event has no themes.", hint="give at least one theme"))
        if not self.tables:
            problems.append(Problem("The event has no tables.", hint="give at least one table"))
        return problems

    def _table_problems(self) -> list[Problem]:
        """Each table's theme, phases and host exist."""
        problems: list[Problem] = []
        theme_names = {t.name for t in self.themes}
        phase_numbers = {ph.number for ph in self.phases}
        person_ids = {p.id for p in self.participants}
        for table in self.tables:
            if table.theme not in theme_names:
                problems.append(
                    Problem(
                        f"Table '{table.id}' has theme '{table.theme}', which is not a theme "
                        "of the event.",
                        hint=f"use one of: {', '.join(sorted(theme_names))}",
                    )
                )
            if table.phases is not None and not table.phases <= phase_numbers:
                problems.append(
                    Problem(
                        f"Table '{table.id}' runs in phases {sorted(table.phases - phase_numbers)}"
                        ", which the event does not have."
                    )
                )
            if table.host is not None and table.host not in person_ids:
                problems.append(
                    Problem(f"Table '{table.id}' is hosted by unknown participant '{table.host}'.")
                )
        return problems

    def _tables_by_host(self) -> dict[str, list[str]]:
        hosts: dict[str, list[str]] = {}
        for table in self.tables:
            if table.host:
                hosts.setdefault(table.host, []).append(table.id)
        return hosts

    def _host_problems(self) -> list[Problem]:
        """Nobody hosts two tables."""
        return [
            Problem(f"Participant '{host}' hosts several tables: {', '.join(tables)}.")
            for host, tables in self._tables_by_host().items()
            if len(tables) > 1
        ]

    def _participant_problems(self, person: Participant) -> list[Problem]:
        """A participant's phases, pins and preferred theme exist and fit together."""
        problems: list[Problem] = []
        phase_numbers = {ph.number for ph in self.phases}
        if person.phases is not None and not person.phases <= phase_numbers:
            problems.append(
                Problem(
                    f"Participant '{person.id}' attends phases "
                    f"{sorted(person.phases - phase_numbers)}, which the event does not have."
                )
            )
        for phase, table_id in person.pins.items():
            problems += self._pin_problems(person, phase, table_id)
        theme_names = {t.name for t in self.themes}
        if (
            person.preferred_first_theme is not None
            and person.preferred_first_theme not in theme_names
        ):
            problems.append(
                Problem(
                    f"Participant '{person.id}' prefers unknown theme "
                    f"'{person.preferred_first_theme}'.",
                    hint=f"use one of: {', '.join(sorted(theme_names))}",
                )
            )
        return problems

    def _pin_problems(self, person: Participant, phase: int, table_id: str) -> list[Problem]:
        """A pin names a known phase the person attends and a known table running then,
        and no other table than the one they host."""
        problems: list[Problem] = []
        if phase not in {ph.number for ph in self.phases}:
            problems.append(
                Problem(f"Participant '{person.id}' is pinned in unknown phase {phase}.")
            )
        pinned = {t.id: t for t in self.tables}.get(table_id)
        if pinned is None:
            problems.append(
                Problem(
                    f"Participant '{person.id}' is pinned to unknown table '{table_id}' "
                    f"in phase {phase}.",
                    hint=f"use one of: {', '.join(t.id for t in self.tables)}",
                )
            )
            return problems
        if not pinned.runs_in(phase):
            problems.append(
                Problem(
                    f"Participant '{person.id}' is pinned to table '{table_id}' in "
                    f"phase {phase}, but that table does not run then."
                )
            )
        if not person.attends(phase):
            problems.append(
                Problem(
                    f"Participant '{person.id}' is pinned in phase {phase}, which they "
                    "do not attend."
                )
            )
        hosted = self._tables_by_host().get(person.id, [None])[0]
        if hosted is not None and hosted != table_id:
            problems.append(
                Problem(
                    f"Participant '{person.id}' hosts table '{hosted}' but is pinned to "
                    f"table '{table_id}' in phase {phase}."
                )
            )
        return problems

    def _group_problems(self) -> list[Problem]:
        """Keep-apart and keep-together groups name known participants."""
        problems: list[Problem] = []
        person_ids = {p.id for p in self.participants}
        for kind, groups in (
            ("keep-apart", self.keep_apart),
            ("keep-together", self.keep_together),
        ):
            for group in groups:
                unknown = [m for m in group.members if m not in person_ids]
                if unknown:
                    problems.append(
                        Problem(
                            f"The {kind} group '{group.name}' names unknown participants: "
                            f"{', '.join(unknown)}."
                        )
                    )
        return problems

    def _context_problems(self) -> list[Problem]:
        """Previous seats (a re-plan) and earlier plans name only this event's people."""
        people = set(self._ids())
        problems = []
        strangers = sorted({p for (p, _) in self.previous_seats if p not in people})
        if strangers:
            problems.append(
                Problem(f"Previous seats name unknown participants: {', '.join(strangers)}.")
            )
        for earlier in self.history:
            strangers = sorted({m for g in earlier.groups for m in g if m not in people})
            if strangers:
                problems.append(
                    Problem(
                        f"The earlier plan '{earlier.name}' names unknown participants: "
                        f"{', '.join(strangers)}."
                    )
                )
        return problems

    def _ids(self) -> list[str]:
        return [p.id for p in self.participants]

    def _balance_problems(self) -> list[Problem]:
        """Every attribute chosen for balancing has a value for somebody."""
        return [
            Problem(f"Nobody has a value for the attribute '{attribute}' chosen for balancing.")
            for attribute in self.balance
            if not any(attribute in p.attributes for p in self.participants)
        ]

    # -- construction -----------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        participants: Iterable[Participant],
        *,
        themes: Sequence[str],
        tables_per_theme: int | Sequence[int] = 1,
        table_size: int | None = None,
        min_table_size: int = 0,
        phases: int | None = None,
        balance: Sequence[str] = (),
        coverage: ThemeCoverage = ThemeCoverage.AUTO,
        keep_apart: Iterable[Group] = (),
        keep_together: Iterable[Group] = (),
        goals: Goals | None = None,
        name: str = "Event",
    ) -> Event:
        """Build an event from participants and a few numbers.

        Tables are named by the theme's initial letter(s) and a number (``A1``, ``A2``, ...,
        or ``T1``... when initials clash). ``phases`` defaults to the number of themes;
        ``table_size`` defaults to the smallest size that seats everybody.

        >>> people = [Participant(str(i), f"P{i}", organisation=f"O{i % 3}") for i in range(12)]
        >>> event = Event.build(people, themes=["Water", "Energy"], tables_per_theme=2)
        >>> [t.id for t in event.tables], event.tables[0].max_size, len(event.phases)
        (['W1', 'W2', 'E1', 'E2'], 3, 2)
        """
        people = tuple(participants)
        themes = check_texts("themes", themes, MAX_THEMES)
        counts = [
            check_count("tables_per_theme", count, 1, MAX_TABLES)
            for count in (
                [tables_per_theme] * len(themes)
                if isinstance(tables_per_theme, int) or not isinstance(tables_per_theme, Sequence)
                else list(tables_per_theme)
            )
        ]
        if len(counts) != len(themes):
            raise EventError.single("Give one tables-per-theme count for each theme.")
        total_tables = check_count("number of tables", sum(counts), 0, MAX_TABLES)
        if table_size is None:
            table_size = max(1, math.ceil(len(people) / max(1, total_tables)))
        check_count("table_size", table_size, 1, MAX_TABLE_SIZE)
        check_count("min_table_size", min_table_size, 0, table_size)
        if phases is not None:
            check_count("phases", phases, 1, MAX_PHASES)
        prefixes = _table_prefixes(themes)
        tables = tuple(
            Table(f"{prefixes[k]}{i + 1}", theme, table_size, min_table_size)
            for k, theme in enumerate(themes)
            for i in range(counts[k])
        )
        n_phases = len(themes) if phases is None else phases
        return cls(
            participants=people,
            themes=tuple(Theme(t) for t in themes),
            tables=tables,
            phases=tuple(Phase(i) for i in range(1, n_phases + 1)),
            keep_apart=tuple(keep_apart),
            keep_together=tuple(keep_together),
            coverage=coverage,
            balance=tuple(balance),
            goals=goals or Goals(),
            name=name,
        )

    # -- lookups ----------------------------------------------------------------------------

    def participant(self, participant_id: str) -> Participant:
        """The participant with this id (KeyError if unknown)."""
        return self.participants[self._participant_index[participant_id]]

    def table(self, table_id: str) -> Table:
        """The table with this id (KeyError if unknown)."""
        return self.tables[self._table_index[table_id]]

    def participant_position(self, participant_id: str) -> int:
        """The participant's position in ``participants``."""
        return self._participant_index[participant_id]

    def table_position(self, table_id: str) -> int:
        """The table's position in ``tables``."""
        return self._table_index[table_id]

    def has_participant(self, participant_id: str) -> bool:
        """True when the event has a participant with this id."""
        return participant_id in self._participant_index

    def has_table(self, table_id: str) -> bool:
        """True when the event has a table with this id."""
        return table_id in self._table_index

    def hosted_table(self, participant_id: str) -> str | None:
        """The id of the table this participant hosts, or None."""
        return self._host_table.get(participant_id)

    def fixed_table(self, participant: Participant, phase: int) -> str | None:
        """The table a participant must take in a phase: the pin, else the table they host
        when it runs then; None when they are free to sit anywhere."""
        if phase in participant.pins:
            return participant.pins[phase]
        hosted = self.hosted_table(participant.id)
        if hosted is not None and self.table(hosted).runs_in(phase):
            return hosted
        return None

    def tables_in(self, phase: int, theme: str | None = None) -> tuple[Table, ...]:
        """The tables running in ``phase``, optionally only those of ``theme``."""
        return self._running.get((phase, theme), ())

    def present_in(self, phase: int) -> tuple[Participant, ...]:
        """The participants attending ``phase``."""
        return self._present.get(phase, ())

    @property
    def phase_numbers(self) -> tuple[int, ...]:
        """The phases' numbers in order: ``(1, 2, ...)``."""
        return tuple(ph.number for ph in self.phases)

    @property
    def theme_names(self) -> tuple[str, ...]:
        """The themes' names in the event's order."""
        return tuple(t.name for t in self.themes)

    def resolved_coverage(self) -> ThemeCoverage:
        """The coverage rule in force, with AUTO resolved by the numbers of themes and phases."""
        if self.coverage is not ThemeCoverage.AUTO:
            return self.coverage
        n_themes, n_phases = len(self.themes), len(self.phases)
        if n_themes <= 1:
            return ThemeCoverage.NONE
        if n_themes == n_phases:
            return ThemeCoverage.EACH_ONCE
        if n_themes > n_phases:
            return ThemeCoverage.AT_MOST_ONCE
        return ThemeCoverage.EVENLY

    def theme_visits(self, participant: Participant) -> tuple[int, int] | None:
        """How often (least, most) a participant must sit at each theme; None: no rule.

        Hosts have no rule. Someone who misses phases keeps "no theme twice" but need not
        cover every theme.
        """
        if self.hosted_table(participant.id) is not None:
            return None
        coverage = self.resolved_coverage()
        if coverage is ThemeCoverage.NONE:
            return None
        attended = sum(1 for ph in self.phases if participant.attends(ph.number))
        n_themes = len(self.themes)
        if coverage is ThemeCoverage.EVENLY:
            low, high = attended // n_themes, -(-attended // n_themes)
            return low, high
        if coverage is ThemeCoverage.EACH_ONCE and attended >= n_themes:
            return 1, 1
        return 0, 1

    def attribute_label(self, attribute: str) -> str:
        """The attribute as the organiser named it: ``"Geschlecht"`` for key ``"gender"``."""
        return self.attribute_names.get(attribute, attribute)

    def attribute_values(self, attribute: str) -> tuple[str, ...]:
        """The distinct values of an attribute, in order of first appearance ("" for blank)."""
        return tuple(dict.fromkeys(p.attributes.get(attribute, "") for p in self.participants))


@dataclass(frozen=True)
class Metrics:
    """The goals' figures for one plan, computed by the checker from the seats alone."""

    repeat_encounters: int
    """Sum over pairs of people of C(m, 2), m = phases in which they share a table."""
    repeat_pairs: int
    """Pairs of people who share a table in more than one phase."""
    same_organisation_pairs: int
    """Pairs of colleagues of one organisation at one table, summed over phases and tables."""
    attribute_deviation: float
    """Sum over balanced attributes, phases, tables and values of ``|count - share x size|``."""
    attribute_deviation_max: float
    """The largest single ``|count - share x size|``."""
    attribute_deviation_by_attribute: Mapping[str, float]
    uneven_table_sizes: int
    """Sum over phases and themes of (largest - smallest table size)."""
    unmet_preferences: int
    """Participants with a preferred first theme who do not get it."""
    distinct_contacts_mean: float
    distinct_contacts_min: int
    moved_seats: int = 0
    """In a re-plan: seats in the re-planned phases that differ from the plan it changes."""
    earlier_encounters: int = 0
    """Pairs who shared a table at an earlier event and share one now: summed over the
    earlier tables they shared and the phases they share a table now."""

    def as_dict(self) -> dict[str, Any]:
        """The figures by their :class:`Metric` names (for JSON and reports), the deviation
        per attribute after the largest one; fractions rounded to six places."""
        figures: dict[str, Any] = {}
        for metric in Metric:
            figure = getattr(self, metric.value)
            figures[metric.value] = round(figure, 6) if isinstance(figure, float) else figure
            if metric is Metric.ATTRIBUTE_DEVIATION_MAX:
                figures["attribute_deviation_by_attribute"] = {
                    k: round(v, 6) for k, v in self.attribute_deviation_by_attribute.items()
                }
        return figures

    def value(self, metric: Metric) -> float:
        """The figure of one metric."""
        return float(getattr(self, metric.value))

    def goal_value(self, goal: Goal) -> float:
        """The figure a goal minimises."""
        return self.value(goal.metric)


@dataclass(frozen=True)
class SolveRecord:
    """What is known about how a plan was made: status, bounds, objective terms, run figures.

    A plan made elsewhere (by hand, by another tool, edited after solving) has the default
    record: status UNCHECKED and no bounds, terms or run figures.

    Attributes:
        status: what is known about the plan's quality.
        bounds: per goal, a value no plan can beat (counting bounds and proven ones).
        objective_terms: per goal, the value the solver's model saw (empty when not solved
            by the model, e.g. after local search alone).
        wall_time: seconds the solve took.
        seed: the solver's random seed.
        workers: the CP-SAT search workers.
        solver: the solver's name and version.
        notes: remarks for the reader (stopped early, planned by construction, ...).
    """

    status: Status = Status.UNCHECKED
    bounds: Mapping[Goal, float] = field(default_factory=dict, hash=False)
    objective_terms: Mapping[Goal, float] = field(default_factory=dict, hash=False)
    wall_time: float = 0.0
    seed: int | None = None
    workers: int | None = None
    solver: str = ""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))
        object.__setattr__(self, "bounds", _frozen_mapping(self.bounds))
        object.__setattr__(self, "objective_terms", _frozen_mapping(self.objective_terms))
        object.__setattr__(self, "notes", tuple(self.notes))


@dataclass(frozen=True)
class Plan:
    """Who sits where: ``seats[(participant_id, phase)] = table_id``.

    Make one by hand to check it (:func:`rotation.check`); its ``record`` then says
    UNCHECKED. :func:`rotation.solve` and :func:`rotation.read_plan` return a
    :class:`CheckedPlan`, which also carries the checker's metrics.

    Lookups take the phase last, as the seats do: ``table_of(participant_id, phase)`` and
    ``members(table_id, phase)``. A participant, table or phase the event does not have
    raises ``KeyError``, so a typo never reads as an empty table.
    """

    event: Event
    seats: Seats
    record: SolveRecord = field(default_factory=SolveRecord)
    """How the plan was made (see :class:`SolveRecord`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "seats", _frozen_mapping(self.seats))

    def table_of(self, participant_id: str, phase: int) -> str | None:
        """The table a participant sits at in a phase (None when they have no seat then)."""
        self._known_phase(phase)
        if not self.event.has_participant(participant_id):
            raise KeyError(f"The event has no participant '{participant_id}'.")
        return self.seats.get((participant_id, phase))

    def members(self, table_id: str, phase: int) -> tuple[str, ...]:
        """Participant ids at a table in a phase, in the event's participant order."""
        self._known_phase(phase)
        if not self.event.has_table(table_id):
            raise KeyError(f"The event has no table '{table_id}'.")
        return tuple(
            p.id for p in self.event.participants if self.seats.get((p.id, phase)) == table_id
        )

    def _known_phase(self, phase: int) -> None:
        if phase not in self.event.phase_numbers:
            raise KeyError(f"The event has no phase {phase!r}; it has {self.event.phase_numbers}.")

    def rows(self) -> list[tuple[str, str, int, str, str]]:
        """The machine-readable contract: (participant_id, name, phase, table, theme) rows."""
        out = []
        for person in self.event.participants:
            for phase in self.event.phase_numbers:
                table_id = self.seats.get((person.id, phase))
                if table_id is not None:
                    known = self.event.has_table(table_id)
                    theme = self.event.table(table_id).theme if known else ""
                    out.append((person.id, person.name, phase, table_id, theme))
        return out


@dataclass(frozen=True)
class CheckedPlan(Plan):
    """A plan with the checker's metrics, which are always there.

    :func:`rotation.solve` returns one (every solve is checked before it is returned), and
    so does :func:`rotation.read_plan`.
    """

    metrics: Metrics = field(kw_only=True)
    """The goals' figures, computed by the checker from the seats alone."""

    def gap(self, goal: Goal) -> float | None:
        """Metric minus lower bound for a goal (None when no bound is known)."""
        if goal not in self.record.bounds:
            return None
        return self.metrics.goal_value(goal) - self.record.bounds[goal]


def _duplicates(what: str, values: Sequence[str]) -> list[Problem]:
    seen: set[str] = set()
    dupes: list[str] = []
    for value in values:
        if value in seen and value not in dupes:
            dupes.append(value)
        seen.add(value)
    return [
        Problem(f"The {what} '{v}' occurs more than once.", hint="ids must be unique")
        for v in dupes
    ]


def _table_prefixes(themes: Sequence[str]) -> list[str]:
    initials = [(t.strip()[:1] or "T").upper() for t in themes]
    if len(set(initials)) == len(initials):
        return initials
    return [f"T{k + 1}." for k in range(len(themes))]
