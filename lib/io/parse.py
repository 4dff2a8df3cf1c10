"""Turn the raw cells of each tab into typed frames and a list of data issues.

Both store backends hand over the same `RawTable` shape, so a mistyped date reads the same
whether it came from a CSV file or a Google Sheet. Nothing here raises on bad data: every
problem becomes a `DataIssue` naming the cell, and the rest of the data is still used.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from lib.domain.model import ROW, DataIssue, Dataset, typed_frame
from lib.domain.schema import APPLICATIONS, FOLLOWUPS, SETTINGS, Column, Kind, Tab, canonical_choice, column_letter, match_headers
from lib.domain.values import cell_text, is_blank_cell
from lib.io.dates import DateProblem, parse_datetime


@dataclass
class RawTable:
    """One tab as stored: its header row and the data rows below it, in sheet order.

    Cells are whatever the backend holds: text from a CSV file; text, numbers (dates as
    serial numbers) or booleans from Google Sheets. Row i of `rows` is sheet row i + 2.
    """

    header: list[Any]
    rows: list[list[Any]] = field(default_factory=list)
    text_only: bool = field(default=False, compare=False)  # every cell is a str (a CSV file's are): parsed faster


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a read builds its many small lists and strings.

    They hold no reference cycles, so the collector would find nothing, yet at 10,000 rows it
    runs over and over and takes about a third of a load's time. Left as it was if already paused.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def provisional_id(tab: Tab, cells: list[Any]) -> str:
    """Return the ID a row typed by hand without one is known by until the app writes one.

    It is derived from the row's content, so the store can find the same row again at write
    time (and refuse if the person changed it meanwhile).
    """
    digest = hashlib.sha1("\x1f".join(cell_text(c) for c in cells).encode()).hexdigest()
    return f"{tab.id_prefix}-{digest[:8]}"


def split_duplicate(app_id: str) -> str:
    """Return the ID as stored for an ID the reader made unique ("A-1@9" -> "A-1")."""
    return app_id.split("@", 1)[0]


def parse_cell(column: Column, raw: Any, today: date, day_first: bool | None) -> tuple[Any, str | None]:
    """Return (typed value, problem or None) for one cell of `column`.

    A cell that cannot be read gives a blank typed value and the problem in words; text
    columns keep the text exactly as typed.
    """
    if column.kind in (Kind.DATE, Kind.DATETIME):
        try:
            moment = parse_datetime(raw, today, day_first=day_first)
        except DateProblem as exc:
            return None, f"'{cell_text(raw)}' is not a date we can read: {exc}. Write it as YYYY-MM-DD."
        if moment is not None and column.kind is Kind.DATE:
            moment = moment.replace(hour=0, minute=0, second=0)
        return moment, None
    if column.kind is Kind.INT:
        text = cell_text(raw).strip()
        if not text:
            return 0, None
        try:
            number = float(text)
        except ValueError:
            return 0, f"'{text}' is not a whole number."
        if number < 0 or not number.is_integer():
            return 0, f"'{text}' is not a whole number of 0 or more."
        return int(number), None
    text = cell_text(raw)
    if column.kind is Kind.CHOICE and text.strip():
        choice = canonical_choice(column, text)
        if choice is None:
            return text, f"'{text}' is not one of: {', '.join(column.choices)}."
        return choice, None
    return text, None


def _day_first(settings: Mapping[str, str]) -> bool | None:
    order = settings.get("data.date_order", "").strip().upper()
    return {"DMY": True, "MDY": False}.get(order)


def parse_settings(raw: RawTable | None) -> dict[str, str]:
    """Return the Settings tab as a dict (later rows win; blank keys are skipped)."""
    if raw is None:
        return {}
    match = match_headers(SETTINGS, raw.header)
    k, v = match.positions.get("Key"), match.positions.get("Value")
    out: dict[str, str] = {}
    if k is None:
        return out
    for row in raw.rows:
        key = cell_text(row[k]).strip() if k < len(row) else ""
        if key:
            out[key] = cell_text(row[v]) if v is not None and v < len(row) else ""
    return out


def parse_tab(tab: Tab, raw: RawTable | None, today: date, *, day_first: bool | None = None,
              first_row: int = 2) -> tuple[pd.DataFrame, list[DataIssue], list[str], list[str]]:
    """Parse one tab. Return (typed frame, issues, notes about mapped headers, extra headers).

    `first_row` is the sheet row of raw.rows[0] (2, below the header, unless parsing a part of the tab).
    """
    issues: list[DataIssue] = []
    notes: list[str] = []
    if raw is None:
        issues.append(DataIssue(tab.title, None, "", f"The tab '{tab.title}' is missing; it is treated as empty.", severity="error"))
        return typed_frame(tab, []), issues, notes, []
    match = match_headers(tab, raw.header)
    for name, header in match.aliased.items():
        notes.append(f"{tab.title}: read the column '{header}' as '{name}'.")
    for name in match.missing:
        if tab.column(name).required:
            issues.append(DataIssue(tab.title, 1, name, f"There is no '{name}' column; add it to the header row.", severity="error"))
    optional_missing = [n for n in match.missing if not tab.column(n).required and n != "ID"]
    if optional_missing:
        issues.append(DataIssue(
            tab.title, 1, "",
            f"No column for {', '.join(optional_missing)}; the app adds them at the end of the header row when it first needs them.",
            severity="info",
        ))
    for dup, header in match.duplicates:
        issues.append(DataIssue(tab.title, 1, header, f"The header '{header}' appears twice; only the first is read.", cell=f"{column_letter(dup)}1"))

    # Column by column, each distinct raw value parsed once: a sheet of 10,000 rows holds far
    # fewer distinct dates, statuses and numbers than cells.
    text_only = raw.text_only
    if text_only:  # all text: a row is blank when its cells joined are only spaces
        filled = list(map(str.strip, map("".join, raw.rows)))  # map() runs these in C: no Python per row
        kept = list(range(len(filled))) if all(filled) else [i for i, text in enumerate(filled) if text]
    else:
        kept = [i for i, row in enumerate(raw.rows) if not _row_is_blank(row)]
    if kept and kept[-1] + 1 != len(kept):
        kept_set = set(kept)
        for i in range(kept[-1]):
            if i not in kept_set:
                issues.append(DataIssue(tab.title, i + first_row, "", "This row is empty; it is skipped.", severity="info"))
    everything = len(kept) == len(raw.rows)
    rows = raw.rows if everything else [raw.rows[i] for i in kept]
    sheet_rows = list(range(first_row, first_row + len(kept))) if everything else [i + first_row for i in kept]
    data: dict[str, Any] = {}
    # Columnar from here: one object array per column, each parsed (and checked) as a whole.
    # In an all-text table a short row's missing cells are "", which reads exactly as a blank cell.
    fill = "" if text_only else None
    columns = _columns(rows, fill)
    blank_column = _object_array([fill] * len(rows))
    for col in tab.columns:
        pos = match.positions.get(col.name)
        cells = columns[pos] if pos is not None and pos < len(columns) else blank_column
        # A column that is missing altogether is reported once, above, not on every row.
        typed, problems = _parse_column_array(col, cells, today, day_first, check_required=pos is not None, text_only=text_only)
        letter = column_letter(pos) if pos is not None else ""
        for k, problem in problems:
            issues.append(DataIssue(tab.title, sheet_rows[k], col.name, problem, cell_text(cells[k]), f"{letter}{sheet_rows[k]}"))
        if col.name == "ID":
            typed = _typed_array(Kind.TEXT, _unique_ids(tab, match, rows, sheet_rows, list(typed), issues))
        data[col.name] = typed
    for pos, header in match.extra:
        data[header] = _typed_array(Kind.TEXT, _texts(columns[pos], text_only) if pos < len(columns) else [""] * len(rows))
    data[ROW] = np.array(sheet_rows, dtype="int64")
    # Arrays of the final types: pandas infers nothing, so this stays fast on large sheets.
    frame = pd.DataFrame(data, copy=False)
    return frame, issues, notes, [h for _, h in match.extra]


def _typed_array(kind: Kind, values: list[Any] | np.ndarray) -> np.ndarray | pd.Series:
    """Return a column's values as the array type of the typed-frame contract (lib.domain.model)."""
    if kind in (Kind.DATE, Kind.DATETIME):
        return pd.DatetimeIndex(values).as_unit("ns").values  # None becomes NaT
    if kind is Kind.INT:
        return np.array(values, dtype="int64")
    out = np.empty(len(values), dtype=object)
    out[:] = values
    # A Series keeps dtype object; a bare object array would be inferred as pandas' string type.
    return pd.Series(out, dtype=object, copy=False)


