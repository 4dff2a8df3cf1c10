"""Reading a table someone exported from another tracker or a spreadsheet (.csv or .xlsx), for import.

The file is only read, never written, and nothing is sent anywhere. A CSV file is read the
way the local store reads its own files (any delimiter, encoding and quoting; see
lib.io.store.csvfile). An Excel workbook is read with openpyxl: its cell values as last
saved (dates stay dates, numbers stay numbers), from the sheet whose header row names the
most columns the app knows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lib.domain.schema import APPLICATIONS, match_headers
from lib.domain.values import is_blank_cell
from lib.io.parse import RawTable
from lib.io.store.csvfile import read_csv

HEADER_SEARCH_ROWS = 10  # a title or a blank row may sit above the header row of a sheet
EXTENSIONS = ("csv", "xlsx")


class UnreadableFileError(ValueError):
    """The file is not a table the app can read (wrong type, damaged, or not faithfully readable)."""


@dataclass(frozen=True)
class ImportTable:
    """The cells of one table as found in the file.

    `first_row` is the row number (as a spreadsheet numbers them, from 1) of `raw.rows[0]`,
    so a problem can name the row the person sees in their own file; `sheet` is the
    worksheet's name ("" for a CSV file).
    """

    raw: RawTable
    first_row: int = 2
    sheet: str = ""

    def row_number(self, index: int) -> int:
        """Return the file's row number of `raw.rows[index]`."""
        return self.first_row + index


def known_headers(header: list[Any]) -> int:
    """Return how many names in a header row are Applications columns (or their aliases)."""
    return len(match_headers(APPLICATIONS, [str(h) if h is not None else "" for h in header]).positions)


def read_table(name: str, data: bytes, *, score_header: Callable[[list[Any]], int] = known_headers) -> ImportTable:
    """Return the table in the file `name` (its extension says which kind) holding `data`.

    Raises UnreadableFileError, with a sentence for the person, when the file is neither a
    readable CSV file nor an Excel workbook, or holds no header row.
    """
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind == "csv":
        table = _read_csv(data, score_header)
    elif kind == "xlsx":
        table = _read_xlsx(data, score_header)
    else:
        raise UnreadableFileError(f"'{name}' is not a .csv or .xlsx file.")
    if not any(not is_blank_cell(h) for h in table.raw.header):
        raise UnreadableFileError(f"'{name}' has no header row.")
    return table


def _read_csv(data: bytes, score_header: Callable[[list[Any]], int]) -> ImportTable:
    file = read_csv(data, score_header)
    if file.problem is not None:
        where = f" (row {file.problem.row})" if file.problem.row else ""
        raise UnreadableFileError(f"The file cannot be read as it is{where}: {file.problem.message}")
    return ImportTable(file.table)


def _read_xlsx(data: bytes, score_header: Callable[[list[Any]], int]) -> ImportTable:
    from openpyxl import load_workbook  # only an import needs it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(f"The file is not an Excel workbook the app can read ({type(exc).__name__}).") from exc
    best: ImportTable | None = None
    best_score = -1
    try:
        for sheet in book.worksheets:
            rows = [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
            table, score = _with_header(rows, score_header)
            if table is not None and score > best_score:
                best, best_score = ImportTable(table.raw, table.first_row, sheet.title), score
    finally:
        book.close()
    if best is None:
        raise UnreadableFileError("The workbook has no sheet with a header row.")
    return best


def _with_header(rows: list[list[Any]], score_header: Callable[[list[Any]], int]) -> tuple[ImportTable | None, int]:
    """Return the table below the best header row among the first rows (None if all are blank), and its score."""
    candidates = [i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if any(not is_blank_cell(c) for c in row)]
    if not candidates:
        return None, -1
    # The row naming the most known columns; the first non-blank row when none names any.
    at = max(candidates, key=lambda i: (score_header(rows[i]), -i))
    width = max((len(r) for r in rows), default=0)
    header = ["" if c is None else str(c).strip() for c in rows[at]]
    header += [""] * (width - len(header))
    body = [row for row in rows[at + 1 :]]
    while body and all(is_blank_cell(c) for c in body[-1]):
        body.pop()  # Excel keeps formatted but empty rows at the end
    return ImportTable(RawTable(header=header, rows=body), first_row=at + 2), score_header(rows[at])


def _cell(value: Any) -> Any:
    """Return an Excel cell as the parsers take it: a time of day alone, or an error, as text."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):
        return str(value)
    return value
