"""Issue 16: fuzzing ``plan`` and ``check`` with mutated files and random option values.

Hypothesis mutates the bytes of valid registration files (.xlsx, .csv) and plan workbooks
(whole files and the XML inside the zip) and draws option values in and out of their
ranges. Whatever it finds, the command must end with a documented exit code, never 70,
never with a traceback, and write nothing when it refuses. The command runs in-process
through ``rotation.cli.main`` to keep hundreds of runs cheap.

CI runs a few hundred examples; ``pytest -m fuzz`` runs thousands more.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hostile_files import THEMES, cli, csv_bytes, plan_workbook, rows, xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotation.cli.exit_codes import ExitCode

PLAN_CODES = {
    ExitCode.OK,
    ExitCode.USAGE,
    ExitCode.INVALID_INPUT,
    ExitCode.NO_PLAN,
    ExitCode.TIMEOUT,
}
CHECK_CODES = {ExitCode.OK, ExitCode.RULE_BROKEN, ExitCode.USAGE, ExitCode.INVALID_INPUT}
CI = settings(
    max_examples=75,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MANY = settings(CI, max_examples=2_000, derandomize=False)


@cache
def valid_files() -> dict[str, bytes]:
    """A registration workbook, the same as CSV, and a plan workbook, as bytes."""
    folder = Path(tempfile.mkdtemp(prefix="rotation-fuzz-"))
    body = rows(10)
    return {
        ".xlsx": xlsx(folder / "in.xlsx", body, E1="Phasen", E2="1-2").read_bytes(),
        ".csv": csv_bytes(body),
        "plan": plan_workbook(folder, body).read_bytes(),
    }


# -- mutations --------------------------------------------------------------------------------


_BYTE_PIECES = [b'"', b";", b"\n", b"\x00", b"\xfc", b"\x1b[2J", "\u202e".encode(), b"9" * 12]


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes flipped, inserted, deleted, duplicated or cut off."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "cut"]))
        at = draw(st.integers(0, max(0, len(out) - 1)))
        if kind == "flip" and out:
            out[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            out[at:at] = draw(st.sampled_from(_BYTE_PIECES))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            chunk = out[at : at + draw(st.integers(1, 256))]
            out[at:at] = chunk * draw(st.integers(1, 50))
        elif kind == "cut":
            del out[at:]
    return bytes(out)


_XML_PIECES = [
    '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
    '<c r="E900000"><v>1</v></c>',
    "<v>1e400</v>",
    "<v>99999999999999999999999</v>",
    '<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
    "<t>\u202e\u200d</t>",
    "&#27;",
    "<![CDATA[",
]


@st.composite
def mutated_workbook(draw: st.DrawFn, data: bytes) -> bytes:
    """A workbook whose sheet or data XML is mutated inside an intact zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml_parts = sorted(n for n in parts if n.startswith("xl/worksheets/") or "sharedStrings" in n)
    name = draw(st.sampled_from(xml_parts))
    text = parts[name].decode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(_XML_PIECES)) + text[at:]
        else:
            # Within the text: swap a number for a huge or odd one.
            text = text.replace("<v>1</v>", draw(st.sampled_from(_XML_PIECES)), 1)
    parts[name] = text.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return out.getvalue()


def option_values() -> st.SearchStrategy[list[str]]:
    """Options of ``plan`` with values inside, at the edge of and outside their ranges."""
    number = st.one_of(
        st.integers(-3, 6).map(str),
        st.sampled_from(["0", "50", "51", "5000", "5001", "2147483648", "3000000000",
                         "1" + "0" * 40, "abc", "1.5", "-1", "nan", "inf", "1e400", ""]),
    )  # fmt: skip
    option = st.sampled_from(
        ["--phases", "--tables-per-theme", "--table-size", "--min-table-size", "--workers",
         "--seed", "--time-limit", "--method"]
    )  # fmt: skip
    pairs = st.lists(st.tuples(option, number), max_size=3)
    return pairs.map(lambda ps: [word for pair in ps for word in pair])


# -- the properties -----------------------------------------------------------------------------


def run_plan(source_bytes: bytes, suffix: str, options: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"anmeldungen{suffix}"
        source.write_bytes(source_bytes)
        target = Path(folder) / "plan.xlsx"
        # Defaults first: the drawn options (later on the line) override them.
        outcome = cli("plan", source, "-o", target, "--themes", *THEMES, "--time-limit", "0.5",
                      "--workers", "1", "--deterministic", "--quiet", *options)  # fmt: skip
        assert outcome.code in PLAN_CODES, (outcome.code, outcome.err[-2000:])
        assert "Traceback" not in outcome.err + outcome.out
        assert target.exists() == (outcome.code == ExitCode.OK), outcome.err[-2000:]
        assert source.read_bytes() == source_bytes
        leftovers = [p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []


def run_check(plan_bytes: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.xlsx"
        plan.write_bytes(plan_bytes)
        outcome = cli("check", plan)
        assert outcome.code in CHECK_CODES, (outcome.code, outcome.err[-2000:])
        assert "Traceback" not in outcome.err + outcome.out
        assert plan.read_bytes() == plan_bytes


def fuzz_tests(config: settings) -> list[Callable[[], None]]:
    """The four fuzz properties under one Hypothesis configuration."""

    @config
    @given(data=st.data(), options=option_values())
    def plan_from_mutated_csv(data: st.DataObject, options: list[str]) -> None:
        run_plan(data.draw(mutated_bytes(valid_files()[".csv"])), ".csv", options)

    @config
    @given(data=st.data(), options=option_values(), inside=st.booleans())
    def plan_from_mutated_xlsx(data: st.DataObject, options: list[str], inside: bool) -> None:
        original = valid_files()[".xlsx"]
        strategy = mutated_workbook(original) if inside else mutated_bytes(original)
        run_plan(data.draw(strategy), ".xlsx", options)

    @config
    @given(data=st.data(), inside=st.booleans())
    def check_of_a_mutated_plan(data: st.DataObject, inside: bool) -> None:
        original = valid_files()["plan"]
        run_check(data.draw(mutated_workbook(original) if inside else mutated_bytes(original)))

    @config
    @given(options=option_values())
    def plan_with_random_options(options: list[str]) -> None:
        run_plan(valid_files()[".csv"], ".csv", options)

    return [
        plan_from_mutated_csv,
        plan_from_mutated_xlsx,
        check_of_a_mutated_plan,
        plan_with_random_options,
    ]


NAMES = ["mutated-csv", "mutated-xlsx", "check-mutated-plan", "random-options"]


@pytest.mark.parametrize("index", range(4), ids=NAMES)
def test_fuzz_ends_with_a_documented_exit_code(index: int) -> None:
    fuzz_tests(CI)[index]()


@pytest.mark.fuzz
@pytest.mark.parametrize("index", range(4), ids=NAMES)
def test_fuzz_longer(index: int) -> None:
    fuzz_tests(MANY)[index]()
