"""Every word the page shows, in German and English, and how the page picks its language.

The language is, in this order: the switch on the page (a cookie), the ``--lang`` the server
was started with, the browser's preferred language, English.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGES", "TEXTS", "choose_language", "text"]

LANGUAGES = ("de", "en")

TEXTS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "rotation: plan who sits where",
        "switch": "Deutsch",
        "nav_start": "Start",
        "local_note": "Runs on this computer only: the registration data never leaves it.",
        "start_heading": "Plan the tables of your event",
        "start_intro": "Upload the registration list (Excel .xlsx or .xlsm, or .csv). "
        "You can check and change every setting before planning.",
        "drop_here": "Drop the registration file here",
        "or_choose": "or choose a file",
        "upload_button": "Upload and check",
        "too_large": "The file is larger than 20 MB; a registration list is much smaller.",
        "no_file": "Choose a file first.",
        "template_heading": "No list yet?",
        "template_intro": "Download a blank registration workbook, fill it in and upload it.",
        "template_de": "Blank template (German)",
        "template_en": "Blank template (English)",
        "example_heading": "Just looking?",
        "example_intro": "Try the bundled example: fifty made-up people, two themes, two phases.",
        "example_button": "Try the example",
        "settings_heading": "Settings",
        "settings_intro": "Filled in from {file}. Change what you need, then plan.",
        "participants_found": "{count} participants found.",
        "problems_heading": "The file cannot be planned as it is: {count} problem(s)",
        "problems_hint": "Fix them in the file and upload it again, or change the settings below.",
        "event_name": "Event name",
        "themes": "Themes (in order)",
        "theme_placeholder": "Theme name",
        "add_theme": "Add theme",
        "remove": "Remove",
        "up": "Move up",
        "down": "Move down",
        "tables_per_theme": "Tables per theme",
        "from_tables_sheet": "as in the Tables sheet ({count} tables)",
        "table_size": "Most people per table",
        "min_table_size": "Fewest people per table",
        "phases": "Phases",
        "balance": "Balance the tables by",
        "no_columns": "The file has no columns to balance (such as gender or role).",
        "time_limit": "Time for planning (seconds)",
        "seed": "Random seed",
        "workbook_language": "Language of the plan workbook",
        "lang_de": "German",
        "lang_en": "English",
        "plan_button": "Plan",
        "planning_heading": "Planning...",
        "planning_queued": "Waiting for a free processor ({count} plan(s) ahead).",
        "planning_first": "{elapsed} s: building a first plan",
        "planning_line": "{elapsed} s: best so far {repeat} repeat encounters (no plan can have "
        "fewer than {repeat_bound}), {org} same-organisation pairs (at least {org_bound})",
        "stop_button": "Stop and keep the best plan",
        "stopping": "Stopping...",
        "result_heading": "The plan for {name}",
        "counts": "{participants} participants, {tables} tables, {phases} phases, {themes} themes.",
        "status_optimal": "This plan is proven best: no plan is better.",
        "status_feasible": "Every rule holds; a better plan may exist.",
        "status_unchecked": "Every rule holds.",
        "stopped_note": "Planning was stopped: this is the best plan found until then.",
        "repeat_zero": "Nobody sits at a table with the same person twice.",
        "repeat_some": "{value} repeat encounters (people who meet again at a table); "
        "no plan can have fewer than {bound}.",
        "org_zero": "Nobody sits at a table with a colleague from their own organisation.",
        "org_some": "{value} times two colleagues of one organisation share a table; "
        "no plan can have fewer than {bound}.",
        "contacts": "Everyone meets {mean} different people on average, at least {min}.",
        "balance_line": "Balanced by {columns}: at most {max} people away from the even share "
        "at any table.",
        "downloads": "Downloads",
        "download_plan": "Plan workbook (.xlsx)",
        "download_cards": "Table cards and slips (.pdf)",
        "search_heading": "Where does someone sit?",
        "search_placeholder": "Type a name",
        "search_none": "Nobody of that name.",
        "search_more": "{count} people match; type more of the name.",
        "phase": "Phase {number}",
        "table": "Table {id}",
        "host": "Host",
        "people": "{count} people",
        "day_heading": "On the day",
        "day_intro": "Someone cannot come, or someone new arrives? Tick who is absent, add "
        "walk-ins as a registration file, choose the first phase to plan again. Earlier phases "
        "stay exactly as they are; as few people as possible move.",
        "day_absent": "Absent",
        "day_walk_ins": "Walk-ins (a registration file, optional)",
        "day_from_phase": "Plan again from",
        "day_button": "Re-plan",
        "changes_heading": "Who moves where",
        "changes_none": "Nobody has to move.",
        "change_moved": "moves from table {before} to table {after}",
        "change_absent": "absent (was at table {before})",
        "change_added": "joins at table {after}",
        "error_heading": "No plan",
        "error_no_plan": "No plan is possible with these rules:",
        "error_timeout": "No plan was found within the time limit. Allow more time and try again.",
        "error_stopped": "Stopped before planning started.",
        "error_internal": "Something went wrong inside rotation. Please report it (never send "
        "the registration file: it holds personal data).",
        "error_input": "The input cannot be used:",
        "back_to_settings": "Back to the settings",
        "start_again": "Start again",
        "not_found": "This page does not exist (any more). Plans are kept only while the "
        "server runs.",
    },
    "de": {
        "title": "rotation: planen, wer wo sitzt",
        "switch": "English",
        "nav_start": "Start",
        "local_note": "Läuft nur auf diesem Computer: die Anmeldedaten verlassen ihn nicht.",
        "start_heading": "Die Tische Ihrer Veranstaltung planen",
        "start_intro": "Laden Sie die Anmeldeliste hoch (Excel .xlsx oder .xlsm, oder .csv). "
        "Vor dem Planen können Sie jede Einstellung prüfen und ändern.",
        "drop_here": "Anmeldeliste hierher ziehen",
        "or_choose": "oder eine Datei auswählen",
        "upload_button": "Hochladen und prüfen",
        "too_large": "Die Datei ist größer als 20 MB; eine Anmeldeliste ist viel kleiner.",
        "no_file": "Bitte zuerst eine Datei auswählen.",
        "template_heading": "Noch keine Liste?",
        "template_intro": "Laden Sie eine leere Anmeldemappe herunter, füllen Sie sie aus und "
        "laden Sie sie hoch.",
        "template_de": "Leere Vorlage (Deutsch)",
        "template_en": "Leere Vorlage (Englisch)",
        "example_heading": "Erst einmal ausprobieren?",
        "example_intro": "Das mitgelieferte Beispiel: fünfzig erfundene Personen, zwei Themen, "
        "zwei Phasen.",
        "example_button": "Beispiel ausprobieren",
        "settings_heading": "Einstellungen",
        "settings_intro": "Aus {file} übernommen. Ändern Sie, was nötig ist, dann planen.",
        "participants_found": "{count} Teilnehmende gefunden.",
        "problems_heading": "So lässt sich die Datei nicht planen: {count} Problem(e)",
        "problems_hint": "Beheben Sie sie in der Datei und laden Sie sie erneut hoch, oder "
        "ändern Sie unten die Einstellungen.",
        "event_name": "Name der Veranstaltung",
        "themes": "Themen (in Reihenfolge)",
        "theme_placeholder": "Name des Themas",
        "add_theme": "Thema hinzufügen",
        "remove": "Entfernen",
        "up": "Nach oben",
        "down": "Nach unten",
        "tables_per_theme": "Tische pro Thema",
        "from_tables_sheet": "wie im Blatt Tische ({count} Tische)",
        "table_size": "Höchstens Personen pro Tisch",
        "min_table_size": "Mindestens Personen pro Tisch",
        "phases": "Phasen",
        "balance": "Tische ausgleichen nach",
        "no_columns": "Die Datei hat keine Spalten zum Ausgleichen (etwa Geschlecht oder "
        "Funktion).",
        "time_limit": "Zeit zum Planen (Sekunden)",
        "seed": "Zufallszahl (Seed)",
        "workbook_language": "Sprache der Plan-Mappe",
        "lang_de": "Deutsch",
        "lang_en": "Englisch",
        "plan_button": "Planen",
        "planning_heading": "Plane...",
        "planning_queued": "Wartet auf einen freien Prozessor ({count} Plan/Pläne davor).",
        "planning_first": "{elapsed} s: erster Plan wird gebaut",
        "planning_line": "{elapsed} s: bisher bester Plan mit {repeat} wiederholten Begegnungen "
        "(kein Plan kann weniger haben als {repeat_bound}), {org} Paaren aus derselben "
        "Organisation (mindestens {org_bound})",
        "stop_button": "Anhalten und besten Plan behalten",
        "stopping": "Wird angehalten...",
        "result_heading": "Der Plan für {name}",
        "counts": "{participants} Teilnehmende, {tables} Tische, {phases} Phasen, {themes} Themen.",
        "status_optimal": "Dieser Plan ist nachweislich der beste: kein Plan ist besser.",
        "status_feasible": "Alle Regeln sind erfüllt; ein besserer Plan ist möglich.",
        "status_unchecked": "Alle Regeln sind erfüllt.",
        "stopped_note": "Das Planen wurde angehalten: dies ist der beste bis dahin gefundene Plan.",
        "repeat_zero": "Niemand sitzt zweimal mit derselben Person an einem Tisch.",
        "repeat_some": "{value} wiederholte Begegnungen (Personen, die sich an einem Tisch "
        "wieder treffen); kein Plan kann weniger haben als {bound}.",
        "org_zero": "Niemand sitzt mit jemandem aus der eigenen Organisation an einem Tisch.",
        "org_some": "{value}-mal sitzen zwei aus derselben Organisation an einem Tisch; "
        "kein Plan kann weniger haben als {bound}.",
        "contacts": "Alle lernen im Schnitt {mean} verschiedene Personen kennen, mindestens {min}.",
        "balance_line": "Ausgeglichen nach {columns}: an keinem Tisch mehr als {max} Personen "
        "vom gleichmäßigen Anteil entfernt.",
        "downloads": "Herunterladen",
        "download_plan": "Plan-Mappe (.xlsx)",
        "download_cards": "Tischkarten und Zettel (.pdf)",
        "search_heading": "Wo sitzt wer?",
        "search_placeholder": "Namen eingeben",
        "search_none": "Niemand mit diesem Namen.",
        "search_more": "{count} Personen passen; geben Sie mehr vom Namen ein.",
        "phase": "Phase {number}",
        "table": "Tisch {id}",
        "host": "Gastgeber/in",
        "people": "{count} Personen",
        "day_heading": "Am Veranstaltungstag",
        "day_intro": "Jemand fehlt, oder jemand kommt spontan dazu? Haken Sie die Abwesenden "
        "an, laden Sie Dazugekommene als Anmeldedatei hoch und wählen Sie die erste Phase, die "
        "neu geplant wird. Frühere Phasen bleiben genau so; so wenige wie möglich wechseln.",
        "day_absent": "Abwesend",
        "day_walk_ins": "Dazugekommene (eine Anmeldedatei, freiwillig)",
        "day_from_phase": "Neu planen ab",
        "day_button": "Neu planen",
        "changes_heading": "Wer wechselt wohin",
        "changes_none": "Niemand muss wechseln.",
        "change_moved": "wechselt von Tisch {before} zu Tisch {after}",
        "change_absent": "abwesend (saß an Tisch {before})",
        "change_added": "kommt an Tisch {after} dazu",
        "error_heading": "Kein Plan",
        "error_no_plan": "Mit diesen Regeln ist kein Plan möglich:",
        "error_timeout": "In der verfügbaren Zeit wurde kein Plan gefunden. Geben Sie mehr "
        "Zeit und versuchen Sie es erneut.",
        "error_stopped": "Angehalten, bevor das Planen begann.",
        "error_internal": "In rotation ist ein Fehler aufgetreten. Bitte melden Sie ihn (senden "
        "Sie nie die Anmeldedatei: sie enthält persönliche Daten).",
        "error_input": "Die Eingabe ist so nicht verwendbar:",
        "back_to_settings": "Zurück zu den Einstellungen",
        "start_again": "Neu beginnen",
        "not_found": "Diese Seite gibt es nicht (mehr). Pläne bleiben nur erhalten, solange "
        "der Server läuft.",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in."""
    template = TEXTS.get(lang, TEXTS["en"]).get(key) or TEXTS["en"][key]
    return template.format(**values) if values else template


def choose_language(
    query: str | None, cookie: str | None, default: str | None, accept_language: str
) -> str:
    """The page's language: the switch, the server's ``--lang``, the browser, English.

    >>> choose_language(None, None, None, "de-DE,de;q=0.9,en;q=0.8")
    'de'
    >>> choose_language(None, "en", "de", "de-DE")
    'en'
    """
    for choice in (query, cookie, default):
        if choice in LANGUAGES:
            return choice
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"
