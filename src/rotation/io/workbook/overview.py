"""The Overview sheet: the event, the status, every metric with bound and gap, in plain words."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Border

from rotation.checker import CheckReport
from rotation.domain import Metric, Plan
from rotation.io.saving import put
from rotation.io.workbook.labels import DATA_SHEET, Labels
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

_WIDTHS = {"A": 38, "B": 11, "C": 16, "D": 10, "E": 46}
SECTION_FONT = font(bold=True, size=12, color="305496")


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

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 1

    def line(self, *values: object, bold: bool = False, wrap_column: int | None = None) -> None:
        for column, value in enumerate(values, start=1):
            cell = put(self.ws, self.row, column, value)
            cell.alignment = Alignment(
                vertical="top", wrap_text=column == wrap_column, indent=1 if column == 5 else 0
            )
            if bold:
                cell.font = font(bold=True)
        if wrap_column is not None:
            width = _WIDTHS["ABCDE"[wrap_column - 1]]
            lines = wrapped_lines(str(values[wrap_column - 1] or ""), width)
            if lines > 1:
                self.ws.row_dimensions[self.row].height = 13 * lines
        self.row += 1

    def pair(self, label: str, value: object) -> None:
        label_cell = put(self.ws, self.row, 1, label)
        label_cell.font = font(bold=True)
        label_cell.alignment = Alignment(vertical="top")
        cell = put(self.ws, self.row, 2, value)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.ws.merge_cells(start_row=self.row, start_column=2, end_row=self.row, end_column=5)
        lines = wrapped_lines(str(value), sum(_WIDTHS.values()) - _WIDTHS["A"])
        if lines > 1:
            self.ws.row_dimensions[self.row].height = 13 * lines
        self.row += 1

    def section(self, title: str) -> None:
        self.row += 1
        put(self.ws, self.row, 1, title).font = SECTION_FONT
        self.ws.row_dimensions[self.row].height = 20
        self.row += 1

    def header(self, values: Sequence[str]) -> None:
        for column, value in enumerate(values, start=1):
            cell = put(self.ws, self.row, column, value)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
        self.row += 1


def write_overview(
    workbook: Any, plan: Plan, report: CheckReport, labels: Labels, sha256: str
) -> Any:
    """Fill the first sheet with the Overview."""
    event = plan.event
    ws = workbook.active
    ws.title = labels.overview
    for letter, width in _WIDTHS.items():
        ws.column_dimensions[letter].width = width
    out = _Writer(ws)
    put(ws, 1, 1, labels.overview_title.format(event=event.name)).font = TITLE_FONT
    ws.row_dimensions[1].height = 24
    out.row = 2

    out.section(labels.section_event)
    out.pair(labels.event_name, event.name)
    counts = labels.counts_text.format(
        participants=len(event.participants),
        tables=len(event.tables),
        themes=len(event.themes),
        phases=len(event.phases),
    )
    out.pair(labels.counts, counts)
    out.pair(
        labels.input_file, Path(event.source_file).name if event.source_file else labels.no_input
    )
    out.pair(labels.input_sha256, sha256 or labels.no_input)

    out.section(labels.section_result)
    out.pair(labels.status, labels.status_text[plan.record.status])
    if report.ok:
        out.pair("", labels.rules_ok)
    else:
        out.pair("", labels.rules_broken.format(count=len(report.violations)))
        for violation in report.violations:
            out.pair("", f"{labels.rule_names[violation.rule]}: {violation.message}")

    out.section(labels.section_metrics)
    out.header([labels.metric, labels.this_plan, labels.lower_bound, labels.gap, labels.in_words])
    first_metric_row = out.row
    figures = report.metrics.as_dict()
    for metric in Metric:
        value = float(figures[metric.value])
        bound = plan.record.bounds.get(metric.goal) if metric.goal is not None else None
        gap = None if bound is None else value - bound
        sentence = metric_sentence(metric, value, bound, labels)
        out.line(labels.metrics[metric].name, value, bound, gap, sentence, wrap_column=5)
        if metric is Metric.ATTRIBUTE_DEVIATION and len(event.balance) > 1:
            for name, part in report.metrics.attribute_deviation_by_attribute.items():
                out.line(f"  {labels.metrics[metric].name}: {name}", part)
    for row in ws.iter_rows(min_row=first_metric_row, max_row=out.row - 1, max_col=5):
        for cell in row:
            cell.border = Border(bottom=THIN)
            if cell.column in (2, 3, 4) and isinstance(cell.value, (int, float)):
                cell.number_format = "0" if float(cell.value).is_integer() else "0.00"

    out.section(labels.section_solve)
    record = plan.record
    out.pair(labels.solve_time, labels.seconds.format(value=labels.figure(record.wall_time)))
    out.pair(labels.seed, "–" if record.seed is None else str(record.seed))
    out.pair(labels.workers, "–" if record.workers is None else str(record.workers))
    out.pair(labels.solver, record.solver or "–")
    for note in record.notes:
        out.pair(labels.notes, note)
    out.row += 1
    out.pair("", labels.data_note.format(sheet=DATA_SHEET, assignments=labels.assignments))

    ws.freeze_panes = "A2"
    print_on_a4(ws, footer=labels.page_footer)
    return ws
