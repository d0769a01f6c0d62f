"""Synthetic events and hand-made valid plans for the plan workbook tests (no solver needed)."""

from __future__ import annotations

from rotation.domain import Event, Participant, Plan, SolveRecord, Status

THEMES = ("Integration und Teilhabe", "Gleichstellung und Vielfalt")
ORGANISATIONS = (
    "Stadt Nordhausen",
    "Gemeinde Lindenau",
    "Kreis Süderfeld",
    "Bundesministerium (Referat 12)",
    "Programmbüro Vielfalt",
    "Verein Miteinander e.V.",
)
ROLES = ("Bürgermeister·in", "Sachbearbeitung", "Referent·in", "Projektleitung")


def people(count: int, *, organisation_of: dict[int, str] | None = None) -> list[Participant]:
    """``count`` synthetic participants with organisation, role and gender."""
    special = organisation_of or {}
    return [
        Participant(
            id=f"p{i:03d}",
            name=f"Person {i:03d}",
            organisation=special.get(i, ORGANISATIONS[i % len(ORGANISATIONS)]),
            attributes={"role": ROLES[i % len(ROLES)], "gender": "fm"[i % 2]},
        )
        for i in range(1, count + 1)
    ]


def event_for(
    count: int,
    *,
    tables_per_theme: int = 3,
    themes: tuple[str, ...] = THEMES,
    organisation_of: dict[int, str] | None = None,
) -> Event:
    """An event with one phase per theme, balancing gender."""
    return Event.build(
        people(count, organisation_of=organisation_of),
        themes=themes,
        tables_per_theme=tables_per_theme,
        balance=("gender",),
        name="Regionales Werkstatttreffen",
    )


def rotation_plan(event: Event) -> Plan:
    """A valid plan: group g of K equal groups sees theme g + phase - 1 (mod K), so everyone
    has every theme once; later phases shift people so that table-mates mostly part."""
    themes = event.theme_names
    seats: dict[tuple[str, int], str] = {}
    total = len(event.participants)
    for index, person in enumerate(event.participants):
        group = index * len(themes) // total
        position = index - -(-group * total // len(themes))
        for phase in event.phase_numbers:
            theme = themes[(group + phase - 1) % len(themes)]
            tables = event.tables_in(phase, theme)
            shift = (phase - 1) * (position // len(tables))
            seats[person.id, phase] = tables[(position + shift) % len(tables)].id
    record = SolveRecord(status=Status.FEASIBLE, seed=7, workers=1, solver="by hand 1.0")
    return Plan(event, seats, record)
