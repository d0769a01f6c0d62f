"""Synthetic events for examples, tests and benchmarks (made-up people, fixed seed).

Organisations have uneven sizes (a few large ones, many small ones), as in real
registration lists; gender and role follow the sample data's values. Optional extras cover
the other formats of the brief: hosts who stay at their table (World Café), pinned seats,
tables of "8 or 9" (a minimum and a maximum size) and people without an organisation.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from rotation.domain import Event, Goals, Participant, ThemeCoverage

__all__ = ["GENDERS", "ROLES", "synthetic_event", "synthetic_participants"]

GENDERS = ("w", "m", "d")
ROLES = ("Verwaltung", "Politik", "Zivilgesellschaft", "Wissenschaft", "Beratung")
_FIRST = ("Anna", "Jonas", "Maria", "Lukas", "Özlem", "Paul", "Sophie", "Emre", "Lena", "Jörg")
_LAST = ("Becker", "Demir", "Weiß", "Brinkmann", "Schäfer", "Yılmaz", "Koch", "Nowak", "Meyer")


def synthetic_participants(
    count: int, *, organisations: int = 12, skew: float = 0.35, seed: int = 0
) -> list[Participant]:
    """``count`` made-up people from ``organisations`` organisations of uneven size.

    Organisation j is drawn with weight 1 / (1 + skew * j): ``skew`` 0 gives even sizes,
    larger values a few big organisations and a long tail of small ones. With
    ``organisations`` 0 nobody has an organisation.
    """
    rng = random.Random(seed)
    weights = [1.0 / (1 + skew * j) for j in range(organisations)]
    people = []
    for n in range(count):
        if organisations <= 0:
            organisation = ""
        else:
            org = rng.choices(range(organisations), weights)[0] if n >= organisations else n
            organisation = f"Organisation {org + 1:02d}"
        gender = rng.choices(GENDERS, (0.48, 0.48, 0.04))[0]
        people.append(
            Participant(
                id=f"{n + 1:04d}",
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                organisation=organisation,
                attributes={"gender": gender, "role": rng.choice(ROLES)},
            )
        )
    return people


def synthetic_event(
    count: int,
    *,
    themes: int | Sequence[str] = 2,
    tables_per_theme: int = 3,
    table_size: int | None = None,
    phases: int | None = None,
    organisations: int = 12,
    balance: Sequence[str] = ("gender", "role"),
    coverage: ThemeCoverage = ThemeCoverage.AUTO,
    goals: Goals | None = None,
    seed: int = 0,
    min_table_size: int = 0,
    hosts: bool = False,
    pins: int = 0,
    skew: float = 0.35,
) -> Event:
    """A synthetic event; the reference event is ``synthetic_event(50)``.

    Args:
        count: participants (hosts included).
        themes: a number of themes (named "Theme A", ...) or their names.
        tables_per_theme: tables of each theme.
        table_size: the tables' maximum (default: the smallest that seats everybody).
        phases: phases (default: one per theme).
        organisations: organisations of uneven size (0: nobody has one).
        balance: attributes to balance ("gender", "role").
        coverage: the theme rule.
        goals: goal priorities or weights.
        seed: the random seed for the people, hosts and pins.
        min_table_size: the tables' minimum ("tables of 8 or 9": 8 and ``table_size`` 9).
        hosts: every table gets a host (World Café); hosts are drawn from the participants.
        pins: this many participants (not hosts) get a fixed table in phase 1, spread over
            the tables round-robin.
        skew: how uneven the organisations are (see :func:`synthetic_participants`).

    >>> event = synthetic_event(60, themes=4, tables_per_theme=1, hosts=True, pins=2)
    >>> [t.host is not None for t in event.tables], len(event.phases)
    ([True, True, True, True], 4)
    >>> sum(1 for p in event.participants if p.pins)
    2
    """
    names = (
        [f"Theme {chr(65 + j)}" for j in range(themes)] if isinstance(themes, int) else list(themes)
    )
    people = synthetic_participants(count, organisations=organisations, skew=skew, seed=seed)
    event = Event.build(
        people,
        themes=names,
        tables_per_theme=tables_per_theme,
        table_size=table_size,
        min_table_size=min_table_size,
        phases=phases,
        balance=balance,
        coverage=coverage,
        goals=goals,
        name=f"Synthetic event ({count} people)",
    )
    if not hosts and not pins:
        return event
    return _with_hosts_and_pins(event, hosts=hosts, pins=pins, seed=seed)


def _with_hosts_and_pins(event: Event, *, hosts: bool, pins: int, seed: int) -> Event:
    """The event with a host per table and ``pins`` people pinned in phase 1."""
    rng = random.Random(seed + 1)
    order = list(range(len(event.participants)))
    rng.shuffle(order)
    tables = list(event.tables)
    if hosts:
        chosen = order[: len(tables)]
        order = order[len(tables) :]
        tables = [replace(t, host=event.participants[i].id) for t, i in zip(tables, chosen)]
    first = [t for t in tables if t.runs_in(1)]
    pinned = {i: first[n % len(first)].id for n, i in enumerate(order[:pins])}
    people = [
        replace(p, pins={1: pinned[i]} if i in pinned else {})
        for i, p in enumerate(event.participants)
    ]
    return replace(event, participants=tuple(people), tables=tuple(tables))
