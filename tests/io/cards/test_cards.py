"""Table signs, personal slips and rosters: written as a PDF, read back as text with pypdf."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pypdf
import pytest

from rotation import Event, Participant, Phase, Plan, Table, Theme, solve
from rotation.errors import OutputError
from rotation.io.cards import CardKind, parse_card_kinds, render_cards, write_cards
from rotation.io.cards.document import by_name
from rotation.io.cards.words import card_words

EVENT_NAME = "Werkstatttreffen Test"
# Names in four scripts: Turkish and Vietnamese Latin with diacritics, Cyrillic, Arabic.
NAMES = [
    "Şükrü Yılmaz", "İlknur Öztürk", "Nguyễn Thị Hường", "Trần Văn Đức", "Анна Кузнецова",
    "Мария Иванова", "فاطمة الزهراء", "محمد العلي", "Jörg Müller", "Zoë Ødegaard",
    "Ana Lúcia Ferreira", "Oliver Brown", "Елена Смирнова", "Lê Quang Vũ", "Gülşen Aydın",
    "يوسف حداد",
]  # fmt: skip
THEMES = ("Integration und Teilhabe", "Gleichstellung und Vielfalt")


def _event() -> Event:
    """16 people, 4 tables; a host, a time label, someone absent in phase 2, a table in phase 1
    only; 3 phases so that themes repeat (coverage AUTO: evenly)."""
    people = [
        Participant(
            f"p{n:02d}",
            name,
            organisation=f"Organisation {n % 5}",
            phases=frozenset({1, 3}) if n == 3 else None,
        )
        for n, name in enumerate(NAMES)
    ]
    tables = (
        Table("I1", THEMES[0], 6, host="p06"),
        Table("I2", THEMES[0], 6),
        Table("G1", THEMES[1], 6),
        Table("G2", THEMES[1], 6, phases=frozenset({1})),
    )
    return Event(
        participants=tuple(people),
        themes=tuple(Theme(t) for t in THEMES),
        tables=tables,
        phases=(Phase(1, "09:30–10:15"), Phase(2), Phase(3)),
        name=EVENT_NAME,
    )


@pytest.fixture(scope="module")
def plan() -> Plan:
    return solve(_event(), time_limit=3, seed=1, workers=1, deterministic=True)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _spellings(name: str) -> tuple[str, ...]:
    """The name as pypdf extracts it: right-to-left words come in visual order."""
    return name, " ".join(reversed(name.split()))


def _has(text: str, name: str) -> bool:
    return any(spelling in text for spelling in _spellings(name))


def test_signs_one_page_per_table_with_its_name_and_theme_on_both_halves(
    plan: Plan, tmp_path: Path
) -> None:
    pages = _pages(write_cards(plan, tmp_path / "signs.pdf", what=["signs"], lang="de"))
    assert len(pages) == len(plan.event.tables)
    for page, table in zip(pages, plan.event.tables):
        assert page.count(f"Tisch {table.id}") == 2
        assert page.count(table.theme) == 2
        assert "hier falten" in page
    host = plan.event.participant("p06").name
    assert _has(pages[0], host)
    assert "nur in Phase 1" in pages[3] and "nur in Phase" not in pages[2]


def test_sign_of_a_table_in_one_phase_says_phase_not_phases(plan: Plan, tmp_path: Path) -> None:
    pages = _pages(write_cards(plan, tmp_path / "signs.pdf", what=["signs"], lang="en"))
    notes = {t.id: page for t, page in zip(plan.event.tables, pages) if t.phases is not None}
    assert "only in phase 1" in notes["G2"] and "only in phases" not in notes["G2"]


def test_slips_every_person_sorted_by_name_with_each_phase(plan: Plan, tmp_path: Path) -> None:
    pages = _pages(write_cards(plan, tmp_path / "slips.pdf", what=[CardKind.SLIPS], lang="en"))
    words = card_words("en")
    slips = [s for page in pages for s in page.split(EVENT_NAME)[1:]]
    assert len(slips) == len(NAMES)
    expected = by_name(plan.event.participants)
    assert [p.name for p in expected][:2] == ["Ana Lúcia Ferreira", "Gülşen Aydın"]
    for slip, person in zip(slips, expected):
        lines = slip.strip().splitlines()
        assert lines[0] in _spellings(person.name)
        assert lines[1].startswith(person.organisation)
        phase_lines = lines[2:]
        assert len(phase_lines) == len(plan.event.phases)
        for line, phase in zip(phase_lines, plan.event.phases):
            label = phase.name if phase.number == 1 else f"Phase {phase.number}"
            assert line.startswith(label)
            table = plan.table_of(person.id, phase.number)
            if table is None:
                assert line.endswith(words.not_present)
            else:
                theme = plan.event.table(table).theme
                assert line.endswith(f"Table {table} {theme}")
    absent = next(s for s in slips if _has(s, NAMES[3]))
    assert words.not_present in absent
    host = next(s for s in slips if _has(s, NAMES[6]))
    assert words.you_host in host


def test_slips_several_to_a_page_with_cut_lines(plan: Plan, tmp_path: Path) -> None:
    pages = _pages(write_cards(plan, tmp_path / "slips.pdf", what=["slips"], lang="de"))
    per_page = [page.count(EVENT_NAME) for page in pages]
    assert per_page[0] >= 8 and sum(per_page) == len(NAMES)
    assert len(pages) == math.ceil(len(NAMES) / per_page[0])
    assert all("An den gestrichelten Linien schneiden." in page for page in pages)


def test_rosters_list_each_tables_people_in_each_phase(plan: Plan, tmp_path: Path) -> None:
    pages = _pages(write_cards(plan, tmp_path / "rosters.pdf", what=["rosters"], lang="de"))
    event = plan.event
    assert len(pages) == len(event.tables)
    for page, table in zip(pages, event.tables):
        assert page.splitlines()[1] == f"Tisch {table.id}"
        running = [ph for ph in event.phases if table.runs_in(ph.number)]
        headings = [
            f"{'09:30–10:15' if ph.number == 1 else f'Phase {ph.number}'} · " for ph in running
        ]
        starts = [page.index(h) for h in headings]
        assert starts == sorted(starts)
        for k, phase in enumerate(running):
            section = page[starts[k] : starts[k + 1] if k + 1 < len(starts) else len(page)]
            members = plan.members(table.id, phase.number)
            assert f"{len(members)} Personen" in section
            names = [event.participant(m).name for m in members]
            assert all(_has(section, name) for name in names)
            outside = [p.name for p in event.participants if p.id not in members]
            assert not any(_has(section, name) for name in outside)
    assert "(Gastgeber·in)" in pages[0]


def test_all_kinds_in_order_and_every_name_found(plan: Plan, tmp_path: Path) -> None:
    text = "\n".join(_pages(write_cards(plan, tmp_path / "cards.pdf", lang="en")))
    assert text.index("fold here") < text.index("Cut along") < text.index("people")
    for name in NAMES:
        assert _has(text, name), name


def test_pdf_embeds_only_the_shipped_fonts(plan: Plan) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_cards(plan, what=["signs"])))
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Only the shipped Noto fonts (embedded subsets), never a PDF core font like Helvetica.
    assert fonts <= {"NotoSans", "NotoSansBold", "NotoSansArabic", "NotoSansArabicBold"}
    assert "NotoSansBold" in fonts


def test_written_atomically_and_never_over_an_input(plan: Plan, tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.pdf"
    plan_file.write_bytes(b"keep")
    with pytest.raises(OutputError, match="overwrite the input"):
        write_cards(plan, plan_file, inputs=[plan_file])
    assert plan_file.read_bytes() == b"keep"
    with pytest.raises(OutputError, match=r"must end in \.pdf"):
        write_cards(plan, tmp_path / "cards.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_unknown_kinds_and_languages_are_refused(plan: Plan) -> None:
    assert parse_card_kinds("Rosters,signs,signs") == (CardKind.SIGNS, CardKind.ROSTERS)
    with pytest.raises(ValueError, match="'labels'"):
        parse_card_kinds("signs,labels")
    with pytest.raises(ValueError, match="none given"):
        parse_card_kinds(" , ")
    with pytest.raises(ValueError, match="'fr'"):
        render_cards(plan, lang="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one"):
        render_cards(plan, what=[])


def test_long_names_and_themes_stay_inside_their_card(tmp_path: Path) -> None:
    long_name = "Maximiliane Friederike von und zu Hohenzollern-Sigmaringen-Württemberg"
    long_theme = "Nachhaltige Stadtentwicklung, Mobilität und Klimaanpassung im ländlichen Raum"
    people = [Participant(f"p{n}", f"{long_name} {n}", organisation="Org") for n in range(4)]
    event = Event.build(people, themes=[long_theme, "B"], name=EVENT_NAME)
    plan = Plan(event, {(p.id, ph): t.id for p in people for ph, t in zip((1, 2), event.tables)})
    pages = _pages(write_cards(plan, tmp_path / "cards.pdf", what=["signs", "slips"]))
    assert long_theme.split()[0] in pages[0]
    slips = pages[len(event.tables)].split(EVENT_NAME)[1:]
    assert len(slips) == 4
    # Shrunk to fit, or cut with an ellipsis: never running into the next slip.
    for slip in slips:
        name = slip.strip().splitlines()[0]
        assert name.startswith(long_name[:20])
        assert name.endswith("…") or name[len(long_name) :].strip().isdigit()
