"""Problem messages in the organiser's language: a catalogue keyed by message id.

A :class:`~rotation.errors.Problem` is made in English where it is found, with a ``key``
naming the message and the ``values`` it was formatted with. :func:`problem_text` says it in
German when the catalogue has that key, else in English as made. The common mistakes in a
registration list are in the catalogue; rarer messages (Settings and Tables sheet details,
unsafe files) are still English only and keep no key.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from rotation.errors import Problem, Reason

__all__ = ["GERMAN", "GERMAN_REASONS", "problem_text", "reason_text", "where_text"]

GERMAN: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "absent_unknown": (
            "'{id}' ist als abwesend angegeben, steht aber nicht im Plan.",
            "verwenden Sie eine ID aus dem Blatt 'Teilnehmende' des Plans",
        ),
        "late_arrival_known": (
            "Die Nachmeldung '{id}' hat eine ID, die schon im Plan steht.",
            "geben Sie der Person eine neue ID oder lassen Sie sie weg, wenn sie angemeldet ist",
        ),
        "sheet_empty": (
            "Das Blatt ist leer.",
            "tragen Sie eine Kopfzeile und je Person eine Zeile ein",
        ),
        "no_header_row": (
            "Keine Kopfzeile gefunden.",
            "die erste gefüllte Zeile muss die Spalten benennen, z. B. {accepted}",
        ),
        "no_name_column": (
            "Keine Spalte mit den Namen der Teilnehmenden.",
            "gefundene Spalten: {headers}; möglich sind z. B. Name, Vorname und Nachname",
        ),
        "no_participants": (
            "Das Blatt hat eine Kopfzeile, aber keine Teilnehmenden darunter.",
            "tragen Sie je Person eine Zeile ein",
        ),
        "no_id": ("Die Zeile hat keine ID.", "geben Sie jeder Person eine eigene ID"),
        "no_email": (
            "Die Zeile hat keine E-Mail-Adresse, die ohne ID-Spalte als ID dient.",
            "tragen Sie die E-Mail-Adresse ein oder ergänzen Sie eine ID-Spalte (z. B. 'Nr.')",
        ),
        "example_row": (
            "Das ist die Beispielzeile der Vorlage.",
            "überschreiben Sie sie mit einer Person oder löschen Sie sie",
        ),
        "no_name": (
            "Die Person '{id}' hat keinen Namen.",
            "tragen Sie den Namen ein oder löschen Sie die Zeile",
        ),
        "bad_phases": (
            "Die Phasen sind keine Liste von Phasennummern.",
            "schreiben Sie z. B. 1,2 oder 1-2, oder lassen Sie das Feld für alle Phasen leer",
        ),
        "same_id": (
            "Die ID '{id}' steht in den Zeilen {first} und {row}.",
            "IDs müssen eindeutig sein: geben Sie einer der beiden eine andere ID",
        ),
        "same_email": (
            "Die Zeilen {first} und {row} haben dieselbe E-Mail-Adresse, die als ID dient.",
            "IDs müssen eindeutig sein: geben Sie einer der beiden eine andere E-Mail-Adresse "
            "oder ergänzen Sie eine ID-Spalte",
        ),
        "no_themes": (
            "Die Datei nennt keine Themen.",
            "geben Sie die Themen als Option an (--themes A B), in einer Zeile 'Themen' des "
            "Blatts 'Einstellungen' oder führen Sie die Tische mit ihren Themen im Blatt "
            "'Tische' auf",
        ),
        "unknown_table": ("Es gibt keinen Tisch '{table}'.", "möglich sind: {tables}"),
        "unknown_theme": (
            "'{theme}' ist kein Thema der Veranstaltung.",
            "möglich sind: {themes}",
        ),
        "lonely_group": (
            "Die Gruppe '{group}' hat nur ein Mitglied und ist keine ID einer Person.",
            "schreiben Sie dieselbe Gruppenbezeichnung in die Zeile jedes Mitglieds oder die "
            "ID einer anderen Person",
        ),
        "no_balance_column": (
            "Im Blatt '{sheet}' gibt es keine Spalte '{wanted}' zum Ausgleichen.",
            "vorhandene Spalten: {columns}",
        ),
    }
)


def where_text(problem: Problem, lang: str) -> str:
    """The place of a problem: ``file, sheet 'X', row 7, column 'Name'`` (German: Blatt,
    Zeile, Spalte)."""
    return problem.where(("Blatt", "Zeile", "Spalte")) if lang == "de" else problem.where()


GERMAN_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "phase_no_table": "Phase {phase}: {present} Teilnehmende sind anwesend, aber in dieser "
        "Phase gibt es keinen Tisch.",
        "phase_seats": "Phase {phase}: {present} Teilnehmende sind anwesend, aber die Tische "
        "haben zusammen nur {seats} Plätze; ergänzen Sie {missing} Plätze (mehr oder größere "
        "Tische).",
        "phase_minimum": "Phase {phase}: Die Tische brauchen zusammen mindestens {minimum} "
        "Personen, aber nur {present} sind anwesend; senken Sie die Mindestgrößen der Tische "
        "oder nehmen Sie weniger Tische.",
        "theme_forced": "Phase {phase}: {count} Teilnehmende brauchen noch das Thema '{theme}' "
        "(ihre festen Tische lassen keine andere Wahl), aber seine Tische haben nur {seats} "
        "Plätze.",
        "theme_minimum": "Thema '{theme}': Seine Tische brauchen über alle Phasen mindestens "
        "{minimum} Besuche (ihre Mindestgrößen), aber die {people} Teilnehmenden können es nur "
        "{most}-mal besuchen; senken Sie die Mindestgrößen seiner Tische.",
        "theme_seats": "Thema '{theme}': {must} Besuche sind nötig (jede Person einmal), aber "
        "seine Tische haben über alle Phasen nur {seats} Plätze; ergänzen Sie {missing} Plätze "
        "bei diesem Thema.",
        "group_apart": "Phase {phase}: Die Gruppe '{group}' (getrennt halten) hat {present} "
        "anwesende Mitglieder, aber es gibt nur {tables} Tische; jedes Mitglied braucht einen "
        "eigenen Tisch.",
        "group_together_size": "Phase {phase}: Die Gruppe '{group}' (zusammen halten) hat "
        "{present} anwesende Mitglieder, aber der größte Tisch hat nur {largest} Plätze.",
        "group_together_pins": "Phase {phase}: Mitglieder der Gruppe '{group}' (zusammen halten) "
        "sind fest an verschiedenen Tischen eingeplant ({tables}).",
        "theme_short": "Phase {phase}: Nur {can} Personen können das Thema '{theme}' noch "
        "besuchen (die anderen hatten es schon), aber seine Tische brauchen mindestens {needed}; "
        "nehmen Sie Nachmeldungen auf, senken Sie die Mindestgrößen dieser Tische oder planen "
        "Sie ab einer früheren Phase neu.",
        "relax": "Lockern Sie eine davon (mehr Plätze, weniger feste Tische, kleinere Gruppen).",
        "unproven": "Der Solver konnte in der Zeitgrenze nicht zeigen, welche Regeln sich "
        "widersprechen; prüfen Sie Tischgrößen, feste Tische und Gruppen oder geben Sie mehr Zeit.",
        "conflict_at_start": "Die Regeln widersprechen sich schon vor jeder Wahl (prüfen Sie feste "
        "Tische und Gastgeber).",
    }
)
"""Why no plan exists, in German, by :class:`~rotation.errors.Reason` key."""


def reason_text(reason: str, lang: str) -> str:
    """A reason why no plan exists in ``lang``: German from :data:`GERMAN_REASONS` where it
    has the reason's key, else as made (English).

    >>> reason = Reason("Phase 2: no table runs.", "phase_no_table", phase=2, present=12)
    >>> reason_text(reason, "de")
    'Phase 2: 12 Teilnehmende sind anwesend, aber in dieser Phase gibt es keinen Tisch.'
    >>> reason_text(reason, "en")
    'Phase 2: no table runs.'
    """
    key = reason.key if isinstance(reason, Reason) else ""
    translated = GERMAN_REASONS.get(key) if lang == "de" else None
    if translated is None or not isinstance(reason, Reason):
        return str(reason)
    return translated.format(**reason.values)


def problem_text(problem: Problem, lang: str) -> str:
    """The problem as one line in ``lang``: German from the catalogue where it has the
    message, else as made (English).

    >>> problem = Problem("The row has no id.", "give every participant a unique id",
    ...                   sheet="Teilnehmende", row=7, key="no_id")
    >>> problem_text(problem, "de")
    "Blatt 'Teilnehmende', Zeile 7: Die Zeile hat keine ID. (geben Sie jeder Person eine eigene ID)"
    >>> problem_text(problem, "en") == str(problem)
    True
    """
    translated = GERMAN.get(problem.key) if lang == "de" else None
    if translated is None:
        return str(problem)
    message, hint = (text.format(**problem.values) for text in translated)
    where = where_text(problem, lang)
    text = f"{where}: {message}" if where else message
    return f"{text} ({hint})" if hint else text
