"""The hidden sheet ``rotation-data``: the event and the solver's figures, machine-readable.

``rotation check PLAN.xlsx`` must rebuild the event from the plan workbook alone, so the
writer stores it in a hidden (not "very hidden": an organiser may unhide and inspect it)
sheet. Format, version 1:

- cell A1: the text ``rotation-plan-data``; cell B1: the version, ``1``;
- cells A2, A3, ...: one JSON document, cut into pieces of at most 30,000 characters
  (a cell holds 32,767); join them in order and parse.

The JSON document is an object with two keys::

    {"event": {"name", "source_file", "source_sha256", "coverage", "balance",
               "attribute_names": {key: header}, "language": "de" | "en" | "",
               "goals": {"priority": [goal, ...], "weights": {goal: int} | null,
                         "lexicographic": bool},
               "themes": [name, ...],
               "phases": [{"number", "name"}, ...],
               "tables": [{"id", "theme", "min_size", "max_size", "host", "phases"}, ...],
               "participants": [{"id", "name", "organisation", "attributes": {key: value},
                                 "phases": [int] | null, "pins": {"phase": table},
                                 "preferred_first_theme"}, ...],
               "keep_apart": [{"name", "members": [id, ...]}, ...],
               "keep_together": [...],
               "previous_seats": [[id, phase, table], ...],
               "history": [{"name", "matched", "groups": [[id, ...], ...]}, ...]},
     "plan": {"status", "bounds": {goal: number}, "objective_terms": {goal: number},
              "wall_time", "seed", "workers", "solver", "notes": [text, ...],
              "seats_sha256"}}

Goals are :class:`~rotation.domain.Goal` values, coverage a
:class:`~rotation.domain.ThemeCoverage` value, status a :class:`~rotation.domain.Status`
value. E-mail addresses are left out on purpose: the plan is handed around, the addresses
are not needed to check it. ``seats_sha256`` fingerprints the seats as written, so a reader
can tell whether the Assignments sheet was edited after solving.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from typing import Any

from openpyxl.workbook.workbook import Workbook

from rotation.domain import (
    EarlierPlan,
    Event,
    Goal,
    Goals,
    Group,
    Participant,
    Phase,
    Plan,
    SolveRecord,
    Status,
    Table,
    Theme,
    ThemeCoverage,
)
from rotation.io.saving import new_sheet, put
from rotation.io.workbook.labels import DATA_SHEET
from rotation.io.xlsx import sheet_rows
from rotation.limits import MAX_PHASES, MAX_TABLE_SIZE

__all__ = [
    "DATA_MARKER",
    "DATA_VERSION",
    "PlanData",
    "event_from_json",
    "event_to_json",
    "plan_to_json",
    "read_data_sheet",
    "record_from_json",
    "seats_fingerprint",
    "write_data_sheet",
]

DATA_MARKER = "rotation-plan-data"
DATA_VERSION = 1
_CHUNK = 30_000

PlanData = dict[str, Any]


def seats_fingerprint(seats: Mapping[tuple[str, int], str]) -> str:
    """SHA-256 of the seats in a canonical order."""
    canonical = json.dumps(sorted([p, ph, t] for (p, ph), t in seats.items()), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _sorted_or_none(values: frozenset[int] | None) -> list[int] | None:
    return None if values is None else sorted(values)


def event_to_json(event: Event) -> dict[str, Any]:
    """The event as plain JSON values (without e-mail addresses)."""
    goals = event.goals
    return {
        "name": event.name,
        "source_file": event.source_file,
        "source_sha256": event.source_sha256,
        "coverage": event.coverage.value,
        "balance": list(event.balance),
        "attribute_names": dict(event.attribute_names),
        "language": event.language,
        "goals": {
            "priority": [g.value for g in goals.priority],
            "weights": None
            if goals.weights is None
            else {g.value: w for g, w in goals.weights.items()},
            "lexicographic": goals.lexicographic,
        },
        "themes": [t.name for t in event.themes],
        "phases": [{"number": ph.number, "name": ph.name} for ph in event.phases],
        "tables": [
            {
                "id": t.id,
                "theme": t.theme,
                "min_size": t.min_size,
                "max_size": t.max_size,
                "host": t.host,
                "phases": _sorted_or_none(t.phases),
            }
            for t in event.tables
        ],
        "participants": [
            {
                "id": p.id,
                "name": p.name,
                "organisation": p.organisation,
                "attributes": dict(p.attributes),
                "phases": _sorted_or_none(p.phases),
                "pins": {str(ph): t for ph, t in sorted(p.pins.items())},
                "preferred_first_theme": p.preferred_first_theme,
            }
            for p in event.participants
        ],
        "keep_apart": [{"name": g.name, "members": list(g.members)} for g in event.keep_apart],
        "keep_together": [
            {"name": g.name, "members": list(g.members)} for g in event.keep_together
        ],
        "previous_seats": sorted([p, r, t] for (p, r), t in event.previous_seats.items()),
        "history": [
            {"name": e.name, "matched": e.matched, "groups": [list(g) for g in e.groups]}
            for e in event.history
        ],
    }


def _number(value: Any, low: int, high: int) -> int:
    """A stored whole number within its range (rotation.limits), else ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{type(value).__name__} where a number belongs")
    if not (low <= value <= high and float(value).is_integer()):
        raise ValueError(f"the number {str(value)[:20]} is outside {low} to {high:,}")
    return int(value)


