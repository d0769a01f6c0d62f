"""The plan workbook out and back in: what an organiser prints, and ``rotation check`` reads.

Writing: :mod:`.writer` assembles the sheets, each from its own module (:mod:`.overview`,
:mod:`.phase_sheets`, :mod:`.list_sheets`, the hidden :mod:`.data_sheet`), with words from
:mod:`.labels`, shared looks from :mod:`.layout` and shared views of the plan from
:mod:`.view`. Reading: :mod:`.reader` turns a plan workbook (also one edited by hand) back
into a :class:`~rotation.domain.Plan`.
"""

from rotation.io.workbook.reader import read_plan, read_plan_to_change
from rotation.io.workbook.writer import write_plan

__all__ = ["read_plan", "read_plan_to_change", "write_plan"]
