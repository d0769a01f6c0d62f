"""``read_plan``: a plan workbook back into a :class:`~rotation.domain.Plan`, also after edits.

The seats come from the Assignments sheet (``Assignments`` or ``Zuteilungen``, or any sheet
whose header row holds ``participant_id``, ``phase`` and ``table``). An organiser may have
edited it by hand: moved a person, deleted a row, typed ``a1`` or `` A 1 `` for table ``A1``,
or ``Phase 2`` for phase 2. Ids are matched exactly first, then ignoring case, spaces and
punctuation (:class:`~rotation.io.cells.IdMatcher`, as in a registration file); what still
matches nothing is kept as typed, so the checker reports it as a broken rule
instead of the reader crashing. Only what cannot be read at all (no such sheet, a phase that
is no number, two tables for one person in one phase) is an :class:`InputError` naming sheet,
row and column.

The event comes from the caller, else from the hidden ``rotation-data`` sheet, else it is
rebuilt from the Assignments rows alone (capacities then follow the seats).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from rotation.checker import check
from rotation.domain import (
    CheckedPlan,
    Event,
    Participant,
    Phase,
    Plan,
    SolveRecord,
    Status,
    Table,
    Theme,
)
from rotation.errors import InputError, Problem
from rotation.io.cells import (
    CellValue,
    IdMatcher,
    clean_id,
    clean_text,
    fold,
    whole_number,
)
from rotation.io.inspection import inspect_file
from rotation.io.sheets import HEADER_SEARCH_ROWS, find_header_row
from rotation.io.workbook.data_sheet import (
    event_from_json,
    read_data_sheet,
    record_from_json,
    seats_fingerprint,
)
from rotation.io.workbook.labels import ASSIGNMENT_COLUMNS, DATA_SHEET, labels_for
from rotation.io.xlsx import open_workbook, sheet_rows
from rotation.limits import MAX_PHASES

__all__ = ["read_plan", "read_plan_to_change"]

log = logging.getLogger(__name__)
T = TypeVar("T")

_SHEET_NAMES = {labels_for(lang).assignments.casefold() for lang in ("en", "de")}
_REQUIRED = {fold(column): column for column in ("participant_id", "phase", "table")}
_TRAILING_NUMBER = re.compile(r"([0-9]+)\s*$")
_PARTICIPANT_SHEETS = {labels_for(lang).participants.casefold() for lang in ("en", "de")}
_PRESENT_HEADERS = {"present", "anwesend"}
_YES = {"yes", "ja", "y", "j", "1", "true", "wahr", "x"}
_NO = {"no", "nein", "n", "0", "false", "falsch", "-"}
EDITED_NOTE = "The seats were changed after solving; the figures are the checker's."
REBUILT_NOTE = (
    "The event was rebuilt from the Assignments sheet alone: table capacities follow the "
    "seats; hosts, pins and groups are unknown."
)


@dataclass(frozen=True)
class _Row:
    """One readable Assignments row."""

    number: int
    participant: str
    name: str
    phase: int
    table: str
    theme: str


def _open(path: Path) -> Workbook:
    name = path.name
    if not path.is_file():
        raise InputError.single("The plan file does not exist.", hint="check the path", file=name)
    inspect_file(path)
    return open_workbook(path)


def _required_column(header: str) -> str | None:
    return _REQUIRED.get(fold(header))


def _find_sheet(workbook: Workbook, name: str) -> tuple[Worksheet, int, dict[str, int]]:
    """The Assignments sheet, its header row number and column positions by header."""
    candidates = [ws for ws in workbook.worksheets if ws.title.casefold() in _SHEET_NAMES]
    candidates += [ws for ws in workbook.worksheets if ws not in candidates]
    for ws in candidates:
        top = list(sheet_rows(ws, name, max_row=HEADER_SEARCH_ROWS))
        position = find_header_row(top, _required_column, least=len(_REQUIRED))
        if position is not None:
            headers = {fold(clean_text(v)): k for k, v in enumerate(top[position])}
            return ws, position + 1, headers
        if ws.title.casefold() in _SHEET_NAMES:
            raise InputError.single(
                f"The sheet has no header row with the columns {', '.join(ASSIGNMENT_COLUMNS)}.",
                hint="restore the header row (row 1)",
                file=name,
                sheet=ws.title,
            )
    raise InputError.single(
        f"The workbook has no Assignments sheet (columns {', '.join(ASSIGNMENT_COLUMNS)}).",
        hint="choose a plan workbook written by rotation, or add such a sheet",
        file=name,
    )


def _phase_number(value: CellValue, phase_names: Mapping[str, int]) -> int | None:
    """The phase a cell names (2, "2", "Phase 2", a phase's name), from 1 to MAX_PHASES."""
    if isinstance(value, (bool, int, float)):
        number = whole_number(value, MAX_PHASES)
    else:
        text = clean_text(value)
        match = _TRAILING_NUMBER.search(text)
        number = phase_names.get(fold(text)) or (
            whole_number(match.group(1), MAX_PHASES) if match else None
        )
    return number if number else None


def _read_rows(
    ws: Worksheet, header_row: int, headers: Mapping[str, int], name: str, event: Event | None
) -> list[_Row]:
    """Every non-empty row below the header; all unreadable cells reported at once."""
    phase_names = {} if event is None else {fold(ph.name): ph.number for ph in event.phases}
    column_of = {h: headers.get(fold(h)) for h in ASSIGNMENT_COLUMNS}

    def cell(values: Sequence[CellValue], header: str) -> CellValue:
        position = column_of[header]
        return values[position] if position is not None and position < len(values) else None

    rows: list[_Row] = []
    problems: list[Problem] = []
    for number, values in enumerate(sheet_rows(ws, name), start=1):
        if number <= header_row:
            continue
        participant = clean_id(cell(values, "participant_id"))
        table = clean_id(cell(values, "table"))
        raw_phase = cell(values, "phase")
        if not participant and not table and clean_text(raw_phase) == "":
            continue
        where = Problem("", file=name, sheet=ws.title, row=number)
        if not participant:
            problems.append(where.at("The participant id is empty.", column="participant_id"))
            continue
        phase = _phase_number(raw_phase, phase_names)
        if phase is None:
            problems.append(
                where.at(
                    f"The phase of participant '{participant}' is not a phase number from 1 to "
                    f"{MAX_PHASES}.",
                    "write the phase as a number, e.g. 2",
                    column="phase",
                )
            )
            continue
        if not table:
            # An empty table means "no seat"; the checker reports it if the person attends.
            continue
        rows.append(
            _Row(
                number,
                participant,
                clean_text(cell(values, "name")),
                phase,
                table,
                clean_text(cell(values, "theme")),
            )
        )
    if problems:
        raise InputError(problems, file=name)
    return rows


def _seats(rows: list[_Row], event: Event, name: str, sheet: str) -> dict[tuple[str, int], str]:
    """The seats with ids matched to the event; a person with two tables in a phase is an error."""
    people = IdMatcher(p.id for p in event.participants)
    tables = IdMatcher(t.id for t in event.tables)
    seats: dict[tuple[str, int], str] = {}
    first_row: dict[tuple[str, int], int] = {}
    problems = []
    for row in rows:
        unclear = [
            (column, typed, matches)
            for column, typed, matcher in (
                ("participant_id", row.participant, people),
                ("table", row.table, tables),
            )
            if (matches := matcher.ambiguous(typed))
        ]
        for column, typed, matches in unclear:
            problems.append(
                Problem(
                    f"'{typed}' could mean any of {', '.join(repr(m) for m in matches)}.",
                    hint="write the id exactly as it is spelled in the plan",
                    file=name,
                    sheet=sheet,
                    row=row.number,
                    column=column,
                )
            )
        if unclear:
            continue
        # An id that matches nothing stays as typed: the checker reports it as a broken rule.
        key = (people.find(row.participant) or row.participant, row.phase)
        table = tables.find(row.table) or row.table
        if key in seats and seats[key] != table:
            problems.append(
                Problem(
                    f"Participant '{key[0]}' has two tables in phase {row.phase} "
                    f"('{seats[key]}' in row {first_row[key]}, '{table}' here).",
                    hint="delete one of the two rows",
                    file=name,
                    sheet=sheet,
                    row=row.number,
                    column="table",
                )
            )
            continue
        seats[key] = table
        first_row.setdefault(key, row.number)
    if problems:
        raise InputError(problems, file=name)
    return seats


def _event_from_rows(rows: list[_Row], name: str) -> Event:
    """A plain event from the Assignments rows alone: people, tables, themes and phases."""
    people: dict[str, str] = {}
    theme_of: dict[str, str] = {}
    size: dict[tuple[str, int], int] = {}
    for row in rows:
        people.setdefault(row.participant, row.name)
        theme_of.setdefault(row.table, row.theme or "?")
        size[row.table, row.phase] = size.get((row.table, row.phase), 0) + 1
    if not rows:
        raise InputError.single("The Assignments sheet has no seats.", file=name)
    largest = {t: max(n for (u, _), n in size.items() if u == t) for t in theme_of}
    return Event(
        participants=tuple(Participant(p, n) for p, n in people.items()),
        themes=tuple(Theme(t) for t in dict.fromkeys(theme_of.values())),
        tables=tuple(Table(t, theme, largest[t]) for t, theme in theme_of.items()),
        phases=tuple(Phase(n) for n in range(1, max(r.phase for r in rows) + 1)),
        name=Path(name).stem,
    )


def _stored_event(data: Mapping[str, Any] | None, name: str) -> Event | None:
    if data is None:
        return None
    return _hidden_part(
        "event",
        lambda: event_from_json(data["event"]),
        name,
        hint="read the plan together with its registration file",
    )


def _hidden_part(part: str, read: Callable[[], T], name: str, *, hint: str) -> T:
    """One part of the hidden data sheet; damage to it becomes an InputError naming it."""
    try:
        return read()
    except InputError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
        raise InputError.single(
            f"The hidden sheet's {part} cannot be read ({type(error).__name__}).",
            hint=hint,
            file=name,
            sheet=DATA_SHEET,
        ) from None


def read_plan(path: str | PathLike[str], event: Event | None = None) -> CheckedPlan:
    """Read a plan workbook (also one edited by hand) and check it.

    The seats come from the Assignments sheet. The returned plan carries the checker's
    metrics; it keeps the solver's status and figures only when its seats are exactly those
    written, and is UNCHECKED otherwise. A broken rule is not an error here: pass the plan
    to :func:`rotation.check` to list the violations.

    Args:
        path: the plan workbook (.xlsx).
        event: the event to check against; default: the one stored in the workbook, else
            one rebuilt from the Assignments rows.

    Returns:
        The plan, with metrics and, where they still apply, the solver's bounds.

    Raises:
        InputError: the workbook cannot be read; names sheet, row and column.
    """
    source = Path(path)
    name = source.name
    workbook = _open(source)
    try:
        return _read_open_plan(workbook, name, event)
    finally:
        workbook.close()


def _read_open_plan(workbook: Any, name: str, event: Event | None) -> CheckedPlan:
    ws, header_row, headers = _find_sheet(workbook, name)
    try:
        data = read_data_sheet(workbook, name)
    except InputError:
        raise
    except (ValueError, TypeError) as error:
        if event is None:
            raise InputError.single(
                f"The hidden sheet is damaged: {error}.",
                hint="read the plan together with its registration file",
                file=name,
                sheet=DATA_SHEET,
            ) from None
        data = None
    stored = _stored_event(data, name)
    rows = _read_rows(ws, header_row, headers, name, event or stored)
    notes: tuple[str, ...] = ()
    if event is None:
        event = stored
    if event is None:
        event = _event_from_rows(rows, name)
        notes = (REBUILT_NOTE,)
    seats = _seats(rows, event, name, ws.title)

    record = SolveRecord()
    if data is not None and stored == event and isinstance(data.get("plan"), Mapping):
        stored_plan = data["plan"]
        record = _hidden_part(
            "plan figures",
            lambda: record_from_json(stored_plan),
            name,
            hint=f"delete the hidden sheet '{DATA_SHEET}' to check the seats alone",
        )
        if stored_plan.get("seats_sha256") != seats_fingerprint(seats):
            record = replace(
                record,
                status=Status.UNCHECKED,
                objective_terms={},
                notes=(*record.notes, EDITED_NOTE),
            )
    record = replace(record, notes=(*record.notes, *notes))
    report = check(event, Plan(event, seats))
    log.info("Plan read: %d seats, %d broken rules", len(seats), len(report.violations))
    return CheckedPlan(event, seats, metrics=report.metrics, record=record)


def _marked_absent(workbook: Any, name: str) -> tuple[str, ...]:
    """Ids whose "present" ("anwesend") cell in the Participants sheet says no."""
    sheets = [ws for ws in workbook.worksheets if ws.title.casefold() in _PARTICIPANT_SHEETS]
    sheet = sheets[0] if sheets else None
    if sheet is None:
        return ()
    rows = sheet.iter_rows(values_only=True)
    header = [fold(clean_text(v)) for v in next(rows, ())]
    present = next((k for k, h in enumerate(header) if h in _PRESENT_HEADERS), None)
    if present is None or "id" not in header:
        return ()
    id_column = header.index("id")
    absent, problems = [], []
    for number, values in enumerate(rows, start=2):
        person = clean_id(values[id_column]) if id_column < len(values) else ""
        answer = fold(clean_text(values[present])) if present < len(values) else ""
        if not person or answer in _YES or not answer:
            continue
        if answer in _NO:
            absent.append(person)
            continue
        problems.append(
            Problem(
                f"The present cell of participant '{person}' is neither yes nor no.",
                hint="write yes or no (ja or nein)",
                file=name,
                sheet=sheet.title,
                row=number,
                column=header[present],
            )
        )
    if problems:
        raise InputError(problems, file=name)
    return tuple(absent)


def read_plan_to_change(path: str | PathLike[str]) -> tuple[CheckedPlan, tuple[str, ...]]:
    """A plan workbook written by rotation, to re-plan: the plan and who is marked absent.

    Unlike :func:`read_plan`, the hidden data sheet must be there (a re-plan keeps the
    event's tables, rules and history), and every seat must name a person and a table it
    knows. The people whose "present" cell in the Participants sheet says no come second.

    Raises:
        InputError: not a rotation plan, or its Assignments do not match its data sheet.
    """
    source = Path(path)
    name = source.name
    workbook = _open(source)
    try:
        if DATA_SHEET not in workbook.sheetnames:
            raise InputError(
                [
                    Problem(
                        f"The workbook is not a plan written by rotation: it has no hidden sheet "
                        f"'{DATA_SHEET}'.",
                        hint="re-plan a workbook that 'rotation plan' wrote (edited or not)",
                        file=name,
                    )
                ],
                file=name,
            )
        plan = _read_open_plan(workbook, name, None)
        event = plan.event
        problems = [
            Problem(
                f"The Assignments sheet seats '{person}' in phase {phase} at '{table}', which the "
                "plan's hidden data sheet does not know.",
                hint="correct the id or the table, or plan again from the registration file",
                file=name,
            )
            for (person, phase), table in sorted(plan.seats.items())
            if not event.has_participant(person)
            or not event.has_table(table)
            or phase not in event.phase_numbers
        ]
        if problems:
            raise InputError(problems, file=name)
        return plan, _marked_absent(workbook, name)
    finally:
        workbook.close()
