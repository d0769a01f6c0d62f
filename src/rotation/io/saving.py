"""Writing workbooks safely: inert text cells, and an atomic save that never hits the input.

Text from the input (names, organisations, themes, ...) may start with ``=``, ``+``, ``-`` or
``@``; a spreadsheet would run such a cell as a formula or turn it into a link.
:func:`put` always stores text as a text cell and marks risky text with Excel's "quote
prefix", so it stays inert even when someone edits the cell later.

:func:`save_atomically` writes to a temporary file beside the target and moves it into place
with :func:`os.replace`, so a reader never sees half a file, and it refuses to overwrite the
input file.
"""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import sys
import traceback
from pathlib import Path
from typing import BinaryIO

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from rotation.errors import OutputError

__all__ = [
    "FORMULA_TRIGGERS",
    "first_sheet",
    "guard_target",
    "inert_text",
    "new_sheet",
    "put",
    "save_atomically",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""First characters that make a spreadsheet treat text as a formula or a command."""


def inert_text(value: str) -> str:
    """The text without characters a workbook cannot store (control characters)."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def first_sheet(workbook: Workbook) -> Worksheet:
    """The worksheet a new workbook starts with."""
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("a new workbook starts with a worksheet")
    return sheet


def new_sheet(workbook: Workbook, title: str) -> Worksheet:
    """A new worksheet named ``title`` at the end of ``workbook``."""
    sheet = workbook.create_sheet(title)
    if not isinstance(sheet, Worksheet):
        raise TypeError("create_sheet made no worksheet")
    return sheet


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell | MergedCell:
    """Write ``value`` into a cell; text always as a text cell, never a formula or link."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        return cell
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        value = str(value)
    if isinstance(value, str):
        text = inert_text(value)
        cell.value = text
        # openpyxl guesses "formula" for text starting with '='; a text cell is never run.
        cell.data_type = "s"
        if text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def guard_target(target: Path, inputs: list[Path], *, suffix: str = ".xlsx") -> None:
    """Refuse a target that is an input file, not ``suffix``, a folder, or in a missing folder.

    Raises :class:`OutputError` saying what to do instead.
    """
    name = target.name
    kind = "PDF file" if suffix == ".pdf" else "workbook"
    example = f"plan{suffix}" if suffix == ".xlsx" else f"cards{suffix}"
    for source in inputs:
        if _same_file(target, source) or target.resolve() == source.resolve():
            raise OutputError.single(
                f"The {kind} would overwrite the input file '{name}'.",
                hint=f"choose another output file name, e.g. '{example}'",
                file=name,
            )
    if target.suffix.lower() != suffix:
        raise OutputError.single(
            f"The {kind} '{name}' must end in {suffix}.",
            hint=f"give an output name such as '{example}'",
            file=name,
        )
    if target.is_dir():
        raise OutputError.single(
            f"'{name}' is a folder.", hint=f"give a file name such as '{example}'"
        )
    if not target.parent.is_dir():
        raise OutputError.single(
            f"The folder for '{name}' does not exist.",
            hint="create the folder first or choose another place",
            file=name,
        )


def save_atomically(
    workbook: Workbook | bytes, target: Path, inputs: list[Path], *, suffix: str = ".xlsx"
) -> None:
    """Save ``workbook`` to ``target`` through a temporary file; nothing half-written remains.

    ``workbook`` is an openpyxl workbook, or the file's bytes (a PDF).

    Raises :class:`OutputError` with a message for the organiser when the target is an input
    file, its folder is missing or not writable, or the file is open in another program.
    """
    guard_target(target, inputs, suffix=suffix)
    name = target.name
    # The name is known before the file exists, so a signal at any moment after its
    # creation (even inside os.open) still finds it to remove.
    temp = target.parent / f".~{target.stem}.{secrets.token_hex(6)}.tmp"
    stream: BinaryIO | None = None
    try:
        stream = os.fdopen(os.open(temp, _NEW_PRIVATE_FILE, 0o600), "wb")
        # Private while written; then the mode a plain new file would have.
        os.chmod(temp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        if isinstance(workbook, (bytes, bytearray)):
            stream.write(workbook)
        else:
            workbook.save(stream)
        stream.flush()
        os.fsync(stream.fileno())
        stream.close()
        os.replace(temp, target)
    except BaseException as error:  # also Ctrl-C and SIGTERM: never leave the temporary file
        _discard(stream, temp, error)
        if not isinstance(error, OSError):
            raise
        if stream is None:
            raise OutputError.single(
                f"Cannot write into the folder of '{name}' ({error.strerror or error}).",
                hint="choose a folder you may write to",
                file=name,
            ) from None
        raise OutputError.single(
            f"Cannot write '{name}' ({error.strerror or error}).",
            hint="close the file if it is open in Excel or LibreOffice, or check "
            "that you may write there",
            file=name,
        ) from None


_NEW_PRIVATE_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _discard(stream: BinaryIO | None, temp: Path, error: BaseException) -> None:
    """Remove a half-written temporary file, quietly.

    openpyxl's zip writer lives on in the traceback's frames; freed later, it would write
    its directory into the closed file (or the full disk) and Python would print
    "Exception ignored ... Traceback". It is freed here, while its file is still open, and
    whatever it cannot write any more is not reported: the file is deleted anyway.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        traceback.clear_frames(error.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if stream is not None:
        with contextlib.suppress(OSError, ValueError):
            stream.close()
    with contextlib.suppress(OSError):
        temp.unlink()
