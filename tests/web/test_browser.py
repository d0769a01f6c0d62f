"""End to end in real Chromium: upload, change a setting, plan, read, search, download.

Runs against a real uvicorn server (``live_server``) and Debian's chromium through
Playwright. Screenshots of every page are taken on the way; with ``ROTATION_SCREENSHOTS``
set to a folder (``docs/img/web`` for the tutorial) they are copied there.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from tests.cli.cli_helpers import run
from tests.web.web_helpers import EXAMPLE, GERMAN_50, bad_row_registration

from rotation.io import read_event

pytestmark = pytest.mark.skipif(
    shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
    reason="Debian's chromium is not installed (apt-get install chromium); CI installs it",
)

TIMEOUT = 120_000  # ms: planning under load on a shared machine


def shoot(page: Page, folder: Path, name: str, *, full_page: bool = True) -> None:
    """A screenshot into ``folder`` and, if asked for, into the docs."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 1000
    target = os.environ.get("ROTATION_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


def drop_file(page: Page, path: Path) -> None:
    """Drag and drop ``path`` onto the drop zone, as a person would from their desktop."""
    data = base64.b64encode(path.read_bytes()).decode()
    page.evaluate(
        """([data, name]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            const zone = document.getElementById("drop-zone");
            for (const kind of ["dragover", "drop"]) {
                zone.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true }));
            }
        }""",
        [data, path.name],
    )


def test_plan_in_english_stop_search_and_download(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"{live_server}/?lang=en")
    expect(page.locator("h1")).to_have_text("Plan the tables of your event")
    drop_file(page, EXAMPLE)
    expect(page.locator("#file-name")).to_have_text(EXAMPLE.name)
    shoot(page, tmp_path, "en-1-start")
    page.click("button[type=submit]")

    expect(page.locator("h1")).to_have_text("Settings")
    expect(page.locator("#themes input").first).to_have_value("Integration und Teilhabe")
    expect(page.locator("input[name=balance][value=gender]")).to_be_checked()
    page.fill("#tables_per_theme", "4")  # change a setting: 8 tables instead of 6
    page.fill("#table_size", "8")
    page.fill("#time_limit", "600")
    page.select_option("#workbook-lang", "en")
    shoot(page, tmp_path, "en-2-settings")
    page.click("#plan-button")

    expect(page.locator("h1")).to_have_text("Planning...")
    expect(page.locator("#progress")).to_contain_text("best so far", timeout=TIMEOUT)
    shoot(page, tmp_path, "en-3-planning")
    page.click("#stop-button")

    expect(page.locator("#headline")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#headline")).to_contain_text("50 participants, 8 tables, 2 phases")
    expect(page.locator("#headline")).to_contain_text("stopped")
    expect(page.locator("#figure-repeat")).to_contain_text(re.compile("repeat encounters|Nobody"))
    expect(page.locator("#figure-balance")).to_contain_text("Balanced by Geschlecht, Funktion")
    expect(page.locator("#phase-1 .card")).to_have_count(8)
    shoot(page, tmp_path, "en-4-result")

    person = read_event(EXAMPLE).participants[7]
    page.fill("#person-search", person.label)
    shown = page.locator(".itinerary:visible")
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text(person.label)
    expect(shown).to_contain_text("Phase 1: Table")
    expect(shown).to_contain_text("Phase 2: Table")
    shoot(page, tmp_path, "en-5-search", full_page=False)

    with page.expect_download() as download:
        page.click("#download-plan")
    saved = tmp_path / "downloaded-plan.xlsx"
    download.value.save_as(saved)
    checked = run("check", saved)
    assert checked.returncode == 0, checked.stderr
    assert "All rules hold" in checked.stdout
    with page.expect_download() as cards:
        page.click("#download-cards")
    assert cards.value.suggested_filename == "cards.pdf"

    # On the day: one person cannot come to phase 2.
    absent = read_event(EXAMPLE).participants[3]
    page.fill("#absent-filter", absent.label)
    page.locator("label.absent:visible input").first.check()
    page.select_option("#from-phase", "2")
    page.fill("#day-time-limit", "5")
    page.locator("#on-the-day").scroll_into_view_if_needed()
    shoot(page, tmp_path, "en-6-on-the-day", full_page=False)
    page.click("#replan-button")
    changes = page.locator("#changes")
    expect(changes).to_be_visible(timeout=TIMEOUT)
    expect(changes).to_contain_text(f"{absent.label}, Phase 2: absent")
    shoot(page, tmp_path, "en-7-changes", full_page=False)
    assert "Assignments" in openpyxl.load_workbook(saved).sheetnames


def test_a_bad_file_shows_its_problems_then_plans_in_german(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1200, "height": 900})
    page.set_extra_http_headers({"Accept-Language": "de-DE,de;q=0.9"})
    page.goto(live_server)
    expect(page.locator("h1")).to_have_text("Die Tische Ihrer Veranstaltung planen")
    page.set_input_files("#file-input", str(GERMAN_50))  # the file picker; no themes in it
    page.click("button[type=submit]")

    expect(page.locator("h1")).to_have_text("Einstellungen")
    problems = page.locator("#problems")
    expect(problems).to_contain_text("1 Problem")
    expect(problems).to_contain_text("anmeldungen-werkstatttreffen-50.xlsx")
    expect(problems).to_contain_text("themes")
    expect(problems).to_contain_text("Die Datei nennt keine Themen.")  # the page's language
    shoot(page, tmp_path, "de-2-problems")

    page.locator("#themes input").first.fill("Integration und Teilhabe")
    page.click("#add-theme")
    page.locator("#themes input").nth(1).fill("Gleichstellung und Vielfalt")
    page.fill("#tables_per_theme", "3")
    page.fill("#time_limit", "3")
    page.click("#plan-button")

    expect(page.locator("#headline")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("h1")).to_have_text("Der Plan für anmeldungen-werkstatttreffen-50")
    expect(page.locator("#headline")).to_contain_text("50 Teilnehmende, 6 Tische, 2 Phasen")
    shoot(page, tmp_path, "de-4-result")

    page.click("#language-switch")  # the switch on every page
    expect(page.locator("#headline")).to_contain_text("50 participants, 6 tables")
    page.goto(live_server)
    expect(page.locator("h1")).to_have_text("Plan the tables of your event")  # kept (cookie)


def test_a_broken_row_is_named_on_the_page_before_planning(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    bad = bad_row_registration(tmp_path / "kaputt.xlsx")
    page.goto(f"{live_server}/?lang=en")
    page.set_input_files("#file-input", str(bad))
    page.click("button[type=submit]")
    problems = page.locator("#problems")
    expect(problems).to_contain_text("kaputt.xlsx, sheet 'Teilnehmende', row 3, column 'Phasen'")
    expect(page.locator("#plan-button")).to_be_visible()
