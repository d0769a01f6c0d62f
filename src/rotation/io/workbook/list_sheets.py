"""The list sheets of the plan workbook: Changes, Participants, Tables, Encounters, Assignments.

Participants, Encounters and Assignments are one header row (frozen) over one row per item,
with filter buttons (an Excel table), columns sized to their content. The Tables sheet is a
block per phase with a column per table. Encounters and Assignments are for the screen and
for other tools: they are left out of the print.
"""

from __future__ import annotations

from collections import Counter

from openpyxl.styles import Alignment, Border
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from rotation.checker import encounter_counts, plan_changes
from rotation.domain import Event, Plan
from rotation.io.saving import new_sheet, put
from rotation.io.workbook.labels import ASSIGNMENT_COLUMNS, Labels
from rotation.io.workbook.layout import (
    HEADER_FILL,
    HEADER_FONT,
    THIN,
    font,
    list_sheet,
    not_printed,
    print_on_a4,
)
from rotation.io.workbook.phase_sheets import phase_sheet_title, role_header
from rotation.io.workbook.view import (
    TableBlock,
    attribute,
    member_name,
    seat_label,
    table_blocks,
)

__all__ = [
    "assignment_rows",
    "write_assignments",
    "write_changes",
    "write_encounters",
    "write_participants",
    "write_tables",
]


def _extra_attributes(event: Event) -> list[str]:
    return [a for a in event.balance if a.casefold() != "role"]


def write_participants(workbook: Workbook, plan: Plan, labels: Labels) -> Worksheet:
    """A row per person, a column per phase with "table (theme)"."""
    event = plan.event
    ws = new_sheet(workbook, labels.participants)
    extra = _extra_attributes(event)
    headers = [labels.id, labels.name, labels.organisation, role_header(event, labels)]
    headers += [event.attribute_label(a) for a in extra]
    headers += [phase_sheet_title(labels, ph) for ph in event.phase_numbers]
    headers.append(labels.present)
    gone = set(plan_changes(plan).absent)
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
        # An organiser types "no" here for someone who does not come (read by replan).
        row.append(labels.no if person.id in gone else labels.yes)
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


TABLES_PER_BLOCK = 8
"""Tables side by side in one block of the Tables sheet; more continue in the next block."""
_TABLE_COLUMN_WIDTH = 13


def write_tables(workbook: Workbook, plan: Plan, labels: Labels) -> Worksheet:
    """Per phase a block: a column per table, a row each for theme, host, size and every
    balanced attribute value ("Geschlecht: w"), so it prints readably on A4 landscape."""
    event = plan.event
    ws = new_sheet(workbook, labels.tables)
    values = {a: event.attribute_values(a) for a in event.balance}
    hosts = any(t.host for t in event.tables)
    label_width, widest = 12, 1
    row = 1
    for phase in event.phase_numbers:
        blocks = table_blocks(plan, phase, labels.unknown)
        for start in range(0, len(blocks), TABLES_PER_BLOCK):
            chunk = blocks[start : start + TABLES_PER_BLOCK]
            lines: list[tuple[str, list[object]]] = [
                (phase_sheet_title(labels, phase), [b.table for b in chunk]),
                (labels.theme, [b.theme for b in chunk]),
            ]
            if hosts:
                lines.append(
                    (labels.host, [member_name(event, b.host) if b.host else "" for b in chunk])
                )
            lines.append((labels.size, [_size(event, b) for b in chunk]))
            for name, options in values.items():
                for value in options:
                    label = f"{event.attribute_label(name)}: {value or '–'}"
                    counts: list[object] = [_count(event, b.members, name, value) for b in chunk]
                    lines.append((label, counts))
            for k, (head, cells) in enumerate(lines):
                put(ws, row, 1, head)
                label_width = max(label_width, len(head) + 2)
                widest = max(widest, len(cells))
                for column, shown in enumerate(cells, start=2):
                    cell = put(ws, row, column, shown)
                    cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
                _style_tables_row(ws, row, len(cells), header=k == 0, theme=k == 1)
                row += 1
            row += 1
    ws.column_dimensions["A"].width = min(label_width, 40)
    for column in range(2, widest + 2):
        ws.column_dimensions[get_column_letter(column)].width = _TABLE_COLUMN_WIDTH
    ws.freeze_panes = "B1"
    print_on_a4(ws, landscape=True, footer=labels.page_footer)
    return ws


