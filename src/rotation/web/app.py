"""The Starlette application: the server state, the Host/size guard and the routes.

The organiser's pages live in :mod:`rotation.web.pages`, the JSON API under ``/api`` (the
same for scripts and tests) in :mod:`rotation.web.api`; their handlers find the shared
:class:`_Web` state on ``request.app.state.web``. Reading, solving and writing happen in
:mod:`rotation.workflow`; the web modules only turn requests into settings and results into
pages.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from rotation.web.api import API_ROUTES
from rotation.web.forms import SettingsForm
from rotation.web.guard import MAX_UPLOAD_BYTES, Guard
from rotation.web.jobs import Job, Planner
from rotation.web.pages import PAGE_ROUTES
from rotation.web.store import Store, Upload
from rotation.web.texts import LANGUAGES, choose_language, text
from rotation.workflow import ReadSettings, outline_registration, read_registration

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


def create_app(config: WebConfig | None = None) -> Starlette:
    """The web application; its private folder is removed when the application shuts down."""
    config = config or WebConfig()
    web = _Web(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            web.close()

    routes = [
        *PAGE_ROUTES,
        *API_ROUTES,
        Mount("/static", StaticFiles(packages=[("rotation.web", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.web = web
    app.add_middleware(Guard, hosts=config.hosts, max_body=config.max_upload)
    return app
