"""``write_plan``: the plan workbook an organiser prints and hands out (DESIGN 6.2).

Sheets, in order: Overview, Changes (a re-plan only), one per phase, Participants, Tables,
Encounters, Assignments, and the hidden ``rotation-data`` sheet (see
:mod:`rotation.io.workbook.data_sheet`). Printing the workbook prints the Overview (one
page), the Changes, the phase sheets, Participants and Tables; Encounters and Assignments
are left out. Labels are English or German; the Assignments columns are the same in both.
"""

from __future__ import annotations

import logging
from os import PathLike
from pathlib import Path

from openpyxl import Workbook

from rotation.checker import check
from rotation.domain import Plan
from rotation.io.inspection import file_sha256
from rotation.io.language import choose_language
from rotation.io.saving import guard_target, save_atomically
from rotation.io.workbook.data_sheet import write_data_sheet
from rotation.io.workbook.labels import labels_for
from rotation.io.workbook.layout import new_workbook
from rotation.io.workbook.list_sheets import (
    write_assignments,
    write_changes,
    write_encounters,
    write_participants,
    write_tables,
)
from rotation.io.workbook.overview import write_overview
from rotation.io.workbook.phase_sheets import column_widths, write_phase_sheet

__all__ = ["build_workbook", "write_plan"]

log = logging.getLogger(__name__)


def build_workbook(plan: Plan, *, lang: str | None = None, input_sha256: str = "") -> Workbook:
    """The plan workbook in memory (for callers that save it themselves)."""
    labels = labels_for(choose_language(lang, plan.event))
    report = check(plan.event, plan)
    workbook = new_workbook()
    workbook.properties.creator = "rotation"
    workbook.properties.title = plan.event.name
    sha256 = input_sha256 or plan.event.source_sha256
    write_overview(
        workbook, plan, report, labels, sha256, not_printed=(labels.encounters, labels.assignments)
    )
    if plan.event.previous_seats:
        write_changes(workbook, plan, labels)
    widths = column_widths(plan, labels)
    for phase in plan.event.phase_numbers:
        write_phase_sheet(workbook, plan, labels, phase, widths)
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
    lang: str | None = None,
    input_path: str | PathLike[str] | None = None,
) -> Path:
    """Write ``plan`` as a workbook to ``path`` (.xlsx) and return the path written.

    The file is written beside the target and moved into place, so it is complete or absent.
    Sheets: Overview, one per phase, Participants, Tables, Encounters, Assignments and the
    hidden ``rotation-data`` sheet that :func:`~rotation.io.read_plan` reads back.

    Args:
        plan: the plan, usually from :func:`rotation.solve`.
        path: the workbook to write (.xlsx).
        lang: ``"en"`` or ``"de"``, the language of sheet names and labels; None: the
            language of the registration file's headers, else the system's, else English.
        input_path: the registration file; it is never overwritten, and its SHA-256
            appears on the Overview when the event does not carry one.

    Returns:
        The path written.

    Raises:
        OutputError: the target cannot be written (or is the input file), said plainly.
        ValueError: a language other than ``"en"`` or ``"de"``.

    >>> import tempfile
    >>> from rotation import Event, Participant, read_plan, solve
    >>> people = [Participant(str(i), f"P{i}", organisation=f"O{i % 3}") for i in range(12)]
    >>> event = Event.build(people, themes=["Water", "Energy"], tables_per_theme=2)
    >>> plan = solve(event, time_limit=5, seed=1, workers=1)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_plan(plan, Path(folder) / "plan.xlsx", lang="de")
    ...     again = read_plan(written)
    >>> written.name, dict(again.seats) == dict(plan.seats)
    ('plan.xlsx', True)
    """
    lang = choose_language(lang, plan.event)
    target = Path(path)
    inputs = [Path(p) for p in (input_path, plan.event.source_file) if p]
    guard_target(target, inputs)
    sha256 = plan.event.source_sha256
    if not sha256 and input_path is not None:
        sha256 = file_sha256(Path(input_path))
    workbook = build_workbook(plan, lang=lang, input_sha256=sha256)
    save_atomically(workbook, target, inputs)
    log.info(
        "Plan workbook written: %d participants, %d phases, %d seats",
        len(plan.event.participants),
        len(plan.event.phases),
        len(plan.seats),
    )
    return target
