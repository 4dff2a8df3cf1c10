"""One CSV file read in the dialect it was saved in, and written back in that same dialect.

Spreadsheet programs save CSV in many shapes: Excel in Europe separates fields with `;`
(sometimes after a `sep=;` first line), "Unicode text" is tab-separated UTF-16 with a
byte-order mark, older programs write Windows-1252, line ends are CRLF, LF or CR, and
some programs quote every cell or every text cell. `read_csv` finds out which shape a file
has and keeps the raw text of every row; `render` writes a table back in that shape, reusing
the exact text of every row (and, in a changed row, of every cell) the app did not change.

When the file cannot be read faithfully (bytes that are no known text encoding, quotes that
never close, rows separated by another delimiter than the rest), the file carries a
`Problem`: its table is a best-effort reading to show, and it must not be written.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from lib.io.parse import RawTable

# No field is too large to read: a 200,000-character reply is a normal cell. The limit is
# process-wide in the csv module; the largest value a C long holds on every platform.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
SNIFF_LINES = 50  # lines read to choose the delimiter
QUOTING_SAMPLE = 200  # rows looked at to learn how the file quotes cells

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+")
# Line breaks str.splitlines() knows besides \r and \n; a file without them splits the same either way.
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _has_other_breaks(text: str) -> bool:
    # Eight substring searches are some thirty times quicker than one character-class regex over a large file.
    return any(ch in text for ch in _OTHER_BREAKS)
_SEP_LINE = re.compile(r"sep=(.)(\r\n|\n|\r|$)", re.IGNORECASE)
# Cells a "quote every text cell" save leaves bare: numbers, percentages, dates and times.
_NOT_TEXT = re.compile(
    r"[+-]?(?:\d+(?:[.,]\d*)*|[.,]\d+)(?:[eE][+-]?\d+)?%?"
    r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?"
)


class Quoting(Enum):
    """Which cells the file puts in quotes (cells that must be quoted always are)."""

    MINIMAL = "only where needed"
    ALL = "every cell"
    TEXT = "every text cell"


@dataclass(frozen=True)
class CsvFormat:
    """How a CSV file is saved: everything needed to write it back the same way."""

    encoding: str = "utf-8"  # a Python codec name: utf-8, utf-16-le, utf-16-be, cp1252
    bom: bool = True
    delimiter: str = ","
    line_end: str = "\r\n"
    quoting: Quoting = Quoting.MINIMAL
    sep_line: str = ""  # a first line such as "sep=;\r\n", kept as it was
    final_line_end: bool = True  # whether the last row ends with a line end

    def describe(self) -> str:
        """Return the format in words, e.g. "semicolon-separated UTF-8 with a byte-order mark"."""
        name = DELIMITER_NAMES.get(self.delimiter, f"'{self.delimiter}'")
        bom = " with a byte-order mark" if self.bom else ""
        return f"{_ENCODING_NAMES.get(self.encoding, self.encoding)}{bom}, cells separated by {name}"


_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "cp1252": "Windows-1252"}
DEFAULT_FORMAT = CsvFormat()  # what the app writes a new file in: Excel opens it right everywhere


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be read faithfully, and how to fix it."""

    message: str
    row: int | None = None  # the row as a spreadsheet numbers it (the header is row 1)
    value: str = ""  # the text in question, as saved (kept out of the message: it is the person's text)


class Records:
    """The raw text of each row of a file, cut out of the file's text only when asked for."""

    def __init__(self, text: str, offsets: list[int]):
        self._text = text
        self._offsets = offsets  # where each row starts in `text`, and where the last one ends

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def raw(self, i: int) -> str:
        """Return row i's text with its line end."""
        return self._text[self._offsets[i] : self._offsets[i + 1]]

    def __getitem__(self, i: int) -> str:
        """Return row i's text without its line end."""
        return self.raw(i).rstrip("\r\n")

    def end(self, i: int) -> str:
        """Return row i's own line end ("" for a last row without one)."""
        raw = self.raw(i)
        return raw[len(raw.rstrip("\r\n")):]


@dataclass
class CsvFile:
    """A file as read: its cells, its format, and the raw text of each row (header first)."""

    table: RawTable
    format: CsvFormat = DEFAULT_FORMAT
    records: Records = field(default_factory=lambda: Records("", [0]))  # raw text of each row (header first)
    problem: Problem | None = None


