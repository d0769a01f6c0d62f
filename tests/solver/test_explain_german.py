"""Every reason why no plan exists has its German sentence, with the same figures."""

from __future__ import annotations

import re
from pathlib import Path

from rotation.domain import Event, Group, Participant
from rotation.errors import Reason
from rotation.io.messages import GERMAN_REASONS, reason_text
from rotation.solver.explain import counting_conflicts

SOLVER = Path(__file__).parents[2] / "src" / "rotation" / "solver"


def test_every_reason_key_has_a_german_sentence() -> None:
    reason = re.compile(r'Reason\(\s*(?:f?"[^"]*"\s*)+,\s*"(\w+)"')
    sources = [(SOLVER / name).read_text() for name in ("explain.py", "replan.py")]
    keys = {key for source in sources for key in reason.findall(source)}
    assert len(keys) >= 11 and "theme_short" in keys
    assert keys <= set(GERMAN_REASONS)


def test_counting_conflicts_in_german_keep_their_figures() -> None:
    people = [Participant(f"P{i:02d}", organisation=f"Org {i % 3}") for i in range(30)]
    event = Event.build(
        people,
        themes=["Wasser", "Energie"],
        tables_per_theme=1,
        table_size=12,
        keep_apart=[Group("Vorstand", tuple(p.id for p in people[:3]))],
    )
    reasons = counting_conflicts(event)
    assert reasons and all(isinstance(r, Reason) and r.key in GERMAN_REASONS for r in reasons)
    german = [reason_text(r, "de") for r in reasons]
    assert german[0] == (
        "Phase 1: 30 Teilnehmende sind anwesend, aber die Tische haben zusammen nur 24 Plätze; "
        "ergänzen Sie 6 Plätze (mehr oder größere Tische)."
    )
    apart = "Phase 1: Die Gruppe 'Vorstand' (getrennt halten) hat 3 anwesende Mitglieder"
    assert any(text.startswith(apart) for text in german)
    assert [reason_text(r, "en") for r in reasons] == [str(r) for r in reasons]
