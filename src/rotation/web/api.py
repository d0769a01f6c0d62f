"""The JSON API under ``/api``: start a plan, follow it, download it, stop it, re-plan it.

It also holds the request helpers the pages share with it: the server state of a request,
the form fields, the status object and the re-plan request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from rotation.domain import CheckedPlan
from rotation.errors import InputError, Problem
from rotation.web.forms import FieldProblem, parse_settings
from rotation.web.jobs import Job, JobState, Replan
from rotation.workflow import cards_pdf, plan_summary

if TYPE_CHECKING:
    from rotation.web.app import _Web

__all__ = ["API_ROUTES", "form_fields", "job_status", "replan_request", "web_of"]


def web_of(request: Request) -> _Web:
    """The server state that :func:`rotation.web.app.create_app` keeps on the application."""
    web: _Web = request.app.state.web
    return web


def form_fields(form: FormData) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(key, []).append(value)
    return fields


def _problem_dicts(problems: Sequence[Problem], name: str) -> list[dict[str, Any]]:
    """Problems as JSON, the file named as the person's browser named it."""
    shown = [replace(p, file=name) if p.file else p for p in problems]
    return [
        {
            "message": p.message,
            "hint": p.hint,
            "file": p.file,
            "sheet": p.sheet,
            "row": p.row,
            "column": p.column,
            "text": str(p),
        }
        for p in shown
    ]


def _field_problem_dicts(problems: Sequence[FieldProblem]) -> list[dict[str, Any]]:
    return [
        {"message": p.message, "field": p.field, "text": f"{p.field}: {p.message}"}
        for p in problems
    ]


def job_status(web: _Web, job: Job) -> dict[str, Any]:
    """The ``GET /api/plans/{id}`` object."""
    status = {JobState.QUEUED: "running"}.get(job.state, job.state.value)
    data: dict[str, Any] = {
        "id": job.id,
        "status": status,
        "queued": job.state is JobState.QUEUED,
        "ahead": web.planner.position(job) if job.state is JobState.QUEUED else 0,
        "elapsed": round(job.elapsed(), 1),
        "stop_requested": job.stop.is_set(),
    }
    progress = job.progress
    bounds = {goal.value: value for goal, value in job.bounds.items()}
    data["progress"] = (
        None
        if progress is None
        else {
            "repeat_encounters": progress.repeat_encounters,
            "same_organisation_pairs": progress.same_organisation_pairs,
        }
    )
    data["bounds"] = bounds
    if job.replanned is not None:
        data["changes"] = job.replanned.changes.as_dict()
    if job.state is JobState.DONE and job.outcome is not None:
        data["summary"] = plan_summary(
            job.outcome.plan,
            output=f"/api/plans/{job.id}/plan.xlsx",
            interrupted=job.outcome.interrupted,
        )
    if job.state is JobState.ERROR:
        data["error"] = {"kind": job.error_kind(), "messages": job.error_messages()}
    return data


def _day_request(
    fields: Mapping[str, list[str]], plan: CheckedPlan
) -> tuple[tuple[str, ...], int, list[FieldProblem]]:
    """The absent ids and the first phase to re-plan from the On-the-day form."""
    problems: list[FieldProblem] = []
    absent = tuple(dict.fromkeys(a for a in fields.get("absent", ()) if a))
    unknown = [a for a in absent if not plan.event.has_participant(a)]
    if unknown:
        problems.append(FieldProblem("absent", f"Unknown participant ids: {', '.join(unknown)}."))
    text = (fields.get("from_phase") or ["1"])[-1].strip()
    phase = int(text) if text.isdigit() else 0
    if phase not in plan.event.phase_numbers:
        problems.append(
            FieldProblem("from_phase", f"Choose a phase from 1 to {len(plan.event.phases)}.")
        )
    return absent, phase, problems