def _size(event: Event, block: TableBlock) -> str:
    """``8 / 10``: people at the table and its seats (``8 / 6–10`` with a minimum)."""
    if not block.known:
        return str(len(block.members))
    table = event.table(block.table)
    seats = f"{table.min_size}–{table.max_size}" if table.min_size else str(table.max_size)
    return f"{len(block.members)} / {seats}"


def _count(event: Event, members: tuple[str, ...], name: str, value: str) -> int:
    people = [event.participant(m) for m in members if event.has_participant(m)]
    return sum(1 for p in people if attribute(p, name) == value)


def _style_tables_row(ws: Worksheet, row: int, cells: int, *, header: bool, theme: bool) -> None:
    for column in range(1, cells + 2):
        cell = ws.cell(row=row, column=column)
        if header:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
        else:
            cell.border = Border(bottom=THIN)
        if column == 1:
            cell.alignment = Alignment(vertical="top")
            if not header:
                cell.font = font(bold=True)
    if theme:
        longest = max(
            (len(str(ws.cell(row=row, column=c).value or "")) for c in range(2, cells + 2)),
            default=0,
        )
        lines = max(1, -(-longest // (_TABLE_COLUMN_WIDTH - 1)))
        if lines > 1:
            ws.row_dimensions[row].height = 13 * lines


def write_encounters(workbook: Workbook, plan: Plan, labels: Labels) -> Worksheet:
    """Per person: distinct contacts, and whom they meet more than once in which phases."""
    event = plan.event
    ws = new_sheet(workbook, labels.encounters)
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
    not_printed(ws)
    return ws


def assignment_rows(plan: Plan) -> list[tuple[str, str, int, str, str]]:
    """(participant_id, name, phase, table, theme) per seat: the event's people first, in
    order, then any seat of an unknown person (a plan edited by hand)."""
    event = plan.event
    phases: dict[str, list[int]] = {}
    for person_id, phase in plan.seats:
        phases.setdefault(person_id, []).append(phase)
    rows = []
    for person in event.participants:
        for phase in sorted(phases.get(person.id, ())):
            table = plan.seats[person.id, phase]
            theme = event.table(table).theme if event.has_table(table) else ""
            rows.append((person.id, person.name, phase, table, theme))
    for (person_id, phase), table in sorted(plan.seats.items()):
        if not event.has_participant(person_id):
            theme = event.table(table).theme if event.has_table(table) else ""
            rows.append((person_id, "", phase, table, theme))
    return rows


def write_assignments(workbook: Workbook, plan: Plan, labels: Labels) -> Worksheet:
    """The machine-readable contract: exactly participant_id, name, phase, table, theme."""
    ws = new_sheet(workbook, labels.assignments)
    rows = assignment_rows(plan)
    list_sheet(
        ws,
        ASSIGNMENT_COLUMNS,
        rows,
        table_name="Assignments",
        landscape=False,
        footer=labels.page_footer,
    )
    not_printed(ws)
    return ws


def write_changes(workbook: Workbook, plan: Plan, labels: Labels) -> Worksheet:
    """A re-plan's changes: who moves where, who is new and where they sit, who is absent."""
    event = plan.event
    ws = new_sheet(workbook, labels.changes)
    headers = [labels.id, labels.name, labels.organisation, labels.phase]
    headers += [labels.before, labels.after, labels.change]
    rows = []
    for change in plan_changes(plan).seats:
        person = event.participant(change.participant_id)
        before = seat_label(event, change.before, labels.unknown)
        after = seat_label(event, change.after, labels.unknown)
        rows.append(
            [
                person.id,
                person.name,
                person.organisation,
                change.phase,
                before,
                after,
                labels.change_kinds[change.kind.value],
            ]
        )
    if not rows:
        rows.append(["", labels.no_changes, "", "", "", "", ""])
    list_sheet(ws, headers, rows, table_name="Changes", footer=labels.page_footer)
    return ws
