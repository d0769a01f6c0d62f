"""``read_event``: a registration file in, a validated :class:`~rotation.domain.Event` out.

The steps, each in its own module: :mod:`~rotation.io.inspection` refuses unsafe or
unreadable files; :mod:`~rotation.io.xlsx` or :mod:`~rotation.io.registration.csv` turns the
file into plain rows; :mod:`~rotation.io.registration.participants` reads the participant
sheet, :mod:`~rotation.io.registration.tables` and :mod:`~rotation.io.registration.settings`
the optional Tables and Settings sheets; this module merges them with the options given in
code or on the command line (options win), resolves every reference to tables, themes and
people, and builds the event. All problems of the file are
collected and raised together in one :class:`~rotation.errors.InputError`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from os import PathLike
from pathlib import Path

from rotation.domain import Event, Group, Participant, Phase, Table, Theme, ThemeCoverage
from rotation.errors import EventError, InputError, Problem
from rotation.io.calamine import read_calamine
from rotation.io.cells import IdMatcher, fold
from rotation.io.inspection import FileKind, Limits, file_sha256, inspect_file
from rotation.io.registration.columns import ALIASES, Field
from rotation.io.registration.csv import read_csv
from rotation.io.registration.participants import ParticipantSheet, Registration, read_participants
from rotation.io.registration.settings import (
    SETTING_KEYS,
    Settings,
    parse_coverage,
    read_settings,
)
from rotation.io.registration.tables import TableRow, read_tables
from rotation.io.sheets import (
    SETTINGS_SHEETS,
    TABLE_SHEETS,
    RawSheet,
    find_sheet,
    participant_sheet,
)
from rotation.io.xlsx import read_xlsx
from rotation.limits import (
    MAX_PHASES,
    MAX_TABLE_SIZE,
    MAX_TABLES,
    MAX_THEMES,
    check_count,
    check_texts,
)

__all__ = ["event_from_sheets", "read_event", "read_sheets"]

log = logging.getLogger(__name__)

_DEFAULT_LIMITS = Limits()
_NO_OPTIONS = Settings()


def read_event(
    path: str | PathLike[str],
    *,
    themes: Sequence[str] | None = None,
    tables_per_theme: int | None = None,
    table_size: int | None = None,
    min_table_size: int | None = None,
    phases: int | None = None,
    balance: Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
    coverage: ThemeCoverage | str | None = None,
    name: str | None = None,
    limits: Limits = _DEFAULT_LIMITS,
) -> Event:
    """Read a registration workbook (.xlsx, .xlsm, .ods, .xls) or CSV file into a validated event.

    The options complete or override the workbook's "Einstellungen"/"Settings" and
    "Tische"/"Tables" sheets; options left at None are taken from the sheets.

    Args:
        path: the registration file.
        themes: theme names in order (else Settings, else the themes of the Tables sheet).
        tables_per_theme: build tables as :meth:`Event.build` does, ignoring a Tables sheet.
        table_size: most seats per table, overriding the Tables sheet; without any, the
            smallest size that seats everybody.
        min_table_size: fewest people per table, overriding the Tables sheet.
        phases: number of phases (else Settings, else one per theme).
        balance: attributes to balance, by attribute key ("gender", "role") or header
            name ("Geschlecht", "Funktion"), case and accents ignored.
        columns: field -> header, overriding the guessed column of a field, e.g.
            ``{"organisation": "Verein", "pin 1": "Tisch am Vormittag"}``.
        sheet: the participant sheet's name (else found by name, else the first visible).
        coverage: the theme coverage rule (a :class:`ThemeCoverage` or its name).
        name: the event's name (else Settings, else a title row above the participant
            sheet's header, else the file name).
        limits: size limits that protect against oversized or malicious files.

    Returns:
        The validated event, with the file's name and SHA-256 recorded.

    Raises:
        InputError: listing every problem of the file at once, each with sheet, row and
            column.

    >>> from importlib.resources import as_file, files
    >>> with as_file(files("rotation") / "data" / "example-werkstatttreffen.xlsx") as path:
    ...     event = read_event(path, tables_per_theme=4, table_size=8)
    >>> len(event.participants), event.theme_names, event.balance
    (50, ('Integration und Teilhabe', 'Gleichstellung und Vielfalt'), ('gender', 'role'))
    >>> [table.id for table in event.tables]
    ['I1', 'I2', 'I3', 'I4', 'G1', 'G2', 'G3', 'G4']
    """
    _check_options(themes, tables_per_theme, table_size, min_table_size, phases)
    file_path = Path(path)
    file = file_path.name
    sheets = read_sheets(file_path, limits)
    options = Settings(
        name=name,
        themes=tuple(themes) if themes is not None else None,
        tables_per_theme=tables_per_theme,
        table_size=table_size,
        min_table_size=min_table_size,
        phases=phases,
        balance=tuple(balance) if balance is not None else None,
        coverage=_coverage_option(coverage, file),
    )
    event = event_from_sheets(
        sheets, file=file, options=options, columns=columns or {}, sheet=sheet
    )
    return _with_source(event, file_path)


def read_sheets(file_path: Path, limits: Limits = _DEFAULT_LIMITS) -> list[RawSheet]:
    """The file's sheets as rows, once it passed the safety checks.

    Raises :class:`~rotation.errors.InputError`.
    """
    kind = inspect_file(file_path, limits)
    if kind is FileKind.CSV:
        return read_csv(file_path)
    if kind in (FileKind.ODS, FileKind.XLS):
        return read_calamine(file_path)
    return read_xlsx(file_path)


def _with_source(event: Event, file_path: Path) -> Event:
    """The event with the file it came from and the file's SHA-256 (no personal values)."""
    event = replace(event, source_file=str(file_path), source_sha256=file_sha256(file_path))
    log.info(
        "read %d participants, %d tables, %d phases from %s",
        len(event.participants),
        len(event.tables),
        len(event.phases),
        file_path.name,
    )
    return event


