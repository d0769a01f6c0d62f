"""DataFrames read with the same vocabulary as registration files, and the package's API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import rotation
from rotation import Goal, Goals, Group, InputError, event_from_dataframe, read_event
from rotation.io import participants_from_dataframe

DATA = Path(__file__).resolve().parents[2] / "data"
THEMES = ("Integration und Teilhabe", "Gleichstellung und Vielfalt")


def test_german_headers_keep_ids_names_and_organisations() -> None:
    frame = pd.DataFrame(
        {
            "Nr.": ["0001", "0002", "0003", "0004"],
            "Vorname": ["Anna", "Ben", "Cem", "Dora"],
            "Nachname": ["Arnold", "Berg", "Celik", "Dahl"],
            "Kommune": ["Lemgo", "Minden", "Lemgo", "Herford"],
            "Geschlecht": ["w", "m", "m", "w"],
        }
    )
    event = event_from_dataframe(frame, themes=["Wasser", "Energie"], balance=["Geschlecht"])
    people = {p.id: p for p in event.participants}
    assert list(people) == ["0001", "0002", "0003", "0004"]
    assert people["0003"].name == "Cem Celik" and people["0003"].organisation == "Lemgo"
    assert event.balance == ("gender",) and people["0001"].attributes["gender"] == "w"


def test_a_frame_reads_like_the_file_it_came_from() -> None:
    # The German sample workbook's sheet as pandas reads it (title row above the header).
    sample = DATA / "anmeldungen-werkstatttreffen-50.xlsx"
    frame = pd.read_excel(sample, header=None, dtype=str, engine="openpyxl")
    header_at = next(i for i, row in frame.iterrows() if "Nr." in set(row.dropna()))
    frame.columns = frame.iloc[header_at]
    frame = frame.iloc[header_at + 1 :]
    from_frame = event_from_dataframe(frame, themes=THEMES, tables_per_theme=3)
    from_file = read_event(DATA / "anmeldungen-werkstatttreffen-50.xlsx", themes=THEMES)
    assert [(p.id, p.name, p.organisation) for p in from_frame.participants] == [
        (p.id, p.name, p.organisation) for p in from_file.participants
    ]


def test_english_headers_a_named_index_and_per_theme_counts() -> None:
    frame = pd.DataFrame(
        {"Participant ID": ["a", "b", "c", "d", "e", "f"], "Full name": list("ABCDEF"),
         "Organization": ["X", "Y"] * 3, "Role": ["lead", "staff", "staff"] * 2}
    ).set_index("Participant ID")  # fmt: skip
    event = event_from_dataframe(frame, themes=["Water", "Energy"], tables_per_theme=[2, 1])
    assert [p.id for p in event.participants] == list("abcdef")
    assert [t.theme for t in event.tables] == ["Water", "Water", "Energy"]
    assert max(t.max_size for t in event.tables) == 2  # six people over three tables


def test_id_or_name_columns_under_unknown_headers_are_errors_not_attributes() -> None:
    frame = pd.DataFrame({"Person Key": [1, 2], "Teilnehmername": ["A", "B"], "Ort": ["x", "y"]})
    with pytest.raises(InputError) as caught:
        event_from_dataframe(frame, themes=["T"])
    problems = {p.column: p for p in caught.value.problems}
    assert "Person Key" in problems and "no id header" in problems["Person Key"].message
    names = next(p for p in caught.value.problems if "names" in p.message)
    assert "Teilnehmername" in names.message and "Vorname" in names.hint
    assert "Ort" not in problems  # an ordinary attribute stays one


def test_a_frame_without_names_is_fine_and_numbered_without_ids() -> None:
    frame = pd.DataFrame({"organisation": ["A", "B", "A"], "gender": ["w", "m", "w"]})
    people = participants_from_dataframe(frame)
    assert [(p.id, p.name, p.organisation) for p in people] == [
        ("1", "", "A"), ("2", "", "B"), ("3", "", "A"),
    ]  # fmt: skip


def test_duplicate_ids_in_a_frame_name_the_rows() -> None:
    frame = pd.DataFrame({"ID": [7, 7], "Name": ["A", "B"]})
    with pytest.raises(InputError) as caught:
        participants_from_dataframe(frame)
    [problem] = caught.value.problems
    assert problem.row == 3 and problem.column == "ID" and "rows 2 and 3" in problem.message


def test_groups_and_goals_given_in_code_join_the_frame() -> None:
    frame = pd.DataFrame({"ID": list("abcd"), "Name": list("ABCD"), "Getrennt": ["x", "x", "", ""]})
    goals = Goals(priority=(Goal.REPEAT_ENCOUNTERS,))
    event = event_from_dataframe(
        frame, themes=["T1", "T2"], keep_apart=[Group("cd", ("c", "d"))], goals=goals
    )
    assert {g.members for g in event.keep_apart} == {("a", "b"), ("c", "d")}
    assert event.goals == goals


def test_dir_lists_the_lazy_file_functions_and_no_typing_names() -> None:
    names = dir(rotation)
    assert {"read_event", "event_from_dataframe", "read_plan", "write_plan"} <= set(names)
    assert "Any" not in names and "TYPE_CHECKING" not in names
    code = "import rotation, sys; dir(rotation); print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # listing them does not load pandas or openpyxl