def _columns(rows: list[list[Any]], fill: Any) -> list[np.ndarray]:
    """Return the rows as one object array per column (short rows padded with `fill`)."""
    if not rows:
        return []
    widths = set(map(len, rows))
    if len(widths) == 1:  # the usual shape (every row as wide as the header): one 2-D copy in C
        grid = np.empty((len(rows), widths.pop()), dtype=object)
        grid[:] = rows
        return [np.ascontiguousarray(grid[:, j]) for j in range(grid.shape[1])]
    return [_object_array(c) for c in itertools.zip_longest(*rows, fillvalue=fill)]


def _object_array(values: Any) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _all_text(cells: np.ndarray) -> bool:
    """Return True when every cell is a str (a CSV file's always are; a sheet's numbers and blanks are not)."""
    return set(map(type, cells)) <= {str}


def _texts(cells: np.ndarray, text_only: bool = False) -> list[Any] | np.ndarray:
    """Return the cells as the text a person sees in them."""
    return cells if text_only or _all_text(cells) else [c if type(c) is str else cell_text(c) for c in cells]


def _parse_column_array(
    col: Column, cells: np.ndarray, today: date, day_first: bool | None, *, check_required: bool = True, text_only: bool = False
) -> tuple[np.ndarray | pd.Series, list[tuple[int, str]]]:
    """Return (the column's typed array, [(index, problem)]) for one column's cells.

    Text cells are parsed once per distinct value (pandas' factorize finds them); a column
    with other cells (numbers, booleans from a sheet) goes cell by cell, where TRUE, 1 and
    1.0 stay apart.
    """
    if col.kind in (Kind.TEXT, Kind.URL) and not col.required:
        return _typed_array(Kind.TEXT, _texts(cells, text_only)), []
    if col.kind in (Kind.TEXT, Kind.URL) and text_only:  # required text: kept as typed, a blank one reported
        if not check_required or col.name == "ID":
            return _typed_array(Kind.TEXT, cells), []
        empty = f"{col.name} is empty."
        if all(map(str.strip, cells)):
            return _typed_array(Kind.TEXT, cells), []
        return _typed_array(Kind.TEXT, cells), [(i, empty) for i, c in enumerate(cells) if not c.strip()]
    if not len(cells) or not (text_only or _all_text(cells)):
        values, problems = _parse_column(col, list(cells), today, day_first, check_required=check_required)
        return _typed_array(col.kind, values), problems
    codes, uniques = pd.factorize(cells)
    if col.kind in (Kind.DATE, Kind.DATETIME):
        moments, date_problems = _parse_date_texts(col, uniques, today, day_first)
        if not date_problems:
            return moments.take(codes), []
        where = np.flatnonzero(np.isin(codes, list(date_problems)))
        return moments.take(codes), [(int(k), date_problems[int(codes[k])]) for k in where]
    results = [_checked_cell(col, u, today, day_first, check_required) for u in uniques]
    typed = _typed_array(col.kind, [v for v, _ in results])
    out = typed.take(codes) if isinstance(typed, np.ndarray) else _typed_array(Kind.TEXT, typed.to_numpy().take(codes))
    bad = [i for i, (_, problem) in enumerate(results) if problem]
    if not bad:
        return out, []
    where = np.flatnonzero(np.isin(codes, bad))
    return out, [(int(k), str(results[codes[k]][1])) for k in where]


