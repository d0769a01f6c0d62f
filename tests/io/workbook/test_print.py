"""The printed look: LibreOffice turns the plan workbook into a PDF; no table block is cut.

Needs LibreOffice (Debian: libreoffice-calc) and pdftotext (poppler-utils); skipped with a
reason where they are missing. ``.ci/run`` installs both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from plan_workbook_helpers import event_for, rotation_plan

from rotation import solve
from rotation.domain import Plan
from rotation.io import write_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice (soffice) or pdftotext is not installed: "
    "apt-get install libreoffice-calc poppler-utils",
)


def pdf_pages(workbook: Path, work: Path) -> list[str]:
    """The text of every printed page, via LibreOffice headless and pdftotext."""
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), str(workbook)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = work / f"{workbook.stem}.pdf"
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    text = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def assert_no_block_is_cut(plan: Plan, pages: list[str], phase_word: str = "Phase") -> None:
    """Every table block's header and all its members appear together on one page."""
    event = plan.event
    for phase in event.phase_numbers:
        phase_pages = [p for p in pages if p.lstrip().startswith(f"{phase_word} {phase} ·")]
        assert phase_pages, f"no printed page for phase {phase}"
        for table in event.tables_in(phase):
            header = re.compile(rf"^\s*{re.escape(table.id)}\s+{re.escape(table.theme)}", re.M)
            holding = [p for p in phase_pages if header.search(p)]
            assert len(holding) == 1, (
                f"block {table.id} of phase {phase} is on {len(holding)} pages"
            )
            for member in plan.members(table.id, phase):
                name = event.participant(member).name
                assert name in holding[0], f"{name} of {table.id}, phase {phase}, cut off"


def test_phase_sheets_print_without_cutting_a_block(tmp_path: Path) -> None:
    plan = rotation_plan(event_for(120, tables_per_theme=4, themes=("Wasser", "Energie", "Boden")))
    pages = pdf_pages(write_plan(plan, tmp_path / "plan.xlsx"), tmp_path)
    phase_one = [p for p in pages if p.lstrip().startswith("Phase 1 ·")]
    assert len(phase_one) >= 2, "the example is large enough to need several pages per phase"
    assert all("#" in p and "Organisation" in p for p in phase_one), "header rows repeat"
    assert_no_block_is_cut(plan, pages)


def test_german_plan_with_long_organisations_prints_fitted_to_width(tmp_path: Path) -> None:
    long_names = {
        i: "Landesministerium für Integration, Teilhabe und Vielfalt " * 2 for i in (1, 9)
    }
    plan = rotation_plan(event_for(50, tables_per_theme=3, organisation_of=long_names))
    pages = pdf_pages(write_plan(plan, tmp_path / "plan.xlsx", lang="de"), tmp_path)
    assert_no_block_is_cut(plan, pages)
    phase_pages = [p for p in pages if re.match(r"\s*Phase \d ·", p)]
    assert len(phase_pages) >= 2
    # Fitted to the page width: the Funktion column is on the same page as the names.
    assert all("Funktion" in p for p in phase_pages)
    assert any("Übersicht" in p for p in pages[:2])


def test_demo_prints_in_at_most_eight_pages_without_the_machine_sheets(tmp_path: Path) -> None:
    from importlib.resources import as_file, files

    from rotation.io import read_event
    from rotation.solver import solve

    with as_file(files("rotation") / "data" / "example-werkstatttreffen.xlsx") as example:
        event = read_event(example)
    plan = solve(event, time_limit=5, seed=1, workers=1, deterministic=True)
    pages = pdf_pages(write_plan(plan, tmp_path / "demo.xlsx"), tmp_path)
    assert len(pages) <= 8, f"the demo prints on {len(pages)} pages"
    assert pages[0].lstrip().startswith("Sitzplan:"), "German headers give a German print"
    assert "Über diesen Plan" in pages[0] and "SHA-256" in pages[0], "the Overview is one page"
    assert not any("participant_id" in page for page in pages), "Assignments are not printed"
    assert not any("Mehrfach getroffen" in page for page in pages), "Encounters are not printed"
    assert any(page.lstrip().startswith("Phase 1  ") for page in pages), "the Tables sheet"
    assert_no_block_is_cut(plan, pages)


def test_overview_keeps_a_gap_between_the_bound_and_its_words(tmp_path: Path) -> None:
    """The bound (centred) never runs into the sentence beside it: '46 No plan can ...'."""
    plan = solve(event_for(30), time_limit=5, workers=1, deterministic=True)
    overview = pdf_pages(write_plan(plan, tmp_path / "plan.xlsx"), tmp_path)[0]
    sentences = [line for line in overview.splitlines() if "No plan can" in line]
    assert len(sentences) >= 3
    for line in sentences:
        assert re.search(r"\d\s{2,}No plan can", line), line
