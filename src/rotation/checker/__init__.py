"""The independent checker: every rule and every metric recomputed from the seats alone.

It never imports the solver model, so a plan from anywhere (made by hand, by another tool,
edited in Excel) is checked and measured the same way as one rotation made.
"""

from rotation.checker.changes import Change, ChangeKind, Changes, plan_changes
from rotation.checker.metrics import compute_metrics, encounter_counts
from rotation.checker.report import CheckReport, Violation, check
from rotation.checker.verdict import Verdict, verdict

__all__ = [
    "Change",
    "ChangeKind",
    "Changes",
    "CheckReport",
    "Verdict",
    "Violation",
    "check",
    "compute_metrics",
    "encounter_counts",
    "plan_changes",
    "verdict",
]
