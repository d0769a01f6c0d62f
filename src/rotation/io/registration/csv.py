"""Reading CSV as Excel and LibreOffice save it: comma or semicolon, UTF-8 (BOM) or cp1252.

German Excel saves "CSV (Trennzeichen-getrennt)" with semicolons in Windows-1252; newer
versions offer "CSV UTF-8" with a byte order mark. The encoding is decided by trying UTF-8
strictly first (Windows-1252 text with umlauts is almost never valid UTF-8), the separator
by which candidate splits the first lines into the most, equally long rows.

Damage a spreadsheet program would show is refused with the line it starts on, never
passed on as changed text: a file mixing UTF-8 and Windows-1252 (one of them would turn
"Jürgen" into "JÃ¼rgen"), a quote that is never closed (it would swallow the rest of the
file into one cell), a cell longer than a workbook cell, and more rows or columns than
rotation reads (:mod:`rotation.limits`).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rotation.errors import InputError
from rotation.io.sheets import RawSheet
from rotation.limits import MAX_CELL_LENGTH, MAX_COLUMNS, MAX_ROWS

__all__ = ["decode", "read_csv", "sniff_separator"]

_SEPARATORS = (";", ",", "\t")
_SAMPLE_LINES = 20
_MAX_LINES_PER_ROW = 20
"""A row spanning more lines than this has an unclosed quote (real cells hold a few lines)."""
_UTF8_LATIN_LETTER = re.compile(rb"[\xc3-\xc5][\x80-\xbf]")
"""UTF-8 for the letters U+00C0 to U+017F (umlauts, accents): in Windows-1252 text these
byte pairs read as 'Ã¼' and the like, which no real name holds."""
_RESAVE = "open it in Excel or LibreOffice and save it again as 'CSV UTF-8' or as .xlsx"


def _refusal(file: str, message: str, hint: str = _RESAVE, row: int | None = None) -> InputError:
    return InputError.single(message, hint=hint, file=file, row=row)


def decode(data: bytes, file: str) -> str:
    """The text of a CSV file in UTF-8 (with or without BOM) or Windows-1252, not a mix."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        if _UTF8_LATIN_LETTER.search(data):
            raise _refusal(
                file,
                f"The file mixes two encodings: it is UTF-8 text, but line {line} is not "
                "(Windows-1252?). Read either way, some names would change, e.g. 'Jürgen' "
                "into 'JÃ¼rgen'.",
                f"correct line {line}, or " + _RESAVE,
                row=line,
            ) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise _refusal(file, "The file is neither UTF-8 nor Windows-1252 text.") from None


def sniff_separator(text: str) -> str:
    """The separator that splits the first lines into the most columns, consistently.

    >>> sniff_separator("Nr.;Name;Ort\\n1;Anna, B.;Herford\\n")
    ';'
    >>> sniff_separator("ID,Name\\n1,Anna\\n")
    ','
    """
    lines = [line for line in text.splitlines() if line.strip()][:_SAMPLE_LINES]
    best, best_score = _SEPARATORS[0], 0
    for separator in _SEPARATORS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=separator)]
        except csv.Error:  # a huge field in the sample; read_csv reports it with its line
            continue
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = width * count if width > 1 else 0
        if score > best_score:
            best, best_score = separator, score
    return best


def _unclosed_quote(file: str, line: int) -> InputError:
    return _refusal(
        file,
        f'A quote (") in line {line} opens a cell that is not closed for many lines, or '
        "never: the rest of the file would become one cell.",
        f'check the quotes in line {line}: a quote inside a cell is written twice ("")',
        row=line,
    )


def _rows(text: str, separator: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """Each row of the text with the line it starts on; damage is refused with that line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    start = 1
    for count in itertools.count(1):
        if count > MAX_ROWS:
            raise _refusal(
                file,
                f"The file has more than {MAX_ROWS:,} rows; rotation reads at most that many.",
                "split the event, or delete rows that are not registrations",
                row=start,
            )
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:  # a field beyond csv's limit of 131,072 characters
            raise _refusal(
                file,
                f"A cell starting in line {start} holds more than {MAX_CELL_LENGTH:,} "
                "characters, or a quote there is never closed.",
                f'check the quotes in line {start}: a quote inside a cell is written twice ("")',
                row=start,
            ) from None
        if reader.line_num - start >= _MAX_LINES_PER_ROW:
            raise _unclosed_quote(file, start)
        for value in row:
            if len(value) > MAX_CELL_LENGTH:
                raise _refusal(
                    file,
                    f"A cell in line {start} holds {len(value):,} characters; a cell may "
                    f"hold at most {MAX_CELL_LENGTH:,}.",
                    "shorten it, or check the quotes in that line",
                    row=start,
                )
        if len(row) > MAX_COLUMNS:
            raise _refusal(
                file,
                f"Line {start} has {len(row):,} cells; rotation reads at most {MAX_COLUMNS:,} "
                "columns.",
                "check the separators in that line",
                row=start,
            )
        yield start, row
        start = reader.line_num + 1


def _check_last_row_closed(text: str, separator: str, start: int, file: str) -> None:
    """Refuse a quote left open at the end of the file (csv would quietly close it)."""
    tail = "".join(text.splitlines(keepends=True)[start - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=separator, strict=True):
            pass
    except csv.Error as error:
        if "end of data" in str(error):
            raise _unclosed_quote(file, start) from None


def read_csv(path: Path) -> list[RawSheet]:
    """The file as one sheet named after the file."""
    text = decode(path.read_bytes(), path.name)
    separator = sniff_separator(text)
    starts, rows = [], []
    for start, row in _rows(text, separator, path.name):
        starts.append(start)
        rows.append(row)
    if rows and '"' in text:
        _check_last_row_closed(text, separator, starts[-1], path.name)
    return [RawSheet.trimmed(path.stem, rows, file=path.name)]