def _check_options(
    themes: Sequence[str] | None,
    tables_per_theme: int | None,
    table_size: int | None,
    min_table_size: int | None,
    phases: int | None,
) -> None:
    """TypeError or InputError naming an option of the wrong kind or outside its range."""
    if themes is not None:
        check_texts("themes", themes, MAX_THEMES)
    for parameter, value, low, high in (
        ("tables_per_theme", tables_per_theme, 1, MAX_TABLES),
        ("table_size", table_size, 1, MAX_TABLE_SIZE),
        ("min_table_size", min_table_size, 0, MAX_TABLE_SIZE),
        ("phases", phases, 1, MAX_PHASES),
    ):
        if value is not None:
            check_count(parameter, value, low, high)


def _coverage_option(coverage: ThemeCoverage | str | None, file: str) -> ThemeCoverage | None:
    if coverage is None or isinstance(coverage, ThemeCoverage):
        return coverage
    parsed = parse_coverage(coverage)
    if parsed is None:
        raise InputError.single(
            f"'{coverage}' is not a theme coverage rule.",
            hint="use one of: " + ", ".join(c.value for c in ThemeCoverage),
            file=file,
        )
    return parsed


def event_from_sheets(
    sheets: Sequence[RawSheet],
    *,
    file: str,
    options: Settings = _NO_OPTIONS,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
    names_required: bool = True,
) -> Event:
    """The event a workbook's sheets describe, completed by ``options`` (which win)."""
    problems: list[Problem] = []
    people_sheet = _choose_sheet(sheets, sheet, file, problems)
    participants: ParticipantSheet | None = None
    if people_sheet is not None:
        participants, found = read_participants(
            people_sheet, file, columns or {}, names_required=names_required
        )
        problems += found
    settings = Settings()
    settings_sheet = find_sheet(sheets, SETTINGS_SHEETS)
    if settings_sheet is not None:
        settings, found = read_settings(settings_sheet, file)
        problems += found
    table_rows: list[TableRow] | None = None
    tables_sheet = find_sheet(sheets, TABLE_SHEETS)
    if tables_sheet is not None and options.tables_per_theme is None:
        table_rows, found = read_tables(tables_sheet, file)
        problems += found
        if not table_rows and not found:
            table_rows = None  # an empty Tables sheet, as in a fresh template
    merged = _merge(options, settings)
    if participants is None:
        raise InputError(problems, file=file)
    builder = _Builder(
        file, participants, tables_sheet.name if tables_sheet else None, merged, problems
    )
    if options.balance is None and settings_sheet is not None:
        builder.balance_sheet = settings_sheet.name
    return builder.build(table_rows)


