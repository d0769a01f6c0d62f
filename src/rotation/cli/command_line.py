"""Reading the command line as organisers type it: ``--themes A B`` and the input anywhere.

click (under typer) gives an option one value per occurrence and, by design, has no
options with a variable number of values (pallets/click#1351, #641: "an intentional design
decision"). So :class:`ListOptionsCommand` arranges the words once, in click's own
``parse_args`` hook, before click reads them:

- every option that may repeat (``--themes``, ``--balance``) takes all words up to the next
  option, as argparse's ``nargs="+"``: ``--themes A B`` is ``--themes A --themes B``;
- among those words, an existing file with a registration extension is the input, not a
  value: ``rotation plan -o p.xlsx --themes A B anmeldungen.xlsx`` reads anmeldungen.xlsx
  (except after an option whose values are files themselves, ``--history``);
- when no input is left at all, the last word of the last such list is the input (so a
  misspelt file name is reported as a missing file, not as a missing argument).

Which options take a value and which may repeat comes from the command's own parameters,
so a new option needs no change here. ``--`` ends the options as usual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from typer.core import TyperCommand

__all__ = [
    "REGISTRATION_SUFFIXES",
    "ListOptionsCommand",
    "OptionGrammar",
    "arrange_words",
    "split_at_commas",
    "split_name_problem",
]

REGISTRATION_SUFFIXES = frozenset({".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".ods", ".xls"})
"""Extensions of a file that may be a registration list (unreadable ones get a message)."""

_CONNECTORS = frozenset(
    {"und", "and", "&", "+", "oder", "or", "of", "for", "für", "the", "der", "die", "das",
     "in", "im", "mit", "with", "von", "zu", "-", "–"}
)  # fmt: skip
"""Words that join a theme name's parts but are never a theme of their own."""


@dataclass(frozen=True)
class OptionGrammar:
    """Which words of a command are options taking a value, and which take several."""

    takes_value: frozenset[str] = frozenset()
    takes_several: frozenset[str] = frozenset()
    positionals: int = 1
    """How many positional words (arguments) the command has."""
    takes_files: frozenset[str] = frozenset()
    """Options of ``takes_several`` whose values are files (never taken for the input)."""


@dataclass
class _Words:
    options: list[str] = field(default_factory=list)
    positionals: list[str] = field(default_factory=list)
    last_list: list[str] | None = None
    """The values of the last multi-value option, to take the input from when it is missing."""
    last_list_at: list[int] = field(default_factory=list)
    """Positions in ``options`` of those values (each follows its repeated option word)."""


def _is_option(word: str) -> bool:
    if not word.startswith("-") or word == "-":
        return False
    try:
        float(word)
    except ValueError:
        return True
    return False  # a negative number is a value


def _is_registration_file(word: str) -> bool:
    path = Path(word)
    return path.suffix.lower() in REGISTRATION_SUFFIXES and path.is_file()


def arrange_words(args: Sequence[str], grammar: OptionGrammar) -> list[str]:
    """The words in the form click reads: each list value after its own option, input last.

    >>> grammar = OptionGrammar(frozenset({"-o", "--themes"}), frozenset({"--themes"}))
    >>> arrange_words(["in.csv", "--themes", "A", "B c", "-o", "p.xlsx"], grammar)
    ['--themes', 'A', '--themes', 'B c', '-o', 'p.xlsx', '--', 'in.csv']
    >>> arrange_words(["-o", "p.xlsx", "--themes", "A", "B", "missing.xlsx"], grammar)
    ['-o', 'p.xlsx', '--themes', 'A', '--themes', 'B', '--', 'missing.xlsx']
    """
    words = _Words()
    current: str | None = None
    position = 0
    while position < len(args):
        word = args[position]
        position += 1
        if word == "--":
            words.positionals.extend(args[position:])
            break
        if current is not None and not _is_option(word):
            if current not in grammar.takes_files and _is_registration_file(word):
                words.positionals.append(word)
            else:
                assert words.last_list is not None
                words.options += [current, word]
                words.last_list.append(word)
                words.last_list_at.append(len(words.options) - 2)
            continue
        current = None
        if word in grammar.takes_several:
            current, words.last_list, words.last_list_at = word, [], []
        elif word in grammar.takes_value:
            words.options.append(word)
            if position < len(args):
                words.options.append(args[position])
                position += 1
        elif _is_option(word):
            words.options.append(word)
        else:
            words.positionals.append(word)
    _take_input_from_last_list(words, grammar)
    return [*words.options, "--", *words.positionals] if words.positionals else words.options


