"""What the ``rotation`` command says on the terminal, in English and German.

One :class:`Texts` table per language, like the workbook's :mod:`rotation.io.workbook.labels`
(whose metric names and status sentences the terminal shares), so both languages stay
complete and in step. ``--json`` output is not translated: its keys and status values
("feasible", "optimal") are a contract for other programs.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from rotation.io.language import Language

__all__ = ["Texts", "texts_for"]


@dataclass(frozen=True)
class Texts:
    """Every sentence the command line prints, in one language."""

    lang: Language
    # counts: (singular, plural)
    participant: tuple[str, str]
    table: tuple[str, str]
    phase: tuple[str, str]
    theme: tuple[str, str]
    # plan and demo
    written: str
    seconds: str
    stopped: str
    no_plan_below: str
    balance_line: str
    demo_start: str
    demo_open: str
    template_written: str
    template_suffix: str
    template_exists: str
    default_tables: str
    note: str
    # progress line
    planning: str
    first_plan: str
    best_so_far: str
    stop_hint: str
    # check
    all_rules_hold: str
    broken_rules: str
    status: str
    # errors
    input_heading: str
    in_file: str
    problems: tuple[str, str]
    more_problems: str
    nothing_written: str
    output_heading: str
    output_unchanged: str
    no_plan: str
    no_plan_hint: str
    timeout: str
    timeout_hint: str
    interrupted: str
    cannot_write: str
    cannot_write_hint: str
    unexpected: str
    report_hint: str
    debug_hint: str

    def count(self, number: int, noun: tuple[str, str]) -> str:
        """``1 table``, ``3 tables``; ``1 Tisch``, ``3 Tische``."""
        return f"{number} {noun[0] if number == 1 else noun[1]}"


EN = Texts(
    lang="en",
    participant=("participant", "participants"),
    table=("table", "tables"),
    phase=("phase", "phases"),
    theme=("theme", "themes"),
    written="Plan written to {path}",
    note="Note: {note}",
    seconds="{value} s",
    stopped="Stopped by Ctrl-C: wrote the best plan found so far.",
    no_plan_below="no plan below {bound}",
    balance_line="{name} ({attributes}): {total} in total, at most {largest} at one table",
    demo_start="Planning the bundled example: 50 participants, 2 themes, 2 phases...",
    demo_open="Open {output} to see who sits where; 'rotation check {output}' prints every figure.",
    template_written="Template written to {path}",
    template_suffix="The template '{name}' must end in .xlsx.",
    template_exists="'{name}' exists already; choose another name or add --force.",
    default_tables="Note: no --tables-per-theme and no Tables sheet, so each theme gets one "
    "table of {size} people. For smaller tables give e.g. --tables-per-theme {suggested} "
    "(tables of about {about}), or list the tables in a 'Tables' sheet.",
    planning="Planning... {seconds:4.0f} s",
    first_plan="  building a first plan",
    best_so_far="  best so far: {repeat} {repeat_value} ({repeat_bound}), {pairs} {pairs_value} "
    "({pairs_bound})",
    stop_hint="  Ctrl-C: stop and keep the best plan",
    all_rules_hold="All rules hold in {file}.",
    broken_rules="{count} broken rule(s) in {file}:",
    status="Status: {status}",
    input_heading="Cannot use the input{where}: {problems}.",
    in_file=" in {file}",
    problems=("problem", "problems"),
    more_problems="- ... and {count} more (--json lists all).",
    nothing_written="Nothing was written.",
    output_heading="Cannot write the output: {problems}.",
    output_unchanged="Nothing was written; the input is unchanged.",
    no_plan="No plan is possible with these rules:",
    no_plan_hint="Nothing was written. Change the tables, sizes or phases and try again.",
    timeout="No plan within the time limit: {error}",
    timeout_hint="Nothing was written. Try a larger --time-limit.",
    interrupted="Interrupted before a plan was found. Nothing was written.",
    cannot_write="Cannot write the output: {reason}.",
    cannot_write_hint="Free some disk space, or send the output to another file or program.",
    unexpected="Unexpected error ({kind}).",
    report_hint="This is a bug in rotation. Please report it on the project's issue tracker "
    "with the command you ran and the output of the same command with --debug (never your "
    "registration file: it holds personal data).",
    debug_hint="Run the command again with --debug to see the traceback.",
)

DE = Texts(
    lang="de",
    participant=("Teilnehmende·r", "Teilnehmende"),
    table=("Tisch", "Tische"),
    phase=("Phase", "Phasen"),
    theme=("Thema", "Themen"),
    written="Plan gespeichert: {path}",
    note="Hinweis: {note}",
    seconds="{value} s",
    stopped="Mit Strg+C angehalten: Der beste bisher gefundene Plan wurde gespeichert.",
    no_plan_below="kein Plan unter {bound}",
    balance_line="{name} ({attributes}): insgesamt {total}, höchstens {largest} an einem Tisch",
    demo_start="Plane das mitgelieferte Beispiel: 50 Teilnehmende, 2 Themen, 2 Phasen ...",
    demo_open="Öffnen Sie {output}, um zu sehen, wer wo sitzt; 'rotation check {output}' zeigt "
    "alle Kennzahlen.",
    template_written="Vorlage gespeichert: {path}",
    template_suffix="Die Vorlage '{name}' muss auf .xlsx enden.",
    template_exists="'{name}' gibt es schon; wählen Sie einen anderen Namen oder ergänzen Sie "
    "--force.",
    default_tables="Hinweis: Weder --tables-per-theme noch ein Blatt 'Tische', daher bekommt "
    "jedes Thema einen Tisch mit {size} Personen. Für kleinere Tische geben Sie z. B. "
    "--tables-per-theme {suggested} an (Tische mit etwa {about} Personen) oder führen die "
    "Tische im Blatt 'Tische' auf.",
    planning="Plane ... {seconds:4.0f} s",
    first_plan="  erster Plan entsteht",
    best_so_far="  bisher bester: {repeat} {repeat_value} ({repeat_bound}), {pairs} "
    "{pairs_value} ({pairs_bound})",
    stop_hint="  Strg+C: anhalten und den besten Plan behalten",
    all_rules_hold="Alle Regeln sind in {file} erfüllt.",
    broken_rules="{count} verletzte Regel(n) in {file}:",
    status="Status: {status}",
    input_heading="Die Eingabe{where} ist so nicht verwendbar: {problems}.",
    in_file=" {file}",
    problems=("Problem", "Probleme"),
    more_problems="- ... und {count} weitere (--json listet alle auf).",
    nothing_written="Es wurde nichts gespeichert.",
    output_heading="Die Ausgabe lässt sich nicht schreiben: {problems}.",
    output_unchanged="Es wurde nichts gespeichert; die Eingabe ist unverändert.",
    no_plan="Mit diesen Regeln ist kein Plan möglich:",
    no_plan_hint="Es wurde nichts gespeichert. Ändern Sie Tische, Tischgrößen oder Phasen und "
    "versuchen Sie es noch einmal.",
    timeout="Kein Plan innerhalb der Zeitgrenze: {error}",
    timeout_hint="Es wurde nichts gespeichert. Versuchen Sie ein größeres --time-limit.",
    interrupted="Abgebrochen, bevor ein Plan gefunden war. Es wurde nichts gespeichert.",
    cannot_write="Die Ausgabe lässt sich nicht schreiben: {reason}.",
    cannot_write_hint="Geben Sie Speicherplatz frei oder leiten Sie die Ausgabe in eine andere "
    "Datei oder ein anderes Programm.",
    unexpected="Unerwarteter Fehler ({kind}).",
    report_hint="Das ist ein Fehler in rotation. Bitte melden Sie ihn im Issue-Tracker des "
    "Projekts mit dem Befehl, den Sie ausgeführt haben, und der Ausgabe desselben Befehls mit "
    "--debug (nie Ihre Anmeldedatei: Sie enthält personenbezogene Daten).",
    debug_hint="Führen Sie den Befehl mit --debug noch einmal aus, um die technischen Details "
    "zu sehen.",
)

_BY_LANG = MappingProxyType({"en": EN, "de": DE})


def texts_for(lang: str) -> Texts:
    """The terminal texts for ``"en"`` or ``"de"`` (English for anything else)."""
    return _BY_LANG.get(lang, EN)
