"""The words of the plan workbook in English and German: sheet names, headers, Overview text.

Everything a reader of the workbook sees comes from one :class:`Labels` table, so the two
languages stay complete and in step. The Assignments sheet's column names are the
machine-readable contract and stay English in both languages (see :data:`ASSIGNMENT_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from rotation.domain import Metric, Rule, Status
from rotation.io.language import Language
from rotation.wording import format_number

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "DATA_SHEET",
    "Labels",
    "Language",
    "MetricText",
    "labels_for",
]

ASSIGNMENT_COLUMNS = ("participant_id", "name", "phase", "table", "theme")
"""The Assignments sheet's columns, exactly and in this order (DESIGN 6.2)."""

DATA_SHEET = "rotation-data"
"""The hidden sheet holding the event and the solver figures (:mod:`.data_sheet`)."""


@dataclass(frozen=True)
class MetricText:
    """How the Overview names one metric and says it in a sentence.

    ``with_bound`` may use ``{bound}`` and ``{value}``; ``without_bound`` only ``{value}``.
    """

    name: str
    with_bound: str
    without_bound: str


@dataclass(frozen=True)
class Labels:
    """Every word the plan workbook shows, in one language."""

    lang: Language
    decimal_comma: bool
    # sheet names
    overview: str
    participants: str
    tables: str
    encounters: str
    assignments: str
    # shared column headers
    id: str
    name: str
    organisation: str
    role: str
    phase: str
    table: str
    theme: str
    host: str
    size: str
    minimum: str
    maximum: str
    not_present: str
    # phase sheets
    number: str
    host_marker: str
    no_table: str
    people: str
    page_footer: str
    # encounters
    distinct_contacts: str
    meets_again_count: str
    meets_again: str
    phases_word: str
    # overview
    overview_title: str
    section_event: str
    section_result: str
    section_metrics: str
    section_solve: str
    event_name: str
    counts: str
    counts_text: str
    input_file: str
    input_sha256: str
    no_input: str
    status: str
    status_text: Mapping[Status, str]
    rules_ok: str
    rules_broken: str
    rule_names: Mapping[Rule, str]
    metric: str
    this_plan: str
    lower_bound: str
    gap: str
    in_words: str
    best_possible: str
    could_be_better: str
    no_bound: str
    metrics: Mapping[Metric, MetricText]
    solve_time: str
    seconds: str
    seed: str
    workers: str
    solver: str
    notes: str
    data_note: str
    unknown: str

    def figure(self, value: float) -> str:
        """A figure as this language writes it (:func:`rotation.wording.format_number`)."""
        return format_number(value, decimal_comma=self.decimal_comma)


def _frozen(values: Mapping[Metric, MetricText]) -> Mapping[Metric, MetricText]:
    return MappingProxyType(dict(values))


_EN_METRICS = _frozen(
    {
        Metric.REPEAT_ENCOUNTERS: MetricText(
            "Repeat encounters",
            "No plan can have fewer than {bound} repeat encounters; this plan has {value}.",
            "This plan has {value} repeat encounters.",
        ),
        Metric.REPEAT_PAIRS: MetricText(
            "Pairs who meet more than once",
            "",
            "{value} pairs of people sit at one table in more than one phase.",
        ),
        Metric.SAME_ORGANISATION_PAIRS: MetricText(
            "Colleague pairs at one table",
            "No plan can seat fewer than {bound} pairs of colleagues from one organisation "
            "at one table; this plan seats {value}.",
            "This plan seats {value} pairs of colleagues from one organisation at one table.",
        ),
        Metric.ATTRIBUTE_DEVIATION: MetricText(
            "Attribute imbalance",
            "No plan can have an imbalance below {bound}; this plan has {value}.",
            "This plan's tables differ from the overall mix by {value} people in total.",
        ),
        Metric.ATTRIBUTE_DEVIATION_MAX: MetricText(
            "Largest imbalance at one table",
            "",
            "At most {value} people more or fewer of one kind than the mix at any table.",
        ),
        Metric.UNEVEN_TABLE_SIZES: MetricText(
            "Uneven table sizes",
            "No plan can have table sizes more even than a spread of {bound}; "
            "this plan has {value}.",
            "Table sizes within a theme and phase differ by {value} in total.",
        ),
        Metric.UNMET_PREFERENCES: MetricText(
            "Unmet first-theme wishes",
            "No plan can leave fewer than {bound} first-theme wishes unmet; "
            "this plan leaves {value}.",
            "This plan leaves {value} first-theme wishes unmet.",
        ),
        Metric.DISTINCT_CONTACTS_MEAN: MetricText(
            "Distinct contacts (mean)",
            "",
            "On average each person meets {value} different people.",
        ),
        Metric.DISTINCT_CONTACTS_MIN: MetricText(
            "Distinct contacts (fewest)",
            "",
            "Everybody meets at least {value} different people.",
        ),
    }
)

