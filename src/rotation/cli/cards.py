"""``rotation print``: table signs, personal slips and rosters from a plan workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rotation.cli.runner import Display, check_output, consoles, guarded, usage_error
from rotation.io.cards import ALL_CARDS, parse_card_kinds
from rotation.workflow import choose_language, read_plan_file, write_cards_file

__all__ = ["print_command"]

_ALL_KINDS = ",".join(kind.value for kind in ALL_CARDS)
_WRITTEN = {
    "en": "Cards written to {path}: {kinds}.",
    "de": "Karten geschrieben: {path} ({kinds}).",
}
_KIND_NAMES = {
    "en": {"signs": "table signs", "slips": "personal slips", "rosters": "rosters"},
    "de": {"signs": "Tischschilder", "slips": "Laufzettel", "rosters": "Tischlisten"},
}


def print_command(
    plan_file: Annotated[
        Path,
        typer.Argument(metavar="PLAN.xlsx", help="A plan workbook, also one edited by hand."),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="PDF file to write (.pdf).")],
    what: Annotated[
        str,
        typer.Option(
            "--what",
            metavar="KINDS",
            help="Which cards, separated by commas: signs (a folding sign per table), slips "
            "(a slip per person, several to a page) and rosters (a list per table for its "
            "host).",
        ),
    ] = _ALL_KINDS,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="de|en",
            help="Language of the cards (default: the plan workbook's language).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Tracebacks for internal errors.")] = False,
) -> None:
    """Print table signs, personal slips and rosters of a plan as one PDF.

    Names in any script print correctly (the fonts ship with rotation).
    """
    display = Display(debug=debug, lang=lang if lang in ("de", "en") else None)
    if lang is not None and lang not in ("de", "en"):
        raise usage_error(f"Unknown language '{lang}'; use de or en.", display)
    try:
        kinds = parse_card_kinds(what)
    except ValueError as error:
        raise usage_error(str(error), display) from None
    check_output(output, [plan_file], display, suffix=".pdf")
    out, _ = consoles()
    with guarded(display) as run:
        plan, written_in = read_plan_file(plan_file)
        language = choose_language(lang or written_in, plan.event)
        run.learn(language)
        written = write_cards_file(plan, output, what=kinds, lang=language, plan_path=plan_file)
        names = ", ".join(_KIND_NAMES[language][kind.value] for kind in kinds)
        out.print(
            _WRITTEN[language].format(path=written.resolve(), kinds=names),
            markup=False,
            highlight=False,
        )