async def replan_request(request: Request) -> Job | tuple[int, list[dict[str, Any]]]:
    """Queue a re-plan of a finished job from the On-the-day form (or the API)."""
    web = web_of(request)
    job = web.planner.get(request.path_params["plan"])
    if job is None or job.plan is None or job.output is None:
        return 404, [{"message": "No finished plan with this id.", "field": "plan"}]
    form_data = await request.form(max_files=1)
    fields = form_fields(form_data)
    absent, phase, problems = _day_request(fields, job.plan)
    settings = parse_settings(
        {k: v for k, v in fields.items() if k in ("time_limit", "seed", "lang")}
    )
    problems += settings.problems
    if problems:
        return 422, _field_problem_dicts(problems)
    add_path = None
    sent = form_data.get("walk_ins")
    if isinstance(sent, UploadFile) and sent.filename:
        received = await web.receive_upload(form_data, field="walk_ins")
        add_path = received.path if received is not None else None
    solve = replace(
        settings.solve, workers=web.config.workers, deterministic=web.config.deterministic
    )
    key, folder = web.store.new_folder()
    follow = Job(
        key,
        job.plan.event,
        solve,
        settings.lang or job.lang,
        folder,
        job.source,
        job.source_name,
        replan=Replan(job.output, absent, add_path, phase),
    )
    return web.planner.submit(follow)


async def api_replan(request: Request) -> Response:
    outcome = await replan_request(request)
    if isinstance(outcome, Job):
        return JSONResponse({"id": outcome.id}, status_code=202)
    status, problems = outcome
    return JSONResponse({"problems": problems}, status_code=status)


async def api_create(request: Request) -> Response:
    web = web_of(request)
    form_data = await request.form(max_files=1)
    received = await web.receive_upload(form_data)
    if received is None:
        return JSONResponse(
            {"problems": [{"message": "No file was sent.", "field": "file", "text": "file"}]},
            status_code=422,
        )
    form = parse_settings(form_fields(form_data))
    if form.problems:
        return JSONResponse({"problems": _field_problem_dicts(form.problems)}, status_code=422)
    try:
        job = await run_in_threadpool(
            web.start_job, received, form, form.read, form.lang or web.lang(request)
        )
    except InputError as error:
        return JSONResponse(
            {"problems": _problem_dicts(error.problems, received.name)}, status_code=422
        )
    return JSONResponse({"id": job.id}, status_code=202)


def _api_job(request: Request) -> Job | None:
    return web_of(request).planner.get(request.path_params["plan"])


async def api_status(request: Request) -> Response:
    job = _api_job(request)
    if job is None:
        return JSONResponse({"error": "not_found"}, status_code=404)
    return JSONResponse(job_status(web_of(request), job))


async def api_workbook(request: Request) -> Response:
    job = _api_job(request)
    if job is None:
        return JSONResponse({"error": "not_found"}, status_code=404)
    if job.state is not JobState.DONE or job.output is None:
        return JSONResponse({"error": "not_ready", "status": job.state.value}, 409)
    return FileResponse(
        job.output,
        filename="plan.xlsx",
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


async def api_cards(request: Request) -> Response:
    job = _api_job(request)
    if job is None:
        return JSONResponse({"error": "not_found"}, status_code=404)
    plan = job.plan
    if job.state is not JobState.DONE or plan is None:
        return JSONResponse({"error": "not_ready", "status": job.state.value}, 409)
    pdf = await run_in_threadpool(cards_pdf, plan, lang=job.lang)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="cards.pdf"'},
    )


async def api_stop(request: Request) -> Response:
    job = _api_job(request)
    if job is None:
        return JSONResponse({"error": "not_found"}, status_code=404)
    web = web_of(request)
    web.planner.stop(job)
    return JSONResponse(job_status(web, job), status_code=202)


API_ROUTES = [
    Route("/api/plans", api_create, methods=["POST"]),
    Route("/api/plans/{plan}", api_status),
    Route("/api/plans/{plan}/plan.xlsx", api_workbook),
    Route("/api/plans/{plan}/cards.pdf", api_cards),
    Route("/api/plans/{plan}/stop", api_stop, methods=["POST"]),
    Route("/api/plans/{plan}/replan", api_replan, methods=["POST"]),
]
