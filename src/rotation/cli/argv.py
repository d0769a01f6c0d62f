"""``--themes A B C``: options that take several values, as organisers type them.

click (under typer) gives an option one value per occurrence (``--themes A --themes B``).
Before parsing, each value that follows a multi-value option up to the next option is
turned into its own occurrence, as argparse's ``nargs="+"`` reads it. Both forms work.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["MULTI_VALUE_OPTIONS", "expand_multi_value_options"]

MULTI_VALUE_OPTIONS = frozenset({"--themes", "--balance"})


def expand_multi_value_options(
    args: Sequence[str], options: frozenset[str] = MULTI_VALUE_OPTIONS
) -> list[str]:
    """Repeat a multi-value option before each of its values.

    Values run up to the next word starting with ``-`` (a lone ``-`` or a negative number
    is a value) or ``--``, after which everything is positional.

    >>> expand_multi_value_options(["in.xlsx", "--themes", "A", "B c", "-o", "out.xlsx"])
    ['in.xlsx', '--themes', 'A', '--themes', 'B c', '-o', 'out.xlsx']
    >>> expand_multi_value_options(["--themes=A", "--balance", "gender", "--", "x"])
    ['--themes=A', '--balance', 'gender', '--', 'x']
    """
    out: list[str] = []
    current: str | None = None
    values = 0
    for position, word in enumerate(args):
        if word == "--":
            out.extend(args[position:])
            break
        if word in options:
            current, values = word, 0
            out.append(word)
            continue
        if current is not None and not _is_option(word):
            if values:
                out.append(current)
            out.append(word)
            values += 1
            continue
        current = None
        out.append(word)
    return out


def _is_option(word: str) -> bool:
    if not word.startswith("-") or word == "-":
        return False
    try:
        float(word)
    except ValueError:
        return True
    return False