# The shapes the app writes (and most programs save): read in one go by pandas, exactly as parse_datetime reads them.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?")


def _parse_date_texts(col: Column, texts: np.ndarray, today: date, day_first: bool | None) -> tuple[np.ndarray, dict[int, str]]:
    """Return (datetime64[ns] per distinct date text, {index: problem}): ISO 8601 ones at once, any other one by `parse_cell`."""
    iso = np.fromiter((_ISO_DAY.fullmatch(t) is not None for t in texts), dtype=bool, count=len(texts))
    out = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[ns]")
    if iso.any():
        moments = pd.to_datetime(pd.Index(texts[iso], dtype=object), format="ISO8601", errors="coerce")
        if col.kind is Kind.DATE:
            moments = moments.normalize()
        out[iso] = moments.as_unit("ns").values
    problems: dict[int, str] = {}
    for i in np.flatnonzero(~iso | np.isnat(out)):  # other shapes, blanks, and ISO-looking days that do not exist
        value, problem = parse_cell(col, texts[i], today, day_first)
        if problem:
            problems[int(i)] = problem
        elif value is not None:
            out[i] = pd.Timestamp(value).as_unit("ns").to_datetime64()
    return out, problems


def _checked_cell(col: Column, cell: Any, today: date, day_first: bool | None, check_required: bool) -> tuple[Any, str | None]:
    """Return `parse_cell`'s (value, problem), with "is empty" for a blank required cell."""
    value, problem = parse_cell(col, cell, today, day_first)
    if problem is None and check_required and col.required and col.name != "ID" and (value is None or not str(value).strip()):
        problem = f"{col.name} is empty."
    return value, problem


