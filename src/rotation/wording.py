"""Numbers and counts as people read them, the same in the workbook, the CLI and messages.

Standard library only, so every layer may use it (errors, solver explanations, io, cli).

>>> format_number(12.0), format_number(2.5), format_number(2.456), format_number(0.5, digits=1)
('12', '2.5', '2.46', '0.5')
>>> format_number(1234.5, decimal_comma=True)
'1234,5'
>>> pluralise(1, "table"), pluralise(3, "table"), pluralise(2, "person", "people")
('1 table', '3 tables', '2 people')
"""

from __future__ import annotations

__all__ = ["format_number", "pluralise"]


def format_number(value: float, *, digits: int = 2, decimal_comma: bool = False) -> str:
    """A figure as text: whole numbers without decimals, others rounded to ``digits``.

    Trailing zeros go (2.50 is "2.5"); ``decimal_comma`` writes "2,5" as German readers
    expect.
    """
    if float(value).is_integer():
        text = str(int(value))
    else:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def pluralise(count: int, noun: str, plural: str | None = None) -> str:
    """The count with its noun: "1 table", "3 tables"; ``plural`` for irregular nouns."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
