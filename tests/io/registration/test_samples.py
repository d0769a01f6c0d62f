"""The sample registration files of shared/data (copied to tests/data) read correctly."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from rotation.io import read_event

DATA = Path(__file__).resolve().parents[2] / "data"
THEMES = ["Integration und Teilhabe", "Gleichstellung und Vielfalt"]


def _nfc(text: str) -> bool:
    return unicodedata.normalize("NFC", text) == text


def test_werkstatttreffen_50_with_title_rows_and_decomposed_umlauts() -> None:
    event = read_event(DATA / "anmeldungen-werkstatttreffen-50.xlsx", themes=THEMES)
    assert len(event.participants) == 50
    assert [p.id for p in event.participants[:3]] == ["P0001", "P0002", "P0003"]
    assert event.participants[-1].id == "P0050"
    first = event.participant("P0001")
    assert first.name == "Tobias Stöcker"
    assert first.organisation == "Stadt Löhne"
    assert dict(first.attributes) == {"role": "Zivilgesellschaft", "gender": "w"}
    assert event.participant("P0049").name == "Björn Richter"  # stray spaces removed
    assert all(_nfc(p.name) and _nfc(p.organisation) for p in event.participants)
    assert "Stadt Gütersloh" in {p.organisation for p in event.participants}
    assert len(event.phases) == 2
    assert sum(t.max_size for t in event.tables) >= 50


def test_registrations_200_english_headers() -> None:
    event = read_event(
        DATA / "registrations-200.xlsx", themes=["A", "B"], tables_per_theme=5, balance=["Gender"]
    )
    assert len(event.participants) == 200
    assert len({p.id for p in event.participants}) == 200
    assert event.participant("P0002").name == "Cem Yılmaz"
    assert event.participant("P0200").organisation == "Stadt Herford"
    assert event.balance == ("gender",)
    assert {p.attributes["gender"] for p in event.participants} <= {"w", "m", "d"}
    assert len(event.tables) == 10 and {t.max_size for t in event.tables} == {20}


def test_excel_csv_export_semicolon_cp1252_leading_zeros() -> None:
    event = read_event(DATA / "anmeldungen-48-excel-export.csv", themes=THEMES)
    assert len(event.participants) == 48
    assert event.participants[0].id == "0001"
    assert event.participant("0003").name == "Jonas Weiß"
    assert event.participant("0002").organisation == "Stadt Löhne"
    assert event.participant("0001").attributes["role"] == "Politik"


def test_libreoffice_workbook_with_hidden_first_sheet() -> None:
    event = read_event(DATA / "libreoffice-anmeldungen.xlsx", themes=["A"], balance=["Region"])
    assert [p.id for p in event.participants] == ["1", "2", "17"]
    assert [p.name for p in event.participants] == ["Jürgen Weiß", "Zoë Ölmez", "Änne Groß"]
    assert all(_nfc(p.name) for p in event.participants)
    assert event.participant("2").email == "z.oelmez@example.org"
    assert event.participant("17").attributes == {"gender": "d", "Region": "Nord"}
    assert event.balance == ("Region",)
