"""The list sheets of the plan workbook: Participants, Tables, Encounters, Assignments.

Each is one header row (frozen) over one row per item, with filter buttons (an Excel table),
columns sized to their content, printable on A4 landscape.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rotation.checker import encounter_counts
from rotation.domain import Event, Plan
from rotation.io.workbook.labels import ASSIGNMENT_COLUMNS, Labels
from rotation.io.workbook.layout import list_sheet
from rotation.io.workbook.phase_sheets import phase_sheet_title
from rotation.io.workbook.view import attribute, member_name, seat_label, table_blocks

__all__ = [
    "assignment_rows",
    "write_assignments",
    "write_encounters",
    "write_participants",
    "write_tables",
]


def _extra_attributes(event: Event) -> list[str]:
    return [a for a in event.balance if a.casefold() != "role"]


def write_participants(workbook: Any, plan: Plan, labels: Labels) -> Any:
    """A row per person, a column per phase with "table (theme)"."""
    event = plan.event
    ws = workbook.create_sheet(labels.participants)
    extra = _extra_attributes(event)
    headers = [labels.id, labels.name, labels.organisation, labels.role, *extra]
    headers += [phase_sheet_title(labels, ph) for ph in event.phase_numbers]
    rows = []
    for person in event.participants:
        row: list[object] = [person.id, person.name, person.organisation]
        row += [attribute(person, "role"), *(attribute(person, a) for a in extra)]
        for phase in event.phase_numbers:
            table = plan.seats.get((person.id, phase))
            if table is None:
                row.append("" if person.attends(phase) else labels.not_present)
            else:
                row.append(seat_label(event, table, labels.unknown))
        rows.append(row)
    list_sheet(
        ws,
        headers,
        rows,
        table_name="Participants",
        footer=labels.page_footer,
        wrap_columns=(3,),
        maximum_width=45,
    )
    return ws


def _value_label(attribute_name: str, value: str) -> str:
    return f"{attribute_name}: {value or '–'}"


def write_tables(workbook: Any, plan: Plan, labels: Labels) -> Any:
    """Per phase and table: size, capacity and counts per balanced attribute value."""
    event = plan.event
    ws = workbook.create_sheet(labels.tables)
    values = {a: event.attribute_values(a) for a in event.balance}
    headers = [labels.phase, labels.table, labels.theme, labels.host, labels.size]
    headers += [labels.minimum, labels.maximum]
    headers += [_value_label(a, v) for a, vs in values.items() for v in vs]
    rows = []
    for phase in event.phase_numbers:
        for block in table_blocks(plan, phase, labels.unknown):
            table = event.table(block.table) if block.known else None
            row: list[object] = [phase, block.table, block.theme]
            row.append(member_name(event, block.host) if block.host else "")
            row += [len(block.members)]
            row += [table.min_size, table.max_size] if table else ["", ""]
            people = [event.participant(m) for m in block.members if event.has_participant(m)]
            for name, options in values.items():
                counts = Counter(attribute(p, name) for p in people)
                row += [counts[v] for v in options]
            rows.append(row)
    list_sheet(ws, headers, rows, table_name="Tables", footer=labels.page_footer)
    return ws


def write_encounters(workbook: Any, plan: Plan, labels: Labels) -> Any:
    """Per person: distinct contacts, and whom they meet more than once in which phases."""
    event = plan.event
    ws = workbook.create_sheet(labels.encounters)
    met = encounter_counts(event, plan.seats)
    headers = [labels.id, labels.name, labels.organisation, labels.distinct_contacts]
    headers += [labels.meets_again_count, labels.meets_again]
    rows = []
    for person in event.participants:
        counter = met.get(person.id, Counter())
        again = sorted(
            (other for other, m in counter.items() if m > 1),
            key=lambda o: (member_name(event, o).casefold(), o),
        )
        details = []
        for other in again:
            shared = [
                labels.figure(ph)
                for ph in event.phase_numbers
                if plan.seats.get((person.id, ph)) is not None
                and plan.seats.get((person.id, ph)) == plan.seats.get((other, ph))
            ]
            details.append(
                f"{member_name(event, other)} ({labels.phases_word} {', '.join(shared)})"
            )
        rows.append(
            [
                person.id,
                person.name,
                person.organisation,
                len(counter),
                len(again),
                "\n".join(details),
            ]
        )
    list_sheet(
        ws,
        headers,
        rows,
        table_name="Encounters",
        footer=labels.page_footer,
        wrap_columns=(3, 6),
        maximum_width=45,
    )
    return ws


def assignment_rows(plan: Plan) -> list[tuple[str, str, int, str, str]]:
    """(participant_id, name, phase, table, theme) per seat: the event's people first, in
    order, then any seat of an unknown person (a plan edited by hand)."""
    event = plan.event
    rows = []
    for person in event.participants:
        for phase in sorted({ph for (p, ph) in plan.seats if p == person.id}):
            table = plan.seats[person.id, phase]
            theme = event.table(table).theme if event.has_table(table) else ""
            rows.append((person.id, person.name, phase, table, theme))
    for (person_id, phase), table in sorted(plan.seats.items()):
        if not event.has_participant(person_id):
            theme = event.table(table).theme if event.has_table(table) else ""
            rows.append((person_id, "", phase, table, theme))
    return rows


def write_assignments(workbook: Any, plan: Plan, labels: Labels) -> Any:
    """The machine-readable contract: exactly participant_id, name, phase, table, theme."""
    ws = workbook.create_sheet(labels.assignments)
    rows = assignment_rows(plan)
    list_sheet(
        ws,
        ASSIGNMENT_COLUMNS,
        rows,
        table_name="Assignments",
        landscape=False,
        footer=labels.page_footer,
    )
    return ws
