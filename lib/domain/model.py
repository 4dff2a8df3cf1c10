"""Typed tables the rest of the app works on, and the data issues found while reading.

Contract of the typed frames (built by `lib.io.parse`, or by `applications_frame` /
`followups_frame` from plain records, e.g. in tests):

- one column per schema column, named exactly as in `lib.domain.schema`, in schema order;
- TEXT, URL and CHOICE columns hold `str` ("" when blank; never None or NaN);
- DATE columns hold midnight `datetime64[ns]`, DATETIME columns `datetime64[ns]`
  (naive local time; a date typed without a time is midnight); NaT when blank or unreadable;
- INT columns hold `int64` (blank is 0);
- Applications always have a non-empty, unique "ID" (rows typed by hand without one get a
  provisional ID; see `lib.io.parse`); "_row" is the 1-based sheet row the record was read from.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from lib.domain.fields import AppCol, HistCol
from lib.domain.schema import APPLICATIONS, FOLLOWUPS, Kind, Tab
from lib.domain.text import is_blank

ROW = "_row"  # the sheet row a record came from, for messages ("row 12")


@dataclass(frozen=True)
class DataIssue:
    """Something wrong in the user's data: which cell, and what is wrong with it.

    `row` is the 1-based sheet row (the header is row 1), or None for a whole-tab issue;
    `column` is the header as the user sees it, or "" for a whole-row issue.
    """

    tab: str
    row: int | None
    column: str
    message: str
    value: str = ""
    cell: str = ""  # A1 reference such as "H12", when known
    severity: str = "warning"  # "error": data is unusable until fixed; "warning": a cell was not read; "info": FYI

    @property
    def where(self) -> str:
        """Return where to fix it, e.g. "Applications!H12 (Applied On)"."""
        place = self.tab
        if self.cell:
            place += f"!{self.cell}"
        elif self.row is not None:
            place += f" row {self.row}"
        if self.column:
            place += f" ({self.column})"
        return place


@dataclass
class Dataset:
    """Everything read from a store in one go, typed, with what was wrong in it."""

    applications: pd.DataFrame
    followups: pd.DataFrame
    settings: dict[str, str] = field(default_factory=dict)
    issues: list[DataIssue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "Read the header 'Position' as 'Job Title'."
    extra_columns: dict[str, list[str]] = field(default_factory=dict)  # tab title -> the user's own headers
    token: str = field(default_factory=lambda: uuid.uuid4().hex)  # names this read, for caching what derives from it

    @property
    def is_demo(self) -> bool:
        return self.settings.get("demo", "").lower() == "true"

    def application(self, app_id: str) -> dict[str, Any] | None:
        """Return one application as a dict of column -> value, or None if no row has that ID."""
        rows = self.applications[self.applications[AppCol.ID] == app_id]
        if rows.empty:
            return None
        row: dict[str, Any] = rows.iloc[0].to_dict()
        return row

    def history(self, app_id: str) -> pd.DataFrame:
        """Return the follow-up history of one application, oldest first."""
        rows = self.followups[self.followups[HistCol.APPLICATION_ID] == app_id]
        return rows.sort_values(HistCol.DATE, kind="stable")


def _empty_value(kind: Kind) -> Any:
    if kind in (Kind.DATE, Kind.DATETIME):
        return pd.NaT
    if kind is Kind.INT:
        return 0
    return ""


def _coerce(kind: Kind, value: Any) -> Any:
    if is_blank(value):
        return _empty_value(kind)
    if kind is Kind.DATE:
        return pd.Timestamp(value).normalize()
    if kind is Kind.DATETIME:
        return pd.Timestamp(value)
    if kind is Kind.INT:
        return int(value)
    return str(value)


def typed_frame(tab: Tab, records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build a typed frame (see the module docstring) from plain records.

    Missing keys become blanks; values are coerced (`date`/`datetime`/ISO text for dates).
    Keys that are not schema columns are kept as extra text columns.
    """
    records = list(records)
    data: dict[str, list[Any]] = {}
    for col in tab.columns:
        data[col.name] = [_coerce(col.kind, r.get(col.name)) for r in records]
    extra = [k for r in records for k in r if k not in data and k != ROW]
    for name in dict.fromkeys(extra):
        data[name] = ["" if r.get(name) is None else str(r.get(name)) for r in records]
    data[ROW] = [int(r.get(ROW, i + 2)) for i, r in enumerate(records)]
    frame = pd.DataFrame(data)
    frame[ROW] = frame[ROW].astype("int64")
    for col in tab.columns:
        if col.kind in (Kind.DATE, Kind.DATETIME):
            frame[col.name] = pd.to_datetime(frame[col.name]).astype("datetime64[ns]")
        elif col.kind is Kind.INT:
            frame[col.name] = frame[col.name].astype("int64")
        else:
            frame[col.name] = frame[col.name].astype(object)
    return frame


def _numbered(records: Iterable[Mapping[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """Return the records with "<prefix>-<n>" as the ID of each record that has none."""
    return [{"ID": f"{prefix}-{i + 1:04d}", **r} for i, r in enumerate(records)]


def applications_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Typed Applications frame from records; a record without "ID" gets "A-<n>"."""
    return typed_frame(APPLICATIONS, _numbered(records, "A"))


def followups_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Typed Follow-ups frame from records; a record without "ID" gets "F-<n>"."""
    return typed_frame(FOLLOWUPS, _numbered(records, "F"))


def as_date(value: Any) -> date | None:
    """Return the calendar day of a cell value (Timestamp, datetime, date), or None if blank."""
    if is_blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        day: date = value.date()
        return day
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def as_datetime(value: Any) -> datetime | None:
    """Return a cell value as a naive datetime, or None if blank."""
    if is_blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        moment: datetime = value.to_pydatetime()
        return moment
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def column_values(frame: pd.DataFrame, name: str) -> list[Any]:
    """Return one column of a typed frame as plain Python values, quickly.

    Datetime columns become `datetime` objects (None for NaT); a column the frame lacks is
    all None.
    """
    if name not in frame.columns:
        return [None] * len(frame)
    col = frame[name]
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        # numpy turns datetime64[us] into datetime objects and NaT into None, quickly.
        values: list[Any] = col.to_numpy().astype("datetime64[us]").tolist()
        return values
    return list(col.tolist())