def read_csv(data: bytes, score_header: Callable[[list[str]], int]) -> CsvFile:
    """Return the file in `data` read in its own dialect.

    `score_header` counts the names in a candidate header row that the app knows; the
    delimiter that yields most known names wins. Never raises on bad data: the result
    carries a `Problem` instead.
    """
    text, encoding, bom, problem = _decode(data)
    sep_line = ""
    delimiter = ""
    sep = _SEP_LINE.match(text)
    if sep:
        sep_line, delimiter = sep.group(0), sep.group(1)
        text = text[sep.end():]
    lines = _lines(text)
    if not delimiter:
        delimiter = _sniff(lines, score_header)
    table, records, quote_problem = _parse(text, lines, delimiter, first_line=2 if sep_line else 1)
    problem = problem or quote_problem or _mixed_delimiters(table, records, delimiter, score_header)
    sample = range(min(len(records), QUOTING_SAMPLE))
    ending = [e for i in sample if (e := records.end(i))]
    line_end = max(set(ending), key=ending.count) if ending else "\r\n"
    sampled = [records[i] for i in sample]
    # A file with no quote in its first rows quotes only where needed (what _quoting finds, without the work).
    quoting = _quoting(sampled, delimiter) if any('"' in r for r in sampled) else Quoting.MINIMAL
    fmt = CsvFormat(
        encoding=encoding, bom=bom, delimiter=delimiter, line_end=line_end,
        quoting=quoting, sep_line=sep_line,
        final_line_end=not records or bool(records.end(len(records) - 1)),
    )
    return CsvFile(table=table, format=fmt, records=records, problem=problem)


def render(table: RawTable, source: CsvFile | None) -> bytes:
    """Return `table` as the bytes of a file in `source`'s format (the default for a new file).

    Rows and cells that `source` already holds are written with their original text.
    Raises UnicodeEncodeError when a cell has a character the file's encoding cannot hold.
    """
    fmt = source.format if source else DEFAULT_FORMAT
    old_rows: list[list[Any]] = source.table.rows if source else []
    records = source.records if source else Records("", [0])
    by_content: dict[tuple[Any, ...], int] | None = None
    out: list[tuple[str, str]] = []
    if source and records and table.header == source.table.header:
        out.append((records[0], records.end(0) or fmt.line_end))
    else:
        old_header = source.table.header if source and records else None
        out.append((_changed_row(table.header, old_header, records[0] if old_header is not None else "", fmt), fmt.line_end))
    for i, row in enumerate(table.rows):
        if i < len(old_rows) and row == old_rows[i]:
            out.append((records[i + 1], records.end(i + 1) or fmt.line_end))
            continue
        if by_content is None:
            by_content = {}
            for j, old in enumerate(old_rows):
                by_content.setdefault(tuple(old), j)
        j = by_content.get(tuple(row), -1)
        if j >= 0:
            out.append((records[j + 1], records.end(j + 1) or fmt.line_end))
        elif len(table.rows) == len(old_rows):  # an update: the row at this place, changed
            out.append((_changed_row(row, old_rows[i], records[i + 1], fmt), fmt.line_end))
        else:
            out.append((_changed_row(row, None, "", fmt), fmt.line_end))
    if not fmt.final_line_end:
        out[-1] = (out[-1][0], "")
    text = fmt.sep_line + "".join(t + e for t, e in out)
    encoded = text.encode(fmt.encoding)
    if fmt.bom:
        encoded = _bom_of(fmt.encoding) + encoded
    return encoded


def _lines(text: str) -> list[str]:
    """Return the text cut into lines, each with its own line end (\r\n, \n or \r)."""
    if not _has_other_breaks(text):
        return text.splitlines(keepends=True)  # the same cut, done in C
    return _LINE.findall(text)


def _decode(data: bytes) -> tuple[str, str, bool, Problem | None]:
    """Return (text, encoding, has BOM, problem) for a file's bytes."""
    encoding, bom = next(((enc, True) for mark, enc in _BOMS if data.startswith(mark)), (_utf16_without_bom(data) or "utf-8", False))
    body = data[len(_bom_of(encoding)):] if bom else data
    tried = _ENCODING_NAMES[encoding]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        text, problem = body.decode(encoding, errors="replace"), _undecodable(exc, tried)
        if encoding == "utf-8" and not bom:
            try:
                return body.decode("cp1252"), "cp1252", False, None  # an older spreadsheet program's save
            except UnicodeDecodeError as legacy:
                text, encoding = body.decode("cp1252", errors="replace"), "cp1252"
                problem = _undecodable(legacy, "UTF-8 nor Windows-1252")
        return text, encoding, bom, problem
    if "\x00" in text:
        return text.replace("\x00", "\ufffd"), encoding, bom, Problem(
            "The file holds NUL bytes, so it is not plain CSV text (a workbook saved under a .csv name?). "
            "Save it from your spreadsheet program as 'CSV UTF-8'."
        )
    return text, encoding, bom, None


