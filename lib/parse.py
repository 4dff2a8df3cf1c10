"""Turn the raw cells of each tab into typed frames and a list of data issues.

Both store backends hand over the same `RawTable` shape, so a mistyped date reads the same
whether it came from a CSV file or a Google Sheet. Nothing here raises on bad data: every
problem becomes a `DataIssue` naming the cell, and the rest of the data is still used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

import pandas as pd

from lib.dates import DateProblem, parse_datetime
from lib.model import ROW, DataIssue, Dataset, typed_frame
from lib.schema import APPLICATIONS, FOLLOWUPS, SETTINGS, Column, Kind, Tab, canonical_choice, column_letter, match_headers


@dataclass
class RawTable:
    """One tab as stored: its header row and the data rows below it, in sheet order.

    Cells are whatever the backend holds: text from a CSV file; text, numbers (dates as
    serial numbers) or booleans from Google Sheets. Row i of `rows` is sheet row i + 2.
    """

    header: list[Any]
    rows: list[list[Any]] = field(default_factory=list)


def is_blank(value: Any) -> bool:
    """Return True for a cell with nothing in it."""
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and value != value
    )


def cell_text(value: Any) -> str:
    """Return a raw cell as the text a person would see in it (numbers without a stray .0)."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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


def parse_tab(tab: Tab, raw: RawTable | None, today: date, *, day_first: bool | None = None) -> tuple[pd.DataFrame, list[DataIssue], list[str], list[str]]:
    """Parse one tab. Return (typed frame, issues, notes about mapped headers, extra headers)."""
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
    for pos, header in match.duplicates:
        issues.append(DataIssue(tab.title, 1, header, f"The header '{header}' appears twice; only the first is read.", cell=f"{column_letter(pos)}1"))

    records: list[dict[str, Any]] = []
    seen_ids: dict[str, int] = {}
    positions = [(tab.column(name), pos) for name, pos in match.positions.items()]
    id_pos = match.positions.get("ID")
    blank = [all(is_blank(c) for c in row) for row in raw.rows]
    last_filled = max((i for i, b in enumerate(blank) if not b), default=-1)
    for i, row in enumerate(raw.rows):
        sheet_row = i + 2
        if blank[i]:
            if i < last_filled:
                issues.append(DataIssue(tab.title, sheet_row, "", "This row is empty; it is skipped.", severity="info"))
            continue
        record: dict[str, Any] = {ROW: sheet_row}
        for col, pos in positions:
            raw_value = row[pos] if pos < len(row) else None
            value, problem = parse_cell(col, raw_value, today, day_first)
            record[col.name] = value
            if problem:
                issues.append(DataIssue(tab.title, sheet_row, col.name, problem, cell_text(raw_value), f"{column_letter(pos)}{sheet_row}"))
            elif col.required and col.name != "ID" and not str(value).strip() and col.kind not in (Kind.DATE, Kind.DATETIME):
                issues.append(DataIssue(tab.title, sheet_row, col.name, f"{col.name} is empty.", cell=f"{column_letter(pos)}{sheet_row}"))
            elif col.required and col.kind in (Kind.DATE, Kind.DATETIME) and value is None:
                issues.append(DataIssue(tab.title, sheet_row, col.name, f"{col.name} is empty.", cell=f"{column_letter(pos)}{sheet_row}"))
        for pos, header in match.extra:
            record[header] = cell_text(row[pos]) if pos < len(row) else ""
        row_id = cell_text(record.get("ID")).strip()
        if not row_id:
            row_id = provisional_id(tab, row)
        if row_id in seen_ids:
            first = seen_ids[row_id]
            issues.append(DataIssue(
                tab.title, sheet_row, "ID",
                f"The ID '{row_id}' is also on row {first}; give one of them a new ID. The app will not change either row until then.",
                row_id, f"{column_letter(id_pos)}{sheet_row}" if id_pos is not None else "",
            ))
            row_id = f"{row_id}@{sheet_row}"
        else:
            seen_ids[row_id] = sheet_row
        record["ID"] = row_id
        records.append(record)
    extra_headers = [h for _, h in match.extra]
    return typed_frame(tab, records), issues, notes, extra_headers


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
        known = set(apps["ID"]).union(split_duplicate(i) for i in apps["ID"])
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
