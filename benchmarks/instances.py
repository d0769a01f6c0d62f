"""The instance classes of issue 7 with their targets, each built with a fixed seed.

Every class is a synthetic event (``rotation.synthetic``) plus what it must reach on a
2-core machine. Quality targets compare the checker's metrics with the plan's lower bounds;
the time target is the wall time of one solve (for the reference event the median of
several). The planner gets 90 % of the time target as its time limit, the rest covers
building the event and checking the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rotation import Event, ThemeCoverage
from rotation.synthetic import synthetic_event

__all__ = [
    "INSTANCES",
    "ISSUE_15",
    "QUICK",
    "SEED",
    "Instance",
    "Target",
    "by_name",
    "scaling_event",
]

SEED = 0
"""The seed of every generated event and every solve."""


@dataclass(frozen=True)
class Target:
    """What a class must reach; None means no target for that figure.

    Relative targets compare with the lower bound: ``repeat_within`` 0.05 means at most 5 %
    above it, 0 means the bound itself (and so proven optimal).
    """

    seconds: float
    repeat_within: float | None = None
    repeat_at_most: int | None = None
    organisation_within: float | None = None
    deviation_at_most: float | None = None
    memory_mb: float | None = None

    def describe(self) -> str:
        """The target in words, as in the issue's table."""
        parts = []
        if self.repeat_at_most is not None:
            parts.append(f"repeats <= {self.repeat_at_most}")
        if self.repeat_within is not None:
            parts.append(_within("repeats", self.repeat_within))
        if self.organisation_within is not None:
            parts.append(_within("organisation pairs", self.organisation_within))
        if self.deviation_at_most is not None:
            parts.append(f"largest deviation <= {self.deviation_at_most:g}")
        parts.append(f"< {self.seconds:g} s")
        if self.memory_mb is not None:
            parts.append(f"< {self.memory_mb / 1024:g} GB")
        return ", ".join(parts)


def _within(what: str, share: float) -> str:
    return f"{what} at bound" if share == 0 else f"{what} within {share:.0%} of bound"


@dataclass(frozen=True)
class Instance:
    """One instance class: how to build it, its target and how to run it."""

    name: str
    title: str
    build: Callable[[], Event]
    target: Target
    quick: bool = False
    """Part of ``--quick`` (small, seconds)."""
    repeats: int = 1
    """Solves whose median wall time counts (the reference event: 5)."""
    deterministic: bool = False
    """Solve in CP-SAT's deterministic mode."""

    @property
    def time_limit(self) -> float:
        """The planner's time limit: 90 % of the time target."""
        return round(0.9 * self.target.seconds, 3)


def _golfers(
    count: int,
    tables: int,
    size: int,
    rounds: int,
    balance: Sequence[str] = (),
    organisations: int = 0,
) -> Callable[[], Event]:
    """Free mixing without organisations: the social golfer problem (with ``balance``,
    speed networking)."""
    return lambda: synthetic_event(
        count,
        themes=1,
        tables_per_theme=tables,
        table_size=size,
        phases=rounds,
        organisations=organisations,
        balance=balance,
        coverage=ThemeCoverage.NONE,
        seed=SEED,
    )


