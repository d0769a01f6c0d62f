"""The quick benchmark classes, asserting plan quality only (timings belong to the suite).

Runs the measuring function of ``benchmarks/`` in-process, in deterministic mode with two
workers and a fixed seed, on the smallest classes of issue 7.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.baseline_pairs import LINK_LIMIT, link_count
from benchmarks.baseline_random import random_plan
from benchmarks.instances import INSTANCES, QUICK, by_name
from benchmarks.measure import measure
from benchmarks.report import format_table
from benchmarks.targets import misses

from rotation import check
from rotation.domain import Plan

# Generous limits: these tests judge quality, the suite judges time.
TIME_LIMIT = 8.0


def _measure(name: str, method: str, time_limit: float = TIME_LIMIT) -> dict[str, Any]:
    record = measure(by_name(name).build(), method, time_limit=time_limit, deterministic=True)
    record["instance"] = name
    return record


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    return _measure("reference", "rotation")


def test_reference_event_reaches_both_bounds(reference: dict[str, Any]) -> None:
    assert reference["valid"]
    assert reference["repeat_encounters_ratio"] == 1.0
    assert reference["same_organisation_pairs_ratio"] == 1.0


def test_reference_event_keeps_every_attribute_within_one_of_its_share(
    reference: dict[str, Any],
) -> None:
    assert reference["metrics"]["attribute_deviation_max"] <= 1.0


def test_kirkman_schoolgirls_never_meet_twice() -> None:
    record = _measure("golfer-15", "rotation")
    assert record["valid"]
    assert record["metrics"]["repeat_encounters"] == 0


def test_reference_event_is_better_than_random(reference: dict[str, Any]) -> None:
    dice = _measure("reference", "random")
    assert dice["valid"]
    ours, theirs = reference["metrics"], dice["metrics"]
    assert ours["repeat_encounters"] < theirs["repeat_encounters"]
    assert ours["same_organisation_pairs"] < theirs["same_organisation_pairs"]
    assert ours["attribute_deviation"] < theirs["attribute_deviation"]


def test_forced_repeats_reach_their_bound_of_ten() -> None:
    record = _measure("forced-repeats", "rotation")
    assert record["valid"]
    assert record["bounds"]["repeat_encounters"] == 10
    assert record["metrics"]["repeat_encounters"] == 10


def test_random_baseline_keeps_every_rule_on_every_class() -> None:
    for instance in INSTANCES:
        if instance.name in QUICK:
            event = instance.build()
            report = check(event, Plan(event, random_plan(event, seed=1)))
            assert report.ok, (instance.name, report.violations[:3])


def test_pair_baseline_solves_the_kirkman_instance_and_refuses_large_ones() -> None:
    record = _measure("golfer-15", "pairs", time_limit=3.0)
    assert record["valid"]
    assert link_count(by_name("large").build()) > LINK_LIMIT
    skipped = measure(by_name("large").build(), "pairs", time_limit=1.0)
    assert skipped["status"] == "model too large"


def test_targets_and_table_name_what_misses(reference: dict[str, Any]) -> None:
    record = dict(reference, wall_time=99.0)
    found = misses(record, by_name("reference").target)
    assert "time 99.0 s >= 1 s" in found
    table = format_table([dict(record, misses=found, target_met=False)])
    assert "| reference | rotation |" in table
    assert "time 99.0 s" in table
