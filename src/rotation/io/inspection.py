"""Checks a file must pass before any parser sees it.

A registration file comes from outside: it may be huge, a zip bomb, an "XML bomb" (entity
expansion), password-protected, or not a spreadsheet at all. :func:`inspect_file` looks at
the bytes and the zip directory only, refuses what is unsafe or unreadable with a message
that says what to do, and tells the caller which reader to use.

openpyxl parses XML with defusedxml when it is installed; :func:`ensure_defused_xml`
verifies that at run time. As a second line, every XML part of a workbook is scanned for a
document type declaration (which no spreadsheet needs and every entity bomb requires)
before openpyxl opens the file.
"""

from __future__ import annotations

import enum
import hashlib
import importlib.util
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from rotation.errors import InputError
from rotation.io.sheets import beyond_limits
from rotation.limits import MAX_COLUMNS, MAX_ROWS

__all__ = ["FileKind", "Limits", "ensure_defused_xml", "file_sha256", "inspect_file"]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"))
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1 << 16
_MIB = 1 << 20
_SAVE_AS = "open it in Excel or LibreOffice and save it as .xlsx (or .csv)"
_SAVE_AGAIN = "open it in LibreOffice or Excel and save it again (.ods or .xlsx)"


class FileKind(enum.Enum):
    """The reader a file needs."""

    XLSX = "xlsx"
    ODS = "ods"
    XLS = "xls"
    CSV = "csv"


@dataclass(frozen=True)
class Limits:
    """How big a registration file may be; generous for any real event, small for a bomb."""

    max_file_bytes: int = 50 * _MIB
    max_uncompressed_bytes: int = 300 * _MIB
    max_ratio: float = 200.0
    """Largest uncompressed/compressed ratio of one zip member bigger than 1 MiB."""
    max_members: int = 10_000


def ensure_defused_xml() -> None:
    """Raise RuntimeError unless openpyxl parses XML through defusedxml."""
    if importlib.util.find_spec("defusedxml") is None:
        raise RuntimeError("defusedxml is not installed; reinstall rotation with its dependencies.")
    from openpyxl.xml import functions

    if not functions.iterparse.__module__.startswith("defusedxml"):
        raise RuntimeError(
            "openpyxl does not use defusedxml (is OPENPYXL_DEFUSEDXML set to False?); "
            "rotation refuses to read workbooks without it."
        )


def inspect_file(path: Path, limits: Limits = Limits()) -> FileKind:
    """The kind of a registration file, after refusing unsafe or unreadable ones."""
    try:
        return _inspect(path, limits)
    except OSError as error:  # no permission, locked, vanished while reading
        raise _refusal(
            path.name,
            f"The file cannot be opened ({error.strerror or type(error).__name__}).",
            "close it in other programs and check that you may read it",
        ) from None


def _inspect(path: Path, limits: Limits) -> FileKind:
    name = path.name

    def refuse(message: str, hint: str = _SAVE_AS) -> InputError:
        return _refusal(name, message, hint)

    if not path.is_file():
        raise refuse("The file does not exist or is not a file.", "check the path")
    size = path.stat().st_size
    if size == 0:
        raise refuse("The file is empty.", "choose the registration file itself")
    if size > limits.max_file_bytes:
        raise refuse(
            f"The file has {size // _MIB} MiB; a registration file may have at most "
            f"{limits.max_file_bytes // _MIB} MiB.",
            "remove pictures and unused sheets, or save only the participant list as .csv",
        )
    with path.open("rb") as handle:
        head = handle.read(_CHUNK)
    if head.startswith(_ZIP_MAGIC):
        return _inspect_zip(path, limits)
    if head.startswith(_OLE2_MAGIC):
        with path.open("rb") as handle:
            data = handle.read()
        if _ENCRYPTED_STREAM in data:
            raise refuse(
                "The workbook is protected with a password (encrypted), so it cannot be read.",
                "open it in Excel, remove the password (File > Info > Protect Workbook > "
                "Encrypt with Password, clear the field) and save it again",
            )
        if any(stream in data for stream in _XLS_STREAMS):
            return FileKind.XLS
        raise refuse("The file is an old Office document (Word or PowerPoint?), not a spreadsheet.")
    if b"\x00" not in head:
        if path.suffix.lower() in _TEXT_SUFFIXES:
            return FileKind.CSV
        if head.lstrip().startswith(b"<"):
            raise refuse(
                "The file is a web page or XML file, not a spreadsheet (some online forms "
                "export such files with an .xls name)."
            )
        raise refuse(
            f"The file is plain text, but its name ends in '{path.suffix}'.",
            "if it is a CSV export, rename it to .csv; otherwise " + _SAVE_AS,
        )
    raise refuse("The file is not a spreadsheet (neither .xlsx, .xlsm, .ods, .xls nor .csv).")


def _refusal(name: str, message: str, hint: str = _SAVE_AS) -> InputError:
    return InputError.single(message, hint=hint, file=name)


