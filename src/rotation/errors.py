"""Every error rotation raises on purpose.

The tree::

    RotationError                      base of everything below
    ├── InputError (ValueError)        the organiser's data cannot be used as given
    │   └── EventError                 an event built in code breaks a cross-reference
    ├── OutputError (OSError)          the plan or template cannot be written where asked
    ├── NoPlanError                    the rules admit no plan; ``reasons`` says why
    └── SolveTimeoutError (TimeoutError)  no plan was found within the time limit

An :class:`InputError` carries every :class:`Problem` of the input at once, each with the
place it was found (file, sheet, row as Excel numbers it, column header) and what to do; an
:class:`OutputError` carries the problems of the file to write the same way. One problem is
raised in one line: ``raise InputError.single("...", hint="...", file=..., row=...)``.
Messages name rows and ids, never personal values such as names or e-mail addresses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

from rotation.wording import pluralise

__all__ = [
    "EventError",
    "InputError",
    "NoPlanError",
    "OutputError",
    "Problem",
    "Reason",
    "RotationError",
    "SolveTimeoutError",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, where it is and what to do about it."""

    message: str
    hint: str = ""
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    key: str = field(default="", compare=False)
    """The message's id in the catalogue of translations (:mod:`rotation.io.messages`);
    "" for a message said in English only."""
    values: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    """The values the message was formatted with, for its translation."""

    def at(
        self,
        message: str,
        hint: str = "",
        *,
        row: int | None = None,
        column: str | None = None,
        key: str = "",
        values: Mapping[str, object] | None = None,
    ) -> Problem:
        """Another problem in the same file and sheet; row and column kept unless given."""
        return Problem(
            message,
            hint=hint,
            file=self.file,
            sheet=self.sheet,
            row=self.row if row is None else row,
            column=self.column if column is None else column,
            key=key,
            values=dict(values or {}),
        )

    def where(self, words: tuple[str, str, str] = ("sheet", "row", "column")) -> str:
        """The place as an organiser reads it: ``file, sheet 'X', row 7, column 'Name'``;
        ``words`` names sheet, row and column in another language."""
        sheet, row, column = words
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"{sheet} '{self.sheet}'")
        if self.row is not None:
            parts.append(f"{row} {self.row}")
        if self.column:
            parts.append(f"{column} '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class RotationError(Exception):
    """Base class of every error rotation raises on purpose."""


_Listed = TypeVar("_Listed", bound="_ProblemList")


class _ProblemList(RotationError):
    """An error that lists every problem it found, each with its place and what to do."""

    subject: ClassVar[str] = "the input"

    def __init__(
        self, problems: Iterable[Problem | str], *, file: str | None = None, language: str = ""
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            p if isinstance(p, Problem) else Problem(str(p), file=file) for p in problems
        )
        self.file = file
        self.language = language
        """The language of the input's headers when known ("de", "en"), for the messages."""
        count = len(self.problems)
        head = f"{pluralise(count, 'problem')} in {self.subject}"
        if file:
            head += f" {file}"
        super().__init__(head + ":\n" + "\n".join(f"- {p}" for p in self.problems))

    @classmethod
    def single(
        cls: type[_Listed],
        message: str,
        hint: str = "",
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> _Listed:
        """The error of one problem: ``raise InputError.single("...", hint=..., row=7)``.

        >>> print(InputError.single("The id is empty.", file="a.xlsx", row=7))
        1 problem in the input a.xlsx:
        - a.xlsx, row 7: The id is empty.
        """
        problem = Problem(message, hint, file=file, sheet=sheet, row=row, column=column)
        return cls([problem], file=file)


class InputError(_ProblemList, ValueError):
    """The input cannot be used; ``problems`` lists every problem found, not just the first."""


class EventError(InputError):
    """An event built in code refers to something that does not exist or contradicts itself."""


class OutputError(_ProblemList, OSError):
    """The plan (or template) cannot be written: a locked file, a folder without permission.

    Nothing was written and the input is untouched; ``problems`` says what to do.
    """

    subject = "the output"


class Reason(str):
    """One reason why no plan exists, in English, with a message ``key`` and the ``values``
    it was formatted with, so that :func:`rotation.io.messages.reason_text` can say it in the
    organiser's language (like a :class:`Problem`). It is a ``str`` everywhere else.

    >>> reason = Reason("Phase 1 is full.", key="phase_full", phase=1)
    >>> reason, reason.key, dict(reason.values)
    ('Phase 1 is full.', 'phase_full', {'phase': 1})
    """

    key: str
    values: Mapping[str, object]

    def __new__(cls, text: str, key: str = "", **values: object) -> Reason:
        reason = super().__new__(cls, text)
        reason.key = key
        reason.values = dict(values)
        return reason


class NoPlanError(RotationError):
    """No plan satisfies every rule; ``reasons`` explains why in the organiser's words."""

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons: tuple[str, ...] = tuple(reasons)
        super().__init__("No plan is possible:\n" + "\n".join(f"- {r}" for r in self.reasons))


class SolveTimeoutError(RotationError, TimeoutError):
    """The solver found no plan within the time limit (the rules may still admit one)."""
