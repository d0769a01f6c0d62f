"""Unsafe or unreadable files are refused before parsing, with a message saying what to do."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from rotation.errors import InputError
from rotation.io import read_event
from rotation.io.inspection import FileKind, Limits, ensure_defused_xml, inspect_file

DATA = Path(__file__).resolve().parents[1] / "data"

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE sst [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2"
 uniqueCount="2"><si><t>&g;</t></si><si><t>Name</t></si></sst>"""


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["Nr.", "Name"])
    book.active.append(["1", "Anna"])
    book.save(path)
    return path


def _rewrite(source: Path, target: Path, replace: dict[str, bytes], **extra: bytes) -> Path:
    """A copy of a workbook with some parts replaced and others added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
        for name, data in extra.items():
            new.writestr(name, data)
    return target


@pytest.fixture
def xml_bomb(tmp_path: Path) -> Path:
    # LibreOffice keeps text in xl/sharedStrings.xml (openpyxl writes inline strings).
    source = DATA / "libreoffice-anmeldungen.xlsx"
    return _rewrite(source, tmp_path / "bomb.xlsx", {"xl/sharedStrings.xml": BILLION_LAUGHS})


def test_xml_bomb_refused_without_using_much_memory(xml_bomb: Path) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="XML document type") as caught:
            read_event(xml_bomb, themes=["A"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20  # the expansion would need gigabytes
    assert caught.value.problems[0].file == "bomb.xlsx"


def test_defusedxml_is_active_in_openpyxl(xml_bomb: Path) -> None:
    ensure_defused_xml()
    # Behind the pre-scan, openpyxl itself refuses the entity declarations.
    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(xml_bomb)
    chain: list[BaseException] = []
    error: BaseException | None = caught.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(type(e).__name__ == "EntitiesForbidden" for e in chain), chain


def test_missing_defusedxml_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    import xml.etree.ElementTree

    from openpyxl.xml import functions

    monkeypatch.setattr(functions, "iterparse", xml.etree.ElementTree.iterparse)
    with pytest.raises(RuntimeError, match="defusedxml"):
        ensure_defused_xml()


def test_zip_bomb_refused(tmp_path: Path) -> None:
    plain = _workbook(tmp_path / "plain.xlsx")
    bomb = _rewrite(plain, tmp_path / "zip.xlsx", {}, **{"xl/media/x.bin": b"\0" * (20 * 2**20)})
    with pytest.raises(InputError, match="zip bomb"):
        read_event(bomb, themes=["A"])


def test_limits_on_size_expansion_and_parts(tmp_path: Path) -> None:
    plain = _workbook(tmp_path / "plain.xlsx")
    assert inspect_file(plain) is FileKind.XLSX
    with pytest.raises(InputError, match="at most"):
        inspect_file(plain, Limits(max_file_bytes=100))
    with pytest.raises(InputError, match="unpacks to"):
        inspect_file(plain, Limits(max_uncompressed_bytes=1000))
    with pytest.raises(InputError, match="too many"):
        inspect_file(plain, Limits(max_members=3))


def test_encrypted_workbook_explained(tmp_path: Path) -> None:
    # An encrypted Office file is an OLE2 compound file holding an EncryptedPackage stream.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
    directory += "EncryptedPackage".encode("utf-16-le") + b"\0" * 50
    path = tmp_path / "geheim.xlsx"
    path.write_bytes(header + directory + b"\0" * 1024)
    with pytest.raises(InputError, match="password") as caught:
        read_event(path, themes=["A"])
    assert "remove the password" in caught.value.problems[0].hint


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bild.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "not a spreadsheet"),
        ("brief.xlsx", b"%PDF-1.7\n\0\0binary", "not a spreadsheet"),
        ("liste.xlsx", b"Nr.;Name\n1;Anna\n", "plain text"),
        ("export.xls", b"<html><table><tr><td>1</td></tr></table></html>", "web page"),
        ("leer.xlsx", b"", "empty"),
        ("kaputt.xlsx", b"PK\x03\x04" + b"garbage" * 20, "damaged"),
    ],
)
def test_not_a_spreadsheet_explained(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_event(path, themes=["A"])
    assert caught.value.problems[0].file == name and caught.value.problems[0].hint


def test_word_document_and_plain_zip_explained(tmp_path: Path) -> None:
    for name, part, message in [
        ("brief.docx", "word/document.xml", "Word document"),
        ("archiv.zip", "liste.txt", "zip archive"),
    ]:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(part, "<x/>")
        with pytest.raises(InputError, match=message):
            read_event(path, themes=["A"])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_event(tmp_path / "nothing.xlsx", themes=["A"])


def test_a_file_that_cannot_be_opened_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "anmeldungen.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")

    def refuse(*args: object, **kwargs: object) -> None:
        # The suite runs as root in CI, where file modes cannot take read access away.
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match=r"cannot be opened \(Permission denied\)"):
        inspect_file(path)
