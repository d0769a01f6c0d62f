"""The JSON API: every endpoint on the real application, real files and real solves."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from tests.cli.cli_helpers import run
from tests.web.web_helpers import (
    EXAMPLE,
    GERMAN_50,
    THEMES,
    bad_row_registration,
    client,
    small_registration,
    upload,
    wait_for,
)

from rotation.io import read_plan

SUMMARY_KEYS = {
    "status", "interrupted", "output", "counts", "metrics", "bounds", "wall_time", "seed",
    "workers", "solver", "notes",
}  # fmt: skip


def test_a_plan_is_made_summarised_and_downloaded(tmp_path: Path) -> None:
    with client() as web:
        created = web.post("/api/plans", files=upload(EXAMPLE), data={"time_limit": "5"})
        assert created.status_code == 202
        status = wait_for(web, created.json()["id"])
        assert status["status"] == "done"
        summary = status["summary"]
        assert set(summary) == SUMMARY_KEYS  # the same object as rotation plan --json
        assert summary["counts"] == {"participants": 50, "tables": 6, "phases": 2, "themes": 2}
        metrics, bounds = summary["metrics"], summary["bounds"]
        assert metrics["repeat_encounters"] >= bounds["repeat_encounters"]
        workbook = web.get(summary["output"])
        cards = web.get(f"/api/plans/{created.json()['id']}/cards.pdf")
    assert workbook.status_code == 200
    assert "plan.xlsx" in workbook.headers["content-disposition"]
    saved = tmp_path / "plan.xlsx"
    saved.write_bytes(workbook.content)
    checked = run("check", saved)
    assert checked.returncode == 0, checked.stderr
    assert len(read_plan(saved).event.participants) == 50
    assert cards.status_code == 200
    assert cards.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(cards.content)).pages)
    first = read_plan(saved).event.participants[0]
    assert first.label in text  # a personal slip or roster names them


def test_settings_fields_override_the_file() -> None:
    fields = {
        "themes": THEMES[::-1],
        "tables_per_theme": "4",
        "table_size": "8",
        "phases": "2",
        "balance": ["gender"],
        "name": "Probelauf",
        "time_limit": "3",
        "seed": "7",
        "lang": "de",
    }
    with client() as web:
        created = web.post("/api/plans", files=upload(GERMAN_50), data=fields)
        assert created.status_code == 202, created.text
        status = wait_for(web, created.json()["id"])
        plan_file = web.get(status["summary"]["output"])
    summary = status["summary"]
    assert summary["counts"]["tables"] == 8
    assert summary["seed"] == 7
    assert set(summary["metrics"]["attribute_deviation_by_attribute"]) == {"gender"}
    book = openpyxl.load_workbook(io.BytesIO(plan_file.content))
    assert "Zuteilungen" in book.sheetnames  # lang=de: the workbook in German


def test_invalid_input_gives_422_with_every_problem_and_where() -> None:
    with client() as web:
        answer = web.post("/api/plans", files=upload(GERMAN_50, "meine-liste.xlsx"))
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert problems
    assert any("themes" in p["message"] for p in problems)
    assert all(p["file"] == "meine-liste.xlsx" for p in problems)


def test_a_bad_row_is_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    bad = bad_row_registration(tmp_path / "bad.xlsx")
    with client() as web:
        answer = web.post("/api/plans", files=upload(bad), data={"themes": THEMES})
    assert answer.status_code == 422
    problem = next(p for p in answer.json()["problems"] if p["row"] == 3)
    assert (problem["sheet"], problem["column"]) == ("Teilnehmende", "Phasen")


def test_unusable_settings_give_422_naming_the_field() -> None:
    with client() as web:
        answer = web.post(
            "/api/plans",
            files=upload(EXAMPLE),
            data={"table_size": "zehn", "time_limit": "0"},
        )
    assert answer.status_code == 422
    fields = {p["field"] for p in answer.json()["problems"]}
    assert fields == {"table_size", "time_limit"}


def test_a_request_without_a_file_gets_422() -> None:
    with client() as web:
        answer = web.post("/api/plans", data={"time_limit": "3"})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "file"


def test_stop_keeps_the_best_plan_found() -> None:
    with client() as web:
        created = web.post("/api/plans", files=upload(EXAMPLE), data={"time_limit": "600"})
        plan_id = created.json()["id"]
        web_state = web.app.state.web  # type: ignore[attr-defined]
        job = web_state.planner.get(plan_id)
        started = threading.Event()
        while not started.wait(0.1):
            if job.progress is not None:
                started.set()
        stopped = web.post(f"/api/plans/{plan_id}/stop")
        assert stopped.status_code == 202
        status = wait_for(web, plan_id, timeout=60)
    assert status["status"] == "done"
    assert status["summary"]["interrupted"] is True
    assert status["summary"]["metrics"]["repeat_encounters"] >= 0


def test_unknown_plans_and_unfinished_workbooks() -> None:
    with client() as web:
        assert web.get("/api/plans/nope").status_code == 404
        assert web.get("/api/plans/nope/plan.xlsx").status_code == 404
        assert web.post("/api/plans/nope/stop").status_code == 404
        created = web.post("/api/plans", files=upload(EXAMPLE), data={"time_limit": "600"})
        plan_id = created.json()["id"]
        early = web.get(f"/api/plans/{plan_id}/plan.xlsx")
        web.post(f"/api/plans/{plan_id}/stop")
        wait_for(web, plan_id)
    assert early.status_code == 409


def test_solves_wait_their_turn_in_order(tmp_path: Path) -> None:
    small = small_registration(tmp_path)
    with client() as web:  # one solve at a time
        first, second, third = (
            web.post("/api/plans", files=upload(small), data={"time_limit": "2"}).json()
            for _ in range(3)
        )
        waiting = web.get(f"/api/plans/{third['id']}").json()
        statuses = [wait_for(web, p["id"]) for p in (first, second, third)]
        planner = web.app.state.web.planner  # type: ignore[attr-defined]
        jobs = [planner.get(p["id"]) for p in (first, second, third)]
    assert waiting["status"] == "running" and waiting["queued"] is True
    assert waiting["ahead"] >= 1
    assert [s["status"] for s in statuses] == ["done"] * 3
    assert jobs[0].finished <= jobs[1].started and jobs[1].finished <= jobs[2].started


def test_a_plan_is_re_planned_on_the_day(tmp_path: Path) -> None:
    small = small_registration(tmp_path)
    with client() as web:
        first = web.post("/api/plans", files=upload(small), data={"time_limit": "3"}).json()
        plan = wait_for(web, first["id"])
        assert plan["status"] == "done"
        bad = web.post(
            f"/api/plans/{first['id']}/replan", data={"absent": ["nobody"], "from_phase": "9"}
        )
        again = web.post(
            f"/api/plans/{first['id']}/replan",
            data={"absent": ["3"], "from_phase": "2", "time_limit": "3"},
        )
        assert again.status_code == 202, again.text
        status = wait_for(web, again.json()["id"])
        first_seats = web.get(f"/api/plans/{first['id']}/plan.xlsx").content
        new_seats = web.get(status["summary"]["output"]).content
    assert bad.status_code == 422
    assert {p["field"] for p in bad.json()["problems"]} == {"absent", "from_phase"}
    assert status["status"] == "done"
    assert [a["participant_id"] for a in status["changes"]["absent"]] == ["3"]
    before = {(r["participant_id"], r["phase"]): r["table"] for r in _seats(first_seats)}
    after = {(r["participant_id"], r["phase"]): r["table"] for r in _seats(new_seats)}
    assert ("3", 2) not in after
    assert all(after[key] == table for key, table in before.items() if key[1] == 1)


def _seats(workbook: bytes) -> list[dict[str, object]]:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    sheet = next(ws for ws in book.worksheets if ws.title in ("Assignments", "Zuteilungen"))
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:] if row[0] is not None]


def test_no_plan_reasons_come_in_the_pages_language() -> None:
    # 50 people at 2 themes x 1 table of 5 seats: no plan; the page speaks German.
    fields = {"themes": THEMES, "tables_per_theme": "1", "table_size": "5", "time_limit": "3"}
    with client() as web:
        german = web.post("/api/plans", files=upload(GERMAN_50), data={**fields, "lang": "de"})
        english = web.post("/api/plans", files=upload(GERMAN_50), data={**fields, "lang": "en"})
        assert german.status_code == english.status_code == 202, german.text
        de_status = wait_for(web, german.json()["id"])
        en_status = wait_for(web, english.json()["id"])
    assert de_status["status"] == en_status["status"] == "error"
    assert de_status["error"]["kind"] == en_status["error"]["kind"] == "no_plan"
    de_text, en_text = (
        " ".join(de_status["error"]["messages"]),
        " ".join(en_status["error"]["messages"]),
    )
    assert "Plätze" in de_text and "Teilnehmende" in de_text
    assert "seats" in en_text and "Plätze" not in en_text