INSTANCES: tuple[Instance, ...] = (
    Instance(
        "reference",
        "Reference event: 50 people, 2 themes x 3 tables, 2 phases",
        lambda: synthetic_event(50, seed=SEED),
        Target(1.0, repeat_within=0, organisation_within=0, deviation_at_most=1),
        quick=True,
        repeats=5,
    ),
    Instance(
        "forced-repeats",
        "Forced repeats: 60 people, 2 themes x 5 tables of 6, 2 phases",
        lambda: synthetic_event(60, tables_per_theme=5, table_size=6, seed=SEED),
        Target(1.0, repeat_within=0),
        quick=True,
    ),
    Instance(
        "regional",
        "Regional conference: 200 people, 2 themes x 5 tables, 2 phases",
        lambda: synthetic_event(200, tables_per_theme=5, organisations=30, seed=SEED),
        Target(2.0, repeat_within=0, organisation_within=0),
        quick=True,
    ),
    Instance(
        "world-cafe",
        "World Café: 60 people, 4 themes x 1 table of 15 with a host, 4 phases",
        lambda: synthetic_event(60, themes=4, tables_per_theme=1, hosts=True, seed=SEED),
        Target(5.0, repeat_within=0.03),
        quick=True,
    ),
    Instance(
        "speed-networking",
        "Speed networking: 100 people, free mixing, 10 tables of 10, 6 rounds",
        _golfers(100, 10, 10, 6, balance=("gender", "role")),
        Target(10.0, repeat_at_most=100, deviation_at_most=1),
    ),
    Instance(
        "large",
        "Large conference: 1,000 people, 4 themes x 8 tables, 4 phases, 60 organisations",
        lambda: synthetic_event(1000, themes=4, tables_per_theme=8, organisations=60, seed=SEED),
        Target(60.0, repeat_within=0.05, organisation_within=0.25, memory_mb=2048),
    ),
    Instance(
        "very-large",
        "Very large: 2,000 people, 6 themes x 40 tables of 8 or 9, 3 phases",
        lambda: synthetic_event(
            2000,
            themes=6,
            tables_per_theme=40,
            table_size=9,
            min_table_size=8,
            phases=3,
            organisations=100,
            seed=SEED,
        ),
        Target(60.0, repeat_at_most=0, organisation_within=0, deviation_at_most=1),
        deterministic=True,
    ),
    Instance(
        "huge",
        "Huge: 5,000 people, 4 themes x 100 tables of 12 or 13, 4 phases",
        lambda: synthetic_event(
            5000,
            themes=4,
            tables_per_theme=100,
            table_size=13,
            min_table_size=12,
            organisations=200,
            seed=SEED,
        ),
        Target(120.0, repeat_at_most=0, organisation_within=0.10, memory_mb=4096),
    ),
    Instance(
        "golfer-15",
        "Social golfer (Kirkman): 15 people, 5 tables of 3, 7 rounds",
        _golfers(15, 5, 3, 7),
        Target(2.0, repeat_at_most=0),
        quick=True,
    ),
    Instance(
        "golfer-32x9",
        "Social golfer: 32 people, 8 tables of 4, 9 rounds",
        _golfers(32, 8, 4, 9),
        Target(60.0, repeat_at_most=0),
    ),
    Instance(
        "golfer-32x10",
        "Social golfer (stretch): 32 people, 8 tables of 4, 10 rounds",
        _golfers(32, 8, 4, 10),
        Target(600.0, repeat_at_most=0),
    ),
)

ISSUE_15: tuple[Instance, ...] = (
    Instance(
        "free-mixing",
        "Free mixing: 100 people, 10 tables of 10, 6 rounds, 20 organisations",
        _golfers(100, 10, 10, 6, balance=("gender", "role"), organisations=20),
        Target(10.0, repeat_at_most=100, deviation_at_most=1),
    ),
    Instance(
        "large-balanced",
        "1,000 people, 4 themes x 8 tables, 4 phases, 60 organisations: colleagues and balance",
        lambda: synthetic_event(1000, themes=4, tables_per_theme=8, organisations=60, seed=SEED),
        Target(60.0, organisation_within=0.01, deviation_at_most=1),
    ),
    Instance(
        "growth-10000",
        "Growth: 10,000 people, 8 themes x 125 tables of 10, 4 phases",
        lambda: synthetic_event(
            10_000,
            themes=8,
            tables_per_theme=125,
            table_size=10,
            phases=4,
            organisations=400,
            seed=SEED,
        ),
        Target(180.0, repeat_at_most=0, memory_mb=4096),
    ),
)
"""The classes of issue 15 that one planner run measures (the others: benchmarks.issue15)."""

QUICK = tuple(i.name for i in INSTANCES if i.quick)

SCALING_SIZES = (50, 100, 200, 500, 1000, 2000, 5000)


def scaling_event(count: int) -> Event:
    """The growth series: 4 themes, 4 phases, tables of about 12 or 13, ``count`` people."""
    tables = max(1, round(count / 50))
    size = -(-count // (4 * tables))
    return synthetic_event(
        count,
        themes=4,
        tables_per_theme=tables,
        table_size=size,
        min_table_size=size - 1,
        organisations=max(4, count // 25),
        seed=SEED,
    )


def by_name(name: str) -> Instance:
    """The instance class called ``name`` (KeyError naming the known ones)."""
    for instance in (*INSTANCES, *ISSUE_15):
        if instance.name == name:
            return instance
    raise KeyError(f"unknown class {name!r}; known: {', '.join(i.name for i in INSTANCES)}")
