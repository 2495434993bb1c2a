"""Text for CSV files: every CSV the project writes goes through here, so no cell runs as a formula.

A spreadsheet opening a CSV reads a cell starting with '=', '+', '-', '@', a tab or a carriage return
as a formula ('=HYPERLINK(...)' would run). ``cell`` puts an apostrophe before such a start, which the
spreadsheet shows as text; a lone '-' or '- ' (a dash, or a list) is left as written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

_FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def cell(value: str) -> str:
    """Text a spreadsheet will show rather than run: a leading =, +, @, tab, CR or '-x' gets an apostrophe."""
    if value[:1] in _FORMULA_STARTS or (value[:1] == "-" and value[1:2] not in ("", " ")):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str] | Mapping[str, str]], newline: str = "\r\n") -> str:
    """A CSV file's text: the header, then each row (a sequence, or a mapping by the header's names),
    every cell made safe with ``cell``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        values = [row.get(name, "") for name in header] if isinstance(row, Mapping) else list(row)
        writer.writerow([cell(v) for v in values])
    return out.getvalue()
