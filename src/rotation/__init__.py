"""rotation: plan who sits at which workshop table in each phase of a participatory meeting.

>>> import rotation
>>> people = [rotation.Participant(f"{n}", organisation=f"Org {n % 4}") for n in range(24)]
>>> event = rotation.Event.build(people, themes=["Water", "Energy"], tables_per_theme=2)
>>> plan = rotation.solve(event, time_limit=10, seed=1, workers=1, deterministic=True)
>>> plan.metrics.repeat_encounters == plan.record.bounds[rotation.Goal.REPEAT_ENCOUNTERS]
True

The file formats (``read_event``, ``write_plan``, ...) load pandas and openpyxl on first use,
so the planner core stays importable without them.
"""

from typing import TYPE_CHECKING, Any

from rotation.checker import CheckReport, Violation, check
from rotation.domain import (
    CheckedPlan,
    EarlierPlan,
    Event,
    Goal,
    Goals,
    Group,
    Metric,
    Metrics,
    Participant,
    Phase,
    Plan,
    Rule,
    SolveRecord,
    Status,
    Table,
    Theme,
    ThemeCoverage,
)
from rotation.errors import (
    EventError,
    InputError,
    NoPlanError,
    OutputError,
    Problem,
    RotationError,
    SolveTimeoutError,
)
from rotation.solver import (
    Method,
    Progress,
    explain_infeasibility,
    lower_bounds,
    replan,
    solve,
)

if TYPE_CHECKING:
    from rotation.io import (
        event_from_dataframe,
        participants_from_dataframe,
        read_event,
        read_plan,
        write_plan,
        write_template,
    )
    from rotation.io.cards import write_cards

__version__ = "0.1.0"

_IO = {
    "event_from_dataframe",
    "participants_from_dataframe",
    "read_event",
    "read_plan",
    "write_plan",
    "write_template",
}


def __getattr__(name: str) -> Any:
    # The file functions load pandas and openpyxl on first use, so planning in code and the
    # solver stay light; `dir(rotation)` lists them all the same.
    if name == "write_cards":  # loads the PDF library, so only when cards are written
        from rotation.io.cards import write_cards

        return write_cards
    if name in _IO:
        import rotation.io

        return getattr(rotation.io, name)
    raise AttributeError(f"module 'rotation' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CheckReport",
    "CheckedPlan",
    "EarlierPlan",
    "Event",
    "EventError",
    "Goal",
    "Goals",
    "Group",
    "InputError",
    "Method",
    "Metric",
    "Metrics",
    "NoPlanError",
    "OutputError",
    "Participant",
    "Phase",
    "Plan",
    "Problem",
    "Progress",
    "RotationError",
    "Rule",
    "SolveRecord",
    "SolveTimeoutError",
    "Status",
    "Table",
    "Theme",
    "ThemeCoverage",
    "Violation",
    "__version__",
    "check",
    "event_from_dataframe",
    "explain_infeasibility",
    "lower_bounds",
    "participants_from_dataframe",
    "read_event",
    "read_plan",
    "replan",
    "solve",
    "write_cards",
    "write_plan",
    "write_template",
]
