"""The results as a printed table, a CSV and a JSON file."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["COLUMNS", "flat_row", "format_table", "write_results"]

COLUMNS = (
    "instance",
    "method",
    "status",
    "repeats",
    "repeat_bound",
    "repeat_ratio",
    "org_pairs",
    "org_bound",
    "org_ratio",
    "deviation_max",
    "contacts_mean",
    "wall_s",
    "first_plan_s",
    "within_1pct_s",
    "memory_mb",
    "target_met",
    "misses",
)


def _figure(value: Any, digits: int = 2) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One record as the flat row of the CSV and the table."""
    metrics = record.get("metrics", {})
    bounds = record.get("bounds", {})
    met = record.get("target_met")
    return {
        "instance": record.get("instance"),
        "method": record.get("method"),
        "status": record.get("status"),
        "repeats": metrics.get("repeat_encounters"),
        "repeat_bound": bounds.get("repeat_encounters"),
        "repeat_ratio": record.get("repeat_encounters_ratio"),
        "org_pairs": metrics.get("same_organisation_pairs"),
        "org_bound": bounds.get("same_organisation_pairs"),
        "org_ratio": record.get("same_organisation_pairs_ratio"),
        "deviation_max": metrics.get("attribute_deviation_max"),
        "contacts_mean": metrics.get("distinct_contacts_mean"),
        "wall_s": record.get("wall_time"),
        "first_plan_s": record.get("time_first_plan"),
        "within_1pct_s": record.get("time_within_1pct"),
        "memory_mb": record.get("peak_memory_mb"),
        "target_met": "" if met is None else ("yes" if met else "no"),
        "misses": "; ".join(record.get("misses", [])),
    }


def format_table(records: Sequence[dict[str, Any]]) -> str:
    """A Markdown table of the main figures (ratios: metric / lower bound)."""
    header = (
        "| class | method | status | repeats (bound) | ratio | org pairs (bound) | ratio "
        "| max dev | contacts | wall s | first s | 1 % s | MB | target |"
    )
    lines = [header, _rule(header)]
    for record in records:
        row = flat_row(record)
        repeats = f"{_figure(row['repeats'])} ({_figure(row['repeat_bound'], 0)})"
        org = f"{_figure(row['org_pairs'])} ({_figure(row['org_bound'], 0)})"
        target = row["target_met"] or "-"
        if row["misses"]:
            target = f"{target}: {row['misses']}"
        cells = [
            row["instance"],
            row["method"],
            row["status"],
            repeats if row["repeats"] is not None else "-",
            _figure(row["repeat_ratio"], 3),
            org if row["org_pairs"] is not None else "-",
            _figure(row["org_ratio"], 3),
            _figure(row["deviation_max"]),
            _figure(row["contacts_mean"], 1),
            _figure(row["wall_s"]),
            _figure(row["first_plan_s"]),
            _figure(row["within_1pct_s"]),
            _figure(row["memory_mb"], 0),
            target,
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def _rule(header: str) -> str:
    return "|" + "---|" * (header.count("|") - 1)


def write_results(records: Sequence[dict[str, Any]], out: Path, stem: str) -> tuple[Path, Path]:
    """Write ``stem.json`` (full records, progress included) and ``stem.csv`` (flat rows)."""
    out.mkdir(parents=True, exist_ok=True)
    json_path, csv_path = out / f"{stem}.json", out / f"{stem}.csv"
    json_path.write_text(json.dumps(list(records), indent=1) + "\n", encoding="utf-8")
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow(flat_row(record))
    return json_path, csv_path
