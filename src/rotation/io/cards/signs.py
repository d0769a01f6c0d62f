"""Table signs: one A4 landscape page per table, folded into a tent that reads from both sides.

The lower half carries the table's name, large, and its theme; the upper half repeats it
turned upside down. Folded along the dashed middle line, the sign stands on the table and
each side faces one way; unfolded it can be pinned up or stood in a holder.
"""

from __future__ import annotations

from rotation.domain import Plan, Table
from rotation.io.cards.document import GREY, CardDocument
from rotation.io.cards.words import CardWords

__all__ = ["draw_signs"]

_MARGIN = 15.0


def draw_signs(document: CardDocument, plan: Plan, words: CardWords) -> None:
    """One page per table of the plan's event, in the event's table order."""
    for table in plan.event.tables:
        document.add_page(orientation="L")
        _half(document, plan, table, words)
        with document.upside_down():
            _half(document, plan, table, words)
        middle = document.h / 2
        document.dashed(0, middle, document.w, middle)
        document.text_line(_MARGIN, middle - 4.5, 60, words.fold_here, size=7, color=GREY)


def _half(document: CardDocument, plan: Plan, table: Table, words: CardWords) -> None:
    """The sign's lower half, upright for a reader in front of the folded tent."""
    width = document.w - 2 * _MARGIN
    y = document.h / 2 + 8
    y += document.text_line(
        _MARGIN, y, width, plan.event.name, size=14, align="C", color=GREY, shrink_to=8
    )
    y += 2
    y += document.text_line(
        _MARGIN, y, width, words.table.format(table=table.id), size=96, style="B",
        align="C", shrink_to=36,
    )  # fmt: skip
    y += 2
    document.text_lines(
        _MARGIN, y, width, table.theme, size=36, smallest=16, most_lines=2, align="C"
    )
    notes = []
    if table.host is not None and plan.event.has_participant(table.host):
        notes.append(words.host.format(name=plan.event.participant(table.host).label))
    if table.phases is not None:
        numbers = sorted(table.phases)
        if len(numbers) == 1:
            notes.append(words.only_phase.format(phase=numbers[0]))
        else:
            notes.append(words.only_phases.format(phases=", ".join(map(str, numbers))))
    if notes:
        document.text_line(
            _MARGIN, document.h - 16, width, " · ".join(notes), size=14, align="C",
            color=GREY, shrink_to=8,
        )  # fmt: skip
