"""Personal slips: where each participant sits in each phase, several to an A4 page.

Each slip names the person and their organisation, then one line per phase: the phase's
time label (or "Phase 2"), the table and its theme. Slips run in name order (case and
accents ignored), two columns wide, and dashed lines show where to cut.
"""

from __future__ import annotations

import math

from rotation.domain import Participant, Plan
from rotation.io.cards.document import GREY, CardDocument, by_name, phase_label
from rotation.io.cards.words import CardWords

__all__ = ["draw_slips"]

_COLUMNS = 2
_MOST_ROWS = 5
_TOP = 6.0
_BOTTOM = 10.0
_PADDING = 6.0
_PHASE_LINE = 5.8
_HEAD = 20.0
"""Height of the slip's head: event line, name and organisation."""


def draw_slips(document: CardDocument, plan: Plan, words: CardWords) -> None:
    """Every participant's slip, sorted by name, in a grid with cut lines."""
    event = plan.event
    page_height = 297.0 - _TOP - _BOTTOM
    needed = 2 * _PADDING + _HEAD + _PHASE_LINE * len(event.phases)
    rows = max(1, min(_MOST_ROWS, math.floor(page_height / needed)))
    slot_width, slot_height = 210.0 / _COLUMNS, page_height / rows
    columns = _Columns.measure(document, plan, words)
    per_page = rows * _COLUMNS
    people = by_name(event.participants)
    for position, person in enumerate(people):
        slot = position % per_page
        if slot == 0:
            document.add_page(orientation="P")
            on_page = min(per_page, len(people) - position)
            _cut_lines(document, math.ceil(on_page / _COLUMNS), slot_width, slot_height)
            document.text_line(
                0, document.h - _BOTTOM + 3, document.w, words.cut_hint, size=7, align="C",
                color=GREY,
            )  # fmt: skip
        x = (slot % _COLUMNS) * slot_width + _PADDING
        y = _TOP + (slot // _COLUMNS) * slot_height + _PADDING
        _slip(document, plan, person, words, columns, x, y, slot_width - 2 * _PADDING)


def _cut_lines(document: CardDocument, rows: int, width: float, height: float) -> None:
    """Dashed lines around the slots of the page's ``rows`` filled rows."""
    bottom = _TOP + rows * height
    for column in range(1, _COLUMNS):
        document.dashed(column * width, 0, column * width, bottom)
    for row in range(rows + 1):
        y = _TOP + row * height
        document.dashed(0, y, document.w, y)


class _Columns:
    """Widths of the phase and table columns, wide enough for the longest entry."""

    def __init__(self, phase: float, table: float) -> None:
        self.phase = phase
        self.table = table

    @classmethod
    def measure(cls, document: CardDocument, plan: Plan, words: CardWords) -> _Columns:
        document.set_font("Noto", "B", 10.5)
        phase = max(document.get_string_width(phase_label(ph, words)) for ph in plan.event.phases)
        document.set_font("Noto", "", 10.5)
        tables = [words.table.format(table=t.id) for t in plan.event.tables]
        table = max(document.get_string_width(t) for t in [*tables, words.not_present])
        return cls(min(phase, 38.0) + 3, min(table, 30.0) + 3)


def _slip(
    document: CardDocument,
    plan: Plan,
    person: Participant,
    words: CardWords,
    columns: _Columns,
    x: float,
    y: float,
    width: float,
) -> None:
    event = plan.event
    top = y
    document.text_line(x, y, width, event.name, size=7, color=GREY, shrink_to=5)
    y += 4
    # 1 mm more below the name: Arabic letters descend deeper than Latin ones.
    y += document.text_line(x, y, width, person.label, size=16, style="B", shrink_to=9) + 1
    facts = [person.organisation] if person.organisation else []
    if event.hosted_table(person.id) is not None:
        facts.append(words.you_host)
    document.text_line(x, y, width, " · ".join(facts), size=10, color=GREY, shrink_to=7)
    y = top + _HEAD
    theme_width = width - columns.phase - columns.table
    for phase in event.phases:
        table_id = plan.table_of(person.id, phase.number)
        document.text_line(
            x, y, columns.phase, phase_label(phase, words), size=10.5, style="B", shrink_to=6
        )
        if table_id is None:
            document.text_line(
                x + columns.phase, y, columns.table + theme_width, words.not_present,
                size=10.5, color=GREY,
            )  # fmt: skip
        else:
            theme = event.table(table_id).theme if event.has_table(table_id) else ""
            document.text_line(
                x + columns.phase, y, columns.table, words.table.format(table=table_id),
                size=10.5, shrink_to=6,
            )  # fmt: skip
            document.text_line(
                x + columns.phase + columns.table, y, theme_width, theme, size=10.5, shrink_to=8
            )
        y += _PHASE_LINE
