"""The Overview sheet: the event, the status, every metric with bound and gap, in plain words."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl.styles import Alignment, Border
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from rotation.checker import CheckReport, plan_changes, verdict
from rotation.domain import Goal, Metric, Plan
from rotation.io.saving import first_sheet, put
from rotation.io.workbook.labels import (
    DATA_SHEET,
    Labels,
    join_words,
    status_sentence,
)
from rotation.io.workbook.layout import (
    HEADER_FILL,
    HEADER_FONT,
    THIN,
    TITLE_FONT,
    font,
    print_on_a4,
    wrapped_lines,
)

__all__ = ["metric_sentence", "write_overview"]

_WIDTHS = {"A": 36, "B": 11, "C": 14, "D": 52}
_LAST = len(_WIDTHS)
_ALIGN = {2: "right", 3: "center"}
"""This plan's figure right-aligned; the bound centred, so it never touches the words after it."""
SECTION_FONT = font(bold=True, size=12, color="305496")
SMALL_FONT = font(size=8, color="595959")


def metric_sentence(metric: Metric, value: float, bound: float | None, labels: Labels) -> str:
    """The metric in words: "No plan can have fewer than 46 ...; this plan has 46. ..."."""
    text = labels.metrics[metric]
    shown = labels.figure(value)
    if bound is None or not text.with_bound:
        sentence = text.without_bound.format(value=shown)
        return sentence if metric.goal is None else f"{sentence} {labels.no_bound}"
    sentence = text.with_bound.format(bound=labels.figure(bound), value=shown)
    gap = value - bound
    if gap <= 1e-9:
        return f"{sentence} {labels.best_possible}"
    return f"{sentence} {labels.could_be_better.format(gap=labels.figure(gap))}"


class _Writer:
    """Appends labelled rows to the Overview, one after the other."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 1

    def line(self, *values: object, wrap_column: int | None = None) -> None:
        for column, value in enumerate(values, start=1):
            cell = put(self.ws, self.row, column, value)
            cell.alignment = Alignment(
                horizontal=_ALIGN.get(column),
                vertical="top",
                wrap_text=column == wrap_column,
                indent=1 if column == _LAST else 0,
            )
        if wrap_column is not None:
            width = _WIDTHS["ABCD"[wrap_column - 1]]
            lines = wrapped_lines(str(values[wrap_column - 1] or ""), width)
            if lines > 1:
                self.ws.row_dimensions[self.row].height = 13 * lines
        self.row += 1

    def pair(self, label: str, value: object, *, small: bool = False) -> None:
        label_cell = put(self.ws, self.row, 1, label)
        label_cell.font = SMALL_FONT if small else font(bold=True)
        label_cell.alignment = Alignment(vertical="top")
        cell = put(self.ws, self.row, 2, value)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        if small:
            cell.font = SMALL_FONT
        self.ws.merge_cells(start_row=self.row, start_column=2, end_row=self.row, end_column=_LAST)
        lines = wrapped_lines(
            str(value), (sum(_WIDTHS.values()) - _WIDTHS["A"]) * (1.2 if small else 1)
        )
        if lines > 1:
            self.ws.row_dimensions[self.row].height = (10 if small else 13) * lines
        self.row += 1

    def section(self, title: str, *, small: bool = False) -> None:
        self.row += 1
        put(self.ws, self.row, 1, title).font = (
            font(bold=True, size=9, color="595959") if small else SECTION_FONT
        )
        self.ws.row_dimensions[self.row].height = 14 if small else 20
        self.row += 1

    def header(self, values: Sequence[str]) -> None:
        for column, value in enumerate(values, start=1):
            cell = put(self.ws, self.row, column, value)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal=_ALIGN.get(column), indent=int(column == _LAST))
        self.row += 1


def write_overview(
    workbook: Workbook,
    plan: Plan,
    report: CheckReport,
    labels: Labels,
    sha256: str,
    not_printed: Sequence[str] = (),
) -> Worksheet:
    """Fill the first sheet with the Overview: one printed page in plain words.

    The technical facts (input file and its SHA-256, solve time, seed, threads, solver)
    go to a small "About this plan" block at the bottom; ``not_printed`` names the sheets
    left out of the print.
    """
    ws = first_sheet(workbook)
    ws.title = labels.overview
    for letter, width in _WIDTHS.items():
        ws.column_dimensions[letter].width = width
    out = _Writer(ws)
    _title(out, plan, labels)
    _result(out, plan, report, labels)
    _metrics(out, plan, report, labels)
    _changes_and_history(out, plan, report, labels)
    _about(out, plan, labels, sha256, not_printed)
    ws.freeze_panes = "A2"
    print_on_a4(ws, footer=labels.page_footer, one_page=True)
    return ws


def _title(out: _Writer, plan: Plan, labels: Labels) -> None:
    """The event's name, and how many people, tables, themes and phases it has."""
    event = plan.event
    put(out.ws, 1, 1, labels.overview_title.format(event=event.name)).font = TITLE_FONT
    out.ws.row_dimensions[1].height = 24
    counts = labels.counts_text.format(
        participants=len(event.participants),
        tables=len(event.tables),
        themes=len(event.themes),
        phases=len(event.phases),
    )
    put(out.ws, 2, 1, counts)
    out.row = 3