def _phase(value: Any) -> int:
    return _number(value, 1, MAX_PHASES)


def _phases(values: Any) -> frozenset[int] | None:
    return None if values is None else frozenset(_phase(v) for v in values)


def event_from_json(data: Mapping[str, Any]) -> Event:
    """Rebuild the event; raises KeyError/TypeError/ValueError (or EventError) when malformed."""
    goals = data["goals"]
    weights = goals.get("weights")
    return Event(
        participants=tuple(
            Participant(
                id=str(p["id"]),
                name=str(p.get("name", "")),
                organisation=str(p.get("organisation", "")),
                attributes={str(k): str(v) for k, v in p.get("attributes", {}).items()},
                phases=_phases(p.get("phases")),
                pins={_phase(int(k)): str(v) for k, v in p.get("pins", {}).items()},
                preferred_first_theme=p.get("preferred_first_theme"),
            )
            for p in data["participants"]
        ),
        themes=tuple(Theme(str(t)) for t in data["themes"]),
        tables=tuple(
            Table(
                id=str(t["id"]),
                theme=str(t["theme"]),
                max_size=_number(t["max_size"], 1, MAX_TABLE_SIZE),
                min_size=_number(t.get("min_size", 0), 0, MAX_TABLE_SIZE),
                host=t.get("host"),
                phases=_phases(t.get("phases")),
            )
            for t in data["tables"]
        ),
        phases=tuple(Phase(_phase(ph["number"]), str(ph.get("name", ""))) for ph in data["phases"]),
        keep_apart=tuple(Group(g["name"], tuple(g["members"])) for g in data.get("keep_apart", [])),
        keep_together=tuple(
            Group(g["name"], tuple(g["members"])) for g in data.get("keep_together", [])
        ),
        coverage=ThemeCoverage(data.get("coverage", "auto")),
        balance=tuple(data.get("balance", ())),
        goals=Goals(
            priority=tuple(Goal(g) for g in goals["priority"]),
            weights=None
            if weights is None
            else {Goal(g): _number(w, 0, 2**31 - 1) for g, w in weights.items()},
            lexicographic=bool(goals.get("lexicographic", False)),
        ),
        name=str(data.get("name", "Event")),
        previous_seats={(str(p), int(r)): str(t) for p, r, t in data.get("previous_seats", [])},
        history=tuple(
            EarlierPlan(
                str(e["name"]),
                tuple(tuple(str(m) for m in g) for g in e["groups"]),
                int(e.get("matched", 0)),
            )
            for e in data.get("history", [])
        ),
        source_file=str(data.get("source_file", "")),
        source_sha256=str(data.get("source_sha256", "")),
        attribute_names={str(k): str(v) for k, v in data.get("attribute_names", {}).items()},
        language=str(data.get("language", "")),
    )


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The solve record of a plan (its seats live in the Assignments sheet)."""
    record = plan.record
    return {
        "status": record.status.value,
        "bounds": {g.value: v for g, v in record.bounds.items()},
        "objective_terms": {g.value: v for g, v in record.objective_terms.items()},
        "wall_time": record.wall_time,
        "seed": record.seed,
        "workers": record.workers,
        "solver": record.solver,
        "notes": list(record.notes),
        "seats_sha256": seats_fingerprint(plan.seats),
    }


def write_data_sheet(workbook: Workbook, plan: Plan) -> None:
    """Add the hidden ``rotation-data`` sheet holding the event and the plan's figures."""
    ws = new_sheet(workbook, DATA_SHEET)
    ws.sheet_state = "hidden"
    put(ws, 1, 1, DATA_MARKER)
    put(ws, 1, 2, DATA_VERSION)
    document = json.dumps(
        {"event": event_to_json(plan.event), "plan": plan_to_json(plan)},
        ensure_ascii=False,
        sort_keys=True,
    )
    for index in range(0, max(1, len(document)), _CHUNK):
        put(ws, 2 + index // _CHUNK, 1, document[index : index + _CHUNK])


def read_data_sheet(workbook: Workbook, file: str = "") -> PlanData | None:
    """The JSON document of the hidden sheet, or None when the workbook has none.

    Raises ValueError when the sheet is there but damaged: no marker, another version, a
    document that is no JSON object, too long, nested deeper than any rotation writes, or
    holding numbers beyond floating point (``1e400``).
    """
    if DATA_SHEET not in workbook.sheetnames:
        return None
    rows = sheet_rows(workbook[DATA_SHEET], file)
    head = next(rows, ())
    if not head or head[0] != DATA_MARKER:
        raise ValueError(f"cell A1 should read '{DATA_MARKER}'")
    version = head[1] if len(head) > 1 else None
    if str(version).strip() not in {str(DATA_VERSION), f"{DATA_VERSION}.0"}:
        raise ValueError(f"format version {repr(version)[:20]} is not supported (expected 1)")
    pieces: list[str] = []
    length = 0
    for row in rows:
        if not row or row[0] is None:
            break
        pieces.append(str(row[0]))
        length += len(pieces[-1])
        if length > _MAX_DOCUMENT:
            raise ValueError(f"the document is longer than {_MAX_DOCUMENT:,} characters")
    try:
        document = json.loads(
            "".join(pieces), parse_constant=_no_constant, parse_float=_finite_float
        )
    except RecursionError:
        raise ValueError("the document is nested too deeply") from None
    if not isinstance(document, dict) or "event" not in document:
        raise ValueError("the JSON document has no 'event'")
    return document


_MAX_DOCUMENT = 64 * 1024 * 1024
"""Characters of the JSON document at most (an event of 10,000 people needs about 4 MB)."""


def _no_constant(name: str) -> float:
    raise ValueError(f"the document holds {name}, which is no number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def record_from_json(data: Mapping[str, Any]) -> SolveRecord:
    """The solve record from the stored figures; raises ValueError/TypeError when malformed.

    The keys are those :func:`plan_to_json` writes, the same since format version 1, so
    workbooks written by earlier versions read the same way.
    """
    return SolveRecord(
        status=Status(data.get("status", Status.UNCHECKED.value)),
        bounds={Goal(g): float(v) for g, v in data.get("bounds", {}).items()},
        objective_terms={Goal(g): float(v) for g, v in data.get("objective_terms", {}).items()},
        wall_time=float(data.get("wall_time") or 0.0),
        seed=_optional_int(data.get("seed")),
        workers=_optional_int(data.get("workers")),
        solver=str(data.get("solver") or ""),
        notes=tuple(str(n) for n in data.get("notes", [])),
    )