def _inspect_zip(path: Path, limits: Limits) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            kind = _zip_kind(archive, path.name)
            _check_expansion(members, limits, path.name)
            _check_no_dtd(archive, members, path.name)
            if kind is FileKind.ODS:
                _check_ods_extent(archive, path.name)
    except _DAMAGED_ZIP as error:
        raise _refusal(
            path.name, "The file is damaged (its zip structure cannot be read)."
        ) from error
    return kind


_DAMAGED_ZIP = (
    zipfile.BadZipFile,
    zlib.error,  # a member's compressed data is corrupt
    EOFError,  # a member ends early
    NotImplementedError,  # an unknown compression method
    RuntimeError,  # an encrypted member
    struct.error,
)
"""What Python's zipfile raises on a damaged archive, found by fuzzing (issue 16)."""


def _zip_kind(archive: zipfile.ZipFile, name: str) -> FileKind:
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return FileKind.XLSX
    if "xl/workbook.bin" in names:
        raise _refusal(name, "The file is a binary Excel workbook (.xlsb), which cannot be read.")
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100]
        if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return FileKind.ODS
        raise _refusal(name, "The file is an OpenDocument text or presentation, not a spreadsheet.")
    if "word/document.xml" in names:
        raise _refusal(name, "The file is a Word document, not a spreadsheet.")
    if any(n.startswith("ppt/") for n in names):
        raise _refusal(name, "The file is a PowerPoint presentation, not a spreadsheet.")
    raise _refusal(
        name, "The file is a zip archive, not a spreadsheet.", "unpack it and choose the workbook"
    )


def _check_expansion(members: list[zipfile.ZipInfo], limits: Limits, name: str) -> None:
    hint = "the file is not an ordinary workbook; " + _SAVE_AS
    if len(members) > limits.max_members:
        raise _refusal(
            name, f"The workbook consists of {len(members)} parts, too many to be safe.", hint
        )
    total = sum(m.file_size for m in members)
    if total > limits.max_uncompressed_bytes:
        raise _refusal(
            name,
            f"The workbook unpacks to {total // _MIB} MiB, more than the "
            f"{limits.max_uncompressed_bytes // _MIB} MiB allowed (a 'zip bomb'?).",
            hint,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _MIB and ratio > limits.max_ratio:
            raise _refusal(
                name,
                f"A part of the workbook ({member.filename}) expands {ratio:.0f}-fold when "
                f"unpacked, more than the {limits.max_ratio:.0f}-fold allowed (a 'zip bomb'?).",
                hint,
            )


def _check_no_dtd(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse XML parts with a document type declaration (needed by every entity bomb)."""
    overlap = max(len(marker) for marker in _DTD_MARKERS)
    for member in members:
        if not member.filename.lower().endswith(_XML_SUFFIXES):
            continue
        tail = b""
        with archive.open(member) as part:
            while chunk := part.read(_CHUNK):
                window = tail + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    raise _refusal(
                        name,
                        f"A part of the workbook ({member.filename}) declares an XML document "
                        "type, which spreadsheets never need and which can hide an 'XML "
                        "bomb'; the file was not opened.",
                        "if you trust the file, " + _SAVE_AS + " again",
                    )
                tail = window[-overlap:]


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _check_ods_extent(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an .ods with content beyond the rows and columns rotation reads.

    calamine, which reads .ods, holds each sheet as a dense grid from A1 to its last
    filled cell: a 1 KB file with one value at XFD6000 would take 3 GB there, and a failed
    allocation ends the process. ``number-rows-repeated`` and ``number-columns-repeated``
    tell the extent without building anything, so it is checked here, streaming.
    """
    if "content.xml" not in archive.namelist():
        return
    ensure_defused_xml()
    from openpyxl.xml.functions import iterparse  # defusedxml's, as checked above

    sheet, row, rows_here, column = "", 0, 1, 0
    try:
        with archive.open("content.xml") as stream:
            for event, element in iterparse(stream, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == f"{_TABLE}table":
                        sheet, row = element.get(f"{_TABLE}name", ""), 0
                    elif tag == f"{_TABLE}table-row":
                        rows_here = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                        column = 0
                    continue
                if tag in _CELLS:
                    columns_here = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                    if element.get(f"{_OFFICE}value-type") or len(element):
                        if column + columns_here > MAX_COLUMNS:
                            raise beyond_limits(
                                name, sheet, row=row + 1, column=column + columns_here
                            )
                        if row + rows_here > MAX_ROWS:
                            raise beyond_limits(name, sheet, row=row + rows_here)
                    column += columns_here
                    element.clear()
                elif tag == f"{_TABLE}table-row":
                    row += rows_here
                    element.clear()
    except ValueError as error:  # a repeat count that is no number (InputError is one too)
        if isinstance(error, InputError):
            raise
        raise _refusal(
            name, "The file is damaged (a sheet's row or column count).", _SAVE_AGAIN
        ) from None
    except ParseError:
        raise _refusal(
            name, "The file is damaged (its sheets' XML cannot be read).", _SAVE_AGAIN
        ) from None


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (the input's fingerprint in the plan workbook)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise InputError.single(
            f"Cannot read the input file to fingerprint it ({error.strerror}).", file=path.name
        ) from None
    return digest.hexdigest()
