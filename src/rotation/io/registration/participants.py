"""Reading the participant sheet into registrations, one per filled row.

References to tables, themes and other people stay as written here; the event builder
(:mod:`~rotation.io.registration.reader`) resolves them once tables and themes are known. Problems
name the Excel row and the column header, and ids rather than names or e-mail addresses.

Ids: the id column's text exactly as written ("0001" stays "0001"). Without an id column,
the e-mail address (lower case) is the id; without that too, rows are numbered 1, 2, 3, ...
in sheet order (so the order must stay the same when the file is read again).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rotation.domain import Participant
from rotation.errors import Problem
from rotation.io.cells import (
    CellValue,
    clean_id,
    clean_text,
    escaped,
    fold,
    has_control_characters,
    parse_phases,
    split_list,
)
from rotation.io.registration.columns import (
    ALIASES,
    Field,
    Layout,
    header_language,
    key_column_problems,
    participant_header_row,
    plan_layout,
)
from rotation.io.sheets import RawSheet
from rotation.limits import MAX_PARTICIPANTS

__all__ = ["EXAMPLE_IDS", "ParticipantSheet", "Registration", "read_participants"]

EXAMPLE_IDS = ("Beispiel", "Example")
"""The id of the template's example row, which must be overwritten before planning."""


@dataclass(frozen=True)
class Registration:
    """One participant row as read; references to tables and themes not yet checked."""

    row: int
    id: str
    name: str
    email: str = ""
    organisation: str = ""
    attributes: Mapping[str, str] = field(default_factory=dict)
    host_table: str | None = None
    pins: Mapping[int, str] = field(default_factory=dict)
    phases: frozenset[int] | None = None
    preferred_theme: str | None = None
    keep_apart: tuple[str, ...] = ()
    keep_together: tuple[str, ...] = ()

    def participant(self, pins: Mapping[int, str], preferred_theme: str | None) -> Participant:
        """The participant this row registers, with ``pins`` and ``preferred_theme`` as
        resolved against the event's tables and themes."""
        return Participant(
            self.id,
            self.name,
            organisation=self.organisation,
            attributes=self.attributes,
            email=self.email,
            phases=self.phases,
            pins=pins,
            preferred_first_theme=preferred_theme,
        )


@dataclass(frozen=True)
class ParticipantSheet:
    """The participant sheet's layout and its registrations."""

    sheet: str
    layout: Layout
    registrations: tuple[Registration, ...]
    title: str = ""
    """A title row above the header ("Werkstatttreffen Herford"), "" when there is none."""

    @property
    def language(self) -> str:
        """``"de"`` or ``"en"`` as the headers are written, "" when they do not tell."""
        return header_language(self.layout.headers)

    @property
    def attribute_names(self) -> dict[str, str]:
        """Attribute key -> header, where they differ (``{"gender": "Geschlecht"}``)."""
        layout = self.layout
        names = {key: layout.header(column) for key, column in layout.attributes.items()}
        return {key: header for key, header in names.items() if header != key}


