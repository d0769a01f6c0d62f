"""The documentation's Python examples run as written (docs/**/*.md, ```python blocks).

The blocks of one page run in order in one namespace, in a temporary folder, as a reader
would paste them. Workbook tables in the docs are checked against the accepted names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rotation.io.registration.columns import ALIASES
from rotation.io.registration.settings import SETTING_KEYS
from rotation.io.registration.tables import TABLE_COLUMNS

DOCS = Path(__file__).resolve().parents[1] / "docs"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)
PAGES_WITH_CODE = [p for p in PAGES if PYTHON_BLOCK.search(p.read_text(encoding="utf-8"))]


def test_the_docs_have_python_examples() -> None:
    assert len(PAGES_WITH_CODE) >= 8


@pytest.mark.parametrize(
    "page", PAGES_WITH_CODE, ids=[str(p.relative_to(DOCS)) for p in PAGES_WITH_CODE]
)
def test_python_examples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, block in enumerate(PYTHON_BLOCK.findall(page.read_text(encoding="utf-8")), 1):
        code = compile(block, f"{page.name}, python block {number}", "exec")
        exec(code, namespace)


def test_workbook_reference_names_every_accepted_header() -> None:
    page = (DOCS / "reference" / "workbooks.md").read_text(encoding="utf-8")
    names = [n for aliases in ALIASES.values() for n in aliases]
    names += [n for aliases in SETTING_KEYS.values() for n in aliases]
    names += [n for aliases in TABLE_COLUMNS.values() for n in aliases]
    missing = [name for name in names if name not in page]
    assert not missing, f"docs/reference/workbooks.md does not list: {missing}"
