"""Plots for docs/benchmarks.md from the result files (needs the ``bench`` extra).

``python benchmarks/plot.py [--results benchmarks/results] [--out docs/img]`` draws

* ``quality-vs-time.png``: repeat encounters and organisation pairs over their lower bounds
  against time, from the planner's progress reports, for the large class and speed
  networking, with the baselines' final plans as single points;
* ``scaling.png``: wall time and peak memory from 50 to 5,000 people, and the 10,000-person
  class of issue 15 (``issue15-growth.json``) as a point of its own.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"rotation": "o", "random": "x", "pairs": "s"}


def _load(path: Path) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else []


def _curve(record: dict[str, Any], metric: str) -> tuple[list[float], list[float]]:
    """Progress points of one metric, ending at the final plan."""
    times, values = [], []
    for entry in record.get("progress", []):
        value = entry.get(metric)
        if value is not None:
            times.append(entry["elapsed"])
            values.append(value)
    if record.get("valid"):
        times.append(record["wall_time"])
        values.append(record["metrics"][metric])
    return times, values


def quality_against_time(records: list[dict[str, Any]], classes: list[str], out: Path) -> Path:
    """One panel per class: metric against seconds per method, lower bounds dashed."""
    figure, axes = plt.subplots(1, len(classes), figsize=(6 * len(classes), 4.2), squeeze=False)
    for axis, name in zip(axes[0], classes):
        mine = [r for r in records if r.get("instance") == name]
        failed = 0
        for record in mine:
            method = record["method"]
            if not record.get("valid"):
                axis.annotate(
                    f"{method}: {record.get('status')}",
                    (0.02, 0.03 + 0.06 * failed),
                    xycoords="axes fraction",
                    fontsize=8,
                )
                failed += 1
                continue
            for metric, colour in (
                ("repeat_encounters", "tab:blue"),
                ("same_organisation_pairs", "tab:orange"),
            ):
                times, values = _curve(record, metric)
                if not times:
                    continue
                axis.plot(
                    [max(t, 1e-2) for t in times],
                    values,
                    "-" if method == "rotation" else "",
                    marker=MARKERS.get(method, "."),
                    color=colour,
                    drawstyle="steps-post",
                    label=f"{method}: {metric.replace('_', ' ')}",
                    markersize=5,
                )
                if method == "rotation":
                    axis.axhline(
                        record["bounds"][metric],
                        color=colour,
                        linestyle="--",
                        linewidth=0.8,
                        label=f"lower bound: {metric.replace('_', ' ')}",
                    )
        limit = next((r.get("time_limit") for r in mine if r.get("method") == "rotation"), None)
        axis.set_xscale("log")
        axis.set_yscale("symlog", linthresh=10)
        axis.set_xlabel("seconds (log)")
        axis.set_ylabel("metric (symlog)")
        axis.set_title(f"{name} (time limit {limit} s)" if limit else name)
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=7)
    figure.tight_layout()
    path = out / "quality-vs-time.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def growth(
    records: list[dict[str, Any]], out: Path, extra: list[dict[str, Any]] | None = None
) -> Path:
    """Wall time and peak memory against participants, per method (log-log).

    ``extra``: further rotation runs of other shapes (the 10,000-person class of issue 15),
    drawn as single labelled points.
    """
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for record in extra or []:
        if not record.get("wall_time") or not record.get("peak_memory_mb"):
            continue
        label = f"{record['instance']} (time limit {record['time_limit']:g} s)"
        left.plot(record["people"], record["wall_time"], marker="D", linestyle="", label=label)
        right.plot(
            record["people"], record["peak_memory_mb"], marker="D", linestyle="", label=label
        )
    for method in ("rotation", "pairs"):
        mine = [r for r in records if r.get("method") == method and r.get("wall_time")]
        mine = [r for r in mine if r.get("status") != "model too large"]
        if not mine:
            continue
        people = [r["people"] for r in mine]
        left.plot(people, [r["wall_time"] for r in mine], marker=MARKERS[method], label=method)
        right.plot(
            people, [r["peak_memory_mb"] for r in mine], marker=MARKERS[method], label=method
        )
    for axis, label in ((left, "wall time (s)"), (right, "peak memory (MB)")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("participants")
        axis.set_ylabel(label)
        axis.grid(True, alpha=0.3)
        axis.legend()
    figure.tight_layout()
    path = out / "scaling.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def main(argv: list[str] | None = None) -> int:
    """Draw both plots from the result files."""
    parser = argparse.ArgumentParser(description="Plot the benchmark results.")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--classes", nargs="+", default=["large", "speed-networking"])
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    full = _load(args.results / "full.json")
    # Classes where the planner found no plan within the target budget are drawn from the
    # run with a generous time limit instead.
    failed = {r["instance"] for r in full if r.get("method") == "rotation" and not r["valid"]}
    full = (
        [r for r in full if r.get("instance") not in failed]
        + [r for r in _load(args.results / "generous.json") if r.get("instance") in failed]
        + [r for r in full if r.get("instance") in failed and r.get("method") != "rotation"]
    )
    if full:
        print(quality_against_time(full, args.classes, args.out))
    scaling = _load(args.results / "scaling.json")
    extra = [
        r for r in _load(args.results / "issue15-growth.json") if r.get("check") == "growth-10000"
    ]
    if scaling:
        print(growth(scaling, args.out, extra))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
