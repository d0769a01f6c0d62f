"""The local web page: ``rotation web`` for organisers who do not open terminals.

A Starlette application (:func:`create_app`) serves server-rendered pages and a small JSON
API under ``/api``; :func:`serve` runs it with uvicorn on 127.0.0.1. Reading, solving and
writing happen in :mod:`rotation.workflow`, exactly as for the command line.
"""

from rotation.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
