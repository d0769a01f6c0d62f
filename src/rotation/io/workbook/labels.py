"""The words of the plan workbook in English and German: sheet names, headers, Overview text.

Everything a reader of the workbook sees comes from one :class:`Labels` table, so the two
languages stay complete and in step. The Assignments sheet's column names are the
machine-readable contract and stay English in both languages (see :data:`ASSIGNMENT_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from rotation.checker import Verdict
from rotation.domain import Metric, Rule, Status
from rotation.io.language import Language, in_language
from rotation.wording import format_number

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "DATA_SHEET",
    "Labels",
    "Language",
    "MetricText",
    "join_words",
    "labels_for",
    "status_sentence",
]

ASSIGNMENT_COLUMNS = ("participant_id", "name", "phase", "table", "theme")
"""The Assignments sheet's columns, exactly and in this order (DESIGN 6.2)."""

DATA_SHEET = "rotation-data"
"""The hidden sheet holding the event and the solver figures (:mod:`.data_sheet`)."""


@dataclass(frozen=True)
class MetricText:
    """How the Overview names one metric and says it in a sentence.

    ``with_bound`` may use ``{bound}`` and ``{value}``; ``without_bound`` only ``{value}``;
    ``gap`` says a distance in the metric's unit (``{gap} repeat encounters``).
    """

    name: str
    with_bound: str
    without_bound: str
    gap: str = "{gap}"


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
    section_result: str
    section_metrics: str
    section_about: str
    counts_text: str
    input_file: str
    input_sha256: str
    no_input: str
    status: str
    best_possible_status: str
    valid_status: str
    valid_unknown_status: str
    unchecked_status: str
    rules_ok: str
    rules_broken: str
    rule_names: Mapping[Rule, str]
    metric: str
    this_plan: str
    lower_bound: str
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
    print_note: str
    unknown: str
    list_join: str
    """How the last two items of a list join: " and ", " und "."""
    # changes on the day and earlier events
    present: str
    yes: str
    no: str
    changes: str
    before: str
    after: str
    change: str
    change_kinds: Mapping[str, str]
    changes_summary: str
    no_changes: str
    earlier_plans: str
    earlier_matched: str

    def figure(self, value: float, digits: int = 2) -> str:
        """A figure as this language writes it (:func:`rotation.wording.format_number`)."""
        return format_number(value, digits=digits, decimal_comma=self.decimal_comma)


def _frozen(values: Mapping[Metric, MetricText]) -> Mapping[Metric, MetricText]:
    return MappingProxyType(dict(values))


