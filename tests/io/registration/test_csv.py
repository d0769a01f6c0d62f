"""CSV as Excel and LibreOffice save it: separators and encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from rotation.errors import InputError
from rotation.io import read_event
from rotation.io.registration.csv import decode, sniff_separator

TEXT = "Nr.;Vorname;Nachname;Kommune\n0007;Jürgen;Weiß;Stadt Löhne\n0008;Zoë;Groß, Dr.;Bünde\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(TEXT.encode(encoding))
    event = read_event(path, themes=["A"])
    assert [(p.id, p.name, p.organisation) for p in event.participants] == [
        ("0007", "Jürgen Weiß", "Stadt Löhne"),
        ("0008", "Zoë Groß, Dr.", "Bünde"),
    ]


def test_comma_separated_with_quotes_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b'ID,Name,Organisation\r\n1,"Doe, Jane",City\r\n2,Max,"Town; North"\r\n')
    event = read_event(path, themes=["A"])
    assert [p.name for p in event.participants] == ["Doe, Jane", "Max"]
    assert event.participants[1].organisation == "Town; North"


def test_sniffing() -> None:
    assert sniff_separator(TEXT) == ";"
    assert sniff_separator("a,b,c\n1,2,3\n") == ","
    assert sniff_separator("a\tb\n1\t2\n") == "\t"


def test_undecodable_bytes_are_explained() -> None:
    with pytest.raises(InputError, match="neither UTF-8 nor Windows-1252"):
        decode(b"Name\n\x81\x8d\x8f\n", "x.csv")


def test_csv_row_numbers_in_problems(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("Nr.;Name\n1;Anna\n1;Ben\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_event(path, themes=["A"])
    [problem] = caught.value.problems
    assert (problem.file, problem.sheet, problem.row) == ("liste.csv", "liste", 3)
