"""Time helpers for the planner: comparing moments typed with or without a time of day,
business days, and the hours in which to phone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from lib.domain.text import untimed
from lib.planner.settings import RuleSettings

NOON = time(12, 0)


def not_before(a: datetime, b: datetime) -> bool:
    """Is `a` at or after `b`? Compared by day when either has no time of day."""
    if untimed(a) or untimed(b):
        return a.date() >= b.date()
    return a >= b


def strictly_after(a: datetime, b: datetime) -> bool:
    """Is `a` certainly after `b`? On the same day with a time missing, it is not."""
    if untimed(a) or untimed(b):
        return a.date() > b.date()
    return a > b


def latest(values: Iterable[datetime | None]) -> datetime | None:
    found = [v for v in values if v is not None]
    return max(found) if found else None


def add_business_days(day: date, n: int) -> date:
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def call_hours(day: date, s: RuleSettings) -> tuple[time, time] | None:
    """The calling hours on `day`, or None when it is not a day to call."""
    if day.weekday() not in s.call_weekdays:
        return None
    start, end = s.call_window_start, s.call_window_end
    if day.weekday() == 0:  # never a Monday morning
        start = max(start, NOON)
    if day.weekday() == 4:  # never a Friday afternoon
        end = min(end, NOON)
    return (start, end) if start < end else None


def first_call_day(day: date, s: RuleSettings) -> date:
    """The first day on or after `day` with calling hours."""
    for offset in range(14):
        candidate = day + timedelta(days=offset)
        if call_hours(candidate, s) is not None:
            return candidate
    # The settings allow no slot at all (e.g. only Monday mornings): fall back to midweek.
    return first_call_day(day, RuleSettings())


def call_window(day: date, now: datetime, s: RuleSettings) -> tuple[datetime, datetime]:
    """The next calling slot on or after `day` that has not passed at `now`."""
    candidate = max(day, now.date())
    for _ in range(21):
        hours = call_hours(candidate, s)
        if hours is not None:
            start = datetime.combine(candidate, hours[0])
            end = datetime.combine(candidate, hours[1])
            if now > start:
                # Later the same day: start at the next quarter hour so the slot reads naturally.
                start = now.replace(second=0, microsecond=0)
                start += timedelta(minutes=(-start.minute) % 15)
                if start < now:
                    start += timedelta(minutes=15)
            if end - start >= timedelta(minutes=15):
                return start, end
        candidate += timedelta(days=1)
    return call_window(day, now, RuleSettings())
