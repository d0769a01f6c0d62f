"""The planner core: CP-SAT model, constructive start, bounds and explanations.

Imports only the domain, the checker, OR-Tools and the standard library (never pandas or
openpyxl; a test proves it).
"""

from rotation.solver.bounds import lower_bounds
from rotation.solver.explain import explain_infeasibility
from rotation.solver.history import match_people, with_history
from rotation.solver.replan import replan, replan_event
from rotation.solver.solve import Method, Progress, solve

__all__ = [
    "Method",
    "Progress",
    "explain_infeasibility",
    "lower_bounds",
    "match_people",
    "replan",
    "replan_event",
    "solve",
    "with_history",
]
