"""The words on table signs, personal slips and rosters, in English and German.

The cards follow the plan workbook's labels (:mod:`rotation.io.workbook.labels`): one frozen
table per language, looked up by the same ``"en"``/``"de"`` codes, so both languages stay
complete and in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from rotation.io.language import Language, in_language

__all__ = ["CardWords", "card_words"]


@dataclass(frozen=True)
class CardWords:
    """Every word the cards show, in one language."""

    lang: Language
    table: str
    """``{table}``: a table's name on a sign, a slip and a roster."""
    phase: str
    """``{number}``: a phase without a time label of its own."""
    only_phase: str
    """``{phase}``: a table that runs in one phase only."""
    only_phases: str
    """``{phases}``: a table that runs only in some phases."""
    host: str
    """``{name}``: the table's host."""
    host_marker: str
    fold_here: str
    you_host: str
    not_present: str
    people: str
    """``{count}``: how many sit at a table in a phase."""
    number: str
    name: str
    organisation: str
    present: str
    cut_hint: str


_EN = CardWords(
    lang="en",
    table="Table {table}",
    phase="Phase {number}",
    only_phase="only in phase {phase}",
    only_phases="only in phases {phases}",
    host="Host: {name}",
    host_marker="host",
    fold_here="fold here",
    you_host="you host this table",
    not_present="not present",
    people="{count} people",
    number="#",
    name="Name",
    organisation="Organisation",
    present="Here",
    cut_hint="Cut along the dashed lines.",
)

_DE = CardWords(
    lang="de",
    table="Tisch {table}",
    phase="Phase {number}",
    only_phase="nur in Phase {phase}",
    only_phases="nur in den Phasen {phases}",
    host="Gastgeber·in: {name}",
    host_marker="Gastgeber·in",
    fold_here="hier falten",
    you_host="Sie sind Gastgeber·in",
    not_present="nicht anwesend",
    people="{count} Personen",
    number="Nr.",
    name="Name",
    organisation="Organisation",
    present="Da",
    cut_hint="An den gestrichelten Linien schneiden.",
)

_BY_LANG: Mapping[str, CardWords] = MappingProxyType({"en": _EN, "de": _DE})


def card_words(lang: str) -> CardWords:
    """The card words for ``"en"`` or ``"de"`` (ValueError for any other language)."""
    return in_language(_BY_LANG, lang)
