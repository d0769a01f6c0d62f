"""One language per run: the registration file's headers decide it unless one is asked for."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from rotation.domain import Event, Participant
from rotation.io import read_event, read_plan, write_plan
from rotation.io.language import as_language, choose_language, system_language
from rotation.io.registration.columns import header_language
from rotation.io.registration.participants import sheet_title
from rotation.solver import solve

DATA = Path(__file__).resolve().parents[1] / "data"
THEMES = ["Integration und Teilhabe", "Gleichstellung und Vielfalt"]


@pytest.mark.parametrize(
    ("headers", "language"),
    [
        (["Nr.", "Vorname", "Nachname", "Kommune", "Geschlecht", "Funktion"], "de"),
        (["ID", "First name", "Last name", "Organisation", "Gender", "Role"], "en"),
        (["ID", "Name", "Organisation", "Region"], ""),
        (["Name", "Tisch Phase 1", "Runde 2"], "de"),
        (["Name", "Table round 1"], "en"),
    ],
)
def test_header_language(headers: list[str], language: str) -> None:
    assert header_language(headers) == language


def test_locale_decides_when_the_headers_do_not(monkeypatch: pytest.MonkeyPatch) -> None:
    event = Event.build([Participant(str(i)) for i in range(4)], themes=["A", "B"])
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    assert system_language() == "de"
    assert choose_language(None, event) == "de"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert choose_language(None, event) == "en"
    assert choose_language("de", event) == "de"
    with pytest.raises(ValueError, match="'fr'"):
        choose_language("fr", event)
    assert as_language("Deutsch") == "de"


def test_title_row_names_the_event_without_the_list_word() -> None:
    assert sheet_title([["Werkstatttreffen Herford – Anmeldungen"], []]) == (
        "Werkstatttreffen Herford"
    )
    assert sheet_title([["Fachtag Vielfalt 2026"]]) == "Fachtag Vielfalt 2026"
    assert sheet_title([["Teilnehmende"]]) == ""


def test_german_list_records_language_headers_and_title() -> None:
    event = read_event(DATA / "anmeldungen-werkstatttreffen-50.xlsx", themes=THEMES)
    assert event.language == "de"
    assert event.attribute_label("gender") == "Geschlecht"
    assert event.attribute_label("role") == "Funktion"
    assert event.name == "Regionales Werkstatttreffen Cluster West"
    english = read_event(DATA / "registrations-200.xlsx", themes=["A", "B"], tables_per_theme=5)
    assert english.language == "en"
    assert english.attribute_label("gender") == "Gender"
    assert english.name == "registrations-200"


def test_plan_without_lang_follows_the_list_and_keeps_it(tmp_path: Path) -> None:
    event = read_event(
        DATA / "anmeldungen-werkstatttreffen-50.xlsx",
        themes=THEMES,
        tables_per_theme=3,
        balance=["Geschlecht"],
        name="Regionales Werkstatttreffen Herford",
    )
    plan = solve(event, time_limit=5, seed=1, workers=1, deterministic=True)
    written = write_plan(plan, tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(written)
    assert book.sheetnames[0] == "Übersicht"
    assert book["Übersicht"]["A1"].value == "Sitzplan: Regionales Werkstatttreffen Herford"
    again = read_plan(written)
    assert again.event.language == "de"
    assert again.event.attribute_label("gender") == "Geschlecht"
    english = write_plan(plan, tmp_path / "plan-en.xlsx", lang="en")
    assert openpyxl.load_workbook(english).sheetnames[0] == "Overview"
