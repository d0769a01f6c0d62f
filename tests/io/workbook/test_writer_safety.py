"""Writing safely: inert text, atomic saves, the input never overwritten, clear refusals."""

from __future__ import annotations

import dataclasses
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_workbook_helpers import event_for, rotation_plan

from rotation.domain import Plan
from rotation.errors import OutputError
from rotation.io import read_plan, write_plan

HYPERLINK = '=HYPERLINK("http://x","y")'


def _hostile_plan() -> Plan:
    risky = {1: HYPERLINK, 2: "+49 5221 1890", 3: "-minus", 4: "@SUM(A1)", 5: "Bad\x07Bell"}
    return rotation_plan(event_for(20, tables_per_theme=2, organisation_of=risky))


def test_no_cell_in_the_output_is_a_formula_or_a_link(tmp_path: Path) -> None:
    path = write_plan(_hostile_plan(), tmp_path / "plan.xlsx")
    workbook = load_workbook(path)
    seen = []
    for ws in workbook.worksheets:
        assert not ws._hyperlinks
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                assert cell.hyperlink is None
                if cell.value == HYPERLINK:
                    seen.append(ws.title)
                    assert cell.quotePrefix, "typing into the cell later keeps it text"
    assert {"Phase 1", "Phase 2", "Participants", "Encounters"} <= set(seen)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name


def test_risky_text_reads_back_unchanged(tmp_path: Path) -> None:
    plan = _hostile_plan()
    path = write_plan(plan, tmp_path / "plan.xlsx")
    back = read_plan(path)
    assert back.event == plan.event, "the hidden sheet keeps every character (JSON-escaped)"
    shown = {
        row[0]: row[2] for row in load_workbook(path)["Participants"].iter_rows(values_only=True)
    }
    assert shown["p001"] == HYPERLINK and shown["p004"] == "@SUM(A1)"
    assert shown["p005"] == "BadBell", "control characters a cell cannot hold are left out"


def test_the_input_file_is_never_overwritten(tmp_path: Path) -> None:
    plan = rotation_plan(event_for(12, tables_per_theme=1))
    source = tmp_path / "anmeldungen.xlsx"
    source.write_bytes(b"the organiser's registrations")
    with pytest.raises(OutputError, match=r"would overwrite the input file 'anmeldungen\.xlsx'"):
        write_plan(plan, source, input_path=source)
    with pytest.raises(OutputError, match="would overwrite the input file"):
        write_plan(plan, tmp_path / "." / "anmeldungen.xlsx", input_path=str(source))
    from_event = dataclasses.replace(plan.event, source_file=str(source))
    with pytest.raises(OutputError, match="would overwrite the input file"):
        write_plan(dataclasses.replace(plan, event=from_event), source)
    assert source.read_bytes() == b"the organiser's registrations"


def test_a_missing_folder_is_a_clear_message(tmp_path: Path) -> None:
    plan = rotation_plan(event_for(12, tables_per_theme=1))
    with pytest.raises(OutputError, match=r"folder for 'plan\.xlsx' does not exist"):
        write_plan(plan, tmp_path / "nowhere" / "plan.xlsx")


def test_a_folder_or_another_format_is_refused(tmp_path: Path) -> None:
    plan = rotation_plan(event_for(12, tables_per_theme=1))
    (tmp_path / "plan.xlsx").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_plan(plan, tmp_path / "plan.xlsx")
    with pytest.raises(OutputError, match=r"must end in \.xlsx"):
        write_plan(plan, tmp_path / "plan.csv")


def test_a_file_open_elsewhere_gives_a_message_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = rotation_plan(event_for(12, tables_per_theme=1))
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"the previous plan")

    def locked(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Windows refuses to replace a file Excel holds open exactly like this.
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError, match="close the file if it is open") as error:
        write_plan(plan, target)
    assert "Traceback" not in str(error.value)
    assert target.read_bytes() == b"the previous plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"], "no temporary file left"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_a_read_only_folder_gives_a_message(tmp_path: Path) -> None:
    plan = rotation_plan(event_for(12, tables_per_theme=1))
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="Cannot write into the folder"):
            write_plan(plan, folder / "plan.xlsx")
    finally:
        folder.chmod(0o700)


def test_the_temporary_file_is_removed_when_saving_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(descriptor: int) -> None:  # the disk fills while the file is flushed
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    plan = rotation_plan(event_for(12, tables_per_theme=1))
    with pytest.raises(OutputError, match="No space left on device"):
        write_plan(plan, tmp_path / "plan.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    path = write_plan(rotation_plan(event_for(12, tables_per_theme=1)), tmp_path / "plan.xlsx")
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_folder_without_write_permission_gives_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    real_open = os.open

    def refused(path: str | os.PathLike[str], *args: object) -> int:
        if Path(path).name.startswith(".~"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args)  # type: ignore[arg-type]

    # The same refusal the read-only folder test provokes, for runs as root.
    monkeypatch.setattr(os, "open", refused)
    plan = rotation_plan(event_for(12, tables_per_theme=1))
    with pytest.raises(OutputError, match=r"Cannot write into the folder of 'plan.xlsx'"):
        write_plan(plan, tmp_path / "plan.xlsx")
    assert list(tmp_path.iterdir()) == []
