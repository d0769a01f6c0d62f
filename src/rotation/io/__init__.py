"""Reading and writing files: registration workbooks in, templates and plan workbooks out.

pandas and openpyxl live here, never in the solver core.
"""

from rotation.io.frames import event_from_dataframe, participants_from_dataframe
from rotation.io.plan_reader import read_plan
from rotation.io.plan_writer import write_plan
from rotation.io.registration import read_event
from rotation.io.template import write_template

__all__ = [
    "event_from_dataframe",
    "participants_from_dataframe",
    "read_event",
    "read_plan",
    "write_plan",
    "write_template",
]
