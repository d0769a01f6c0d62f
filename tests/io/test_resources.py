"""Issue 16: the readers stay within 1 GB of memory on files built to exhaust it.

Each case runs in a fresh process whose address space is capped with
``resource.setrlimit`` (1 GB) and which must finish within a budget (the subprocess
timeout). Before the fix, a 6 KB workbook with one cell at XFD1048576 ran out of memory
after 79 s and a phase cell ``1-999999999`` allocated a billion phase numbers; now each
ends with a clear InputError, which the child prints.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest

resource = pytest.importorskip("resource")  # POSIX only

MEMORY_CAP = 1 << 30
TIME_BUDGET = 120  # seconds: a hang guard under shared CI load, not a speed claim

CHILD = textwrap.dedent(
    """
    import json, resource, sys
    cap = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from rotation import InputError, read_event
    from rotation.io import read_plan
    kind, path = sys.argv[2], sys.argv[3]
    try:
        if kind == "plan":
            read_plan(path)
        else:
            read_event(path, themes=["A", "B"])
    except InputError as error:
        print(json.dumps({"outcome": "InputError", "message": str(error)}))
    except MemoryError:
        print(json.dumps({"outcome": "MemoryError", "message": ""}))
    else:
        print(json.dumps({"outcome": "read", "message": ""}))
    """
)


def read_capped(kind: str, path: Path) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(MEMORY_CAP), kind, str(path)],
        capture_output=True,
        text=True,
        timeout=TIME_BUDGET,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome: dict[str, str] = json.loads(result.stdout)
    return outcome


def registration(path: Path, **cells: object) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Teilnehmende"
    sheet.append(["Nr", "Name", "Phasen"])
    for i in range(6):
        sheet.append([f"p{i}", f"Person {i}", None])
    for address, value in cells.items():
        sheet[address] = value
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"XFD1048576": "x"}, "column XFD"),
        ({"E1048576": "x"}, "row 1,048,576"),
        ({"C3": "1-999999999"}, "row 3"),
        ({"C3": "9" * 5000}, "row 3"),
    ],
    ids=["far-column", "far-row", "phase-range", "huge-number"],
)
def test_the_reader_refuses_within_a_memory_cap(
    tmp_path: Path, cells: dict[str, object], expected: str
) -> None:
    path = registration(tmp_path / "in.xlsx", **cells)
    outcome = read_capped("registration", path)
    assert outcome["outcome"] == "InputError", outcome
    assert expected in outcome["message"]


def test_a_far_cell_in_an_ods_is_refused_before_calamine_allocates_its_grid(
    tmp_path: Path,
) -> None:
    # One value at XFD6000: calamine would build a dense grid of 98 million cells (3 GB)
    # and abort the process when the allocation fails.
    ns = 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:office="urn:'
    ns += 'oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:'
    ns += 'opendocument:xmlns:text:1.0"'
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    content = (
        f"<office:document-content {ns}><office:body><office:spreadsheet>"
        '<table:table table:name="Teilnehmende"><table:table-row>'
        + cell.format("Nr") + cell.format("Name")
        + '</table:table-row><table:table-row table:number-rows-repeated="5998">'
        '<table:table-cell/></table:table-row><table:table-row>'
        '<table:table-cell table:number-columns-repeated="16383"/>'
        + cell.format("x")
        + "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )  # fmt: skip
    path = tmp_path / "far.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    outcome = read_capped("registration", path)
    assert outcome["outcome"] == "InputError" and "column XFD" in outcome["message"]


def test_the_settings_sheet_cannot_ask_for_a_hundred_million_phases(tmp_path: Path) -> None:
    path = registration(tmp_path / "in.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Einstellungen").append(["Phasen", 100_000_000])
    book.save(path)
    outcome = read_capped("registration", path)
    assert outcome["outcome"] == "InputError" and "Einstellungen" in outcome["message"]


def test_the_plan_reader_refuses_a_far_cell_within_a_memory_cap(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Assignments"
    sheet.append(["participant_id", "name", "phase", "table", "theme"])
    sheet.append(["p1", "Person 1", 1, "A1", "A"])
    sheet["XFD1048576"] = 1
    path = tmp_path / "plan.xlsx"
    book.save(path)
    outcome = read_capped("plan", path)
    assert outcome["outcome"] == "InputError" and "XFD" in outcome["message"]
