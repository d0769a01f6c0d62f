"""The Settings sheet's phase times: a time label per phase, on the phase sheets and slips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from rotation.errors import InputError
from rotation.io import read_event

PEOPLE = [["Nr.", "Name", "Organisation"], *([f"{n}", f"Person {n}", "Org"] for n in range(4))]


def _book(path: Path, settings: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Teilnehmende"
    for row in PEOPLE:
        book.active.append(row)
    sheet = book.create_sheet("Einstellungen")
    for row in [["Themen", "Wasser", "Energie"], *settings]:
        sheet.append(row)
    book.save(path)
    return path


def test_phase_times_name_the_phases(tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx", [["Zeiten", dt.time(9, 30), "11:00–11:45"]])
    event = read_event(path)
    assert [ph.name for ph in event.phases] == ["09:30", "11:00–11:45"]
    listed = _book(tmp_path / "b.xlsx", [["Phase times", "Mon 14:00; Tue 9:00"], ["Phasen", 3]])
    assert [ph.name for ph in read_event(listed).phases] == ["Mon 14:00", "Tue 9:00", "Phase 3"]


def test_more_times_than_phases_is_a_problem(tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx", [["Uhrzeiten", "9:00", "10:00", "11:00"]])
    with pytest.raises(InputError) as caught:
        read_event(path)
    (problem,) = caught.value.problems
    assert "3 phase times for 2 phases" in problem.message
    assert problem.column == "Zeiten"