_EN_METRICS = _frozen(
    {
        Metric.REPEAT_ENCOUNTERS: MetricText(
            "Repeat encounters",
            "No plan can have fewer than {bound} repeat encounters; this plan has {value}.",
            "This plan has {value} repeat encounters.",
            "{gap} repeat encounters",
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
            "{gap} colleague pairs",
        ),
        Metric.ATTRIBUTE_DEVIATION: MetricText(
            "Attribute imbalance",
            "No plan can have an imbalance below {bound}; this plan has {value}.",
            "This plan's tables differ from the overall mix by {value} people in total.",
            "{gap} in attribute imbalance",
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
            "{gap} in uneven table sizes",
        ),
        Metric.UNMET_PREFERENCES: MetricText(
            "Unmet first-theme wishes",
            "No plan can leave fewer than {bound} first-theme wishes unmet; "
            "this plan leaves {value}.",
            "This plan leaves {value} first-theme wishes unmet.",
            "{gap} unmet first-theme wishes",
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
        Metric.MOVED_SEATS: MetricText(
            "Moved seats",
            "No re-plan can move fewer than {bound} seats; this plan moves {value}.",
            "This re-plan moves {value} seats.",
            "{gap} moved seats",
        ),
        Metric.EARLIER_ENCOUNTERS: MetricText(
            "Earlier encounters",
            "No plan can seat fewer than {bound} pairs who met at an earlier event at one "
            "table again; this plan seats {value}.",
            "This plan seats {value} pairs who met at an earlier event at one table again.",
            "{gap} earlier encounters",
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
            "{gap} wiederholte Begegnungen",
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
            "{gap} Kolleg·innen-Paare",
        ),
        Metric.ATTRIBUTE_DEVIATION: MetricText(
            "Ungleichgewicht der Merkmale",
            "Kein Plan kann ein Ungleichgewicht unter {bound} haben; dieser Plan hat {value}.",
            "Die Tische weichen insgesamt um {value} Personen von der Gesamtmischung ab.",
            "{gap} beim Ungleichgewicht der Merkmale",
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
            "{gap} bei ungleichen Tischgrößen",
        ),
        Metric.UNMET_PREFERENCES: MetricText(
            "Unerfüllte Wünsche zum ersten Thema",
            "Kein Plan kann weniger als {bound} Wünsche zum ersten Thema unerfüllt lassen; "
            "dieser Plan lässt {value} offen.",
            "Dieser Plan lässt {value} Wünsche zum ersten Thema offen.",
            "{gap} unerfüllte Wünsche zum ersten Thema",
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
        Metric.MOVED_SEATS: MetricText(
            "Umgesetzte Plätze",
            "Keine Neuplanung kann weniger als {bound} Plätze ändern; dieser Plan ändert {value}.",
            "Diese Neuplanung ändert {value} Plätze.",
            "{gap} umgesetzte Plätze",
        ),
        Metric.EARLIER_ENCOUNTERS: MetricText(
            "Frühere Begegnungen",
            "Kein Plan kann weniger als {bound} Paare, die sich bei einer früheren "
            "Veranstaltung trafen, wieder an einen Tisch setzen; dieser Plan setzt {value}.",
            "Dieser Plan setzt {value} Paare, die sich bei einer früheren Veranstaltung "
            "trafen, wieder an einen Tisch.",
            "{gap} frühere Begegnungen",
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
    section_result="Result",
    section_metrics="Quality of this plan",
    section_about="About this plan",
    counts_text="{participants} participants, {tables} tables, {themes} themes, {phases} phases",
    input_file="Input file",
    input_sha256="SHA-256 of the input file",
    no_input="(not recorded)",
    status="Status",
    best_possible_status="Best possible: no plan is better under the chosen goals.",
    valid_status="Valid, could be better by at most {gaps}.",
    valid_unknown_status="Valid: every rule holds; a better plan may exist.",
    unchecked_status="Not from the solver (made or edited by hand); the figures below were "
    "computed by the checker.",
    rules_ok="Every rule holds.",
    rules_broken="Broken rules: {count}",
    rule_names=MappingProxyType({rule: rule.value for rule in Rule}),
    metric="Metric",
    this_plan="This plan",
    lower_bound="No plan below",
    in_words="In words",
    best_possible="This is the best possible.",
    could_be_better="A plan could be better by at most {gap}.",
    no_bound="No lower bound is known.",
    metrics=_EN_METRICS,
    solve_time="Solve time",
    seconds="{value} s",
    seed="Seed",
    workers="Threads",
    solver="Solver",
    notes="Notes",
    data_note="The hidden sheet '{sheet}' holds the event, so 'rotation check' can re-read "
    "this plan; edit the '{assignments}' sheet to change seats.",
    print_note="Printing leaves out the sheets {sheets}; to print one, clear its print area.",
    unknown="(unknown)",
    list_join=" and ",
    present="present",
    yes="yes",
    no="no",
    changes="Changes",
    before="Before",
    after="Now",
    change="Change",
    change_kinds=MappingProxyType({"moved": "moved", "added": "new", "absent": "absent"}),
    changes_summary="seats moved: {moved} (no plan can move fewer than {bound}); people added: "
    "{added}; absent: {absent}",
    no_changes="Nothing changed.",
    earlier_plans="Earlier events",
    earlier_matched="{name}: {matched} of {total} people of this event matched",
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
    section_result="Ergebnis",
    section_metrics="Qualität dieses Plans",
    section_about="Über diesen Plan",
    counts_text="{participants} Teilnehmende, {tables} Tische, {themes} Themen, {phases} Phasen",
    input_file="Eingabedatei",
    input_sha256="SHA-256 der Eingabedatei",
    no_input="(nicht erfasst)",
    status="Status",
    best_possible_status="Bestmöglich: Kein Plan ist unter den gewählten Zielen besser.",
    valid_status="Gültig, könnte höchstens um {gaps} besser sein.",
    valid_unknown_status="Gültig: Alle Regeln sind erfüllt; ein besserer Plan ist möglich.",
    unchecked_status="Nicht vom Planer (von Hand erstellt oder geändert); die Zahlen unten hat "
    "die Prüfung berechnet.",
    rules_ok="Alle Regeln sind erfüllt.",
    rules_broken="Verletzte Regeln: {count}",
    rule_names=MappingProxyType(
        {
            Rule.ONE_TABLE_PER_PHASE: "ein Tisch je Phase",
            Rule.THEME_COVERAGE: "Themenabdeckung",
            Rule.TABLE_CAPACITY: "Tischgröße",
            Rule.PINS_AND_HOSTS: "feste Plätze und Gastgeber·innen",
            Rule.KEEP_APART: "getrennt halten",
            Rule.KEEP_TOGETHER: "zusammen halten",
            Rule.TABLES_ONLY_IN_THEIR_PHASES: "Tische nur in ihren Phasen",
        }
    ),
    metric="Kennzahl",
    this_plan="Dieser Plan",
    lower_bound="Kein Plan unter",
    in_words="In Worten",
    best_possible="Besser geht es nicht.",
    could_be_better="Ein Plan könnte höchstens um {gap} besser sein.",
    no_bound="Keine Untergrenze bekannt.",
    metrics=_DE_METRICS,
    solve_time="Rechenzeit",
    seconds="{value} s",
    seed="Startwert (Seed)",
    workers="Threads",
    solver="Solver",
    notes="Hinweise",
    data_note="Das ausgeblendete Blatt '{sheet}' enthält die Veranstaltung, damit 'rotation "
    "check' diesen Plan wieder lesen kann; Plätze ändern Sie im Blatt '{assignments}'.",
    print_note="Nicht gedruckt werden die Blätter {sheets}; um eines zu drucken, heben Sie "
    "seinen Druckbereich auf.",
    unknown="(unbekannt)",
    list_join=" und ",
    present="anwesend",
    yes="ja",
    no="nein",
    changes="Änderungen",
    before="Vorher",
    after="Jetzt",
    change="Änderung",
    change_kinds=MappingProxyType({"moved": "umgesetzt", "added": "neu", "absent": "abwesend"}),
    changes_summary="geänderte Plätze: {moved} (kein Plan kann weniger ändern als {bound}); "
    "neu: {added}; abwesend: {absent}",
    no_changes="Nichts geändert.",
    earlier_plans="Frühere Veranstaltungen",
    earlier_matched="{name}: {matched} von {total} Personen dieser Veranstaltung zugeordnet",
)

_BY_LANG: Mapping[str, Labels] = MappingProxyType({"en": EN, "de": DE})


def labels_for(lang: str) -> Labels:
    """The label table for ``"en"`` or ``"de"`` (ValueError for any other language)."""
    return in_language(_BY_LANG, lang)


def join_words(items: list[str], labels: Labels) -> str:
    """``a, b and c`` (``a, b und c``)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + labels.list_join + items[-1]


def status_sentence(status: Status, verdict: Verdict, labels: Labels) -> str:
    """The plan's status in an organiser's words: best possible, or valid and by how much not.

    >>> from rotation.domain import Goal
    >>> status_sentence(Status.FEASIBLE, Verdict(False, {Goal.REPEAT_ENCOUNTERS: 2.0}),
    ...                 labels_for("de"))
    'Gültig, könnte höchstens um 2 wiederholte Begegnungen besser sein.'
    >>> status_sentence(Status.OPTIMAL, Verdict(True), labels_for("en"))
    'Best possible: no plan is better under the chosen goals.'
    """
    if status is Status.UNCHECKED:
        return labels.unchecked_status
    if verdict.best_possible:
        return labels.best_possible_status
    if not verdict.gaps:
        return labels.valid_unknown_status
    gaps = [
        labels.metrics[Metric(goal.value)].gap.format(gap=labels.figure(gap))
        for goal, gap in verdict.gaps.items()
    ]
    return labels.valid_status.format(gaps=join_words(gaps, labels))