_DE_METRICS = _frozen(
    {
        Metric.REPEAT_ENCOUNTERS: MetricText(
            "Wiederholte Begegnungen",
            "Kein Plan kann weniger als {bound} wiederholte Begegnungen haben; "
            "dieser Plan hat {value}.",
            "Dieser Plan hat {value} wiederholte Begegnungen.",
        ),
        Metric.REPEAT_PAIRS: MetricText(
            "Paare, die sich mehrfach treffen",
            "",
            "{value} Paare sitzen in mehr als einer Phase am selben Tisch.",
        ),
        Metric.SAME_ORGANISATION_PAIRS: MetricText(
            "Kolleg·innen-Paare am selben Tisch",
            "Kein Plan kann weniger als {bound} Paare aus derselben Organisation an einen "
            "Tisch setzen; dieser Plan setzt {value}.",
            "Dieser Plan setzt {value} Paare aus derselben Organisation an einen Tisch.",
        ),
        Metric.ATTRIBUTE_DEVIATION: MetricText(
            "Ungleichgewicht der Merkmale",
            "Kein Plan kann ein Ungleichgewicht unter {bound} haben; dieser Plan hat {value}.",
            "Die Tische weichen insgesamt um {value} Personen von der Gesamtmischung ab.",
        ),
        Metric.ATTRIBUTE_DEVIATION_MAX: MetricText(
            "Größtes Ungleichgewicht an einem Tisch",
            "",
            "An keinem Tisch mehr als {value} Personen einer Art mehr oder weniger als in "
            "der Gesamtmischung.",
        ),
        Metric.UNEVEN_TABLE_SIZES: MetricText(
            "Ungleiche Tischgrößen",
            "Kein Plan kann gleichmäßigere Tischgrößen als eine Spanne von {bound} haben; "
            "dieser Plan hat {value}.",
            "Die Tischgrößen je Thema und Phase unterscheiden sich insgesamt um {value}.",
        ),
        Metric.UNMET_PREFERENCES: MetricText(
            "Unerfüllte Wünsche zum ersten Thema",
            "Kein Plan kann weniger als {bound} Wünsche zum ersten Thema unerfüllt lassen; "
            "dieser Plan lässt {value} offen.",
            "Dieser Plan lässt {value} Wünsche zum ersten Thema offen.",
        ),
        Metric.DISTINCT_CONTACTS_MEAN: MetricText(
            "Verschiedene Kontakte (Mittel)",
            "",
            "Im Mittel trifft jede Person {value} verschiedene Menschen.",
        ),
        Metric.DISTINCT_CONTACTS_MIN: MetricText(
            "Verschiedene Kontakte (mindestens)",
            "",
            "Jede Person trifft mindestens {value} verschiedene Menschen.",
        ),
    }
)

EN = Labels(
    lang="en",
    decimal_comma=False,
    overview="Overview",
    participants="Participants",
    tables="Tables",
    encounters="Encounters",
    assignments="Assignments",
    id="ID",
    name="Name",
    organisation="Organisation",
    role="Role",
    phase="Phase",
    table="Table",
    theme="Theme",
    host="Host",
    size="Size",
    minimum="Min",
    maximum="Max",
    not_present="not present",
    number="#",
    host_marker="host",
    no_table="Without a table",
    people="{count} people",
    page_footer="Page &P of &N",
    distinct_contacts="Distinct contacts",
    meets_again_count="Meets more than once",
    meets_again="Whom, in which phases",
    phases_word="phases",
    overview_title="Seating plan: {event}",
    section_event="Event",
    section_result="Result",
    section_metrics="Quality of this plan",
    section_solve="How it was made",
    event_name="Event",
    counts="Size",
    counts_text="{participants} participants, {tables} tables, {themes} themes, {phases} phases",
    input_file="Input file",
    input_sha256="SHA-256 of the input file",
    no_input="(not recorded)",
    status="Status",
    status_text=MappingProxyType(
        {
            Status.OPTIMAL: "Optimal: the solver proved that no plan is better under the "
            "chosen goals.",
            Status.FEASIBLE: "Valid: every rule holds; a better plan may exist (see the gaps "
            "below).",
            Status.UNCHECKED: "Not from the solver (made or edited by hand); the figures below "
            "were computed by the checker.",
        }
    ),
    rules_ok="Every rule holds.",
    rules_broken="Broken rules: {count}",
    rule_names=MappingProxyType({rule: rule.value for rule in Rule}),
    metric="Metric",
    this_plan="This plan",
    lower_bound="Lower bound",
    gap="Gap",
    in_words="In words",
    best_possible="This is the best possible.",
    could_be_better="A plan could be better by at most {gap}.",
    no_bound="No lower bound is known.",
    metrics=_EN_METRICS,
    solve_time="Solve time",
    seconds="{value} s",
    seed="Seed",
    workers="Workers",
    solver="Solver",
    notes="Notes",
    data_note="The hidden sheet '{sheet}' holds the event, so 'rotation check' can re-read "
    "this plan; edit the '{assignments}' sheet to change seats.",
    unknown="(unknown)",
)

