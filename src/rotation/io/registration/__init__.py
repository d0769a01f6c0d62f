"""Registration files in: a spreadsheet (or DataFrame) becomes a validated ``Event``.

The flow, one module each: :mod:`~rotation.io.inspection` refuses unsafe files;
:mod:`~rotation.io.xlsx` or :mod:`.csv` turn the file into plain rows
(:class:`~rotation.io.sheets.RawSheet`); :mod:`.columns` is the vocabulary of accepted
headers; :mod:`.participants`, :mod:`.tables` and :mod:`.settings` read one sheet each;
:mod:`.reader` merges them with the caller's options into the event. :mod:`.frames` does the
same for a pandas DataFrame and :mod:`.template` writes a blank registration workbook.
"""

from rotation.io.registration.frames import event_from_dataframe, participants_from_dataframe
from rotation.io.registration.reader import read_event
from rotation.io.registration.template import write_template

__all__ = ["event_from_dataframe", "participants_from_dataframe", "read_event", "write_template"]
