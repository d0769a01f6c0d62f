"""The Starlette application: the organiser's pages and the JSON API they use.

Pages: Start (upload, templates, example) -> Settings (filled in from the file, every
problem shown) -> Planning (live progress, Stop) -> Result (figures, cards, search,
downloads). The API under ``/api`` does the same for scripts and tests. Reading, solving and
writing happen in :mod:`rotation.workflow`; this module only turns requests into settings
and results into pages.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from rotation.domain import CheckedPlan
from rotation.errors import InputError, Problem
from rotation.web.forms import (
    FieldProblem,
    SettingsForm,
    parse_settings,
    problem_texts,
    unchanged_from_file,
)
from rotation.web.guard import MAX_UPLOAD_BYTES, Guard
from rotation.web.jobs import Job, JobState, Planner, Replan
from rotation.web.store import Store, Upload
from rotation.web.texts import LANGUAGES, choose_language, text
from rotation.wording import format_number
from rotation.workflow import (
    ReadSettings,
    cards_pdf,
    example_registration,
    headline,
    outline_registration,
    plan_summary,
    read_registration,
    table_blocks,
    write_template_file,
)

__all__ = ["WebConfig", "create_app"]

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class WebConfig:
    """How the server was started: the Host names it answers to and its defaults."""

    hosts: tuple[str, ...] = LOCAL_HOSTS
    lang: str | None = None
    """The page's language unless the person switches (None: the browser's)."""
    max_solves: int | None = None
    """Solves at once (None: one per core); the others wait in order."""
    max_upload: int = MAX_UPLOAD_BYTES
    workers: int | None = None
    """Solver threads per solve (None: the solver's default)."""
    deterministic: bool = False
    """Same input, seed and workers give the same plan (tests)."""


class _Web:
    """The server's state: the private folder, the uploads, the planner and the templates."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.store = Store()
        self.planner = Planner(config.max_solves)
        environment = Environment(
            loader=PackageLoader("rotation.web", "templates"),
            autoescape=select_autoescape(["html"]),
        )
        self.templates = Jinja2Templates(env=environment)

    def close(self) -> None:
        self.planner.close()
        self.store.remove()

    # -- helpers ----------------------------------------------------------------------------

    def lang(self, request: Request) -> str:
        return choose_language(
            request.query_params.get("lang"),
            request.cookies.get("lang"),
            self.config.lang,
            request.headers.get("accept-language", ""),
        )

    def page(self, request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        lang = self.lang(request)
        other = "en" if lang == "de" else "de"

        def t(key: str, **values: object) -> str:
            return text(lang, key, **values)

        response = self.templates.TemplateResponse(
            request,
            name,
            {"lang": lang, "t": t, "switch_to": other, "path": request.url.path, **context},
            status_code=status_code,
        )
        if request.query_params.get("lang") in LANGUAGES:
            response.set_cookie("lang", lang, samesite="strict", httponly=True)
        return response

    async def receive_upload(self, form: FormData, field: str = "file") -> Upload | None:
        sent = form.get(field)
        if not isinstance(sent, UploadFile):
            return None
        data = await sent.read()
        return await run_in_threadpool(self.store_upload, data, sent.filename)

    def store_upload(self, data: bytes, sent_name: str | None) -> Upload:
        key, folder, path, name = self.store.save_upload(data, sent_name)
        upload = Upload(key, folder, path, name, outline_registration(path, file_name=name))
        self.store.add(upload)
        return upload

    def start_job(self, upload: Upload, form: SettingsForm, read: ReadSettings, lang: str) -> Job:
        """Read the upload with ``read``; raises InputError, else queues the plan."""
        if read.name is None:  # else the event is named after the saved file, 'registration'
            read = replace(read, name=upload.outline.name or PurePath(upload.name).stem)
        event = read_registration(upload.path, read)
        solve = replace(
            form.solve, workers=self.config.workers, deterministic=self.config.deterministic
        )
        key, folder = self.store.new_folder()
        job = Job(key, event, solve, lang, folder, upload.path, upload.name)
        return self.planner.submit(job)


def _form_fields(form: FormData) -> dict[str, list[str]]:
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


def _job_status(web: _Web, job: Job) -> dict[str, Any]:
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


def create_app(config: WebConfig | None = None) -> Starlette:
    """The web application; its private folder is removed when the application shuts down."""
    config = config or WebConfig()
    web = _Web(config)

    # -- pages ------------------------------------------------------------------------------

    async def start(request: Request) -> Response:
        return web.page(request, "start.html")

    async def upload(request: Request) -> Response:
        form = await request.form(max_files=1)
        received = await web.receive_upload(form)
        if received is None:
            return web.page(request, "start.html", 400, missing_file=True)
        return RedirectResponse(f"/uploads/{received.id}", status_code=303)

    async def example(request: Request) -> Response:
        data = example_registration()
        received = await run_in_threadpool(web.store_upload, data, "example-werkstatttreffen.xlsx")
        return RedirectResponse(f"/uploads/{received.id}", status_code=303)

    async def template(request: Request) -> Response:
        lang = request.path_params["lang"]
        if lang not in LANGUAGES:
            return web.page(request, "missing.html", 404)
        _, folder = web.store.new_folder()
        name = "anmeldungen-vorlage.xlsx" if lang == "de" else "registration-template.xlsx"
        path = await run_in_threadpool(write_template_file, folder / name, lang)
        return FileResponse(path, filename=name)

    def settings_page(
        request: Request,
        received: Upload,
        status_code: int = 200,
        *,
        problems: Sequence[Problem] | None = None,
        field_problems: Sequence[FieldProblem] = (),
        fields: Mapping[str, list[str]] | None = None,
    ) -> Response:
        outline = received.outline
        shown = outline.problems if problems is None else problems
        return web.page(
            request,
            "settings.html",
            status_code,
            upload=received,
            outline=outline,
            problems=problem_texts(shown, received.name),
            field_problems={p.field: p.message for p in field_problems},
            fields=fields,
            workbook_lang=web.lang(request),
        )

    async def settings(request: Request) -> Response:
        received = web.store.upload(request.path_params["upload"])
        if received is None:
            return web.page(request, "missing.html", 404)
        return settings_page(request, received)

    async def plan_from_page(request: Request) -> Response:
        received = web.store.upload(request.path_params["upload"])
        if received is None:
            return web.page(request, "missing.html", 404)
        fields = _form_fields(await request.form())
        form = parse_settings(fields)
        if form.problems:
            return settings_page(
                request, received, 422, field_problems=form.problems, fields=fields
            )
        read = unchanged_from_file(form.read, received.outline)
        try:
            job = await run_in_threadpool(
                web.start_job, received, form, read, form.lang or web.lang(request)
            )
        except InputError as error:
            return settings_page(request, received, 422, problems=error.problems, fields=fields)
        return RedirectResponse(f"/plans/{job.id}", status_code=303)

    async def plan_page(request: Request) -> Response:
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
        return web.page(request, "planning.html", job=job, status=_job_status(web, job))

    async def replan_request(request: Request) -> Job | tuple[int, list[dict[str, Any]]]:
        """Queue a re-plan of a finished job from the On-the-day form (or the API)."""
        job = web.planner.get(request.path_params["plan"])
        if job is None or job.plan is None or job.output is None:
            return 404, [{"message": "No finished plan with this id.", "field": "plan"}]
        form_data = await request.form(max_files=1)
        fields = _form_fields(form_data)
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

    async def replan_from_page(request: Request) -> Response:
        outcome = await replan_request(request)
        if isinstance(outcome, Job):
            return RedirectResponse(f"/plans/{outcome.id}", status_code=303)
        status, problems = outcome
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

    async def api_replan(request: Request) -> Response:
        outcome = await replan_request(request)
        if isinstance(outcome, Job):
            return JSONResponse({"id": outcome.id}, status_code=202)
        status, problems = outcome
        return JSONResponse({"problems": problems}, status_code=status)

    async def stop_from_page(request: Request) -> Response:
        job = web.planner.get(request.path_params["plan"])
        if job is None:
            return web.page(request, "missing.html", 404)
        web.planner.stop(job)
        return RedirectResponse(f"/plans/{job.id}", status_code=303)

    # -- API --------------------------------------------------------------------------------

    async def api_create(request: Request) -> Response:
        form_data = await request.form(max_files=1)
        received = await web.receive_upload(form_data)
        if received is None:
            return JSONResponse(
                {"problems": [{"message": "No file was sent.", "field": "file", "text": "file"}]},
                status_code=422,
            )
        form = parse_settings(_form_fields(form_data))
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

    def api_job(request: Request) -> Job | None:
        return web.planner.get(request.path_params["plan"])

    async def api_status(request: Request) -> Response:
        job = api_job(request)
        if job is None:
            return JSONResponse({"error": "not_found"}, status_code=404)
        return JSONResponse(_job_status(web, job))

    async def api_workbook(request: Request) -> Response:
        job = api_job(request)
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
        job = api_job(request)
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
        job = api_job(request)
        if job is None:
            return JSONResponse({"error": "not_found"}, status_code=404)
        web.planner.stop(job)
        return JSONResponse(_job_status(web, job), status_code=202)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            web.close()

    routes = [
        Route("/", start),
        Route("/uploads", upload, methods=["POST"]),
        Route("/uploads/example", example, methods=["POST"]),
        Route("/uploads/{upload}", settings),
        Route("/uploads/{upload}/plan", plan_from_page, methods=["POST"]),
        Route("/template/{lang}.xlsx", template),
        Route("/plans/{plan}", plan_page),
        Route("/plans/{plan}/stop", stop_from_page, methods=["POST"]),
        Route("/plans/{plan}/replan", replan_from_page, methods=["POST"]),
        Route("/api/plans", api_create, methods=["POST"]),
        Route("/api/plans/{plan}", api_status),
        Route("/api/plans/{plan}/plan.xlsx", api_workbook),
        Route("/api/plans/{plan}/cards.pdf", api_cards),
        Route("/api/plans/{plan}/stop", api_stop, methods=["POST"]),
        Route("/api/plans/{plan}/replan", api_replan, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("rotation.web", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.web = web
    app.add_middleware(Guard, hosts=config.hosts, max_body=config.max_upload)
    return app
