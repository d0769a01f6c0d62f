"""The whole command, timed from start to exit: read, solve, check, write.

``python -m benchmarks.whole_command PEOPLE [--time-limit S]`` writes a registration
workbook for the growth series' event of that size (``benchmarks.instances.scaling_event``),
runs ``rotation plan`` on it in a fresh process, and prints one JSON record: the wall time
from start to exit, the exit code, the plan's status and figures (from ``--json``), and the
peak memory of the command (``ru_maxrss`` of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from benchmarks.instances import scaling_event
from rotation import Event

__all__ = ["measure_command", "write_registration"]


def write_registration(event: Event, path: Path) -> None:
    """A registration workbook with the event's people (id, name, organisation, attributes)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Participants"
    sheet.append(["ID", "Name", "Organisation", "Gender", "Role"])
    for person in event.participants:
        sheet.append(
            [
                person.id,
                person.name,
                person.organisation,
                person.attributes.get("gender", ""),
                person.attributes.get("role", ""),
            ]
        )
    book.save(path)


def _options(event: Event) -> list[str]:
    table = event.tables[0]
    per_theme = len(event.tables) // len(event.themes)
    options = [option for theme in event.theme_names for option in ("--themes", theme)]
    options += ["--tables-per-theme", str(per_theme), "--table-size", str(table.max_size)]
    options += ["--min-table-size", str(table.min_size), "--phases", str(len(event.phases))]
    return [*options, "--balance", "Gender", "--balance", "Role"]


def measure_command(
    event: Event, time_limit: float, *, extra: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Run ``rotation plan`` on ``event`` (written as a workbook) and time it end to end."""
    with tempfile.TemporaryDirectory(prefix="rotation-bench-") as folder:
        source, target = Path(folder, "registration.xlsx"), Path(folder, "plan.xlsx")
        write_registration(event, source)
        command = [
            sys.executable,
            "-m",
            "rotation",
            "plan",
            str(source),
            "-o",
            str(target),
            "--time-limit",
            f"{time_limit:g}",
            "--json",
            *_options(event),
            *extra,
        ]
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.monotonic() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        after, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu
        record: dict[str, Any] = {
            "people": len(event.participants),
            "time_limit": time_limit,
            "command_wall_time": round(wall, 3),
            "command_cpu_time": round(cpu, 3),
            "exit_code": done.returncode,
            "written": target.exists(),
            "peak_memory_mb": round(max(before, after) / 1024, 1),
            "load_average": os.getloadavg()[0],
        }
        try:
            summary = json.loads(done.stdout)
        except json.JSONDecodeError:
            record["error"] = done.stderr.strip().splitlines()[-1:] or ["no output"]
            return record
        record.update(
            status=summary.get("status"),
            solve_wall_time=summary.get("wall_time"),
            metrics=summary.get("metrics"),
            bounds=summary.get("bounds"),
        )
        return record


def main(argv: list[str] | None = None) -> int:
    """Measure the whole command for one size of the growth series; print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", type=int)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args(argv)
    record = measure_command(scaling_event(args.people), args.time_limit)
    json.dump(record, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
