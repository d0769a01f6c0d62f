"""Cards to print from a plan: table signs, personal slips and rosters, in one PDF.

:mod:`.writer` is the entry (:func:`write_cards`, :func:`render_cards`); :mod:`.signs`,
:mod:`.slips` and :mod:`.rosters` draw one kind each on the page of :mod:`.document`, in the
words of :mod:`.words`; :mod:`.kinds` names the kinds. The PDF library (fpdf2) loads on the
first use of the writer, so reading and planning stay as quick to start as before.
"""

from typing import TYPE_CHECKING, Any

from rotation.io.cards.kinds import ALL_CARDS, CardKind, parse_card_kinds

if TYPE_CHECKING:
    from rotation.io.cards.writer import render_cards, write_cards

__all__ = ["ALL_CARDS", "CardKind", "parse_card_kinds", "render_cards", "write_cards"]


def __getattr__(name: str) -> Any:
    if name in ("render_cards", "write_cards"):
        from rotation.io.cards import writer

        return getattr(writer, name)
    raise AttributeError(f"module 'rotation.io.cards' has no attribute {name!r}")
