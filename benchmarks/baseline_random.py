"""Baseline 1: a random rotation, what dice and a spreadsheet give.

Every rule that a careful organiser keeps by hand holds: people are dealt over the themes
in a rotating (Latin-square) order, so every theme rule and every theme's capacity is kept;
within a theme and phase they are shuffled and dealt over the tables as evenly as the
capacities allow. Hosts stay at their tables and pins are honoured. Nothing looks at
encounters, organisations or attributes.
"""

from __future__ import annotations

import random

from rotation import Event, ThemeCoverage

__all__ = ["random_plan"]

Seats = dict[tuple[str, int], str]


def _theme_sequences(event: Event) -> list[list[str]]:
    """Rotating theme orders: sequence s visits theme (s + j) mod K in the j-th phase."""
    themes = list(event.theme_names)
    phases = len(event.phases)
    if event.resolved_coverage() is ThemeCoverage.NONE:
        return [[themes[(s + 0) % len(themes)]] * phases for s in range(len(themes))]
    return [[themes[(s + j) % len(themes)] for j in range(phases)] for s in range(len(themes))]


def _fits_pins(sequence: list[str], pins: dict[int, str], event: Event) -> bool:
    return all(sequence[r - 1] == event.table(t).theme for r, t in pins.items())


def random_plan(event: Event, seed: int = 0) -> Seats:
    """A random plan that respects themes, capacities, hosts and pins."""
    rng = random.Random(seed)
    sequences = _theme_sequences(event)
    people = [p for p in event.participants if event.hosted_table(p.id) is None]
    rng.shuffle(people)
    theme_of: dict[tuple[str, int], str] = {}
    for n, person in enumerate(people):
        sequence = sequences[n % len(sequences)]
        pins = dict(person.pins)
        if pins and not _fits_pins(sequence, pins, event):
            sequence = next((s for s in sequences if _fits_pins(s, pins, event)), sequence)
        for r in event.phase_numbers:
            if person.attends(r):
                theme_of[person.id, r] = sequence[r - 1]
    seats: Seats = {}
    for r in event.phase_numbers:
        for theme in event.theme_names:
            tables = list(event.tables_in(r, theme))
            seated = {t.id: 0 for t in tables}
            for table in tables:
                if table.host and event.participant(table.host).attends(r):
                    seats[table.host, r] = table.id
                    seated[table.id] += 1
            group = [p for p in people if theme_of.get((p.id, r)) == theme]
            for person in group:
                if r in person.pins:
                    seats[person.id, r] = person.pins[r]
                    seated[person.pins[r]] += 1
            free = [p for p in group if r not in p.pins]
            rng.shuffle(free)
            for person in free:
                # The emptiest table with room (ties at random): an even, random deal.
                open_tables = [t for t in tables if seated[t.id] < t.max_size] or tables
                least = min(seated[t.id] for t in open_tables)
                table = rng.choice([t for t in open_tables if seated[t.id] == least])
                seats[person.id, r] = table.id
                seated[table.id] += 1
    return seats
