"""How the app compares and quotes cell values: one rule for "the same value" and for "as a person reads it".

Used by the forms (what the person changed), the stores (what was changed by hand since) and
the messages that show both values; `Increment` is a change a store resolves at write time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from lib.domain.schema import Column, Kind
from lib.domain.text import is_blank, to_iso


def is_blank_cell(value: Any) -> bool:
    """Return True for a raw cell with nothing in it (blank or white space only)."""
    return is_blank(value) or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """Return a raw cell as the text a person would see in it (numbers without a stray .0)."""
    if is_blank_cell(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Increment:
    """A change meaning "add `by` to whatever the cell holds when the write happens".

    A count the app keeps (Follow-Ups Sent) is resolved against the row as it is at write
    time, inside the store's locked write or fresh read, so two tabs logging at once both
    count, and a number typed by hand is added to rather than overwritten.
    """

    by: int = 1


@dataclass(frozen=True)
class Latest:
    """A change meaning "the later of `at` and whatever moment the cell holds when the write happens".

    A date the app keeps as "the last time" (Last Follow-Up On, Thank-You Sent On) is resolved
    against the row at write time, like `Increment`: two tabs logging a message a minute apart
    both land (the later date stays) instead of the second being refused as a hand edit.
    """

    at: datetime


def comparable(column: Column, value: Any) -> Any:
    """Return a value in the form used to tell whether two cells hold the same thing."""
    if column.kind in (Kind.DATE, Kind.DATETIME):
        if is_blank(value):
            return None
        moment = pd.Timestamp(value).to_pydatetime().replace(second=0, microsecond=0)
        return moment.date() if column.kind is Kind.DATE else moment
    if column.kind is Kind.INT:
        try:
            return int(value or 0)
        except (TypeError, ValueError):
            return str(value)
    return cell_text(value).strip()


def display(value: Any) -> str:
    """Return a value as a person would read it in a message."""
    if is_blank(value):
        return "(blank)"
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return to_iso(pd.Timestamp(value).to_pydatetime())
    text = str(value)
    return text if text else "(blank)"
