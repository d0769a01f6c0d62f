"""Reading CSV as Excel and LibreOffice save it: comma or semicolon, UTF-8 (BOM) or cp1252.

German Excel saves "CSV (Trennzeichen-getrennt)" with semicolons in Windows-1252; newer
versions offer "CSV UTF-8" with a byte order mark. The encoding is decided by trying UTF-8
strictly first (Windows-1252 text with umlauts is almost never valid UTF-8), the separator
by which candidate splits the first lines into the most, equally long rows.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from rotation.errors import InputError
from rotation.io.sheets import RawSheet

__all__ = ["decode", "read_csv", "sniff_separator"]

_SEPARATORS = (";", ",", "\t")
_SAMPLE_LINES = 20


def decode(data: bytes, file: str) -> str:
    """The text of a CSV file in UTF-8 (with or without BOM) or Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError.single(
        "The file is neither UTF-8 nor Windows-1252 text.",
        hint="save it from Excel as 'CSV UTF-8' or as .xlsx",
        file=file,
    )


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
        widths = [len(row) for row in csv.reader(lines, delimiter=separator)]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        score = width * count if width > 1 else 0
        if score > best_score:
            best, best_score = separator, score
    return best


def read_csv(path: Path) -> list[RawSheet]:
    """The file as one sheet named after the file."""
    text = decode(path.read_bytes(), path.name)
    separator = sniff_separator(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    return [RawSheet.trimmed(path.stem, rows)]
