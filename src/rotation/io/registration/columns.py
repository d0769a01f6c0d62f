"""Which column holds what: the German and English header names of the participant sheet.

Headers are compared after :func:`~rotation.io.cells.fold` (case, accents, spacing and
punctuation ignored), so "E-Mail", "e mail" and "EMAIL" are one name. A header made of
parts ("Kommune / Organisation") matches when its parts agree on a field. A column named
after a phase ("Phase 1", "Runde 2", "Tisch Phase 1", "Table round 3") pins a table for that
phase. Every other column is kept as an attribute under its header text, so it can be
chosen for balancing.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from rotation.errors import Problem
from rotation.io.cells import fold
from rotation.io.sheets import HEADER_SEARCH_ROWS, find_header_row

__all__ = [
    "ALIASES",
    "Field",
    "Layout",
    "accepted_names",
    "header_language",
    "key_column_problems",
    "match_header",
    "participant_header_row",
    "plan_layout",
    "resolve_field",
]


class Field(enum.Enum):
    """A piece of registration data with a fixed meaning."""

    ID = "id"
    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    ORGANISATION = "organisation"
    ROLE = "role"
    GENDER = "gender"
    HOST = "host"
    PHASES = "phases"
    PREFERRED_FIRST_THEME = "preferred_first_theme"
    KEEP_APART = "keep_apart"
    KEEP_TOGETHER = "keep_together"


ALIASES: Mapping[Field, tuple[str, ...]] = {
    Field.ID: (
        "ID", "Nr.", "Nummer", "Teilnehmer-ID", "Teilnehmenden-ID", "Teilnehmernummer",
        "Lfd. Nr.", "Laufende Nummer", "Participant ID", "No.", "Number", "Registration ID",
    ),
    Field.NAME: (
        "Name", "Vollständiger Name", "Name, Vorname", "Teilnehmer", "Teilnehmerin",
        "Teilnehmende", "Person", "Full name", "Participant",
    ),
    Field.FIRST_NAME: ("Vorname", "Vornamen", "Rufname", "First name", "Given name", "Forename"),
    Field.LAST_NAME: ("Nachname", "Familienname", "Zuname", "Last name", "Surname", "Family name"),
    Field.EMAIL: ("E-Mail", "E-Mail-Adresse", "Mail", "Email address", "E-mail address"),
    Field.ORGANISATION: (
        "Organisation", "Kommune", "Institution", "Verwaltung", "Firma", "Einrichtung",
        "Behörde", "Dienststelle", "Träger", "Organization", "Company",
        "Affiliation", "Municipality", "Employer",
    ),
    Field.ROLE: ("Funktion", "Rolle", "Role", "Function", "Position", "Job title"),
    Field.GENDER: ("Geschlecht", "Gender", "Sex"),
    Field.HOST: (
        "Gastgeber", "Gastgeberin", "Gastgeber (Tisch)", "Gastgeber Tisch", "Tischgastgeber",
        "Moderation", "Host", "Host (table)", "Host table", "Hosts table",
    ),
    Field.PHASES: (
        "Phasen", "Anwesend", "Anwesend in Phasen", "Anwesenheit", "Anwesend (Phasen)",
        "Phases", "Phases present", "Present", "Present in phases", "Attends", "Attendance",
    ),
    Field.PREFERRED_FIRST_THEME: (
        "Erstes Thema", "Erstes Thema (Wunsch)", "Wunschthema", "Bevorzugtes erstes Thema",
        "Preferred first theme", "First theme", "Preferred theme",
    ),
    Field.KEEP_APART: (
        "Getrennt", "Getrennt halten", "Nicht zusammen", "Nicht zusammen mit", "Trennen",
        "Keep apart", "Apart", "Separate", "Not together", "Not with",
    ),
    Field.KEEP_TOGETHER: (
        "Zusammen", "Zusammen halten", "Zusammen mit", "Gemeinsam", "Keep together",
        "Together", "Together with",
    ),
}  # fmt: skip

_ENGLISH = (
    "Participant ID", "No.", "Number", "Registration ID", "Full name", "Participant",
    "First name", "Given name", "Forename", "Last name", "Surname", "Family name", "Email",
    "Email address", "E-mail address", "Organization", "Company", "Affiliation",
    "Municipality", "Employer", "Role", "Function", "Position", "Job title", "Gender", "Sex",
    "Host", "Host (table)", "Host table", "Hosts table", "Phases", "Phases present", "Present",
    "Present in phases", "Attends", "Attendance", "Preferred first theme", "First theme",
    "Preferred theme", "Keep apart", "Apart", "Separate", "Not together", "Not with",
    "Keep together", "Together", "Together with", "Language", "Department",
)  # fmt: skip
_NEITHER = ("ID", "Name", "Person", "Mail", "E-Mail", "Organisation", "Institution")
"""Headers written alike in German and English: they tell nothing about the language."""
_GERMAN = ("Sprache", "Abteilung", "Bereich", "Kreis", "Landkreis", "Stadt", "Ort")
"""German headers of common attribute columns, beside the German aliases of the fields."""

_BY_KEY: Mapping[str, Field] = {
    fold(name): fld for fld, names in ALIASES.items() for name in (*names, fld.value)
}
_PIN = re.compile(
    r"^(?:tisch|table|pin|platz|seat|festertisch|fixedtable)?(?:in)?"
    r"(?:phase|runde|round)(\d+)(?:tisch|table)?$"
)
_PARTS = re.compile(r"[/|(),]")
_WORD_BREAKS = re.compile(r"[\s\-_./|(),#:;]+")
_ID_WORDS = {"id", "nr", "no", "nummer", "number", "kennung", "key", "code", "schlussel"}


def match_header(header: str) -> Field | int | None:
    """The field a header names, the phase number of a pin column, or None (an attribute).

    >>> match_header("Kommune / Organisation"), match_header("Tisch Phase 2")
    (<Field.ORGANISATION: 'organisation'>, 2)
    >>> match_header("Region") is None
    True
    """
    key = fold(header)
    if not key:
        return None
    if key in _BY_KEY:
        return _BY_KEY[key]
    pin = _PIN.match(key)
    if pin:
        return int(pin.group(1))
    parts = {_BY_KEY.get(fold(part)) for part in _PARTS.split(header) if fold(part)}
    if len(parts) == 1:
        return parts.pop()
    return None


def header_language(headers: Sequence[str]) -> str:
    """``"de"`` or ``"en"``: the language most of the recognised headers are written in.

    "" when no header tells (only "ID", "Name", "Organisation", ... or a tie).

    >>> header_language(["Nr.", "Vorname", "Nachname", "Kommune", "Geschlecht"])
    'de'
    >>> header_language(["ID", "Name", "Organisation", "Gender", "Role"])
    'en'
    >>> header_language(["ID", "Name"])
    ''
    """
    english = {fold(name) for name in _ENGLISH}
    neither = {fold(name) for name in _NEITHER}
    german = {fold(name) for name in _GERMAN}
    votes = {"de": 0, "en": 0}
    for header in headers:
        key = fold(header)
        if not key or key in neither:
            continue
        if key in english:
            votes["en"] += 1
        elif key in german or key in _BY_KEY:
            votes["de"] += 1
        elif _PIN.match(key):
            if any(word in key for word in ("tisch", "runde", "platz", "fester")):
                votes["de"] += 1
            elif any(word in key for word in ("table", "round", "seat", "pin", "fixed")):
                votes["en"] += 1
    if votes["de"] == votes["en"]:
        return ""
    return "de" if votes["de"] > votes["en"] else "en"


def resolve_field(name: str) -> Field | int | None:
    """A field named in an explicit column mapping: its value, an alias, or "pin 2"."""
    key = fold(name)
    for fld in Field:
        if key == fold(fld.value):
            return fld
    return match_header(name)


def accepted_names(fld: Field) -> str:
    """The header names accepted for a field, for messages."""
    return ", ".join(ALIASES[fld])


@dataclass(frozen=True)
class Layout:
    """Where each field sits in the participant sheet (0-based column positions)."""

    headers: tuple[str, ...]
    fields: Mapping[Field, int] = field(default_factory=dict)
    pins: Mapping[int, int] = field(default_factory=dict)
    """Phase number -> column of the table pinned in that phase."""
    attributes: Mapping[str, int] = field(default_factory=dict)
    """Attribute key -> column; role and gender under "role" and "gender"."""

    def header(self, column: int) -> str:
        """The header text of a column, or its Excel letter when it has none."""
        text = self.headers[column] if column < len(self.headers) else ""
        return text or f"column {_letter(column)}"


def _letter(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def participant_header_row(
    rows: Sequence[Sequence[str]], explicit: Mapping[str, str]
) -> int | None:
    """The position of the participant sheet's header row, title rows above it skipped.

    The row naming the most fields (:func:`~rotation.io.sheets.find_header_row`); headers
    given in ``explicit`` (the column mapping) count as fields. When no header names a
    field, the first row with two or more filled cells is taken.
    """
    wanted = {fold(header) for header in explicit.values()}

    def recognise(header: str) -> Hashable | None:
        known = match_header(header)
        if known is not None:
            return known
        key = fold(header)
        return f"explicit:{key}" if key in wanted else None

    found = find_header_row(rows, recognise)
    if found is not None:
        return found
    top = rows[:HEADER_SEARCH_ROWS]
    return next((i for i, row in enumerate(top) if sum(1 for cell in row if cell) >= 2), None)


@dataclass
class _Claims:
    """Which column holds which field or pinned phase, while the columns are assigned."""

    headers: Sequence[str]
    where: Problem
    fields: dict[Field, int] = field(default_factory=dict)
    pins: dict[int, int] = field(default_factory=dict)
    claimed: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def claim(self, target: Field | int, column: int) -> None:
        """Give ``column`` to a field or pinned phase; a second column for it is a problem."""
        taken = self.fields.get(target) if isinstance(target, Field) else self.pins.get(target)
        if taken is not None and taken != column:
            label = target.value if isinstance(target, Field) else f"table in phase {target}"
            first, second = self.headers[taken], self.headers[column]
            self.problems.append(
                self.where.at(
                    f"Two columns hold the {label}: '{first}' and '{second}'.",
                    "keep one, rename the other, or name the column for this field explicitly",
                    column=second,
                )
            )
            return
        if isinstance(target, Field):
            self.fields[target] = column
        else:
            self.pins[target] = column
        self.claimed.add(column)

    def claim_explicit(self, explicit: Mapping[str, str]) -> None:
        """The columns the caller named for a field (they win over guessing)."""
        folded = [fold(h) for h in self.headers]
        for name, header in explicit.items():
            target = resolve_field(name)
            if target is None:
                self.problems.append(
                    self.where.at(
                        f"The column mapping names an unknown field '{name}'.",
                        "use one of: " + ", ".join(f.value for f in Field) + ", or 'pin 1', ...",
                    )
                )
                continue
            matches = [i for i, key in enumerate(folded) if key and key == fold(header)]
            if not matches:
                self.problems.append(
                    self.where.at(
                        f"The column mapping puts '{name}' in column '{header}', which the "
                        "sheet does not have.",
                        "headers found: " + ", ".join(h for h in self.headers if h),
                    )
                )
                continue
            self.claim(target, matches[0])

    def claim_recognised(self, explicit: Mapping[str, str]) -> None:
        """Every other column whose header names a field or a pinned phase."""
        explicit_targets = {resolve_field(name) for name in explicit}
        for column, header in enumerate(self.headers):
            if column in self.claimed or not header:
                continue
            target = match_header(header)
            if target is not None and target not in explicit_targets:
                self.claim(target, column)

    def attributes(self) -> dict[str, int]:
        """Role and gender under their keys, every unclaimed column under its header."""
        attributes = {
            key: self.fields[fld]
            for fld, key in ((Field.ROLE, "role"), (Field.GENDER, "gender"))
            if fld in self.fields
        }
        for column, header in enumerate(self.headers):
            if column not in self.claimed:
                attributes[header or f"column {_letter(column)}"] = column
        return attributes


def plan_layout(
    headers: Sequence[str], explicit: Mapping[str, str], *, where: Problem
) -> tuple[Layout, list[Problem]]:
    """Assign every column to a field, a pinned phase or an attribute.

    ``explicit`` maps field names ("organisation", "pin 1", or any accepted header name) to
    the header of the column that holds it and wins over guessing. ``where`` carries file,
    sheet and header row for the problems.
    """
    claims = _Claims(headers, where)
    claims.claim_explicit(explicit)
    claims.claim_recognised(explicit)
    layout = Layout(tuple(headers), claims.fields, claims.pins, claims.attributes())
    return layout, claims.problems


def _words(header: str) -> list[str]:
    return [word for word in map(fold, _WORD_BREAKS.split(header)) if word]


def looks_like_id(header: str) -> bool:
    """True for headers such as "Person ID", "user_id", "Mitgliedsnummer", "Kennung".

    >>> [looks_like_id(h) for h in ("Person ID", "Mitgliedsnummer", "Funktion", "Liquid")]
    [True, True, False, False]
    """
    return any(word in _ID_WORDS or word.endswith("nummer") for word in _words(header))


def looks_like_name(header: str) -> bool:
    """True for headers such as "Teilnehmername", "Participant name", "Vor- und Zuname"."""
    return any(word.endswith("name") for word in _words(header))


def key_column_problems(layout: Layout, where: Problem, *, names_required: bool) -> list[Problem]:
    """No name column, and columns that look like ids or names but are no known header.

    Such a column would otherwise become an attribute without a word: ids numbered by row,
    names empty. ``where`` carries file, sheet and header row.
    """
    fields = layout.fields
    unknown = [
        layout.header(column)
        for key, column in layout.attributes.items()
        if column not in fields.values() and key not in ("role", "gender")
    ]
    problems: list[Problem] = []
    if not {Field.NAME, Field.FIRST_NAME, Field.LAST_NAME} & fields.keys():
        name_like = [header for header in unknown if looks_like_name(header)]
        if names_required or name_like:
            found = ", ".join(h for h in layout.headers if h) or "none"
            accepted = "; ".join(
                f"{f.value.replace('_', ' ')}: {accepted_names(f)}"
                for f in (Field.NAME, Field.FIRST_NAME, Field.LAST_NAME)
            )
            guess = f" ('{name_like[0]}' is no header rotation knows)" if name_like else ""
            problems.append(
                where.at(
                    f"No column with the participants' names{guess}.",
                    f"headers found: {found}; accepted: {accepted}",
                    key="" if guess else "no_name_column",
                    values={"headers": found},
                )
            )
    if Field.ID not in fields:
        problems += [
            where.at(
                f"The column '{header}' looks like an id, but is no id header rotation knows, "
                "so it would not identify the participants.",
                f"name it one of: {accepted_names(Field.ID)}; or, if it is no id, another name",
                column=header,
            )
            for header in unknown
            if looks_like_id(header)
        ]
    return problems
