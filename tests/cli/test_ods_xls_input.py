"""``rotation plan`` on .ods and .xls registration files: the same plan as the .xlsx twin."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from cli_helpers import DATA, FAST, assignments, run


def _plan(source: Path, output: Path) -> list[dict[str, object]]:
    result = run("plan", source, "-o", output, "--themes", "A", "B", "--time-limit", "3", *FAST)
    assert result.returncode == 0, result.stderr
    return assignments(output)


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_ods_and_xls_plan_like_their_xlsx_twin(tmp_path: Path, suffix: str) -> None:
    twin = _plan(DATA / "libreoffice-anmeldungen.xlsx", tmp_path / "twin.xlsx")
    rows = _plan(DATA / f"libreoffice-anmeldungen.{suffix}", tmp_path / "plan.xlsx")
    assert rows == twin
    assert {str(r["participant_id"]) for r in rows} == {"1", "2", "17"}


def test_a_damaged_ods_is_invalid_input(tmp_path: Path) -> None:
    broken = tmp_path / "anmeldungen.ods"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content><office:bo")
    result = run("plan", broken, "-o", tmp_path / "plan.xlsx", "--themes", "A", "B")
    assert result.returncode == 3, result.stderr
    assert "anmeldungen.ods" in result.stderr and "damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "plan.xlsx").exists()
