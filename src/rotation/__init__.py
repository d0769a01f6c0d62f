"""rotation: plan who sits at which workshop table in each phase of a participatory meeting."""

from rotation.domain import (
    Event,
    Goal,
    Goals,
    Group,
    Metrics,
    Participant,
    Phase,
    Plan,
    Status,
    Table,
    Theme,
    ThemeCoverage,
)
from rotation.errors import (
    EventError,
    InputError,
    NoPlanError,
    Problem,
    RotationError,
    SolveTimeoutError,
)

__version__ = "0.1.0"

__all__ = [
    "Event",
    "EventError",
    "Goal",
    "Goals",
    "Group",
    "InputError",
    "Metrics",
    "NoPlanError",
    "Participant",
    "Phase",
    "Plan",
    "Problem",
    "RotationError",
    "SolveTimeoutError",
    "Status",
    "Table",
    "Theme",
    "ThemeCoverage",
    "__version__",
]