def _take_input_from_last_list(words: _Words, grammar: OptionGrammar) -> None:
    """No input left: the last word of the last list is it, if the list keeps a value."""
    if len(words.positionals) >= grammar.positionals or not words.last_list_at:
        return
    if len(words.last_list_at) < 2:
        return
    at = words.last_list_at[-1]
    words.positionals.append(words.options[at + 1])
    del words.options[at : at + 2]


def _takes_paths(param: Any) -> bool:
    """Whether an option's values are paths (``list[Path]``), from typer's annotation."""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    return annotation is Path or Path in get_args(annotation)


def grammar_of(params: Iterable[Any]) -> OptionGrammar:
    """The option grammar of click parameters (typer's, from the command's signature)."""
    takes_value: set[str] = set()
    takes_several: set[str] = set()
    takes_files: set[str] = set()
    positionals = 0
    for param in params:
        if param.param_type_name == "argument":
            positionals += 1
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        takes_value.update(param.opts)
        if getattr(param, "multiple", False):
            takes_several.update(param.opts)
            if _takes_paths(param):
                takes_files.update(param.opts)
    return OptionGrammar(
        frozenset(takes_value), frozenset(takes_several), positionals, frozenset(takes_files)
    )


class ListOptionsCommand(TyperCommand):
    """A typer command whose repeatable options take several words and whose input may
    stand anywhere (see the module docstring); use it with ``app.command(cls=...)``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        arranged = arrange_words(args, grammar_of(self.params)) if args else args
        result: list[str] = super().parse_args(ctx, arranged)
        return result


def split_at_commas(values: Iterable[str]) -> list[str]:
    """``["Geschlecht,Funktion", "Alter"]`` -> ``["Geschlecht", "Funktion", "Alter"]``.

    >>> split_at_commas(["Geschlecht,Funktion", " Alter ", ","])
    ['Geschlecht', 'Funktion', 'Alter']
    """
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def split_name_problem(names: Sequence[str], option: str) -> str | None:
    """A message when a list of names looks like names with spaces split by the shell.

    ``--themes Integration und Teilhabe`` gives three themes, one of them 'und'; a name
    given twice or a lone joining word ('und', 'and', '&') says the quotes are missing.

    >>> print(split_name_problem(["A", "und", "B", "C", "und", "D"], "--themes"))
    --themes: 'und' is given 2 times. Quote names with spaces: --themes "A und B" "C und D".
    >>> split_name_problem(["Wasser", "Energie"], "--themes") is None
    True
    """
    counts = Counter(name.casefold() for name in names)
    twice = [name for name in dict.fromkeys(names) if counts[name.casefold()] > 1]
    lone = [name for name in dict.fromkeys(names) if name.casefold() in _CONNECTORS]
    if not twice and not lone:
        return None
    if twice:
        what = f"'{twice[0]}' is given {counts[twice[0].casefold()]} times"
    else:
        what = f"'{lone[0]}' is not a name of its own"
    example = _quoted_example(names)
    return f"{option}: {what}. Quote names with spaces: {option} {example}."


def _quoted_example(names: Sequence[str]) -> str:
    """The names joined back at their joining words, each in quotes."""
    joined: list[list[str]] = []
    glue = False
    for name in names:
        if joined and (glue or name.casefold() in _CONNECTORS):
            joined[-1].append(name)
        else:
            joined.append([name])
        glue = name.casefold() in _CONNECTORS
    return " ".join(f'"{" ".join(parts)}"' for parts in joined)