def _row_is_blank(row: list[Any]) -> bool:
    for c in row:
        if type(c) is str:
            if c and not c.isspace():
                return False
        elif not is_blank_cell(c):
            return False
    return True


def _parse_column(
    col: Column, cells: list[Any], today: date, day_first: bool | None, *, check_required: bool = True
) -> tuple[list[Any], list[tuple[int, str]]]:
    """Return (typed values, [(index, problem)]) for one column's cells."""
    if col.kind in (Kind.TEXT, Kind.URL) and not col.required:
        return [c if type(c) is str else cell_text(c) for c in cells], []
    # Text cells key themselves; other cells carry their type, so TRUE, 1 and 1.0 stay apart.
    keys = [c if type(c) is str or c is None else (type(c), c) for c in cells]
    results: dict[Any, tuple[Any, str | None]] = {}
    for key, cell in zip(keys, cells):
        if key not in results:
            results[key] = _checked_cell(col, cell, today, day_first, check_required)
    values = [results[k][0] for k in keys]
    bad = {k for k, (_, problem) in results.items() if problem}
    problems = [(i, str(results[k][1])) for i, k in enumerate(keys) if k in bad] if bad else []
    return values, problems


def _unique_ids(tab: Tab, match: Any, rows: list[list[Any]], sheet_rows: list[int], typed: list[Any], issues: list[DataIssue]) -> list[str]:
    """Return an ID per row: as typed, provisional when blank, made unique (and reported) when repeated."""
    id_pos = match.positions.get("ID")
    stripped = list(map(str.strip, map(str, typed)))
    if all(stripped) and len(set(stripped)) == len(stripped):
        return stripped  # the common case: every row has its own ID
    seen: dict[str, int] = {}
    out: list[str] = []
    for row, sheet_row, value in zip(rows, sheet_rows, typed):
        row_id = str(value).strip() or provisional_id(tab, row)
        if row_id in seen:
            issues.append(DataIssue(
                tab.title, sheet_row, "ID",
                f"The ID '{row_id}' is also on row {seen[row_id]}; give one of them a new ID. The app will not change either row until then.",
                row_id, f"{column_letter(id_pos)}{sheet_row}" if id_pos is not None else "",
            ))
            row_id = f"{row_id}@{sheet_row}"
        else:
            seen[row_id] = sheet_row
        out.append(row_id)
    return out


def parse_row(tab: Tab, header: list[Any], row: list[Any], sheet_row: int, today: date,
              settings: Mapping[str, str]) -> tuple[pd.DataFrame, list[DataIssue]]:
    """Return one row at `sheet_row` read exactly as `parse_dataset` reads it in its tab: a frame of one row, and its issues.

    For updating a read after the app's own write to that row. The frame is empty when the row is.
    """
    frame, issues, _notes, _extra = parse_tab(tab, RawTable(header, [row]), today, day_first=_day_first(settings), first_row=sheet_row)
    return frame, [i for i in issues if i.row == sheet_row]


def parse_dataset(raw: Mapping[str, RawTable | None], today: date) -> Dataset:
    """Parse every tab of a store's raw read into a Dataset (typed frames + data issues).

    `raw` maps tab title to its RawTable, or None when the tab is missing.
    """
    settings = parse_settings(raw.get(SETTINGS.title))
    day_first = _day_first(settings)
    apps, app_issues, app_notes, app_extra = parse_tab(APPLICATIONS, raw.get(APPLICATIONS.title), today, day_first=day_first)
    fups, fup_issues, fup_notes, fup_extra = parse_tab(FOLLOWUPS, raw.get(FOLLOWUPS.title), today, day_first=day_first)
    issues = app_issues + fup_issues
    if len(fups):
        ids = set(apps["ID"])
        known = ids.union(split_duplicate(i) for i in ids if "@" in i)
        orphan = fups[~fups["Application ID"].isin(known) & (fups["Application ID"] != "")]
        for _, r in orphan.iterrows():
            issues.append(DataIssue(FOLLOWUPS.title, int(r[ROW]), "Application ID",
                                    f"No application has the ID '{r['Application ID']}'.", r["Application ID"]))
    return Dataset(
        applications=apps,
        followups=fups,
        settings=settings,
        issues=issues,
        notes=app_notes + fup_notes,
        extra_columns={APPLICATIONS.title: app_extra, FOLLOWUPS.title: fup_extra},
    )
