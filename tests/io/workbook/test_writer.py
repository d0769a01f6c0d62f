"""write_plan: the sheets, their content in both languages, and the round trip via read_plan."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_workbook_helpers import event_for, rotation_plan

from rotation.checker import check
from rotation.domain import CheckedPlan, Goal, Metric, Plan, Status
from rotation.io import read_plan, write_plan
from rotation.io.workbook.labels import ASSIGNMENT_COLUMNS, DATA_SHEET, labels_for
from rotation.io.workbook.overview import metric_sentence

SHEETS = {
    "en": ["Overview", "Phase 1", "Phase 2", "Participants", "Tables", "Encounters", "Assignments"],
    "de": [
        "Übersicht",
        "Phase 1",
        "Phase 2",
        "Teilnehmende",
        "Tische",
        "Begegnungen",
        "Zuteilungen",
    ],
}


@pytest.fixture
def plan() -> Plan:
    event = event_for(50)
    hand_made = rotation_plan(event)
    metrics = check(event, hand_made).metrics
    record = dataclasses.replace(
        hand_made.record,
        bounds={
            Goal.REPEAT_ENCOUNTERS: metrics.repeat_encounters - 2,
            Goal.SAME_ORGANISATION_PAIRS: metrics.same_organisation_pairs,
        },
        wall_time=1.5,
    )
    return CheckedPlan(event, hand_made.seats, record, metrics=metrics)


def _all_text(path: Path, sheet: str) -> str:
    ws = load_workbook(path)[sheet]
    return "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_sheets_in_order_with_hidden_event_data(plan: Plan, tmp_path: Path, lang: str) -> None:
    path = write_plan(plan, tmp_path / "plan.xlsx", lang=lang)  # type: ignore[arg-type]
    workbook = load_workbook(path)
    assert workbook.sheetnames == [*SHEETS[lang], DATA_SHEET]
    assert workbook[DATA_SHEET].sheet_state == "hidden"
    assert all(workbook[name].sheet_state == "visible" for name in SHEETS[lang])


@pytest.mark.parametrize("lang", ["en", "de"])
def test_assignments_sheet_is_the_exact_contract(plan: Plan, tmp_path: Path, lang: str) -> None:
    path = write_plan(plan, tmp_path / "plan.xlsx", lang=lang)  # type: ignore[arg-type]
    ws = load_workbook(path)[SHEETS[lang][-1]]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ASSIGNMENT_COLUMNS
    assert len(rows) - 1 == len(plan.seats)
    assert rows[1] == ("p001", "Person 001", 1, plan.seats["p001", 1], "Integration und Teilhabe")
    assert ws.freeze_panes == "A2"
    assert ws.tables, "the Assignments list is an Excel table with filter buttons"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_round_trip_keeps_seats_metrics_and_solver_figures(
    plan: Plan, tmp_path: Path, lang: str
) -> None:
    path = write_plan(plan, tmp_path / "plan.xlsx", lang=lang)  # type: ignore[arg-type]
    back = read_plan(path)
    assert back.event == plan.event
    assert dict(back.seats) == dict(plan.seats)
    assert back.metrics == check(plan.event, plan).metrics
    assert back.record.status is Status.FEASIBLE
    assert dict(back.record.bounds) == dict(plan.record.bounds)
    record = back.record
    assert (record.seed, record.workers, record.solver, record.wall_time) == (
        7,
        1,
        "by hand 1.0",
        1.5,
    )


@pytest.mark.parametrize("lang", ["en", "de"])
def test_round_trip_of_a_solved_plan(tmp_path: Path, lang: str) -> None:
    solver = pytest.importorskip("rotation.solver", reason="the solver is not there yet")
    event = event_for(24, tables_per_theme=2)
    solved = solver.solve(event, time_limit=20, seed=3, workers=1, deterministic=True)
    path = write_plan(solved, tmp_path / "solved.xlsx", lang=lang)  # type: ignore[arg-type]
    back = read_plan(path)
    assert dict(back.seats) == dict(solved.seats)
    assert back.metrics == solved.metrics
    assert back.record.status is solved.record.status
    assert dict(back.record.bounds) == dict(solved.record.bounds)


def test_overview_says_bound_and_value_in_plain_words(plan: Plan, tmp_path: Path) -> None:
    text = _all_text(write_plan(plan, tmp_path / "en.xlsx"), "Overview")
    assert "No plan can have fewer than 44 repeat encounters; this plan has 46." in text
    assert "A plan could be better by at most 2." in text
    organisation_pairs = plan.record.bounds[Goal.SAME_ORGANISATION_PAIRS]
    assert f"this plan seats {organisation_pairs:.0f}. This is the best possible." in text
    assert "Valid, could be better by at most 2 repeat encounters." in text
    assert "Every rule holds." in text
    assert "by hand 1.0" in text and "1.5 s" in text

    german = _all_text(write_plan(plan, tmp_path / "de.xlsx", lang="de"), "Übersicht")
    assert "Kein Plan kann weniger als 44 wiederholte Begegnungen haben; dieser Plan hat 46." in (
        german
    )
    assert "Alle Regeln sind erfüllt." in german
    assert "Gültig, könnte höchstens um 2 wiederholte Begegnungen besser sein." in german
    assert "Untere Schranke" not in german and "optimal" not in german.casefold()


def test_overview_shows_the_input_fingerprint(plan: Plan, tmp_path: Path) -> None:
    source = tmp_path / "anmeldungen.xlsx"
    source.write_bytes(b"registration bytes")
    path = write_plan(plan, tmp_path / "plan.xlsx", input_path=source)
    assert hashlib.sha256(b"registration bytes").hexdigest() in _all_text(path, "Overview")

    stamped = dataclasses.replace(plan, event=dataclasses.replace(plan.event, source_sha256="ab12"))
    assert "ab12" in _all_text(write_plan(stamped, tmp_path / "p2.xlsx"), "Overview")


def test_metric_sentences_without_bound_and_with_decimal_comma() -> None:
    en, de = labels_for("en"), labels_for("de")
    assert metric_sentence(Metric.REPEAT_ENCOUNTERS, 5, None, en) == (
        "This plan has 5 repeat encounters. No lower bound is known."
    )
    assert metric_sentence(Metric.DISTINCT_CONTACTS_MEAN, 12.88, None, de) == (
        "Im Mittel trifft jede Person 12,88 verschiedene Menschen."
    )


def test_overview_lists_broken_rules(plan: Plan, tmp_path: Path) -> None:
    seats = dict(plan.seats)
    del seats["p001", 2]
    broken = Plan(plan.event, seats)
    text = _all_text(write_plan(broken, tmp_path / "plan.xlsx"), "Overview")
    assert "Broken rules: 2" in text
    assert "one table per phase: 'p001' has no table in phase 2." in text
    assert "theme coverage: 'p001' never has theme 'Gleichstellung und Vielfalt'." in text
    assert "Not from the solver" in text


def test_participants_sheet_has_table_and_theme_per_phase(plan: Plan, tmp_path: Path) -> None:
    ws = load_workbook(write_plan(plan, tmp_path / "plan.xlsx"))["Participants"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "ID", "Name", "Organisation", "Role", "gender", "Phase 1", "Phase 2", "present"
    )  # fmt: skip
    assert {row[7] for row in rows[1:]} == {"yes"}
    table = plan.seats["p001", 1]
    assert rows[1][5] == f"{table} (Integration und Teilhabe)"
    assert ws.freeze_panes == "A2" and ws.tables
    assert ws.column_dimensions["F"].width >= len(rows[1][5])


def test_tables_sheet_has_a_block_per_phase_with_values_as_rows(plan: Plan, tmp_path: Path) -> None:
    ws = load_workbook(write_plan(plan, tmp_path / "plan.xlsx", lang="de"))["Tische"]
    rows = [row for row in ws.iter_rows(values_only=True) if any(v is not None for v in row)]
    tables = [t.id for t in plan.event.tables]
    assert rows[0] == ("Phase 1", *tables)
    assert rows[1][0] == "Thema" and rows[1][1] == "Integration und Teilhabe"
    assert [row[0] for row in rows[2:5]] == ["Größe", "gender: m", "gender: f"]
    for k, table in enumerate(tables, start=1):
        members = len(plan.members(table, 1))
        assert rows[2][k] == f"{members} / {plan.event.table(table).max_size}"
        assert rows[3][k] + rows[4][k] == members
    assert rows[5][0] == "Phase 2"
    assert ws.page_setup.orientation == "landscape"


def test_encounters_sheet_names_repeat_partners_and_phases(plan: Plan, tmp_path: Path) -> None:
    ws = load_workbook(write_plan(plan, tmp_path / "plan.xlsx"))["Encounters"]
    rows = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    met = check(plan.event, plan)
    assert met.metrics.distinct_contacts_min == min(row[3] for row in rows.values())
    partners = [r for r in rows.values() if r[4]]
    assert partners
    assert "(phases 1, 2)" in partners[0][5]
    assert sum(r[4] for r in rows.values()) == 2 * met.metrics.repeat_pairs


def test_phase_sheet_has_a_block_per_table_and_prints_on_a4(plan: Plan, tmp_path: Path) -> None:
    ws = load_workbook(write_plan(plan, tmp_path / "plan.xlsx"))["Phase 1"]
    values = [row for row in ws.iter_rows(values_only=True)]
    headers = [row for row in values if row[0] in {t.id for t in plan.event.tables}]
    assert [h[0] for h in headers] == [t.id for t in plan.event.tables]
    assert headers[0][1] == "Integration und Teilhabe" and headers[0][3].endswith("people")
    assert values[1] == ("#", "Name", "Organisation", "Role")
    assert ws.print_title_rows == "$1:$2"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.freeze_panes == "A3"


def test_unknown_language_is_refused(plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'fr'"):
        write_plan(plan, tmp_path / "plan.xlsx", lang="fr")  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_metric_has_words_in_both_languages(lang: str) -> None:
    assert set(labels_for(lang).metrics) == set(Metric)  # type: ignore[arg-type]
