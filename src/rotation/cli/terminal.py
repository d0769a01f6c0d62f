"""Text for the terminal: nothing from a file may steer it.

Ids, names and file names come from outside. Printed raw, an ESC sequence in an id
(``\\x1b[2J``) clears the screen or retitles the window, and a right-to-left override
(U+202E) reverses what follows. :func:`printable` writes such characters as visible escapes
(``\\x1b``, ``\\u202e``); every console of the command line (:class:`SafeConsole`) and every
JSON document (:func:`json_text`) passes its text through it. Letters of every script,
joiners (U+200C, U+200D) and line breaks are kept.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from typing import Any

from rich.console import Console

__all__ = ["SafeConsole", "json_text", "printable"]

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters except tab and line feed, and the bidirectional formatting marks."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control and bidi-override characters written as visible escapes.

    >>> printable("A\\x1b[2J1"), printable("abc\\u202edef"), printable("Zoë\\u200d")
    ('A\\\\x1b[2J1', 'abc\\\\u202edef', 'Zoë\\u200d')
    """
    return _UNSAFE.sub(_escape, text)


def json_text(data: Any) -> str:
    """``data`` as indented JSON whose strings are :func:`printable` (still valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeConsole(Console):
    """A rich console that prints text through :func:`printable`.

    When the reader of stdout goes away (``rotation check plan.xlsx | head -1``), it raises
    :class:`BrokenPipeError` for the command to end quietly, instead of rich's exit code 1.
    """

    def print(self, *objects: Any, **options: Any) -> None:
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **options)

    def on_broken_pipe(self) -> None:
        # Nothing more can reach the reader, not even Python's flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise BrokenPipeError(errno.EPIPE, "the reader of the output went away")