DE = Labels(
    lang="de",
    decimal_comma=True,
    overview="Übersicht",
    participants="Teilnehmende",
    tables="Tische",
    encounters="Begegnungen",
    assignments="Zuteilungen",
    id="ID",
    name="Name",
    organisation="Organisation",
    role="Funktion",
    phase="Phase",
    table="Tisch",
    theme="Thema",
    host="Gastgeber·in",
    size="Größe",
    minimum="Min",
    maximum="Max",
    not_present="nicht anwesend",
    number="Nr.",
    host_marker="Gastgeber·in",
    no_table="Ohne Tisch",
    people="{count} Personen",
    page_footer="Seite &P von &N",
    distinct_contacts="Verschiedene Kontakte",
    meets_again_count="Mehrfach getroffen",
    meets_again="Wen, in welchen Phasen",
    phases_word="Phasen",
    overview_title="Sitzplan: {event}",
    section_event="Veranstaltung",
    section_result="Ergebnis",
    section_metrics="Qualität dieses Plans",
    section_solve="Wie er entstand",
    event_name="Veranstaltung",
    counts="Umfang",
    counts_text="{participants} Teilnehmende, {tables} Tische, {themes} Themen, {phases} Phasen",
    input_file="Eingabedatei",
    input_sha256="SHA-256 der Eingabedatei",
    no_input="(nicht erfasst)",
    status="Status",
    status_text=MappingProxyType(
        {
            Status.OPTIMAL: "Optimal: Der Solver hat bewiesen, dass kein Plan unter den "
            "gewählten Zielen besser ist.",
            Status.FEASIBLE: "Gültig: Alle Regeln sind erfüllt; ein besserer Plan ist möglich "
            "(siehe Abstände unten).",
            Status.UNCHECKED: "Nicht vom Solver (von Hand erstellt oder geändert); die Zahlen "
            "unten hat die Prüfung berechnet.",
        }
    ),
    rules_ok="Alle Regeln sind erfüllt.",
    rules_broken="Verletzte Regeln: {count}",
    rule_names=MappingProxyType(
        {
            Rule.ONE_TABLE_PER_PHASE: "ein Tisch je Phase",
            Rule.THEME_COVERAGE: "Themenabdeckung",
            Rule.CAPACITY: "Tischgröße",
            Rule.PINS_AND_HOSTS: "feste Plätze und Gastgeber·innen",
            Rule.KEEP_APART: "getrennt halten",
            Rule.KEEP_TOGETHER: "zusammen halten",
            Rule.TABLE_PHASES: "Tische nur in ihren Phasen",
        }
    ),
    metric="Kennzahl",
    this_plan="Dieser Plan",
    lower_bound="Untere Schranke",
    gap="Abstand",
    in_words="In Worten",
    best_possible="Besser geht es nicht.",
    could_be_better="Ein Plan könnte höchstens um {gap} besser sein.",
    no_bound="Keine untere Schranke bekannt.",
    metrics=_DE_METRICS,
    solve_time="Rechenzeit",
    seconds="{value} s",
    seed="Startwert (Seed)",
    workers="Threads",
    solver="Solver",
    notes="Hinweise",
    data_note="Das ausgeblendete Blatt '{sheet}' enthält die Veranstaltung, damit 'rotation "
    "check' diesen Plan wieder lesen kann; Plätze ändern Sie im Blatt '{assignments}'.",
    unknown="(unbekannt)",
)

_BY_LANG: Mapping[str, Labels] = MappingProxyType({"en": EN, "de": DE})


def labels_for(lang: str) -> Labels:
    """The label table for ``"en"`` or ``"de"`` (ValueError for any other language)."""
    try:
        return _BY_LANG[lang]
    except KeyError:
        raise ValueError(f"Unknown language {lang!r}; use 'en' or 'de'.") from None
