""".ods and .xls registration files: read through python-calamine like their .xlsx twins."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from rotation.errors import InputError
from rotation.io import read_event
from rotation.io.calamine import read_calamine

DATA = Path(__file__).resolve().parents[1] / "data"
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

Cell = str | int | tuple[str, str | int | None]
"""A cell: text, a number, or (formula, saved result); a None result was never saved."""


def _cell(value: Cell | None) -> str:
    if value is None:
        return "<table:table-cell/>"
    formula = ""
    if isinstance(value, tuple):
        formula = f" table:formula={quoteattr('of:' + value[0])}"
        value = value[1]
        if value is None:
            return f"<table:table-cell{formula}/>"
    if isinstance(value, int):
        return (
            f'<table:table-cell{formula} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell{formula} office:value-type="string" '
        f"office:string-value={quoteattr(value)}><text:p>{escape(value)}</text:p>"
        "</table:table-cell>"
    )


def write_ods(path: Path, sheets: dict[str, list[list[Cell | None]]]) -> Path:
    """A minimal OpenDocument spreadsheet, as the format defines it (no LibreOffice needed)."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            "<table:table-row>" + "".join(_cell(c) for c in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_libreoffice_ods_and_xls_read_like_their_xlsx_twin(suffix: str) -> None:
    twin = read_event(DATA / "libreoffice-anmeldungen.xlsx", themes=["A", "B"], balance=["Region"])
    event = read_event(
        DATA / f"libreoffice-anmeldungen.{suffix}", themes=["A", "B"], balance=["Region"]
    )
    # The hidden first sheet ("Alte Liste", person X1) is skipped, the title row names it.
    assert [p.id for p in event.participants] == ["1", "2", "17"]
    assert event.participants == twin.participants
    assert event.name == twin.name == "Werkstatttreffen Herford"
    assert event.language == twin.language == "de"
    assert event.attribute_names == twin.attribute_names
    assert event.tables == twin.tables and event.balance == twin.balance == ("Region",)


def test_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "liste.ods",
        {
            "Teilnehmende": [
                [],
                [],
                [None, "ID", "Name", "Organisation"],
                [None, 1, "Anna Berg", "Stadt Löhne"],
                [None, 1, "Ben Sommer", "Kreis Herford"],
            ]
        },
    )
    with pytest.raises(InputError) as caught:
        read_event(path, themes=["A"])
    problem = caught.value.problems[0]
    assert problem.sheet == "Teilnehmende" and problem.row == 5
    assert "'1'" in problem.message


def test_a_formula_cell_yields_its_saved_result(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "formeln.ods",
        {
            "Teilnehmende": [
                ["ID", "Vorname", "Nachname", "Organisation", "Geschlecht"],
                [("=1+1", 2), "Anna", ('="Be"&"rg"', "Berg"), ("=1/0", ""), "w"],
                [3, "Ben", "Sommer", "Stadt Vlotho", ("=[.E2]", None)],
            ]
        },
    )
    rows = read_calamine(path)[0].rows
    assert rows[1] == (2, "Anna", "Berg", None, "w")
    assert rows[2] == (3, "Ben", "Sommer", "Stadt Vlotho")  # never calculated: empty
    event = read_event(path, themes=["A"])
    assert event.participant("2").name == "Anna Berg"
    assert event.participant("2").organisation == ""
    assert event.participant("3").attributes.get("gender", "") == ""


def test_a_damaged_ods_is_explained(tmp_path: Path) -> None:
    good = (DATA / "libreoffice-anmeldungen.ods").read_bytes()
    truncated = tmp_path / "abgeschnitten.ods"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(InputError, match="damaged"):
        read_event(truncated, themes=["A"])

    broken = tmp_path / "kaputt.ods"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("mimetype", ODS_MIMETYPE)
        archive.writestr("content.xml", "<office:document-content><office:body><table:tab")
    with pytest.raises(InputError, match="damaged") as caught:
        read_event(broken, themes=["A"])
    assert caught.value.problems[0].file == "kaputt.ods"
    assert "save it again" in caught.value.problems[0].hint


def test_an_ods_zip_bomb_is_refused_before_calamine_opens_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.ods"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", b" " * (8 << 20))
    with pytest.raises(InputError, match="zip bomb"):
        read_event(bomb, themes=["A"])
