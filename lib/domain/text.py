"""Cell text and dates in words: one cleaner and one set of date phrases for every page.

`clean` turns any cell value into trimmed text. Only real blanks become "": None, NaN, NaT
and pd.NA. Text a person typed is kept as typed, even the word "None" or "nan".

The date phrases are locale-independent English:

- `short_day`: "Tue 3 Nov" (with the year when it is not this year), for reasons and checks;
- `short_moment`: "Tue 3 Nov at 10:30" (the time only when one was typed);
- `long_date`: "Tuesday, 3 November" (or "3 November 2025" when far away), for messages;
- `day_phrase`: "today", "yesterday", "on Tuesday", "on Tuesday, 3 November": a past day as
  it is said in a message;
- `letter_date`: "3 November 2026", the date line of a letter.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
SHORT_WEEKDAYS: tuple[str, ...] = tuple(d[:3] for d in WEEKDAYS)
SHORT_MONTHS: tuple[str, ...] = tuple(m[:3] for m in MONTHS)


def is_blank(value: Any) -> bool:
    """Return True for a value that holds nothing: None, NaN, NaT or pd.NA (not for text)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def clean(value: Any) -> str:
    """Return a cell as trimmed text; a blank (None, NaN, NaT, pd.NA) is "".

    Text is never second-guessed: a person who typed "None" keeps "None".
    """
    if type(value) is str:
        return value.strip()
    if is_blank(value):
        return ""
    return str(value).strip()


def untimed(moment: datetime) -> bool:
    """True for a value typed as a bare date (midnight): its time of day is unknown."""
    return moment.hour == 0 and moment.minute == 0 and moment.second == 0 and moment.microsecond == 0


def short_day(day: date, today: date | None = None) -> str:
    """Return "Tue 3 Nov"; with `today`, the year is added when it differs ("Tue 3 Nov 2025")."""
    text = f"{SHORT_WEEKDAYS[day.weekday()]} {day.day} {SHORT_MONTHS[day.month - 1]}"
    return text if today is None or day.year == today.year else f"{text} {day.year}"


def short_moment(moment: datetime, today: date | None = None) -> str:
    """Return "Tue 3 Nov at 10:30", or just the day when no time of day was typed."""
    text = short_day(moment.date(), today)
    return text if untimed(moment) else f"{text} at {moment:%H:%M}"


def long_date(day: date, today: date, *, weekday: bool = True) -> str:
    """Return a day the way people write it: "Tuesday, 3 November" this year (or within a few
    months), "3 November 2025" further away."""
    near = abs((day - today).days) <= 180
    if near:
        text = f"{day.day} {MONTHS[day.month - 1]}"
        return f"{WEEKDAYS[day.weekday()]}, {text}" if weekday else text
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def letter_date(day: date) -> str:
    """Return the date line of a letter: "16 November 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_phrase(day: date, today: date) -> str:
    """Return a past day as it is said in a message: "today", "yesterday", "on Tuesday"
    (within the last week), else "on Tuesday, 3 November"."""
    gap = (today - day).days
    if gap == 0:
        return "today"
    if gap == 1:
        return "yesterday"
    if 2 <= gap <= 6:
        return f"on {WEEKDAYS[day.weekday()]}"
    return f"on {long_date(day, today)}"


def to_iso(value: date | datetime | None) -> str:
    """Return a day (or a day and time to the minute) as ISO 8601 text: how the local store
    writes dates, and how a value is quoted back to the person."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    return value.isoformat()
