"""Reading dates people type into a sheet, and writing them back.

A cell may hold a real date (a spreadsheet serial number, a `datetime`) or text in many
shapes. Text is read when it can mean only one day; otherwise the caller gets a problem
to report, never a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

# Spreadsheet serial numbers count days from this day (Google Sheets, Excel after 1900-03-01).
SERIAL_EPOCH = datetime(1899, 12, 30)
# Numbers typed as text are taken as serial dates only in this range (years 1954 to 2119).
_SERIAL_TEXT_RANGE = (20000, 80000)

_MONTHS: dict[str, int] = {}
for _i, (_abbr, _full) in enumerate(
    zip(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"),
    ),
    start=1,
):
    _MONTHS[_abbr] = _i
    _MONTHS[_full] = _i
_MONTHS["sept"] = 9

_WEEKDAY_WORDS = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|urday|rsday)?\b\.?", re.I
)
_TIME_AT_END = re.compile(
    r"(?:^|[\sT,@]+)(?:at\s+)?(\d{1,2})(?::(\d{2}))(?::(\d{2})(?:\.\d+)?)?\s*([ap])?\.?m?\.?$"
    r"|(?:^|[\sT,@]+)(?:at\s+)?(\d{1,2})\s*([ap])\.?m\.?$",
    re.I,
)
_ISO_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC_DAY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-z]+)\.?(?:[\s\-/.]+(\d{4}|\d{2}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?[\s\-/.]+(\d{1,2})(?:st|nd|rd|th)?(?:[\s\-/.]+(\d{4}))?$")
_YEARLESS_AHEAD_DAYS = 60
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


class DateProblem(ValueError):
    """A cell that does not name exactly one day (unreadable or ambiguous)."""


def from_serial(value: float) -> datetime:
    """Return the datetime a spreadsheet serial number stands for (fractions are the time)."""
    dt = SERIAL_EPOCH + timedelta(days=float(value))
    # Serial fractions carry float noise; round to the second.
    return (dt + timedelta(microseconds=500_000)).replace(microsecond=0)


def to_serial(value: date | datetime) -> float | int:
    """Return the spreadsheet serial number for a day (an int) or a moment (a float)."""
    if isinstance(value, datetime):
        delta = value - SERIAL_EPOCH
        if value.hour == value.minute == value.second == 0:
            return delta.days
        return round(delta.total_seconds() / 86400, 8)
    return (value - SERIAL_EPOCH.date()).days


def _year_near(today: date, month: int, day: int) -> date:
    """Return the day with that month and day that a typist who left out the year meant.

    Dates in a job search are mostly recent or near: take the latest one that is no more
    than two months ahead of today.
    """
    best: date | None = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if cand <= today + timedelta(days=_YEARLESS_AHEAD_DAYS):
            best = cand
    if best is None:
        raise DateProblem(f"there is no day {day} in month {month}")
    return best


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _make(year: int | None, month: int, day: int, today: date) -> date:
    if year is None:
        return _year_near(today, month, day)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem(f"there is no day {day} in month {month} of {year}") from None


def _split_time(text: str) -> tuple[str, time | None]:
    m = _TIME_AT_END.search(text)
    if not m:
        return text, None
    if m.group(1) is not None:
        hour, minute, second, ampm = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), m.group(4)
    else:
        hour, minute, second, ampm = int(m.group(5)), 0, 0, m.group(6)
    if ampm:
        if not 1 <= hour <= 12:
            raise DateProblem("the hour does not fit am/pm")
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateProblem("the time of day is not a real time")
    return text[: m.start()].strip(" ,"), time(hour, minute, second)


def _parse_day(text: str, today: date, day_first: bool | None) -> date:
    if text in _RELATIVE:
        return today + timedelta(days=_RELATIVE[text])
    m = _ISO_DAY.match(text)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
    m = _NUMERIC_DAY.match(text)
    if m:
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        year = _full_year(y) if y else None
        if sep == ".":  # 14.03.2026 is written day first wherever dots are used
            return _make(year, b, a, today)
        if a > 12 and b <= 12:
            return _make(year, b, a, today)
        if b > 12 and a <= 12:
            return _make(year, a, b, today)
        if a > 12 and b > 12:
            raise DateProblem("neither number can be the month")
        if a == b or day_first is not None:
            return _make(year, b, a, today) if day_first else _make(year, a, b, today)
        raise DateProblem(
            f"it could be {_make(year, a, b, today):%-d %B} (month first) or "
            f"{_make(year, b, a, today):%-d %B} (day first)"
        )
    m = _DAY_MONTH.match(text)
    if m and m.group(2) in _MONTHS:
        year = _full_year(m.group(3)) if m.group(3) else None
        return _make(year, _MONTHS[m.group(2)], int(m.group(1)), today)
    m = _MONTH_DAY.match(text)
    if m and m.group(1) in _MONTHS:
        year = int(m.group(3)) if m.group(3) else None
        return _make(year, _MONTHS[m.group(1)], int(m.group(2)), today)
    raise DateProblem("it is not a date in a shape we can read")


def parse_datetime(value: Any, today: date, *, day_first: bool | None = None) -> datetime | None:
    """Return the moment a cell names, or None when the cell is blank.

    Accepts datetimes, dates, spreadsheet serial numbers (numbers, or numeric text in a
    plausible range), ISO 8601 text, `m/d/yyyy` and `d/m/yyyy` when only one reading is
    possible (or `day_first` says which), `d.m.yyyy`, month names (`14 Mar`, `March 14, 2026`,
    `Tue 3 Nov 10:00`), and `today`/`yesterday`/`tomorrow`. A year left out is the one that
    puts the day nearest to `today`.

    Raises DateProblem, whose message says why, for anything else.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise DateProblem("it is TRUE/FALSE, not a date")
    if isinstance(value, (int, float)):
        if value != value:  # NaN
            return None
        if not 0 < value < 2958466:
            raise DateProblem("the number is not a date")
        return from_serial(value)
    text = str(value).strip()
    if not text:
        return None
    try:  # the common case, and the shape the app writes
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        pass
    if re.fullmatch(r"\d+(\.\d+)?", text):
        number = float(text)
        if _SERIAL_TEXT_RANGE[0] <= number <= _SERIAL_TEXT_RANGE[1]:
            return from_serial(number)
        raise DateProblem("the number is not a date")
    lowered = " ".join(text.lower().replace(",", " ").split())
    lowered = _WEEKDAY_WORDS.sub("", lowered).strip(" ,")
    day_text, moment = _split_time(lowered)
    day_text = " ".join(day_text.replace(",", " ").split())
    if not day_text:
        raise DateProblem("it has a time but no day")
    day = _parse_day(day_text, today, day_first)
    return datetime.combine(day, moment or time(0, 0))


