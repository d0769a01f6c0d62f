"""``write_cards``: the paper an organiser hands out, as one PDF.

Three kinds, in this order when several are chosen: table signs (:mod:`.signs`), personal
slips (:mod:`.slips`) and rosters for the table hosts (:mod:`.rosters`).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from os import PathLike
from pathlib import Path

from rotation.domain import Plan
from rotation.io.cards.document import CardDocument
from rotation.io.cards.kinds import ALL_CARDS, CardKind, in_order
from rotation.io.cards.rosters import draw_rosters
from rotation.io.cards.signs import draw_signs
from rotation.io.cards.slips import draw_slips
from rotation.io.cards.words import card_words
from rotation.io.language import choose_language
from rotation.io.saving import guard_target, save_atomically

__all__ = ["render_cards", "write_cards"]

log = logging.getLogger(__name__)


_DRAW = {CardKind.SIGNS: draw_signs, CardKind.SLIPS: draw_slips, CardKind.ROSTERS: draw_rosters}


def render_cards(
    plan: Plan, *, what: Collection[CardKind | str] = ALL_CARDS, lang: str | None = None
) -> bytes:
    """The cards of ``plan`` as PDF bytes (for a download; :func:`write_cards` saves a file).

    Raises:
        ValueError: an unknown kind or language, or no kind at all.
    """
    words = card_words(choose_language(lang, plan.event))
    kinds = in_order([CardKind(k) for k in what])
    if not kinds:
        raise ValueError("Choose at least one kind of card: signs, slips or rosters.")
    document = CardDocument(plan.event.name)
    for kind in kinds:
        _DRAW[kind](document, plan, words)
    return bytes(document.output())


def write_cards(
    plan: Plan,
    path: str | PathLike[str],
    *,
    what: Collection[CardKind | str] = ALL_CARDS,
    lang: str | None = None,
    inputs: Collection[str | PathLike[str]] = (),
) -> Path:
    """Write table signs, personal slips and rosters of ``plan`` into one PDF file.

    Args:
        plan: the plan, from :func:`rotation.solve` or :func:`rotation.read_plan`.
        path: the PDF to write (.pdf); written beside and moved into place, so it is
            complete or absent.
        what: the kinds to print (:class:`CardKind` or ``"signs"``, ``"slips"``,
            ``"rosters"``); they appear in that order.
        lang: ``"en"`` or ``"de"``, the language of the words on the cards; None: the
            language of the registration file's headers, else the system's, else English.
        inputs: files the PDF must never overwrite (the plan workbook it came from).

    Returns:
        The path written.

    Raises:
        OutputError: the target cannot be written (or is an input file), said plainly.
        ValueError: an unknown kind or language.

    >>> import tempfile
    >>> from rotation import Event, Participant, solve
    >>> people = [Participant(str(i), f"P{i}", organisation=f"O{i % 3}") for i in range(12)]
    >>> event = Event.build(people, themes=["Water", "Energy"], tables_per_theme=2)
    >>> plan = solve(event, time_limit=5, seed=1, workers=1)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_cards(plan, Path(folder) / "cards.pdf", what=["signs"])
    ...     written.read_bytes()[:5]
    b'%PDF-'
    """
    target = Path(path)
    sources = [Path(p) for p in (*inputs, plan.event.source_file) if p]
    guard_target(target, sources, suffix=".pdf")
    content = render_cards(plan, what=what, lang=lang)
    save_atomically(content, target, sources, suffix=".pdf")
    log.info(
        "Cards written: %d participants, %d tables",
        len(plan.event.participants),
        len(plan.event.tables),
    )
    return target
