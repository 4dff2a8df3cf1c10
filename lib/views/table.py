"""The Applications table as shown: readable text in every cell, links only to web addresses, and the
person's own columns next to the app's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from lib.domain.fields import AppCol
from lib.domain.literal import web_url
from lib.domain.schema import APPLICATIONS, Kind
from lib.domain.text import is_blank

# The app's columns shown by default, in this order.
DEFAULT_COLUMNS: tuple[str, ...] = (
    AppCol.COMPANY, AppCol.JOB_TITLE, AppCol.STATUS, AppCol.APPLIED_ON, AppCol.INTERVIEW_ON,
    AppCol.LAST_FOLLOW_UP_ON, AppCol.RESPONSE_ON, AppCol.SOURCE, AppCol.LOCATION, AppCol.JOB_LINK,
)
LINK_COLUMNS: frozenset[str] = frozenset({AppCol.JOB_LINK, AppCol.INTERVIEWER_LINKEDIN})


CHAR_PX = 7.5  # the table's font, a digit's width
CELL_PADDING_PX = 28  # a cell's padding and the header's sort arrow


@dataclass(frozen=True)
class TableView:
    """What the table shows: `frame` (text cells, "" when blank) and which of its columns are links or dates."""

    frame: pd.DataFrame
    links: tuple[str, ...]
    dates: tuple[str, ...]
    date_widths: Mapping[str, int]  # each date column's width in pixels (see `date_width`), worked out once

    def date_width(self, column: str) -> int:
        """Return a width in pixels that shows the whole of `column`'s longest date and its header.

        The table sizes a column to its header, which cut "2026-11-30 10:00" short under
        "Interview On". Estimated from the character count (digits are about 7.5 px wide).
        """
        return self.date_widths[column]


def _width(column: str, cells: pd.Series) -> int:
    longest = max([len(column), *(len(str(v)) for v in cells)])
    return round(longest * CHAR_PX) + CELL_PADDING_PX


def own_columns(apps: pd.DataFrame, extra_columns: dict[str, list[str]]) -> list[str]:
    """Return the person's own columns of the Applications tab (headers the app does not know), in sheet order."""
    return [c for c in extra_columns.get(APPLICATIONS.title, []) if c in apps.columns]


def choosable_columns(apps: pd.DataFrame, extra_columns: dict[str, list[str]]) -> list[str]:
    """Return every column a person may show: the app's (but the ID) then their own."""
    return [c.name for c in APPLICATIONS.columns if c.name != AppCol.ID] + own_columns(apps, extra_columns)


def _day(value: object, with_time: bool) -> str:
    if is_blank(value):
        return ""
    stamp = pd.Timestamp(value)
    if with_time and (stamp.hour or stamp.minute):
        return f"{stamp:%Y-%m-%d %H:%M}"  # ISO order: sorting the column sorts by date
    return f"{stamp:%Y-%m-%d}"


def _cell(kind: Kind | None, name: str, value: object, with_time: bool) -> object:
    if name in LINK_COLUMNS:
        return web_url(value) or ""  # only a web address becomes a link; other text is not shown as one
    if kind in (Kind.DATE, Kind.DATETIME):
        return _day(value, with_time)
    if kind is Kind.INT:
        return value
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def table_view(apps: pd.DataFrame, columns: Sequence[str]) -> TableView:
    """Return `columns` of `apps` (unknown ones skipped) as the table shows them.

    Blank cells are "" (never "None" or "NaT"); dates read "2026-11-03" ("2026-11-03 14:30"
    when a time was given), so sorting a column sorts by date; a link column holds only web
    addresses (see `lib.domain.literal.web_url`), anything else there is left blank.
    """
    kinds = {c.name: c.kind for c in APPLICATIONS.columns}
    shown = [c for c in columns if c in apps.columns]
    data: dict[str, list[object]] = {}
    for name in shown:
        kind = kinds.get(name)
        with_time = kind is Kind.DATETIME
        data[name] = [_cell(kind, name, v, with_time) for v in apps[name].tolist()]
    frame = pd.DataFrame(data, columns=shown, index=range(len(apps)))
    dates = tuple(c for c in shown if kinds.get(c) in (Kind.DATE, Kind.DATETIME))
    return TableView(frame, tuple(c for c in shown if c in LINK_COLUMNS), dates, {c: _width(c, frame[c]) for c in dates})
