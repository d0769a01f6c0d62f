"""The kinds of card and how ``--what`` names them (no PDF library needed to parse them)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

__all__ = ["ALL_CARDS", "CardKind", "in_order", "parse_card_kinds"]


class CardKind(enum.Enum):
    """A kind of card; the value is the word ``--what`` takes."""

    SIGNS = "signs"
    SLIPS = "slips"
    ROSTERS = "rosters"


ALL_CARDS: tuple[CardKind, ...] = tuple(CardKind)


def parse_card_kinds(text: str) -> tuple[CardKind, ...]:
    """The kinds a comma-separated list names, e.g. ``"signs,slips"`` (ValueError if unknown).

    >>> parse_card_kinds("slips, signs")
    (<CardKind.SIGNS: 'signs'>, <CardKind.SLIPS: 'slips'>)
    """
    words = [w.strip().casefold() for w in text.split(",") if w.strip()]
    known = {kind.value: kind for kind in CardKind}
    unknown = [w for w in words if w not in known]
    if unknown or not words:
        raise ValueError(
            f"Unknown card kind {', '.join(repr(w) for w in unknown) or '(none given)'}; "
            f"use one or more of {', '.join(known)}, separated by commas."
        )
    return in_order(known[w] for w in words)


def in_order(kinds: Iterable[CardKind]) -> tuple[CardKind, ...]:
    """The kinds without repeats, in print order: signs, slips, rosters."""
    chosen = set(kinds)
    return tuple(kind for kind in CardKind if kind in chosen)
