"""The goals' metrics, computed from the seats alone (DESIGN section 4).

Seats that name unknown people, phases or tables are left out here; the rules report them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from rotation.domain import Event, Metrics, Seats

__all__ = [
    "attribute_deviation",
    "compute_metrics",
    "earlier_encounters",
    "encounter_counts",
    "moved_seats",
    "pairs",
    "repeat_encounters",
    "same_organisation_pairs",
    "table_members",
    "uneven_table_sizes",
    "unmet_preferences",
]

Members = dict[tuple[int, str], list[str]]


def pairs(n: int) -> int:
    """C(n, 2): the pairs among n people."""
    return n * (n - 1) // 2


def table_members(event: Event, seats: Seats) -> Members:
    """Participant ids per (phase, table), in the event's participant order."""
    members: Members = defaultdict(list)
    phases = set(event.phase_numbers)
    for participant in event.participants:
        for phase in phases:
            table = seats.get((participant.id, phase))
            if table is not None and event.has_table(table):
                members[phase, table].append(participant.id)
    return members


def encounter_counts(event: Event, seats: Seats) -> dict[str, Counter[str]]:
    """For each participant: how many phases they share a table with each other person.

    >>> from rotation.domain import Participant
    >>> people = [Participant(name) for name in ("ann", "bo", "cy")]
    >>> event = Event.build(people, themes=["Water"], tables_per_theme=2, phases=2)
    >>> seats = {("ann", 1): "W1", ("bo", 1): "W1", ("cy", 1): "W2",
    ...          ("ann", 2): "W1", ("bo", 2): "W1", ("cy", 2): "W1"}
    >>> met = encounter_counts(event, seats)
    >>> dict(met["ann"]), dict(met["cy"])
    ({'bo': 2, 'cy': 1}, {'ann': 1, 'bo': 1})
    """
    return _encounters(event, table_members(event, seats))


def _encounters(event: Event, members: Members) -> dict[str, Counter[str]]:
    """Encounter counts from the tables' members (see :func:`encounter_counts`)."""
    met: dict[str, Counter[str]] = {p.id: Counter() for p in event.participants}
    for group in members.values():
        for person in group:
            counter = met[person]
            counter.update(group)
            counter[person] -= 1
    for counter in met.values():
        for other in [o for o, m in counter.items() if m <= 0]:
            del counter[other]
    return met


def repeat_encounters(met: Mapping[str, Counter[str]]) -> tuple[int, int]:
    """Soft: sum over pairs of C(m, 2) for m shared phases, and the pairs with m > 1."""
    total = repeated = 0
    for counter in met.values():
        for m in counter.values():
            if m > 1:
                total += pairs(m)
                repeated += 1
    # Every pair was counted from both sides.
    return total // 2, repeated // 2


def same_organisation_pairs(event: Event, members: Members) -> int:
    """Soft: pairs of colleagues of one organisation at one table, over phases and tables."""
    organisation = {p.id: p.organisation for p in event.participants}
    total = 0
    for group in members.values():
        counts = Counter(organisation[p] for p in group if organisation[p])
        total += sum(pairs(n) for n in counts.values())
    return total


def attribute_deviation(event: Event, members: Members) -> tuple[dict[str, float], float]:
    """Soft: per attribute, sum of ``|count - share x size|``; and the largest single deviation.

    The share of a value is its fraction among the people present in that phase.
    """
    by_attribute: dict[str, float] = {}
    largest = 0.0
    for attribute in event.balance:
        total = 0.0
        value_of = {p.id: p.attributes.get(attribute, "") for p in event.participants}
        for phase in event.phase_numbers:
            present = [p.id for p in event.present_in(phase)]
            if not present:
                continue
            overall = Counter(value_of[p] for p in present)
            for table in event.tables_in(phase):
                group = members.get((phase, table.id), [])
                here = Counter(value_of[p] for p in group)
                for value, count in overall.items():
                    deviation = abs(here[value] - count / len(present) * len(group))
                    total += deviation
                    largest = max(largest, deviation)
        by_attribute[attribute] = total
    return by_attribute, largest


def uneven_table_sizes(event: Event, members: Members) -> int:
    """Soft: sum over phases and themes of largest minus smallest table size."""
    total = 0
    for phase in event.phase_numbers:
        for theme in event.theme_names:
            sizes = [len(members.get((phase, t.id), [])) for t in event.tables_in(phase, theme)]
            if sizes:
                total += max(sizes) - min(sizes)
    return total


def unmet_preferences(event: Event, seats: Seats) -> int:
    """Soft: participants whose first attended phase is not at their preferred theme."""
    unmet = 0
    for participant in event.participants:
        if participant.preferred_first_theme is None:
            continue
        first = next((ph for ph in event.phase_numbers if participant.attends(ph)), None)
        table = seats.get((participant.id, first)) if first is not None else None
        theme = event.table(table).theme if table and event.has_table(table) else None
        if theme != participant.preferred_first_theme:
            unmet += 1
    return unmet


def moved_seats(event: Event, seats: Seats) -> int:
    """Soft: seats of a re-plan's previous plan that changed (for people still present)."""
    moved = 0
    for (participant, phase), table in event.previous_seats.items():
        now = seats.get((participant, phase))
        if now is not None and now != table:
            moved += 1
    return moved


def earlier_encounters(event: Event, members: Members) -> int:
    """Soft: pairs of one earlier table who share a table now, over earlier tables and phases.

    >>> from rotation.domain import EarlierPlan, Participant
    >>> people = [Participant(name) for name in ("ann", "bo", "cy")]
    >>> event = Event.build(people, themes=["Water"], tables_per_theme=2, phases=1)
    >>> event = Event(event.participants, event.themes, event.tables, event.phases,
    ...               history=(EarlierPlan("last year", (("ann", "bo", "cy"),)),))
    >>> earlier_encounters(event, {(1, "W1"): ["ann", "bo"], (1, "W2"): ["cy"]})
    1
    """
    group_of: dict[str, list[int]] = defaultdict(list)
    for n, group in enumerate(g for earlier in event.history for g in earlier.groups):
        for person in group:
            group_of[person].append(n)
    total = 0
    for people in members.values():
        counts = Counter(n for person in people for n in group_of.get(person, ()))
        total += sum(pairs(n) for n in counts.values())
    return total


def compute_metrics(event: Event, seats: Seats) -> Metrics:
    """Every metric of DESIGN section 4 for these seats."""
    members = table_members(event, seats)
    met = _encounters(event, members)
    repeats, repeated_pairs = repeat_encounters(met)
    by_attribute, largest = attribute_deviation(event, members)
    contacts = [len(met[p.id]) for p in event.participants]
    return Metrics(
        repeat_encounters=repeats,
        repeat_pairs=repeated_pairs,
        same_organisation_pairs=same_organisation_pairs(event, members),
        attribute_deviation=sum(by_attribute.values()),
        attribute_deviation_max=largest,
        attribute_deviation_by_attribute=by_attribute,
        uneven_table_sizes=uneven_table_sizes(event, members),
        unmet_preferences=unmet_preferences(event, seats),
        distinct_contacts_mean=sum(contacts) / len(contacts) if contacts else 0.0,
        distinct_contacts_min=min(contacts) if contacts else 0,
        moved_seats=moved_seats(event, seats),
        earlier_encounters=earlier_encounters(event, members),
    )
