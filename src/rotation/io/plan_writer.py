"""``write_plan``: the plan workbook an organiser prints and hands out (DESIGN 6.2).

Sheets, in order: Overview, one per phase, Participants, Tables, Encounters, Assignments,
and the hidden ``rotation-data`` sheet (see :mod:`rotation.io.plan_data`). Labels are
English or German; the Assignments columns are the same in both.
"""

from __future__ import annotations

import hashlib
import logging
from os import PathLike
from pathlib import Path

from openpyxl import Workbook

from rotation.checker import check
from rotation.domain import Plan
from rotation.errors import InputError, Problem
from rotation.io.labels import Language, labels_for
from rotation.io.list_sheets import (
    write_assignments,
    write_encounters,
    write_participants,
    write_tables,
)
from rotation.io.overview_sheet import write_overview
from rotation.io.phase_sheets import write_phase_sheet
from rotation.io.plan_data import write_data_sheet
from rotation.io.safe_write import guard_target, save_atomically
from rotation.io.sheet_layout import use_font

__all__ = ["build_workbook", "write_plan"]

log = logging.getLogger(__name__)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise InputError(
            [Problem(f"Cannot read the input file to fingerprint it ({error.strerror}).")],
            file=path.name,
        ) from None
    return digest.hexdigest()


def build_workbook(plan: Plan, *, lang: Language = "en", input_sha256: str = "") -> Workbook:
    """The plan workbook in memory (for callers that save it themselves)."""
    labels = labels_for(lang)
    report = check(plan.event, plan)
    workbook = Workbook()
    use_font(workbook)
    workbook.properties.creator = "rotation"
    workbook.properties.title = plan.event.name
    write_overview(workbook, plan, report, labels, input_sha256 or plan.event.source_sha256)
    for phase in plan.event.phase_numbers:
        write_phase_sheet(workbook, plan, labels, phase)
    write_participants(workbook, plan, labels)
    write_tables(workbook, plan, labels)
    write_encounters(workbook, plan, labels)
    write_assignments(workbook, plan, labels)
    write_data_sheet(workbook, plan)
    return workbook


def write_plan(
    plan: Plan,
    path: str | PathLike[str],
    *,
    lang: Language = "en",
    input_path: str | PathLike[str] | None = None,
) -> Path:
    """Write ``plan`` as a workbook to ``path`` (.xlsx) and return the path written.

    The file is written beside the target and moved into place, so it is complete or absent.
    ``input_path`` (or else the event's ``source_file``) is never overwritten; its SHA-256
    appears on the Overview when the event does not carry one. Raises
    :class:`~rotation.errors.InputError` with a plain message when the target cannot be
    written, and ValueError for a language other than ``"en"`` or ``"de"``.
    """
    labels_for(lang)
    target = Path(path)
    inputs = [Path(p) for p in (input_path, plan.event.source_file) if p]
    guard_target(target, inputs)
    sha256 = plan.event.source_sha256
    if not sha256 and input_path is not None:
        sha256 = _sha256_of(Path(input_path))
    workbook = build_workbook(plan, lang=lang, input_sha256=sha256)
    save_atomically(workbook, target, inputs)
    log.info(
        "Plan workbook written: %d participants, %d phases, %d seats",
        len(plan.event.participants),
        len(plan.event.phases),
        len(plan.seats),
    )
    return target
