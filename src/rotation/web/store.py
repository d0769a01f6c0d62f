"""The private folder where uploads and plans live while the server runs.

Every upload gets a folder named by a random id inside one temporary folder that only this
user may read (mode 0700) and that is removed when the server stops. The file name a browser
sends is shown on the page but never used as a path: an upload is saved as
``registration`` plus a suffix from a short list the reader knows.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from rotation.workflow import RegistrationOutline

__all__ = ["Store", "Upload", "display_name"]

_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".txt", ".tsv", ".ods", ".xls"}
_MAX_NAME = 80


@dataclass(frozen=True)
class Upload:
    """A registration file as uploaded, and what it says."""

    id: str
    folder: Path
    path: Path
    name: str
    """The name the person's browser sent, for display only."""
    outline: RegistrationOutline


def display_name(sent: str | None) -> str:
    """The last part of a sent file name, without folders or control characters.

    >>> display_name("../../etc/passwd")
    'passwd'
    >>> display_name("C:\\\\Users\\\\x\\\\anmeldungen.xlsx")
    'anmeldungen.xlsx'
    """
    name = PureWindowsPath(PurePosixPath(sent or "").name).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:_MAX_NAME] or "upload"


class Store:
    """A private temporary folder holding one sub-folder per upload or plan."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="rotation-web-"))
        self._uploads: dict[str, Upload] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> tuple[str, Path]:
        """A fresh random id and its empty folder."""
        while True:
            key = secrets.token_urlsafe(12)
            folder = self.root / key
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:
                continue
            return key, folder

    def save_upload(self, data: bytes, sent_name: str | None) -> tuple[str, Path, Path, str]:
        """Save uploaded bytes; returns (id, folder, path, display name)."""
        name = display_name(sent_name)
        suffix = Path(name).suffix.lower()
        key, folder = self.new_folder()
        path = folder / ("registration" + (suffix if suffix in _SUFFIXES else ".upload"))
        path.write_bytes(data)
        return key, folder, path, name

    def add(self, upload: Upload) -> None:
        with self._lock:
            self._uploads[upload.id] = upload

    def upload(self, key: str) -> Upload | None:
        with self._lock:
            return self._uploads.get(key)

    def remove(self) -> None:
        """Delete the folder and everything in it."""
        shutil.rmtree(self.root, ignore_errors=True)