def read_participants(
    sheet: RawSheet, file: str, columns: Mapping[str, str], *, names_required: bool = True
) -> tuple[ParticipantSheet | None, list[Problem]]:
    """The registrations of a participant sheet and every problem found in it.

    ``names_required=False`` accepts a sheet without names (a DataFrame of ids only).
    """
    base = Problem("", file=file, sheet=sheet.name)
    rows = [[clean_text(c) for c in row] for row in sheet.rows]
    if not any(any(row) for row in rows):
        return None, [
            base.at(
                "The sheet is empty.",
                "put a header row and one row per participant in it",
                key="sheet_empty",
            )
        ]
    header_at = participant_header_row(rows, columns)
    if header_at is None:
        return None, [
            base.at(
                "No header row found.",
                "the first filled row must name the columns, e.g. " + _accepted(Field.NAME),
                key="no_header_row",
                values={"accepted": ", ".join(ALIASES[Field.NAME])},
            )
        ]
    header_number = RawSheet.excel_row(header_at)
    headers = rows[header_at]
    where = base.at("", row=header_number)
    layout, problems = plan_layout(headers, columns, where=where)
    problems += key_column_problems(layout, where, names_required=names_required)
    if problems:
        return None, problems
    filled = sum(1 for row in rows[header_at + 1 :] if any(row))
    if filled > MAX_PARTICIPANTS:
        return None, [
            base.at(
                f"The sheet has {filled:,} filled rows below the header; rotation plans at "
                f"most {MAX_PARTICIPANTS:,} participants.",
                "split the event into smaller ones, or delete rows that are not registrations",
                row=header_number,
            )
        ]
    registrations: list[Registration] = []
    for position in range(header_at + 1, len(sheet.rows)):
        if not any(rows[position]):
            continue
        row = _Row(sheet.rows[position], layout, RawSheet.excel_row(position), base, problems)
        registration = _registration(row, len(registrations), names_required=names_required)
        if registration is not None:
            registrations.append(registration)
    if not registrations and not problems:
        problems.append(
            base.at(
                "The sheet has a header row but no participants below it.",
                "add one row per participant",
                row=header_number,
                key="no_participants",
            )
        )
    problems += _duplicate_ids(registrations, layout, base)
    title = sheet_title(rows[:header_at])
    return ParticipantSheet(sheet.name, layout, tuple(registrations), title), problems


_LIST_WORDS = (
    "anmeldeliste", "anmeldungen", "anmeldung", "teilnehmende", "teilnehmerliste",
    "teilnehmendenliste", "registrations", "registrationlist", "participants",
    "participantlist", "attendees",
)  # fmt: skip


def sheet_title(rows: Sequence[Sequence[str]]) -> str:
    """The event's name from a title row above the header: the first row with one filled
    cell, without a trailing "– Anmeldeliste" or "- Registrations".

    >>> sheet_title([["Werkstatttreffen Herford – Anmeldeliste", ""], ["", ""]])
    'Werkstatttreffen Herford'
    >>> sheet_title([["Nr.", "Name"]])
    ''
    """
    for row in rows:
        filled = [cell for cell in row if cell]
        if not filled:
            continue
        if len(filled) > 1:
            return ""
        title = filled[0]
        for dash in (" – ", " — ", " - ", ": "):
            head, _, tail = title.rpartition(dash)
            if head and fold(tail) in _LIST_WORDS:
                return head.strip()
        return "" if fold(title) in _LIST_WORDS else title
    return ""


