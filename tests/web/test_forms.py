"""The settings form: typed values, problems named by field, and only changed values passed on."""

from __future__ import annotations

from rotation.web.forms import parse_settings, unchanged_from_file
from rotation.workflow import RegistrationOutline

OUTLINE = RegistrationOutline(
    "liste.xlsx",
    participants=50,
    columns=(("gender", "Geschlecht"), ("role", "Funktion")),
    name="Werkstatttreffen",
    themes=("Wasser", "Energie"),
    tables_per_theme=None,
    table_size=None,
    phases=2,
    balance=("gender",),
    listed_tables=5,
)


def test_values_as_the_page_sends_them() -> None:
    form = parse_settings(
        {
            "themes": ["Wasser", " Energie ", ""],
            "table_size": ["8"],
            "time_limit": ["12,5"],
            "balance_given": ["1"],
            "lang": ["de"],
        }
    )
    assert form.problems == ()
    assert form.read.themes == ("Wasser", "Energie")
    assert form.read.table_size == 8
    assert form.read.balance == ()  # no box ticked: balance nothing
    assert form.solve.time_limit == 12.5
    assert form.lang == "de"


def test_every_unusable_value_is_named_by_its_field() -> None:
    form = parse_settings(
        {
            "themes": ["A", "A"],
            "tables_per_theme": ["0"],
            "phases": ["zwei"],
            "time_limit": ["99999"],
            "lang": ["fr"],
        }
    )
    assert {p.field for p in form.problems} == {
        "themes", "tables_per_theme", "phases", "time_limit", "lang",
    }  # fmt: skip


def test_values_left_as_the_file_has_them_are_not_passed_on() -> None:
    shown = parse_settings(
        {
            "themes": ["Wasser", "Energie"],
            "phases": ["2"],
            "name": ["Werkstatttreffen"],
            "balance_given": ["1"],
            "balance": ["gender"],
            "table_size": ["9"],
        }
    )
    kept = unchanged_from_file(shown.read, OUTLINE)
    assert kept.themes is None and kept.phases is None and kept.name is None
    assert kept.balance is None
    assert kept.tables_per_theme is None  # the Tables sheet (with its hosts) stays
    assert kept.table_size == 9  # changed on the page


def test_reordered_themes_count_as_a_change() -> None:
    shown = parse_settings({"themes": ["Energie", "Wasser"]})
    assert unchanged_from_file(shown.read, OUTLINE).themes == ("Energie", "Wasser")
