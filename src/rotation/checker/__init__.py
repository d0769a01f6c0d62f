"""The independent checker: every rule and every metric recomputed from the seats alone.

It never imports the solver model, so a plan from anywhere (made by hand, by another tool,
edited in Excel) is checked and measured the same way as one rotation made.
"""

from rotation.checker.metrics import compute_metrics, encounter_counts
from rotation.checker.report import CheckReport, Violation, check
from rotation.checker.verdict import Verdict, verdict

__all__ = [
    "CheckReport",
    "Verdict",
    "Violation",
    "check",
    "compute_metrics",
    "encounter_counts",
    "verdict",
]
