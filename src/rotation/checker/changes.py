"""What a re-plan changed: the seats of the re-planned phases before and after.

A re-planned event keeps the seats of the plan it changes in those phases
(``Event.previous_seats``); the phases before them are frozen and cannot differ. So the
differences between the two Assignments sheets are exactly the differences between the
previous seats and the plan's seats in the re-planned phases.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from rotation.domain import Plan

__all__ = ["Change", "ChangeKind", "Changes", "plan_changes"]


class ChangeKind(enum.Enum):
    """Why a seat differs from the plan that was changed."""

    MOVED = "moved"
    """Seated before and now, at another table."""
    ADDED = "added"
    """Seated now, not before (a late arrival, or someone who now attends this phase)."""
    ABSENT = "absent"
    """Seated before, not now."""


@dataclass(frozen=True)
class Change:
    """One seat that differs: who, in which phase, the table before and the table now."""

    participant_id: str
    phase: int
    before: str | None
    after: str | None

    @property
    def kind(self) -> ChangeKind:
        """Moved, added or absent."""
        if self.before is None:
            return ChangeKind.ADDED
        if self.after is None:
            return ChangeKind.ABSENT
        return ChangeKind.MOVED


@dataclass(frozen=True)
class Changes:
    """Every changed seat of a re-plan, in the event's participant order, then by phase.

    ``added`` are the people seated in the re-planned phases who had no seat there before
    (late arrivals); ``absent`` those who had a seat there and now have none.
    """

    seats: tuple[Change, ...] = ()
    added: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    def of_kind(self, kind: ChangeKind) -> tuple[Change, ...]:
        """The changed seats of one kind."""
        return tuple(c for c in self.seats if c.kind is kind)

    @property
    def moved(self) -> tuple[Change, ...]:
        """Seats that moved to another table."""
        return self.of_kind(ChangeKind.MOVED)

    def _tables(self, person: str, after: bool) -> dict[str, str | None]:
        return {
            str(c.phase): c.after if after else c.before
            for c in self.seats
            if c.participant_id == person
        }

    def as_dict(self) -> dict[str, object]:
        """The JSON form: moved seats, added and absent people with their tables."""
        return {
            "moved": [
                {
                    "participant_id": c.participant_id,
                    "phase": c.phase,
                    "from": c.before,
                    "to": c.after,
                }
                for c in self.moved
            ],
            "added": [
                {"participant_id": p, "tables": self._tables(p, after=True)} for p in self.added
            ],
            "absent": [
                {"participant_id": p, "tables": self._tables(p, after=False)} for p in self.absent
            ],
        }


def plan_changes(plan: Plan) -> Changes:
    """The changed seats of a re-plan (none for a plan that changes no earlier plan)."""
    event, previous = plan.event, plan.event.previous_seats
    phases = sorted({r for (_, r) in previous})
    if not phases:
        return Changes(())
    replanned = [r for r in event.phase_numbers if r >= phases[0]]
    changes = []
    for person in event.participants:
        for r in replanned:
            before, after = previous.get((person.id, r)), plan.seats.get((person.id, r))
            if before != after:
                changes.append(Change(person.id, r, before, after))
    seated_before = {p for (p, _) in previous}
    seated_now = {p for (p, r) in plan.seats if r in replanned}
    people = [p.id for p in event.participants]
    return Changes(
        tuple(changes),
        added=tuple(p for p in people if p in seated_now and p not in seated_before),
        absent=tuple(p for p in people if p in seated_before and p not in seated_now),
    )
