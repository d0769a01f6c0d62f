"""Run the benchmark suite: every class and method in a fresh process, then a table and files.

Usage (from the repository root)::

    python benchmarks/run.py                       # every class, every method
    python benchmarks/run.py --quick               # small classes only, under two minutes
    python benchmarks/run.py --classes large huge --methods rotation
    python benchmarks/run.py --scaling             # growth from 50 to 5,000 people
    python benchmarks/run.py --issue15             # the targets of issue 15, met or not

Results go to ``benchmarks/results/`` (``--out``): ``full.json``/``.csv``, ``quick.*``,
``scaling.*``. Each run gets a fresh Python process, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks.instances import INSTANCES, QUICK, SCALING_SIZES, by_name  # noqa: E402
from benchmarks.issue15 import format_checks, run_checks  # noqa: E402
from benchmarks.measure import METHODS  # noqa: E402
from benchmarks.report import format_table, write_results  # noqa: E402
from benchmarks.targets import misses  # noqa: E402

__all__ = ["main", "run_one", "run_suite"]


def run_one(
    name: str, method: str, *, time_limit: float | None = None, timeout: float = 900.0
) -> dict[str, Any]:
    """Measure one class with one method in a fresh Python process."""
    command = [sys.executable, "-m", "benchmarks.measure", name, method]
    if time_limit is not None:
        command += ["--time-limit", str(time_limit)]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"instance": name, "method": method, "status": "killed (timeout)", "valid": False}
    if done.returncode != 0 or not done.stdout.strip():
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {
            "instance": name,
            "method": method,
            "status": f"crashed: {tail[0][:120]}",
            "valid": False,
            "wall_time": round(time.monotonic() - started, 3),
        }
    record: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return record


def run_suite(
    names: Sequence[str], methods: Sequence[str], *, time_limit: float | None = None
) -> list[dict[str, Any]]:
    """Measure every class with every method; judge rotation's rows against the targets."""
    records = []
    for name in names:
        instance = by_name(name)
        limit = time_limit or instance.time_limit
        for method in methods:
            print(f"... {name} / {method} (limit {limit:g} s)", file=sys.stderr, flush=True)
            record = run_one(name, method, time_limit=time_limit, timeout=10 * limit + 300)
            record["title"] = instance.title
            record["target"] = instance.target.describe()
            if method == "rotation":
                found = misses(record, instance.target)
                record["target_met"] = not found
                record["misses"] = found
            records.append(record)
    return records


def run_scaling(
    sizes: Sequence[int], methods: Sequence[str], *, time_limit: float
) -> list[dict[str, Any]]:
    """The growth series: the same event shape from 50 to 5,000 people."""
    records = []
    for size in sizes:
        for method in methods:
            print(f"... {size} people / {method}", file=sys.stderr, flush=True)
            record = run_one(
                f"scaling-{size}", method, time_limit=time_limit, timeout=10 * time_limit + 300
            )
            records.append(record)
    return records


def comparison(records: Sequence[dict[str, Any]]) -> str:
    """How many times more repeats and organisation pairs the baselines leave than rotation."""
    by_key = {(r["instance"], r["method"]): r for r in records}
    lines = ["| class | baseline | repeats x rotation | org pairs x rotation | wall x rotation |"]
    lines.append("|---|---|---|---|---|")
    for (name, method), record in by_key.items():
        mine = by_key.get((name, "rotation"))
        if method == "rotation" or mine is None or not mine.get("valid"):
            continue
        if not record.get("valid"):
            lines.append(f"| {name} | {method} | {record.get('status')} | - | - |")
            continue
        cells = []
        for metric in ("repeat_encounters", "same_organisation_pairs"):
            theirs, ours = record["metrics"][metric], mine["metrics"][metric]
            cells.append(f"{theirs / ours:.2f}" if ours else f"{theirs} vs 0")
        cells.append(f"{record['wall_time'] / max(mine['wall_time'], 1e-3):.2f}")
        lines.append(f"| {name} | {method} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run, print the table and write the result files."""
    parser = argparse.ArgumentParser(description="Run rotation's benchmark suite.")
    parser.add_argument("--quick", action="store_true", help="small classes only (< 2 min)")
    parser.add_argument("--classes", nargs="+", metavar="NAME", help="classes to run")
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--time-limit", type=float, help="seconds per solve (default: target)")
    parser.add_argument("--scaling", action="store_true", help="growth from 50 to 5,000 people")
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SCALING_SIZES))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--stem", help="name of the result files (default: by mode)")
    parser.add_argument(
        "--issue15", nargs="*", metavar="NAME", help="the targets of issue 15 (all, or NAMEs)"
    )
    args = parser.parse_args(argv)

    started = time.monotonic()
    if args.issue15 is not None:
        checks = run_checks(args.issue15)
        print(format_checks(checks))
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"{args.stem or 'issue15'}.json"
        path.write_text(json.dumps(checks, indent=1), encoding="utf-8")
        print(f"\n{len(checks)} checks in {time.monotonic() - started:.0f} s; wrote {path}")
        return 0
    if args.scaling:
        records = run_scaling(args.sizes, args.methods, time_limit=args.time_limit or 60.0)
        stem = "scaling"
    else:
        names = args.classes or (QUICK if args.quick else [i.name for i in INSTANCES])
        records = run_suite(names, args.methods, time_limit=args.time_limit)
        stem = "quick" if args.quick else ("full" if not args.classes else "selected")
    stem = args.stem or stem
    print(format_table(records))
    print()
    print(comparison(records))
    json_path, csv_path = write_results(records, args.out, stem)
    print(
        f"\n{len(records)} runs in {time.monotonic() - started:.0f} s; wrote {json_path} and "
        f"{csv_path}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
