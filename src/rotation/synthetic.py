"""Synthetic events for examples, tests and benchmarks (made-up people, fixed seed).

Organisations have uneven sizes (a few large ones, many small ones), as in real
registration lists; gender and role follow the sample data's values.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from rotation.domain import Event, Goals, Participant, ThemeCoverage

__all__ = ["GENDERS", "ROLES", "synthetic_event", "synthetic_participants"]

GENDERS = ("w", "m", "d")
ROLES = ("Verwaltung", "Politik", "Zivilgesellschaft", "Wissenschaft", "Beratung")
_FIRST = ("Anna", "Jonas", "Maria", "Lukas", "Özlem", "Paul", "Sophie", "Emre", "Lena", "Jörg")
_LAST = ("Becker", "Demir", "Weiß", "Brinkmann", "Schäfer", "Yılmaz", "Koch", "Nowak", "Meyer")


def synthetic_participants(
    count: int, *, organisations: int = 12, seed: int = 0
) -> list[Participant]:
    """``count`` made-up people from ``organisations`` organisations of uneven size."""
    rng = random.Random(seed)
    weights = [1.0 / (1 + 0.35 * j) for j in range(organisations)]
    people = []
    for n in range(count):
        org = rng.choices(range(organisations), weights)[0] if n >= organisations else n
        gender = rng.choices(GENDERS, (0.48, 0.48, 0.04))[0]
        people.append(
            Participant(
                id=f"{n + 1:04d}",
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                organisation=f"Organisation {org + 1:02d}",
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
) -> Event:
    """A synthetic event; the reference event is ``synthetic_event(50)``."""
    names = (
        [f"Theme {chr(65 + j)}" for j in range(themes)] if isinstance(themes, int) else list(themes)
    )
    return Event.build(
        synthetic_participants(count, organisations=organisations, seed=seed),
        themes=names,
        tables_per_theme=tables_per_theme,
        table_size=table_size,
        phases=phases,
        balance=balance,
        coverage=coverage,
        goals=goals,
        name=f"Synthetic event ({count} people)",
    )
