"""The command line as organisers type it: the input anywhere, lists, quotes (subprocesses)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import typer.main
from cli_helpers import CSV_48, FAST, GERMAN_50, assignments, json_of, run

import rotation
from rotation.cli.app import app
from rotation.cli.command_line import OptionGrammar, arrange_words


def test_input_after_a_theme_list_and_balance_split_at_commas(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    result = run(
        "plan", "-o", output, "--balance", "Geschlecht,Funktion",
        "--themes", "Theme A", "Theme B", CSV_48,
        "--tables-per-theme", "3", "--table-size", "8", "--time-limit", "3", *FAST, "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert {r["theme"] for r in assignments(output)} == {"Theme A", "Theme B"}
    deviation = json_of(result)["metrics"]["attribute_deviation_by_attribute"]
    assert deviation.keys() == {"gender", "role"}


def test_a_missing_input_after_the_themes_is_named_as_a_missing_file(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    result = run("plan", "-o", output, "--themes", "A", "B", tmp_path / "anmeldungen.xlsx")
    assert result.returncode == 3, result.stderr
    assert "anmeldungen.xlsx" in result.stderr and "does not exist" in result.stderr
    assert "Missing argument" not in result.stderr
    assert not output.exists()


def test_theme_names_split_by_the_shell_get_a_hint_to_quote_them(tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    result = run(
        "plan", GERMAN_50, "-o", output,
        "--themes", "Integration", "und", "Teilhabe", "Gleichstellung", "und", "Vielfalt",
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "'und' is given 2 times" in result.stderr
    assert '"Integration und Teilhabe" "Gleichstellung und Vielfalt"' in result.stderr
    assert not output.exists()
    lone = run("plan", GERMAN_50, "-o", output, "--themes", "Jung", "&", "Alt")
    assert lone.returncode == 2 and "'&' is not a name of its own" in lone.stderr


def test_the_hint_for_missing_themes_names_an_option_that_exists(tmp_path: Path) -> None:
    result = run("plan", GERMAN_50, "-o", tmp_path / "plan.xlsx")
    assert result.returncode == 3, result.stderr
    assert "--themes A B" in result.stderr
    assert "--themes" in run("plan", "--help").stdout


GRAMMAR = OptionGrammar(
    takes_value=frozenset({"-o", "--output", "--seed", "--themes", "--balance"}),
    takes_several=frozenset({"--themes", "--balance"}),
)


@pytest.mark.parametrize(
    ("args", "arranged"),
    [
        (["in.csv", "--themes", "A", "B"], ["--themes", "A", "--themes", "B", "--", "in.csv"]),
        (["in.csv", "--themes", "A", "--themes", "B"],
         ["--themes", "A", "--themes", "B", "--", "in.csv"]),
        (["x.xlsx", "--balance", "gender", "role", "-o", "p.xlsx"],
         ["--balance", "gender", "--balance", "role", "-o", "p.xlsx", "--", "x.xlsx"]),
        (["--themes", "A", "--seed", "-1", "in.csv"],
         ["--themes", "A", "--seed", "-1", "--", "in.csv"]),
        (["in.csv", "--themes", "A", "-2"], ["--themes", "A", "--themes", "-2", "--", "in.csv"]),
        (["--themes", "A", "--", "B"], ["--themes", "A", "--", "B"]),
        (["--themes=A", "in.csv"], ["--themes=A", "--", "in.csv"]),
        # no input: the last word of the last list is it (if the list keeps a value)
        (["-o", "p.xlsx", "--themes", "A", "B", "C"],
         ["-o", "p.xlsx", "--themes", "A", "--themes", "B", "--", "C"]),
        (["--json", "--themes", "A", "B", "--quiet"],
         ["--json", "--themes", "A", "--quiet", "--", "B"]),
        (["-o", "p.xlsx", "--themes", "A"], ["-o", "p.xlsx", "--themes", "A"]),
    ],
)  # fmt: skip
def test_words_are_arranged_for_click(args: list[str], arranged: list[str]) -> None:
    assert arrange_words(args, GRAMMAR) == arranged


def test_an_existing_registration_file_in_a_list_is_the_input(tmp_path: Path) -> None:
    registration = tmp_path / "Anmeldungen März.xlsx"
    registration.write_bytes(b"")
    args = ["--themes", "A", str(registration), "B", "-o", "p.xlsx"]
    assert arrange_words(args, GRAMMAR) == [
        "--themes", "A", "--themes", "B", "-o", "p.xlsx", "--", str(registration),
    ]  # fmt: skip
    named_like_a_file = ["in.csv", "--themes", "A", "notes.txt"]  # no such file: a theme
    assert arrange_words(named_like_a_file, GRAMMAR)[-2:] == ["--", "in.csv"]


def test_every_option_a_message_names_exists() -> None:
    group = typer.main.get_command(app)
    existing = {
        opt
        for command in group.commands.values()  # type: ignore[attr-defined]
        for param in command.params
        for opt in param.opts
    }
    named: dict[str, str] = {}
    for path in Path(rotation.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", node.value):
                    named.setdefault(option, path.name)
    assert "--themes" in named  # the hint for missing themes, among others
    assert {o: f for o, f in named.items() if o not in existing | {"--help"}} == {}
