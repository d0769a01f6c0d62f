"""Earlier events: who sat together in an earlier plan, in this event's participant ids.

People are matched by id first; where the ids differ between events, by e-mail address, then
by name and organisation together, with case, accents and spacing ignored ("Jörg  Müller,
Stadt A" is "jorg muller, stadt a"). A match must be unique on both sides: two people of
this event with the same name and organisation match nobody of the earlier plan that way.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from rotation.domain import EarlierPlan, Event, Participant, Plan

__all__ = ["earlier_plan", "match_people", "with_history"]


def _plain(text: str) -> str:
    """Case, accents and spacing removed: the key for names and organisations."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


def _unique(people: Sequence[Participant], key: Callable[[Participant], str]) -> dict[str, str]:
    """Key -> participant id, for keys that are non-empty and held by exactly one person."""
    found: dict[str, list[str]] = {}
    for person in people:
        value = key(person)
        if value:
            found.setdefault(value, []).append(person.id)
    return {value: ids[0] for value, ids in found.items() if len(ids) == 1}


def _email(person: Participant) -> str:
    return person.email.strip().casefold()


def _name_and_organisation(person: Participant) -> str:
    name = _plain(person.name)
    return f"{name}\0{_plain(person.organisation)}" if name else ""


def match_people(event: Event, earlier: Event) -> dict[str, str]:
    """Earlier participant id -> this event's participant id, for everyone matched."""
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for person in earlier.participants:
        if event.has_participant(person.id):
            matched[person.id] = person.id
            taken.add(person.id)
    for key in (_email, _name_and_organisation):
        here = _unique([p for p in event.participants if p.id not in taken], key)
        there = _unique([p for p in earlier.participants if p.id not in matched], key)
        for value, earlier_id in there.items():
            own = here.get(value)
            if own is not None:
                matched[earlier_id] = own
                taken.add(own)
    return matched


def earlier_plan(event: Event, plan: Plan, name: str = "") -> EarlierPlan:
    """The tables of an earlier plan as groups of this event's people."""
    matched = match_people(event, plan.event)
    tables: dict[tuple[int, str], list[str]] = {}
    for (person, phase), table in plan.seats.items():
        own = matched.get(person)
        if own is not None:
            tables.setdefault((phase, table), []).append(own)
    groups = tuple(tuple(members) for _, members in sorted(tables.items()))
    return EarlierPlan(name or plan.event.name, groups, matched=len(set(matched.values())))


def with_history(
    event: Event, plans: Sequence[Plan], names: Mapping[int, str] | None = None
) -> Event:
    """The event with the earlier plans added to its history (``names`` by position)."""
    earlier = tuple(
        earlier_plan(event, plan, (names or {}).get(n, "")) for n, plan in enumerate(plans)
    )
    return dataclasses.replace(event, history=(*event.history, *earlier))
