"""Rosters for the table hosts: who sits at the table in each phase, with a box to tick.

One A4 page per table, one section per phase the table runs in (a new page when the next
section no longer fits); people in name order, the host marked.
"""

from __future__ import annotations

from rotation.domain import Phase, Plan, Table
from rotation.io.cards.document import GREY, LIGHT, CardDocument, by_name, phase_label
from rotation.io.cards.words import CardWords

__all__ = ["draw_rosters"]

_MARGIN = 18.0
_ROW = 7.0
_NUMBER = 10.0
_NAME = 72.0
_BOX = 14.0
_SIZE = 10.5


def draw_rosters(document: CardDocument, plan: Plan, words: CardWords) -> None:
    """One roster page (or more, for many phases) per table, in the event's table order."""
    for table in plan.event.tables:
        y = _title(document, plan, table, words)
        for phase in plan.event.phases:
            if not table.runs_in(phase.number):
                continue
            members = plan.members(table.id, phase.number)
            needed = 9 + _ROW * (len(members) + 1) + 6
            if y + needed > document.h - _MARGIN:
                y = _title(document, plan, table, words)
            y = _section(document, plan, table, phase, members, words, y)


def _title(document: CardDocument, plan: Plan, table: Table, words: CardWords) -> float:
    """A new page headed by the event, the table and its theme; returns where text goes on."""
    document.add_page(orientation="P")
    width = document.w - 2 * _MARGIN
    y = _MARGIN
    y += document.text_line(_MARGIN, y, width, plan.event.name, size=10, color=GREY, shrink_to=7)
    y += document.text_line(
        _MARGIN, y, width, words.table.format(table=table.id), size=26, style="B", shrink_to=14
    )
    y += document.text_line(_MARGIN, y, width, table.theme, size=15, shrink_to=9)
    if table.host is not None and plan.event.has_participant(table.host):
        host = plan.event.participant(table.host).label
        y += document.text_line(
            _MARGIN, y, width, words.host.format(name=host), size=11, color=GREY, shrink_to=7
        )
    return y + 6


def _section(
    document: CardDocument,
    plan: Plan,
    table: Table,
    phase: Phase,
    members: tuple[str, ...],
    words: CardWords,
    y: float,
) -> float:
    """One phase's heading and its people; returns the position below it."""
    width = document.w - 2 * _MARGIN
    heading = f"{phase_label(phase, words)} · {words.people.format(count=len(members))}"
    y += document.text_line(_MARGIN, y, width, heading, size=13, style="B", shrink_to=9) + 1
    organisation = width - _NUMBER - _NAME - _BOX
    x_name, x_org = _MARGIN + _NUMBER, _MARGIN + _NUMBER + _NAME
    x_box = x_org + organisation
    for text, x, w in (
        (words.number, _MARGIN, _NUMBER),
        (words.name, x_name, _NAME),
        (words.organisation, x_org, organisation),
    ):
        document.text_line(x, y + 1, w - 2, text, size=9, style="B", color=GREY)
    document.text_line(x_box, y + 1, _BOX, words.present, size=9, style="B", color=GREY, align="C")
    y += _ROW
    people = by_name(plan.event.participant(m) for m in members)
    for number, person in enumerate(people, start=1):
        _rule(document, y, width)
        name_width = _NAME - 2
        if person.id == table.host:
            # The marker in a box of its own: beside a right-to-left name in one line, the
            # bidi algorithm would move and mirror its brackets.
            marker = f"({words.host_marker})"
            document.set_font("Noto", "", 9)
            marker_width = document.get_string_width(marker) + 1
            name_width -= marker_width
            document.text_line(
                x_name + name_width, y + 1.3, marker_width, marker, size=9, color=GREY, align="R"
            )
        document.text_line(_MARGIN, y + 1, _NUMBER - 2, str(number), size=_SIZE)
        document.text_line(x_name, y + 1, name_width, person.label, size=_SIZE, shrink_to=7)
        document.text_line(
            x_org, y + 1, organisation - 2, person.organisation, size=_SIZE, shrink_to=7
        )
        document.set_draw_color(*GREY)
        document.set_line_width(0.3)
        document.rect(x_box + (_BOX - 4.5) / 2, y + 1.2, 4.5, 4.5)
        y += _ROW
    _rule(document, y, width)
    return y + 6


def _rule(document: CardDocument, y: float, width: float) -> None:
    document.set_draw_color(*LIGHT)
    document.set_line_width(0.15)
    document.line(_MARGIN, y, _MARGIN + width, y)