def _bom_of(encoding: str) -> bytes:
    return next(mark for mark, enc in _BOMS if enc == encoding)


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the UTF-16 codec when the bytes look like UTF-16 text saved without a BOM."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd > pairs * 0.4 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.4 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


def _undecodable(exc: UnicodeDecodeError, tried: str) -> Problem:
    bad = exc.object[exc.start : exc.start + 1].hex().upper()
    what = f"neither {tried}" if " nor " in tried else f"not valid {tried}"
    return Problem(
        f"The file is {what} text: the byte 0x{bad} at position {exc.start} cannot be read. "
        "Open it in your spreadsheet program and save it as 'CSV UTF-8'."
    )


def _sniff(lines: list[str], score_header: Callable[[list[str]], int]) -> str:
    """Return the delimiter that splits the first rows into the most known headers, then the most even rows."""
    best, best_score = ",", (-1, -1, -1)
    for delimiter in DELIMITERS:
        rows = _rows(lines[:SNIFF_LINES], delimiter)
        header = rows[0] if rows else []
        widths = [len(r) for r in rows[1:] if r]
        even = sum(1 for w in widths if w == len(header)) if len(header) > 1 else 0
        score = (score_header(header), even, len(header))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _rows(lines: list[str], delimiter: str) -> list[list[str]]:
    rows: list[list[str]] = []
    with contextlib.suppress(csv.Error):  # the rows before the error are what counts
        rows.extend(csv.reader(iter(lines), delimiter=delimiter))
    return rows


def _parse(text: str, lines: list[str], delimiter: str, first_line: int) -> tuple[RawTable, Records, Problem | None]:
    """Return (table, raw text of each row, quoting problem) for the file's text cut into `lines`.

    `first_line` is the number of the first of `lines` in the file, for messages.
    """
    line_starts = [0, *itertools.accumulate(map(len, lines))]
    if '"' not in text:
        # No quotes: every line is one row and cells are split by the delimiter, exactly as the csv module
        # would (an empty line is a row of no cells), at a fraction of the cost.
        plain = text.splitlines() if not _has_other_breaks(text) else [line.rstrip("\r\n") for line in lines]
        return _table([p.split(delimiter) if p else [] for p in plain]), Records(text, line_starts), None
    cells: list[list[str]] = []
    row_ends: list[int] = []  # the line each row ends before
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            cells.append(row)
            row_ends.append(reader.line_num)
    except csv.Error as exc:
        done = row_ends[-1] if row_ends else 0
        problem = Problem(
            f"The quotes on row {len(cells) + 1} (line {done + first_line} of the file) do not close properly ({exc}): "
            'a cell that starts with " must end with " before the next separator, and a " inside it must be doubled (""). '
            "Fix that row in a text editor, or re-save the file from your spreadsheet program.",
            row=len(cells) + 1,
        )
        try:
            cells = list(csv.reader(iter(lines), delimiter=delimiter))
        except csv.Error:
            cells = [line.rstrip("\r\n").split(delimiter) for line in lines]
        return _table(cells), Records(text, [0]), problem
    return _table(cells), Records(text, [0, *(line_starts[n] for n in row_ends)]), None


def _table(cells: list[list[str]]) -> RawTable:
    if not cells:
        return RawTable(header=[], rows=[], text_only=True)
    return RawTable(header=cells[0], rows=cells[1:], text_only=True)