def _choose_sheet(
    sheets: Sequence[RawSheet], wanted: str | None, file: str, problems: list[Problem]
) -> RawSheet | None:
    if wanted is not None:
        chosen = find_sheet(sheets, [wanted])
        if chosen is None:
            problems.append(
                Problem(
                    f"The workbook has no sheet '{wanted}'.",
                    hint="sheets found: " + ", ".join(s.name for s in sheets),
                    file=file,
                )
            )
        return chosen
    chosen = participant_sheet(sheets)
    if chosen is None:
        problems.append(
            Problem(
                "The workbook has no visible participant sheet.",
                hint="unhide the sheet with the registrations",
                file=file,
            )
        )
    return chosen


def _merge(options: Settings, settings: Settings) -> Settings:
    """Options given in code or on the command line, completed by the Settings sheet."""
    values = {
        name: getattr(options, name)
        if getattr(options, name) is not None
        else getattr(settings, name)
        for name in Settings.__dataclass_fields__
    }
    return Settings(**values)


@dataclass
class _Builder:
    """Resolves the references of the registrations and builds the event; collects problems."""

    file: str
    sheet: ParticipantSheet
    tables_sheet: str | None
    settings: Settings
    problems: list[Problem]
    themes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    n_phases: int = 0
    defaulted: set[str] = field(default_factory=set)
    balance_sheet: str | None = None
    """The Settings sheet when the columns to balance come from it (else from the options)."""

    def problem(
        self,
        message: str,
        hint: str = "",
        *,
        row: int | None = None,
        column: str | None = None,
        sheet: str | None = None,
        key: str = "",
        **values: object,
    ) -> None:
        self.problems.append(
            Problem(
                message,
                hint=hint,
                file=self.file,
                sheet=sheet or self.sheet.sheet,
                row=row,
                column=column,
                key=key,
                values=values,
            )
        )

    def column(self, fld: Field) -> str | None:
        position = self.sheet.layout.fields.get(fld)
        return self.sheet.layout.header(position) if position is not None else None

    def build(self, table_rows: list[TableRow] | None) -> Event:
        registrations = self.sheet.registrations
        self.themes = list(self.settings.themes or [])
        if table_rows is None:
            self._build_tables(len(registrations))
        else:
            self._sheet_tables(table_rows, len(registrations))
        self.n_phases = self.settings.phases or max(1, len(self.themes))
        hosts = self._hosts(registrations, table_rows or [])
        people = [self._participant(r) for r in registrations]
        apart = self._groups(registrations, "keep_apart", Field.KEEP_APART)
        together = self._groups(registrations, "keep_together", Field.KEEP_TOGETHER)
        balance = self._balance()
        phases = self._phases()
        if self.problems:
            raise InputError(self.problems, file=self.file, language=self.sheet.language)
        tables = [replace(t, host=hosts.get(t.id)) for t in self.tables]
        try:
            return Event(
                participants=tuple(people),
                themes=tuple(Theme(t) for t in self.themes),
                tables=tuple(tables),
                phases=phases,
                keep_apart=tuple(apart),
                keep_together=tuple(together),
                coverage=self.settings.coverage or ThemeCoverage.AUTO,
                balance=tuple(balance),
                name=self.settings.name or self.sheet.title or Path(self.file).stem,
                attribute_names=self.sheet.attribute_names,
                language=self.sheet.language,
                defaulted=frozenset(self.defaulted),
            )
        except EventError as error:
            raise InputError(
                [replace(p, file=p.file or self.file) for p in error.problems], file=self.file
            ) from None

    def _phases(self) -> tuple[Phase, ...]:
        """The phases, each with its time label from the Settings sheet where one is given."""
        times = self.settings.phase_times or ()
        if len(times) > self.n_phases:
            self.problem(
                f"The settings give {len(times)} phase times for {self.n_phases} phases.",
                "give one time per phase, or set the number of phases",
                column=SETTING_KEYS["phase_times"][0],
                sheet="",
            )
        return tuple(
            Phase(n, times[n - 1] if n <= len(times) else "") for n in range(1, self.n_phases + 1)
        )

    # -- tables -----------------------------------------------------------------------------

    def _build_tables(self, n_people: int) -> None:
        """Tables as Event.build makes them: themes x tables per theme."""
        if not self.themes:
            self.problem(
                "The file names no themes.",
                "give the themes as an option (--themes A B), in a 'Themen'/'Themes' row of the "
                "Settings sheet, or list the tables with their themes in a 'Tische'/'Tables' sheet",
                sheet="",
                key="no_themes",
            )
            return
        per_theme = self.settings.tables_per_theme or 1
        if self.settings.tables_per_theme is None:
            self.defaulted.add("tables_per_theme")
        n_tables = per_theme * len(self.themes) if isinstance(per_theme, int) else sum(per_theme)
        size = self.settings.table_size or max(1, math.ceil(n_people / max(1, n_tables)))
        minimum = self.settings.min_table_size or 0
        if minimum > size:
            self.problem(
                f"The minimum table size {minimum} exceeds the table size {size}.",
                "lower the minimum",
                sheet="",
            )
            return
        try:
            built = Event.build(
                [],
                themes=self.themes,
                tables_per_theme=per_theme,
                table_size=size,
                min_table_size=minimum,
                phases=1,
            )
        except EventError as error:
            self.problems.extend(replace(p, file=self.file) for p in error.problems)
            return
        self.tables = list(built.tables)

    def _sheet_tables(self, rows: list[TableRow], n_people: int) -> None:
        """Tables as the Tables sheet lists them; options override capacities."""
        if not self.themes:
            self.themes = list(dict.fromkeys(r.theme for r in rows))
        by_fold = {fold(t): t for t in self.themes}
        default_size = self.settings.table_size or max(1, math.ceil(n_people / max(1, len(rows))))
        seen: dict[str, int] = {}
        for row in rows:
            theme = by_fold.get(fold(row.theme))
            if theme is None:
                self.problem(
                    f"The table '{row.id}' has the theme '{row.theme}', which is not a theme "
                    "of the event.",
                    "use one of: " + ", ".join(self.themes),
                    row=row.row,
                    column=row.headers.get("theme"),
                    sheet=self.tables_sheet,
                )
                continue
            if row.id in seen:
                self.problem(
                    f"The table id '{row.id}' is used in rows {seen[row.id]} and {row.row}.",
                    "give every table its own id",
                    row=row.row,
                    sheet=self.tables_sheet,
                )
                continue
            seen[row.id] = row.row
            max_size = self.settings.table_size or row.max_size or default_size
            min_size = (
                self.settings.min_table_size
                if self.settings.min_table_size is not None
                else (row.min_size or 0)
            )
            if min_size > max_size:
                self.problem(
                    f"The table '{row.id}' has minimum {min_size} and maximum {max_size}.",
                    "the minimum must not exceed the maximum",
                    row=row.row,
                    sheet=self.tables_sheet,
                )
                continue
            self.tables.append(Table(row.id, theme, max_size, min_size, phases=row.phases))

    def _table_id(self, text: str) -> str | None:
        """The table an id names, exactly or ignoring case, spacing and punctuation."""
        return IdMatcher(t.id for t in self.tables).find(text)

    def _hosts(
        self, registrations: Sequence[Registration], table_rows: Sequence[TableRow]
    ) -> dict[str, str]:
        """Table id -> host participant id, from the Tables sheet and the host column."""
        person_ids = IdMatcher(r.id for r in registrations)
        hosts: dict[str, str] = {}
        for row in table_rows:
            if row.host is None or self._table_id(row.id) is None:
                continue
            host = person_ids.find(row.host)
            if host is None:
                self.problem(
                    f"The table '{row.id}' is hosted by '{row.host}', who is not a participant id.",
                    "write the host's id from the participant sheet",
                    row=row.row,
                    column=row.headers.get("host"),
                    sheet=self.tables_sheet,
                )
                continue
            hosts[row.id] = host
        for registration in registrations:
            if registration.host_table is None:
                continue
            table = self._table_id(registration.host_table)
            if table is None:
                self._unknown_table(
                    registration.host_table, registration.row, self.column(Field.HOST)
                )
                continue
            if hosts.get(table, registration.id) != registration.id:
                self.problem(
                    f"The table '{table}' gets two hosts: '{hosts[table]}' and "
                    f"'{registration.id}'.",
                    "a table has one host",
                    row=registration.row,
                    column=self.column(Field.HOST),
                )
                continue
            hosts[table] = registration.id
        return hosts

    def _unknown_table(self, text: str, row: int, column: str | None) -> None:
        self.problem(
            f"There is no table '{text}'.",
            "use one of: " + (", ".join(t.id for t in self.tables) or "no tables are defined"),
            row=row,
            column=column,
            key="unknown_table",
            table=text,
            tables=", ".join(t.id for t in self.tables) or "–",
        )

    # -- participants -----------------------------------------------------------------------

    def _participant(self, registration: Registration) -> Participant:
        pins: dict[int, str] = {}
        layout = self.sheet.layout
        for phase, text in registration.pins.items():
            header = layout.header(layout.pins[phase])
            table = self._table_id(text)
            if phase > self.n_phases:
                self.problem(
                    f"The column pins a table in phase {phase}, but the event has "
                    f"{self.n_phases} phases.",
                    "remove the column or set the number of phases",
                    row=registration.row,
                    column=header,
                )
            elif table is None:
                self._unknown_table(text, registration.row, header)
            else:
                pins[phase] = table
        if registration.phases is not None:
            outside = sorted(p for p in registration.phases if not 1 <= p <= self.n_phases)
            if outside:
                self.problem(
                    f"The participant '{registration.id}' is present in phases {outside}, "
                    "which the event does not have.",
                    f"use phases 1 to {self.n_phases}",
                    row=registration.row,
                    column=self.column(Field.PHASES),
                )
        preferred = None
        if registration.preferred_theme is not None:
            preferred = next(
                (t for t in self.themes if fold(t) == fold(registration.preferred_theme)), None
            )
            if preferred is None:
                self.problem(
                    f"'{registration.preferred_theme}' is not a theme of the event.",
                    "use one of: " + ", ".join(self.themes),
                    row=registration.row,
                    column=self.column(Field.PREFERRED_FIRST_THEME),
                    key="unknown_theme",
                    theme=registration.preferred_theme,
                    themes=", ".join(self.themes),
                )
        return registration.participant(pins, preferred)

    def _groups(
        self, registrations: Sequence[Registration], attribute: str, fld: Field
    ) -> list[Group]:
        """Groups from label or id cells: a label gathers everyone who writes it; an id pairs."""
        person_ids = {r.id for r in registrations}
        labels: dict[str, tuple[str, list[str], list[int]]] = {}
        pairs: dict[frozenset[str], Group] = {}
        for registration in registrations:
            for token in getattr(registration, attribute):
                if token in person_ids:
                    if token == registration.id:
                        continue
                    key = frozenset((registration.id, token))
                    pairs.setdefault(key, Group(" + ".join(sorted(key)), tuple(sorted(key))))
                    continue
                label, members, rows = labels.setdefault(fold(token), (token, [], []))
                members.append(registration.id)
                rows.append(registration.row)
        groups = list(pairs.values())
        for label, members, rows in labels.values():
            if len(members) < 2:
                self.problem(
                    f"The group '{label}' has only one member and matches no participant id.",
                    "write the same group label in every member's row, or another participant's id",
                    row=rows[0],
                    column=self.column(fld),
                    key="lonely_group",
                    group=label,
                )
                continue
            groups.append(Group(label, tuple(members)))
        return groups

    def _balance(self) -> list[str]:
        """The attribute keys chosen for balancing, from keys or header names."""
        layout = self.sheet.layout
        names = {fold(key): key for key in layout.attributes}
        for key, column in layout.attributes.items():
            names.setdefault(fold(layout.header(column)), key)
        for fld, attribute in ((Field.ROLE, "role"), (Field.GENDER, "gender")):
            if attribute in layout.attributes:
                names.update({fold(alias): attribute for alias in ALIASES[fld]})
        chosen = []
        for wanted in self.settings.balance or ():
            match = names.get(fold(wanted))
            if match is None:
                available = ", ".join(layout.header(c) for c in layout.attributes.values())
                self.problems.append(
                    Problem(
                        f"There is no column '{wanted}' in sheet '{self.sheet.sheet}' to balance.",
                        hint=f"columns available: {available or 'none'}",
                        file=self.file,
                        sheet=self.balance_sheet,
                        key="no_balance_column",
                        values={
                            "wanted": wanted,
                            "sheet": self.sheet.sheet,
                            "columns": available or "–",
                        },
                    )
                )
                continue
            chosen.append(match)
        return list(dict.fromkeys(chosen))
