"""The settings a person typed or an API client sent, turned into typed settings.

Form fields are named like the command's options (``themes`` repeated, ``tables_per_theme``,
``table_size``, ``min_table_size``, ``phases``, ``balance`` repeated, ``name``,
``time_limit``, ``seed``, ``lang``). Every problem is collected, each naming its field, so
the page can show it next to that field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from rotation.errors import Problem
from rotation.workflow import ReadSettings, RegistrationOutline, SolveSettings, problem_text

__all__ = [
    "FieldProblem",
    "SettingsForm",
    "parse_settings",
    "problem_texts",
    "unchanged_from_file",
]

T = TypeVar("T")

MAX_TIME_LIMIT = 3600.0
"""An hour: more than any event needs, and a solve cannot block a core for a day."""


@dataclass(frozen=True)
class FieldProblem:
    """A value that cannot be used, and the form field it came from."""

    field: str
    message: str


@dataclass(frozen=True)
class SettingsForm:
    """What the form said: the event settings, the solve settings and the workbook language."""

    read: ReadSettings
    solve: SolveSettings
    lang: str | None
    problems: tuple[FieldProblem, ...] = ()


def _text(values: Sequence[str]) -> str:
    return values[-1].strip() if values else ""


def _number(
    fields: Mapping[str, Sequence[str]],
    name: str,
    low: float,
    problems: list[FieldProblem],
    *,
    whole: bool = True,
    high: float | None = None,
) -> float | None:
    text = _text(fields.get(name, ())).replace(",", ".")
    if not text:
        return None
    try:
        value = float(text) if not whole else int(text)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        problems.append(FieldProblem(name, f"'{text[:20]}' is not {kind}."))
        return None
    if value < low or (high is not None and value > high):
        upper = f" and at most {high:g}" if high is not None else ""
        problems.append(FieldProblem(name, f"Give a value of at least {low:g}{upper}."))
        return None
    return value


def parse_settings(fields: Mapping[str, Sequence[str]]) -> SettingsForm:
    """The settings in the submitted fields; a field left empty means "as in the file"."""
    problems: list[FieldProblem] = []
    themes = tuple(t.strip() for t in fields.get("themes", ()) if t.strip())
    balance = tuple(b.strip() for b in fields.get("balance", ()) if b.strip())
    if len(set(themes)) != len(themes):
        problems.append(FieldProblem("themes", "A theme is named twice."))

    def whole(name: str, low: int) -> int | None:
        value = _number(fields, name, low, problems)
        return None if value is None else int(value)

    read = ReadSettings(
        themes=themes or None,
        tables_per_theme=whole("tables_per_theme", 1),
        table_size=whole("table_size", 1),
        min_table_size=whole("min_table_size", 0),
        phases=whole("phases", 1),
        balance=balance if "balance" in fields or "balance_given" in fields else None,
        name=_text(fields.get("name", ())) or None,
    )
    time_limit = _number(fields, "time_limit", 1, problems, whole=False, high=MAX_TIME_LIMIT)
    seed = whole("seed", 0)
    solve = SolveSettings(
        time_limit=30.0 if time_limit is None else float(time_limit),
        seed=0 if seed is None else seed,
    )
    lang = _text(fields.get("lang", ())) or None
    if lang not in (None, "de", "en"):
        problems.append(FieldProblem("lang", "Choose de or en."))
        lang = None
    return SettingsForm(read, solve, lang, tuple(problems))


def unchanged_from_file(settings: ReadSettings, outline: RegistrationOutline) -> ReadSettings:
    """Only what the person changed on the page: a value equal to the file's is left to it.

    The page shows every setting filled in from the file; sending them all back as options
    would, for example, replace a Tables sheet (with its hosts) by built tables.
    """
    return replace(
        settings,
        themes=None if settings.themes == outline.themes else settings.themes,
        tables_per_theme=_changed(settings.tables_per_theme, outline.tables_per_theme),
        table_size=_changed(settings.table_size, outline.table_size),
        min_table_size=_changed(settings.min_table_size, outline.min_table_size),
        phases=_changed(settings.phases, outline.phases),
        balance=None
        if settings.balance is None or set(settings.balance) == set(outline.balance)
        else settings.balance,
        name=_changed(settings.name, outline.name),
    )


def _changed(value: T | None, in_file: T | None) -> T | None:
    return None if value == in_file else value


def problem_texts(problems: Sequence[Problem], display_name: str, lang: str = "en") -> list[str]:
    """Problems as the command line prints them, in the page's language, naming the file as
    the person called it."""
    return [problem_text(replace(p, file=display_name) if p.file else p, lang) for p in problems]