@dataclass
class _Row:
    """One participant row being read: its cells by field, and where its problems go."""

    raw: Sequence[CellValue]
    layout: Layout
    number: int
    base: Problem
    problems: list[Problem]

    def value(self, fld: Field) -> str:
        """The cleaned text of a field's cell, "" when the sheet has no such column."""
        column = self.layout.fields.get(fld)
        return self.text(column) if column is not None else ""

    def text(self, column: int) -> str:
        return clean_text(self.raw[column]) if column < len(self.raw) else ""

    def problem(self, fld: Field, message: str, hint: str, key: str = "", **values: object) -> None:
        """A problem of this row in the field's column; ``key`` and ``values`` name the
        message for its translation (:mod:`rotation.io.messages`)."""
        column = self.layout.fields.get(fld)
        header = self.layout.header(column) if column is not None else None
        self.problems.append(
            self.base.at(message, hint, row=self.number, column=header, key=key, values=values)
        )

    def person_id(self, index: int) -> str:
        """The id column's text, else the e-mail address, else the row's place in the list."""
        fields = self.layout.fields
        if Field.ID in fields:
            column = fields[Field.ID]
            person_id = clean_id(self.raw[column]) if column < len(self.raw) else ""
            if not person_id:
                self.problem(
                    Field.ID, "The row has no id.", "give every participant a unique id", "no_id"
                )
        elif Field.EMAIL in fields:
            person_id = self.value(Field.EMAIL).casefold()
            if not person_id:
                self.problem(
                    Field.EMAIL,
                    "The row has no e-mail address, which serves as the id when there is no "
                    "id column.",
                    "fill in the e-mail address or add an id column (e.g. 'Nr.')",
                    "no_email",
                )
        else:
            person_id = str(index + 1)
        if has_control_characters(person_id):
            self.problem(
                Field.ID,
                f"The id {escaped(person_id)} holds control characters, which a workbook "
                "cannot store.",
                "retype the id (invisible codes often come with text copied from other programs)",
            )
        if fold(person_id) in {fold(e) for e in EXAMPLE_IDS}:
            self.problem(
                Field.ID,
                "This is the template's example row.",
                "overwrite it with a participant or delete it",
                "example_row",
            )
        return person_id

    def name(self, person_id: str, *, required: bool) -> str:
        """The name column, else first and last name joined."""
        parts = (self.value(Field.FIRST_NAME), self.value(Field.LAST_NAME))
        name = self.value(Field.NAME) or " ".join(part for part in parts if part)
        if not name and required:
            fields = self.layout.fields
            name_field = next(
                (f for f in (Field.NAME, Field.FIRST_NAME) if f in fields), Field.LAST_NAME
            )
            self.problem(
                name_field,
                f"The participant '{person_id or '?'}' has no name.",
                "fill in the name or delete the row",
                "no_name",
                id=person_id or "?",
            )
        return name

    def phases(self) -> frozenset[int] | None:
        """The phases the person attends; None for all."""
        if not self.value(Field.PHASES):
            return None
        try:
            return parse_phases(self.raw[self.layout.fields[Field.PHASES]])
        except ValueError:
            self.problem(
                Field.PHASES,
                "The phases present are not a list of phase numbers.",
                "write e.g. 1,2 or 1-2, or leave it empty for all phases",
                "bad_phases",
            )
            return None

    def attributes(self) -> dict[str, str]:
        """Every attribute column's filled cell, by attribute key."""
        cells = {key: self.text(column) for key, column in self.layout.attributes.items()}
        return {key: text for key, text in cells.items() if text}

    def pins(self) -> dict[int, str]:
        """Phase -> the table id written in that phase's pin column."""
        cells = {
            phase: clean_id(self.raw[column]) if column < len(self.raw) else ""
            for phase, column in self.layout.pins.items()
        }
        return {phase: table for phase, table in cells.items() if table}


def _registration(row: _Row, index: int, *, names_required: bool = True) -> Registration | None:
    """One row as a registration, or None when it has problems (added to ``row.problems``)."""
    before = len(row.problems)
    person_id = row.person_id(index)
    name = row.name(person_id, required=names_required)
    phases = row.phases()
    if len(row.problems) > before:
        return None
    return Registration(
        row=row.number,
        id=person_id,
        name=name,
        email=row.value(Field.EMAIL),
        organisation=row.value(Field.ORGANISATION),
        attributes=row.attributes(),
        host_table=clean_id(row.value(Field.HOST)) or None,
        pins=row.pins(),
        phases=phases,
        preferred_theme=row.value(Field.PREFERRED_FIRST_THEME) or None,
        keep_apart=tuple(split_list(row.value(Field.KEEP_APART))),
        keep_together=tuple(split_list(row.value(Field.KEEP_TOGETHER))),
    )


def _duplicate_ids(
    registrations: Sequence[Registration], layout: Layout, base: Problem
) -> list[Problem]:
    first_row: dict[str, int] = {}
    problems = []
    by_email = Field.ID not in layout.fields
    id_column = layout.fields.get(Field.ID, layout.fields.get(Field.EMAIL))
    header = layout.header(id_column) if id_column is not None else None
    for registration in registrations:
        earlier = first_row.setdefault(registration.id, registration.row)
        if earlier == registration.row:
            continue
        what = (
            f"Rows {earlier} and {registration.row} have the same e-mail address, which "
            "serves as the id."
            if by_email
            else f"The id '{registration.id}' is used in rows {earlier} and {registration.row}."
        )
        problems.append(
            base.at(
                what,
                "ids must be unique: give one of them another id",
                row=registration.row,
                column=header,
                key="same_email" if by_email else "same_id",
                values={"id": registration.id, "first": earlier, "row": registration.row},
            )
        )
    return problems


def _accepted(fld: Field) -> str:
    return f"{fld.value.replace('_', ' ')}: " + ", ".join(ALIASES[fld])
