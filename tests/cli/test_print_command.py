"""``rotation print``: cards from a plan workbook, in its language, with clear refusals."""

from __future__ import annotations

import math
from pathlib import Path

import pypdf
import pytest
from cli_helpers import FAST, GERMAN_50, THEMES, run

from rotation import Event, Participant, Plan, write_plan
from rotation.io.workbook.language import workbook_language

NAMES = ("Şükrü Yılmaz", "Анна Кузнецова", "Nguyễn Thị Hường", "Jörg Müller", "Lena Koch")


def _plan_workbook(folder: Path, lang: str) -> tuple[Path, Plan]:
    """A small plan, seated by hand and written as a real plan workbook."""
    people = [Participant(f"p{n}", name, organisation=f"Org {n}") for n, name in enumerate(NAMES)]
    people += [Participant(f"q{n}", f"Person {n}", organisation="Verein") for n in range(7)]
    event = Event.build(
        people, themes=["Wasser", "Energie"], tables_per_theme=2, table_size=6, name="Treffen"
    )
    tables = [t.id for t in event.tables]
    seats = {(p.id, 1): tables[n % 2] for n, p in enumerate(people)}
    seats.update({(p.id, 2): tables[2 + (n // 2) % 2] for n, p in enumerate(people)})
    plan = Plan(event, seats)
    path = write_plan(plan, folder / f"plan-{lang}.xlsx", lang=lang)  # type: ignore[arg-type]
    return path, plan


def _text(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


@pytest.mark.parametrize(("lang", "table_word"), [("de", "Tisch"), ("en", "Table")])
def test_print_speaks_the_workbooks_language(tmp_path: Path, lang: str, table_word: str) -> None:
    workbook, plan = _plan_workbook(tmp_path, lang)
    assert workbook_language(workbook) == lang
    cards = tmp_path / "cards.pdf"
    result = run("print", workbook, "-o", cards)
    assert result.returncode == 0, result.stderr
    assert str(cards.resolve()) in result.stdout
    pages = _text(cards)
    tables = len(plan.event.tables)
    assert len(pages) == tables + math.ceil(len(plan.event.participants) / 10) + tables
    assert f"{table_word} {plan.event.tables[0].id}" in pages[0]
    text = "\n".join(pages)
    for person in plan.event.participants:
        assert person.name in text
    assert workbook.exists()


def test_print_what_and_lang_options(tmp_path: Path) -> None:
    workbook, _ = _plan_workbook(tmp_path, "de")
    cards = tmp_path / "slips.pdf"
    result = run("print", workbook, "-o", cards, "--what", "slips", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "personal slips" in result.stdout
    pages = _text(cards)
    assert len(pages) == 2 and "Cut along the dashed lines." in pages[0]
    assert "Table " in pages[0] and "Tisch" not in pages[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--what", "signs,badges"), "'badges'"),
        (("--lang", "fr"), "Unknown language 'fr'"),
    ],
)
def test_print_usage_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    workbook, _ = _plan_workbook(tmp_path, "en")
    result = run("print", workbook, "-o", tmp_path / "cards.pdf", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "cards.pdf").exists()


def test_print_refuses_a_wrong_output_and_never_overwrites_the_plan(tmp_path: Path) -> None:
    workbook, _ = _plan_workbook(tmp_path, "en")
    before = workbook.read_bytes()
    assert run("print", workbook, "-o", workbook).returncode == 2
    result = run("print", workbook, "-o", tmp_path / "cards.xlsx")
    assert result.returncode == 2 and "must end in .pdf" in result.stderr
    assert workbook.read_bytes() == before


def test_print_a_damaged_or_missing_plan_is_invalid_input(tmp_path: Path) -> None:
    damaged = tmp_path / "plan.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run("print", damaged, "-o", tmp_path / "cards.pdf")
    assert result.returncode == 3, result.stderr
    assert "plan.xlsx" in result.stderr and "Traceback" not in result.stderr
    assert run("print", tmp_path / "missing.xlsx", "-o", tmp_path / "c.pdf").returncode == 3
    assert not (tmp_path / "cards.pdf").exists() and not (tmp_path / "c.pdf").exists()


def test_a_german_list_planned_without_lang_prints_german_cards(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.xlsx"
    planned = run(
        "plan", GERMAN_50, "-o", plan_file, "--themes", *THEMES, "--tables-per-theme", "3",
        "--time-limit", "3", *FAST,
    )  # fmt: skip
    assert planned.returncode == 0, planned.stderr
    cards = tmp_path / "karten.pdf"
    printed = run("print", plan_file, "-o", cards)
    assert printed.returncode == 0, printed.stderr
    assert "Karten geschrieben" in printed.stdout
    pages = _text(cards)
    assert "Tisch " in pages[0] and "hier falten" in pages[0]
    assert "An den gestrichelten Linien schneiden." in "\n".join(pages)
    assert "Table " not in "\n".join(pages)