def _result(out: _Writer, plan: Plan, report: CheckReport, labels: Labels) -> None:
    """The status in words, and whether every rule holds (else each broken rule)."""
    out.section(labels.section_result)
    record = plan.record
    status = status_sentence(record.status, verdict(plan, report.metrics, record.bounds), labels)
    out.pair(labels.status, status)
    if report.ok:
        out.pair("", labels.rules_ok)
        return
    out.pair("", labels.rules_broken.format(count=len(report.violations)))
    for violation in report.violations:
        out.pair("", f"{labels.rule_names[violation.rule]}: {violation.message}")


def _shown(metric: Metric, plan: Plan) -> bool:
    """Moved seats only in a re-plan, earlier encounters only with earlier plans."""
    if metric is Metric.MOVED_SEATS:
        return bool(plan.event.previous_seats)
    if metric is Metric.EARLIER_ENCOUNTERS:
        return bool(plan.event.history)
    return True


def _metrics(out: _Writer, plan: Plan, report: CheckReport, labels: Labels) -> None:
    """Every metric with its lower bound and a sentence; balance per attribute below it."""
    event = plan.event
    out.section(labels.section_metrics)
    out.header([labels.metric, labels.this_plan, labels.lower_bound, labels.in_words])
    first_metric_row = out.row
    figures = report.metrics.as_dict()
    for metric in Metric:
        if not _shown(metric, plan):
            continue
        value = float(figures[metric.value])
        bound = plan.record.bounds.get(metric.goal) if metric.goal is not None else None
        sentence = metric_sentence(metric, value, bound, labels)
        shown_bound = "" if bound is None else labels.figure(bound)
        name = labels.metrics[metric].name
        out.line(name, labels.figure(value), shown_bound, sentence, wrap_column=_LAST)
        if metric is Metric.ATTRIBUTE_DEVIATION and len(event.balance) > 1:
            for key, part in report.metrics.attribute_deviation_by_attribute.items():
                out.line(f"  {name}: {event.attribute_label(key)}", labels.figure(part))
    rows = out.ws.iter_rows(min_row=first_metric_row, max_row=out.row - 1, max_col=_LAST)
    for row in rows:
        for cell in row:
            cell.border = Border(bottom=THIN)


def _about(
    out: _Writer, plan: Plan, labels: Labels, sha256: str, not_printed: Sequence[str]
) -> None:
    """The small print: input file and fingerprint, solver facts, notes, sheets not printed."""
    event, record = plan.event, plan.record
    out.section(labels.section_about, small=True)
    source = Path(event.source_file).name if event.source_file else labels.no_input
    out.pair(labels.input_file, source, small=True)
    out.pair(labels.input_sha256, sha256 or labels.no_input, small=True)
    seconds = labels.seconds.format(value=labels.figure(record.wall_time, digits=1))
    solver = ", ".join(
        [
            f"{labels.solve_time} {seconds}",
            f"{labels.seed} {'–' if record.seed is None else record.seed}",
            f"{labels.workers} {'–' if record.workers is None else record.workers}",
            record.solver or "–",
        ]
    )
    out.pair(labels.solver, solver, small=True)
    for note in record.notes:
        out.pair(labels.notes, note, small=True)
    out.pair(
        "", labels.data_note.format(sheet=DATA_SHEET, assignments=labels.assignments), small=True
    )
    if not_printed:
        sheets = join_words([f"'{name}'" for name in not_printed], labels)
        out.pair("", labels.print_note.format(sheets=sheets), small=True)


def _changes_and_history(out: _Writer, plan: Plan, report: CheckReport, labels: Labels) -> None:
    """What a re-plan changed in one line, and how many people each earlier plan matched."""
    event = plan.event
    if event.previous_seats:
        changes = plan_changes(plan)
        bound = plan.record.bounds.get(Goal.MOVED_SEATS, 0.0)
        summary = labels.changes_summary.format(
            moved=report.metrics.moved_seats,
            bound=labels.figure(bound),
            added=len(changes.added),
            absent=len(changes.absent),
        )
        out.pair(labels.changes, summary)
    for earlier in event.history:
        matched = labels.earlier_matched.format(
            name=earlier.name, matched=earlier.matched, total=len(event.participants)
        )
        out.pair(labels.earlier_plans, matched)
