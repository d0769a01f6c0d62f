"""Helpers for the web tests: a test client on the real application, and waiting for plans."""

from __future__ import annotations

import time
from importlib.resources import files
from pathlib import Path
from typing import Any

import openpyxl
from starlette.testclient import TestClient

from rotation.web import WebConfig, create_app

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLE = Path(str(files("rotation") / "data" / "example-werkstatttreffen.xlsx"))
GERMAN_50 = DATA / "anmeldungen-werkstatttreffen-50.xlsx"
THEMES = ["Integration und Teilhabe", "Gleichstellung und Vielfalt"]
BASE = "http://127.0.0.1:8765"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FAST = WebConfig(max_solves=1, workers=1, deterministic=True)


def client(config: WebConfig = FAST) -> TestClient:
    """A client of a fresh application, sending Host 127.0.0.1:8765 like a browser would."""
    return TestClient(create_app(config), base_url=BASE)


def upload(path: Path, name: str | None = None) -> dict[str, tuple[str, bytes, str]]:
    """The ``files`` argument for a multipart upload of ``path``."""
    return {"file": (name or path.name, path.read_bytes(), XLSX)}


def wait_for(test_client: TestClient, plan_id: str, timeout: float = 120) -> dict[str, Any]:
    """Poll ``GET /api/plans/{id}`` until the plan is no longer running."""
    deadline = time.monotonic() + timeout
    while True:
        status: dict[str, Any] = test_client.get(f"/api/plans/{plan_id}").json()
        if status["status"] != "running" or time.monotonic() > deadline:
            return status
        time.sleep(0.2)


def small_registration(folder: Path, people: int = 12) -> Path:
    """A registration workbook of ``people`` made-up people with its Settings sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Teilnehmende"
    sheet.append(["Nr.", "Name", "Organisation", "Geschlecht"])
    for n in range(1, people + 1):
        sheet.append([str(n), f"Person {n:02d}", f"Org {n % 4}", "w" if n % 2 else "m"])
    settings = book.create_sheet("Einstellungen")
    settings.append(["Einstellung", "Wert"])
    settings.append(["Themen", "Wasser; Energie"])
    settings.append(["Tische pro Thema", 2])
    path = folder / "klein.xlsx"
    book.save(path)
    return path


def bad_row_registration(path: Path) -> Path:
    """A registration workbook whose row 3 has 'neun' in the column 'Phasen'."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Teilnehmende"
    sheet.append(["Nr.", "Name", "Organisation", "Phasen"])
    sheet.append(["1", "Anna", "Stadt A", "1"])
    sheet.append(["2", "Ben", "Stadt B", "neun"])
    book.save(path)
    return path
