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

from rotation.errors import Problem

__all__ = ["GERMAN", "problem_text", "where_text"]

GERMAN: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
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
    if lang != "de":
        return problem.where()
    parts = []
    if problem.file:
        parts.append(problem.file)
    if problem.sheet:
        parts.append(f"Blatt '{problem.sheet}'")
    if problem.row is not None:
        parts.append(f"Zeile {problem.row}")
    if problem.column:
        parts.append(f"Spalte '{problem.column}'")
    return ", ".join(parts)


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
