"""The server's safety rules: Host check, foreign Origins, upload size, file names, cleanup."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from starlette.testclient import TestClient
from tests.cli.cli_helpers import rotation_command, run
from tests.web.web_helpers import BASE, EXAMPLE, FAST, client, upload, wait_for

from rotation.web import WebConfig, create_app


def test_a_foreign_host_header_is_refused() -> None:
    with TestClient(create_app(FAST), base_url="http://rebound.example:8765") as web:
        page = web.get("/")
        api = web.get("/api/plans/anything")
    assert page.status_code == 400
    assert api.status_code == 400
    assert page.json()["error"] == "wrong_host"


def test_local_host_names_are_accepted() -> None:
    for base in (BASE, "http://localhost:8765", "http://[::1]:8765"):
        with TestClient(create_app(FAST), base_url=base) as web:
            assert web.get("/").status_code == 200, base


def test_state_changing_requests_from_another_origin_are_refused() -> None:
    with client() as web:
        foreign = web.post(
            "/api/plans",
            files=upload(EXAMPLE),
            headers={"Origin": "http://evil.example"},
        )
        cross_site = web.post("/uploads/example", headers={"Sec-Fetch-Site": "cross-site"})
        sandboxed = web.post("/uploads/example", headers={"Origin": "null"})
        own = web.post("/uploads/example", headers={"Origin": BASE}, follow_redirects=False)
        reading = web.get("/", headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    assert foreign.json()["error"] == "foreign_origin"
    assert cross_site.status_code == 403
    assert sandboxed.status_code == 403
    assert own.status_code == 303
    assert reading.status_code == 200


def test_an_upload_over_20_mb_gets_413() -> None:
    big = b"0" * (20 * 1024 * 1024 + 1)
    with client() as web:
        answer = web.post("/api/plans", files={"file": ("big.csv", big, "text/csv")})
    assert answer.status_code == 413
    assert answer.json()["error"] == "too_large"


def test_a_streamed_body_is_cut_off_at_the_limit() -> None:
    config = WebConfig(max_solves=1, workers=1, max_upload=1000)

    def chunks():  # no Content-Length: the server counts as the bytes arrive
        for _ in range(20):
            yield b"x" * 100

    with TestClient(create_app(config), base_url=BASE) as web:
        answer = web.post(
            "/api/plans",
            content=chunks(),
            headers={"Content-Type": "multipart/form-data; boundary=abc"},
        )
    assert answer.status_code == 413


def test_upload_file_names_are_never_used_as_paths(tmp_path: Path) -> None:
    target = tmp_path / "escaped.xlsx"
    sent_name = "../../../../../../" + str(target).lstrip("/")
    with client() as web:
        created = web.post(
            "/api/plans", files=upload(EXAMPLE, sent_name), data={"time_limit": "600"}
        )
        plan_id = created.json()["id"]
        root: Path = web.app.state.web.store.root  # type: ignore[attr-defined]
        saved = sorted(p.name for p in root.rglob("*") if p.is_file())
        web.post(f"/api/plans/{plan_id}/stop")
        wait_for(web, plan_id)
    assert created.status_code == 202
    assert not target.exists()
    assert saved == ["registration.xlsx"]


def test_a_file_the_reader_refuses_is_refused_with_its_reason(tmp_path: Path) -> None:
    with client() as web:
        answer = web.post(
            "/api/plans",
            files={"file": ("liste.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "x")},
        )
    assert answer.status_code == 422
    problem = answer.json()["problems"][0]
    assert problem["file"] == "liste.xlsx"
    assert "not a spreadsheet" in problem["message"]


def test_the_private_folder_is_removed_when_the_application_stops() -> None:
    with client() as web:
        web.post("/uploads/example", follow_redirects=False)
        root: Path = web.app.state.web.store.root  # type: ignore[attr-defined]
        assert any(root.iterdir())
        assert oct(root.stat().st_mode & 0o777) == "0o700"
    assert not root.exists()


def test_rotation_web_serves_on_localhost_and_cleans_up_on_ctrl_c(tmp_path: Path) -> None:
    environment = {**os.environ, "TMPDIR": str(tmp_path)}
    server = subprocess.Popen(
        [*rotation_command(), "web", "--port", "0", "--no-browser", "--lang", "de"],
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        url = line.split("open ", 1)[1].split(" ", 1)[0]
        assert url.startswith("http://127.0.0.1:")
        for _ in range(100):
            try:
                with urllib.request.urlopen(url) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "Anmeldeliste" in page  # --lang de
        assert [p.name.startswith("rotation-web-") for p in tmp_path.iterdir()] == [True]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert list(tmp_path.iterdir()) == []


def test_another_host_needs_allow_remote() -> None:
    result = run("web", "--host", "0.0.0.0", "--no-browser")
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr
    assert "personal data" in result.stderr
