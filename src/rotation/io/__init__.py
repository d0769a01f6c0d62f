"""Files in and out. pandas and openpyxl live here, never in the solver core.

- :mod:`rotation.io.registration`: registration files (and DataFrames) in, templates out.
- :mod:`rotation.io.workbook`: the plan workbook out, and read back.
- Shared by both directions: :mod:`~rotation.io.cells` (cleaning cell values, matching ids),
  :mod:`~rotation.io.sheets` (a spreadsheet as plain rows, finding header rows),
  :mod:`~rotation.io.xlsx` (opening workbooks safely), :mod:`~rotation.io.inspection`
  (refusing unsafe files: bombs, encryption, size) and :mod:`~rotation.io.saving` (inert
  text cells, atomic saves that never touch the input).
"""

from rotation.io.registration import (
    event_from_dataframe,
    participants_from_dataframe,
    read_event,
    write_template,
)
from rotation.io.workbook import read_plan, read_plan_to_change, write_plan

__all__ = [
    "event_from_dataframe",
    "participants_from_dataframe",
    "read_event",
    "read_plan",
    "read_plan_to_change",
    "write_plan",
    "write_template",
]
