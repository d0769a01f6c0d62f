"""The organiser's HTML pages: Start, Settings, Planning, Result and On the day.

Start (upload, templates, example) -> Settings (filled in from the file, every problem
shown) -> Planning (live progress, Stop) -> Result (figures, cards, search, downloads).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from rotation.domain import CheckedPlan
from rotation.errors import InputError, Problem
from rotation.web.api import form_fields, job_status, replan_request, web_of
from rotation.web.forms import FieldProblem, parse_settings, problem_texts, unchanged_from_file
from rotation.web.jobs import Job, JobState
from rotation.web.store import Upload
from rotation.web.texts import LANGUAGES
from rotation.wording import format_number
from rotation.workflow import example_registration, headline, table_blocks, write_template_file

__all__ = ["PAGE_ROUTES"]


def _figure(value: float) -> str:
    return format_number(value, digits=1)


def _result_context(plan: CheckedPlan) -> dict[str, Any]:
    """What the result page shows: headline figures, cards per phase, itineraries."""
    event = plan.event
    figures = headline(plan)
    phases = []
    for phase in event.phases:
        cards = []
        for block in table_blocks(plan, phase.number):
            members = [
                event.participant(m) if event.has_participant(m) else None for m in block.members
            ]
            cards.append(
                {
                    "table": block.table,
                    "theme": block.theme,
                    "host": block.host,
                    "members": [
                        {
                            "id": person_id,
                            "name": person.label if person else person_id,
                            "organisation": person.organisation if person else "",
                        }
                        for person_id, person in zip(block.members, members)
                    ],
                }
            )
        phases.append({"number": phase.number, "cards": cards})
    people = []
    for person in event.participants:
        stops = []
        for phase in event.phases:
            table_id = plan.seats.get((person.id, phase.number))
            if table_id is None:
                continue
            theme = event.table(table_id).theme if event.has_table(table_id) else ""
            stops.append({"phase": phase.number, "table": table_id, "theme": theme})
        people.append({"name": person.label, "organisation": person.organisation, "stops": stops})
    return {
        "event": event,
        "plan": plan,
        "figures": figures,
        "figure": _figure,
        "balanced": ", ".join(event.attribute_label(key) for key in event.balance),
        "phases": phases,
        "people": people,
    }


def _changes_context(job: Job) -> list[dict[str, Any]] | None:
    """Who moves where in a re-plan: one row per changed seat, None for a first plan."""
    if job.replanned is None:
        return None
    event = job.replanned.plan.event
    rows = []
    for change in job.replanned.changes.seats:
        person = (
            event.participant(change.participant_id).label
            if event.has_participant(change.participant_id)
            else change.participant_id
        )
        rows.append(
            {
                "name": person,
                "phase": change.phase,
                "before": change.before,
                "after": change.after,
                "kind": change.kind.value,
            }
        )
    return rows


async def start(request: Request) -> Response:
    return web_of(request).page(request, "start.html")


async def upload(request: Request) -> Response:
    web = web_of(request)
    form = await request.form(max_files=1)
    received = await web.receive_upload(form)
    if received is None:
        return web.page(request, "start.html", 400, missing_file=True)
    return RedirectResponse(f"/uploads/{received.id}", status_code=303)


async def example(request: Request) -> Response:
    web = web_of(request)
    data = example_registration()
    received = await run_in_threadpool(web.store_upload, data, "example-werkstatttreffen.xlsx")
    return RedirectResponse(f"/uploads/{received.id}", status_code=303)


async def template(request: Request) -> Response:
    web = web_of(request)
    lang = request.path_params["lang"]
    if lang not in LANGUAGES:
        return web.page(request, "missing.html", 404)
    _, folder = web.store.new_folder()
    name = "anmeldungen-vorlage.xlsx" if lang == "de" else "registration-template.xlsx"
    path = await run_in_threadpool(write_template_file, folder / name, lang)
    return FileResponse(path, filename=name)


def _settings_page(
    request: Request,
    received: Upload,
    status_code: int = 200,
    *,
    problems: Sequence[Problem] | None = None,
    field_problems: Sequence[FieldProblem] = (),
    fields: Mapping[str, list[str]] | None = None,
) -> Response:
    web = web_of(request)
    outline = received.outline
    shown = outline.problems if problems is None else problems
    return web.page(
        request,
        "settings.html",
        status_code,
        upload=received,
        outline=outline,
        problems=problem_texts(shown, received.name, web.lang(request)),
        field_problems={p.field: p.message for p in field_problems},
        fields=fields,
        workbook_lang=web.lang(request),
    )


async def settings(request: Request) -> Response:
    web = web_of(request)
    received = web.store.upload(request.path_params["upload"])
    if received is None:
        return web.page(request, "missing.html", 404)
    return _settings_page(request, received)


async def plan_from_page(request: Request) -> Response:
    web = web_of(request)
    received = web.store.upload(request.path_params["upload"])
    if received is None:
        return web.page(request, "missing.html", 404)
    fields = form_fields(await request.form())
    form = parse_settings(fields)
    if form.problems:
        return _settings_page(request, received, 422, field_problems=form.problems, fields=fields)
    read = unchanged_from_file(form.read, received.outline)
    try:
        job = await run_in_threadpool(
            web.start_job, received, form, read, form.lang or web.lang(request)
        )
    except InputError as error:
        return _settings_page(request, received, 422, problems=error.problems, fields=fields)
    return RedirectResponse(f"/plans/{job.id}", status_code=303)


async def plan_page(request: Request) -> Response:
    web = web_of(request)
    job = web.planner.get(request.path_params["plan"])
    if job is None:
        return web.page(request, "missing.html", 404)
    if job.state is JobState.DONE and job.plan is not None:
        assert job.outcome is not None
        return web.page(
            request,
            "result.html",
            job=job,
            interrupted=job.outcome.interrupted,
            changes=_changes_context(job),
            **_result_context(job.plan),
        )
    if job.state is JobState.ERROR:
        return web.page(
            request,
            "failed.html",
            job=job,
            kind=job.error_kind(),
            messages=job.error_messages(),
        )
    return web.page(request, "planning.html", job=job, status=job_status(web, job))


async def replan_from_page(request: Request) -> Response:
    outcome = await replan_request(request)
    if isinstance(outcome, Job):
        return RedirectResponse(f"/plans/{outcome.id}", status_code=303)
    status, problems = outcome
    web = web_of(request)
    if status == 404:
        return web.page(request, "missing.html", 404)
    return web.page(
        request,
        "failed.html",
        status,
        job=None,
        kind="input",
        messages=[p["text"] for p in problems],
    )


async def stop_from_page(request: Request) -> Response:
    web = web_of(request)
    job = web.planner.get(request.path_params["plan"])
    if job is None:
        return web.page(request, "missing.html", 404)
    web.planner.stop(job)
    return RedirectResponse(f"/plans/{job.id}", status_code=303)


PAGE_ROUTES = [
    Route("/", start),
    Route("/uploads", upload, methods=["POST"]),
    Route("/uploads/example", example, methods=["POST"]),
    Route("/uploads/{upload}", settings),
    Route("/uploads/{upload}/plan", plan_from_page, methods=["POST"]),
    Route("/template/{lang}.xlsx", template),
    Route("/plans/{plan}", plan_page),
    Route("/plans/{plan}/stop", stop_from_page, methods=["POST"]),
    Route("/plans/{plan}/replan", replan_from_page, methods=["POST"]),
]
