"""Read-only views of a plan that several sheets share: table blocks, seat labels, roles.

Seats naming unknown tables or people (a plan edited by hand) are shown, not dropped: the
organiser should see them where they sit; the checker reports them as broken rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from rotation.domain import Event, Participant, Plan

__all__ = ["TableBlock", "attribute", "member_name", "seat_label", "table_blocks", "unseated"]


@dataclass(frozen=True)
class TableBlock:
    """The people at one table in one phase; ``known`` is False for a table not in the event."""

    phase: int
    table: str
    theme: str
    host: str | None
    members: tuple[str, ...]
    known: bool = True


def attribute(person: Participant, key: str) -> str:
    """An attribute's value, the key matched without regard to case ("" when missing)."""
    if key in person.attributes:
        return person.attributes[key]
    wanted = key.casefold()
    for name, value in person.attributes.items():
        if name.casefold() == wanted:
            return value
    return ""


def member_name(event: Event, participant_id: str) -> str:
    """The display name of a participant id (the id itself when unknown)."""
    if event.has_participant(participant_id):
        return event.participant(participant_id).label
    return participant_id


def seat_label(event: Event, table_id: str | None, unknown: str = "?") -> str:
    """``"A1 (Integration und Teilhabe)"`` for a seat; ``unknown`` theme for a stray table."""
    if table_id is None:
        return ""
    theme = event.table(table_id).theme if event.has_table(table_id) else unknown
    return f"{table_id} ({theme})"


def table_blocks(plan: Plan, phase: int, unknown_theme: str = "?") -> list[TableBlock]:
    """One block per table running (or used) in ``phase``: host first, then by name."""
    event = plan.event
    seated: dict[str, list[str]] = {}
    for (person, ph), table_id in plan.seats.items():
        if ph == phase:
            seated.setdefault(table_id, []).append(person)
    blocks = []
    for table in event.tables:
        if not table.runs_in(phase) and table.id not in seated:
            continue
        blocks.append(
            TableBlock(
                phase,
                table.id,
                table.theme,
                table.host,
                _ordered(event, seated.get(table.id, []), table.host),
            )
        )
    for table_id in sorted(t for t in seated if not event.has_table(t)):
        blocks.append(
            TableBlock(
                phase, table_id, unknown_theme, None, _ordered(event, seated[table_id], None), False
            )
        )
    return blocks


def unseated(plan: Plan, phase: int) -> list[str]:
    """Ids of people attending ``phase`` who have no seat in it."""
    return [
        p.id
        for p in plan.event.participants
        if p.attends(phase) and (p.id, phase) not in plan.seats
    ]


def _ordered(event: Event, members: list[str], host: str | None) -> tuple[str, ...]:
    def key(participant_id: str) -> tuple[bool, str, str]:
        return (
            participant_id != host,
            member_name(event, participant_id).casefold(),
            participant_id,
        )

    return tuple(sorted(members, key=key))
