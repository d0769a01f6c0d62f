"""The PDF page every card kind draws on: fonts for every script, text that fits its box.

fpdf2 writes the PDF; uharfbuzz shapes the text (Arabic letters join and run right to
left, Vietnamese stacked diacritics sit right). The fonts ship with rotation
(``rotation/data/fonts``, SIL Open Font License): Noto Sans for Latin, Greek and Cyrillic
scripts, Noto Sans Arabic as the fallback for Arabic script. fpdf2 embeds only the glyphs a
document uses, so a PDF stays small.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from typing import Literal

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from rotation.domain import Participant, Phase
from rotation.io.cards.words import CardWords

__all__ = ["FONT_FILES", "CardDocument", "by_name", "phase_label"]

Style = Literal["", "B"]

FONT_FILES = {
    ("Noto", ""): "NotoSans-Regular.ttf",
    ("Noto", "B"): "NotoSans-Bold.ttf",
    ("NotoArabic", ""): "NotoSansArabic-Regular.ttf",
    ("NotoArabic", "B"): "NotoSansArabic-Bold.ttf",
}
"""(family, style) -> file in ``rotation/data/fonts``."""

_POINT_MM = 25.4 / 72
"""One point in millimetres."""
GREY = (110, 110, 110)
LIGHT = (170, 170, 170)
BLACK = (0, 0, 0)


class CardDocument(FPDF):
    """An A4 document with the shipped fonts, text shaping and helpers to fit text in boxes."""

    def __init__(self, title: str, orientation: Literal["P", "L"] = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.c_margin = 0
        fonts = files("rotation") / "data" / "fonts"
        for (family, style), name in FONT_FILES.items():
            with as_file(fonts / name) as path:
                self.add_font(family, style, str(path))
        self.set_fallback_fonts(["NotoArabic"], exact_match=False)
        self.set_text_shaping(True)
        self.set_title(title)
        self.set_creator("rotation")
        self.set_font("Noto", "", 10)

    def text_line(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        *,
        size: float,
        style: Style = "",
        align: Literal["L", "C", "R"] = "L",
        color: tuple[int, int, int] = BLACK,
        shrink_to: float | None = None,
    ) -> float:
        """Write ``text`` on one line at (x, y) in a box ``width`` mm wide; returns its height.

        With ``shrink_to`` the font shrinks down to that size to fit; text still too long is
        cut with an ellipsis, so a long name never runs into the next card.
        """
        height = size * _POINT_MM * 1.25
        if not text:
            return height
        # One measurement: a shaped text's width grows in proportion to the font size.
        self.set_font("Noto", style, size)
        natural = self.get_string_width(text)
        if shrink_to is not None and natural > width:
            fitted = max(shrink_to, size * width / natural)
            natural *= fitted / size
            size = fitted
            self.set_font("Noto", style, size)
        if natural > width:
            text = self._cut(text, width)
        self.set_text_color(*color)
        self.set_xy(x, y)
        self.cell(width, height, text, align=Align.coerce(align), new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)
        return height

    def text_lines(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        *,
        size: float,
        smallest: float,
        most_lines: int,
        style: Style = "",
        align: Literal["L", "C", "R"] = "C",
    ) -> float:
        """Write ``text`` in at most ``most_lines`` lines, shrinking it to fit; returns height."""
        current = size
        while True:
            self.set_font("Noto", style, current)
            broken = self.multi_cell(
                width, current * _POINT_MM * 1.2, text, dry_run=True, output="LINES"
            )
            assert isinstance(broken, list)
            if len(broken) <= most_lines or current <= smallest:
                break
            current = max(smallest, current * 0.9)
        height = current * _POINT_MM * 1.2
        self.set_xy(x, y)
        self.multi_cell(width, height, text, align=Align.coerce(align), new_x=XPos.LEFT)
        return height * len(broken)

    def _cut(self, text: str, width: float) -> str:
        """The longest start of ``text`` that fits ``width`` with an ellipsis (binary search)."""
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.get_string_width(text[:middle] + "…") <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"

    def dashed(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """A thin light dashed line (cut and fold lines)."""
        self.set_draw_color(*LIGHT)
        self.set_line_width(0.2)
        self.set_dash_pattern(dash=2, gap=1.5)
        self.line(x1, y1, x2, y2)
        self.set_dash_pattern()
        self.set_draw_color(*BLACK)

    @contextmanager
    def upside_down(self) -> Iterator[None]:
        """Draw the page's lower half turned by 180 degrees into its upper half."""
        with self.rotation(180, x=self.w / 2, y=self.h / 2):
            yield


def phase_label(phase: Phase, words: CardWords) -> str:
    """The phase's time label when it has one, else "Phase 2" in the card's language."""
    if phase.name and phase.name != f"Phase {phase.number}":
        return phase.name
    return words.phase.format(number=phase.number)


def by_name(people: Iterable[Participant]) -> list[Participant]:
    """People sorted by name as a reader looks them up: case and accents ignored.

    >>> [p.name for p in by_name(Participant(n, n) for n in ("Zoë", "Şule", "ıhsan", "Ada"))]
    ['Ada', 'ıhsan', 'Şule', 'Zoë']
    """
    return sorted(people, key=lambda p: (_sort_key(p.label), p.label))


def _sort_key(name: str) -> str:
    """Case and accents ignored in any script: "Çelik" sorts with "Celik", "Ødegaard" with O."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_LETTERS = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})
