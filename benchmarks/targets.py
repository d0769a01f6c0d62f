"""Judge a measured record against its class's target: met or not, and what misses."""

from __future__ import annotations

from typing import Any

from benchmarks.instances import Target

__all__ = ["misses"]

_EPS = 1e-9


def _within(value: float, bound: float, share: float) -> bool:
    return value <= bound * (1 + share) + _EPS


def misses(record: dict[str, Any], target: Target) -> list[str]:
    """Every part of ``target`` that ``record`` misses, in words (empty: target met)."""
    if not record.get("valid"):
        return [f"no valid plan ({record.get('status')})"]
    metrics, bounds = record["metrics"], record["bounds"]
    repeats, repeat_bound = metrics["repeat_encounters"], bounds["repeat_encounters"]
    colleagues = metrics["same_organisation_pairs"]
    colleague_bound = bounds["same_organisation_pairs"]
    found = []
    if target.repeat_at_most is not None and repeats > target.repeat_at_most:
        found.append(f"repeats {repeats} > {target.repeat_at_most}")
    if target.repeat_within is not None and not _within(
        repeats, repeat_bound, target.repeat_within
    ):
        found.append(f"repeats {repeats} vs bound {repeat_bound:g}")
    if target.organisation_within is not None and not _within(
        colleagues, colleague_bound, target.organisation_within
    ):
        found.append(f"organisation pairs {colleagues} vs bound {colleague_bound:g}")
    deviation = metrics["attribute_deviation_max"]
    if target.deviation_at_most is not None and deviation > target.deviation_at_most + _EPS:
        found.append(f"largest deviation {deviation:.2f} > {target.deviation_at_most:g}")
    if record["wall_time"] >= target.seconds:
        found.append(f"time {record['wall_time']:.1f} s >= {target.seconds:g} s")
    memory = record.get("peak_memory_mb")
    if target.memory_mb is not None and memory is not None and memory >= target.memory_mb:
        found.append(f"memory {memory:.0f} MB >= {target.memory_mb:.0f} MB")
    return found
