"""Text for a spreadsheet cell that a spreadsheet will show rather than run.

A cell starting with =, +, @, a tab or a carriage return, or a minus followed by something other than
a space, is read as a formula by common spreadsheet programs; such text gets a leading apostrophe,
which they hide. Every CSV the project writes passes its cells through here.
"""

from __future__ import annotations


def safe_cell(value: str) -> str:
    if value[:1] in ("=", "+", "@", "\t", "\r") or (value[:1] == "-" and value[1:2] not in ("", " ")):
        return "'" + value
    return value