def _mixed_delimiters(table: RawTable, records: Records, delimiter: str, score_header: Callable[[list[str]], int]) -> Problem | None:
    """Return a problem when a row (or the header) is separated by another delimiter than the file's."""
    name = DELIMITER_NAMES.get(delimiter, f"'{delimiter}'")
    for cell in table.header:
        for other in DELIMITERS:
            if other != delimiter and other in cell and score_header(cell.split(other)) >= 2:
                return Problem(
                    f"The header row mixes separators: one of its cells is split by {DELIMITER_NAMES[other]} "
                    f"while the file uses {name}. Make the whole file use one separator and save it again.",
                    row=1, value=cell,
                )
    width = len(table.header)
    if width < 2 or all(n == 0 or n >= width for n in set(map(len, table.rows))):
        return None  # no row is short: none can be split by another delimiter
    mixed: list[tuple[int, str, str]] = []  # (row, its delimiter, its text)
    for i, row in enumerate(table.rows):
        if not row or len(row) >= width:
            continue
        raw = records[i + 1] if i + 1 < len(records) else delimiter.join(row)
        for other in DELIMITERS:
            if other == delimiter or other not in raw:
                continue
            split = _rows([raw], other)
            count = len(split[0]) if split else 0
            if count > len(row) and count >= min(width, 3):
                mixed.append((i + 2, other, raw))
                break
    if not mixed:
        return None
    first, other, raw = mixed[0]
    more = f" (and {len(mixed) - 1} more row{'s' if len(mixed) > 2 else ''} like it)" if len(mixed) > 1 else ""
    return Problem(
        f"Row {first}{more} is separated by {DELIMITER_NAMES[other]} while the rest of the file uses {name}, "
        f"so the app cannot tell which cell is which. Make such rows use {name} like the others and save the file again.",
        row=first, value=raw[:80],
    )


def split_raw(raw: str, delimiter: str) -> list[str] | None:
    """Return the raw text of each cell of one row as saved (quotes kept), or None if it is not well-formed."""
    d = re.escape(delimiter)
    cell = re.compile(rf'"(?:[^"]|"")*"|[^"{d}][^{d}]*|')
    out: list[str] = []
    pos = 0
    while True:
        m = cell.match(raw, pos)
        if m is None:
            return None
        out.append(m.group())
        pos = m.end()
        if pos >= len(raw):
            return out
        if raw[pos] != delimiter:
            return None
        pos += 1
        if pos == len(raw):
            out.append("")
            return out


def _quoting(records: list[str], delimiter: str) -> Quoting:
    """Return how the sampled rows quote cells that would not need quotes."""
    quoted_spare = unquoted_text = unquoted_typed = quoted_empty = unquoted_empty = 0
    for raw in records:
        for cell in _cells_of(raw, delimiter):
            if cell.startswith('"'):
                inner = cell[1:-1]
                if not inner:
                    quoted_empty += 1
                elif not _must_quote(inner.replace('""', '"'), delimiter):
                    quoted_spare += 1
            elif not cell:
                unquoted_empty += 1
            elif _NOT_TEXT.fullmatch(cell.strip()):
                unquoted_typed += 1
            else:
                unquoted_text += 1
    if not quoted_spare or unquoted_text:
        return Quoting.MINIMAL
    if unquoted_typed or unquoted_empty:
        return Quoting.TEXT
    return Quoting.ALL


def _cells_of(raw: str, delimiter: str) -> Iterator[str]:
    cells = split_raw(raw, delimiter) if raw else []
    yield from cells or []


def _must_quote(text: str, delimiter: str) -> bool:
    return delimiter in text or '"' in text or "\r" in text or "\n" in text


def _cell(value: Any, fmt: CsvFormat) -> str:
    text = "" if value is None else str(value)
    if (
        _must_quote(text, fmt.delimiter)
        or fmt.quoting is Quoting.ALL
        or (fmt.quoting is Quoting.TEXT and text and not _NOT_TEXT.fullmatch(text.strip()))
    ):
        return '"' + text.replace('"', '""') + '"'
    return text


def _changed_row(row: list[Any], old: list[Any] | None, old_raw: str, fmt: CsvFormat) -> str:
    """Return one row's text; cells equal to the old row's keep their original text."""
    old_cells = split_raw(old_raw, fmt.delimiter) if old is not None and old_raw else None
    if old_cells is not None and old is not None and len(old_cells) != len(old):
        old_cells = None
    parts = []
    for k, value in enumerate(row):
        if old_cells is not None and old is not None and k < len(old) and value == old[k]:
            parts.append(old_cells[k])
        else:
            parts.append(_cell(value, fmt))
    if len(parts) == 1 and parts[0] == "":
        return '""'  # one empty cell, told apart from an empty row
    return fmt.delimiter.join(parts)
