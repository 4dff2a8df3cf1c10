"""Time helpers for the planner: comparing moments typed with or without a time of day,
working days (weekends and the person's public holidays skipped), and the hours in which to phone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from lib.domain.text import untimed
from lib.planner import workdays
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


def add_business_days(day: date, n: int, s: RuleSettings | None = None) -> date:
    """The day `n` working days after `day`: weekends and the settings' public holidays skipped."""
    return workdays.add_business_days(day, n, *(s or RuleSettings()).holiday_calendar)


def working_day(day: date, s: RuleSettings) -> date:
    """`day` when it is a working day, else the next one: a message never falls due on a day off."""
    return workdays.next_working_day(day, *s.holiday_calendar)


def call_hours(day: date, s: RuleSettings) -> tuple[time, time] | None:
    """The calling hours on `day`, or None when it is not a day to call (a public holiday is not)."""
    if day.weekday() not in s.call_weekdays or not workdays.is_working_day(day, *s.holiday_calendar):
        return None
    start, end = s.call_window_start, s.call_window_end
    if day.weekday() == 0:  # never a Monday morning
        start = max(start, NOON)
    if day.weekday() == 4:  # never a Friday afternoon
        end = min(end, NOON)
    return (start, end) if start < end else None


def first_call_day(day: date, s: RuleSettings) -> date:
    """The first day on or after `day` with calling hours."""
    for offset in range(28):  # long enough to cross a run of holidays (Christmas to New Year)
        candidate = day + timedelta(days=offset)
        if call_hours(candidate, s) is not None:
            return candidate
    # The settings allow no slot at all (e.g. only Monday mornings): fall back to midweek.
    fallback = _fallback(s)
    return day if fallback == s else first_call_day(day, fallback)


def _fallback(s: RuleSettings) -> RuleSettings:
    """The default call days and hours, with the person's own holidays."""
    return RuleSettings(holidays_country=s.holidays_country, holidays_region=s.holidays_region)


def call_window(day: date, now: datetime, s: RuleSettings) -> tuple[datetime, datetime]:
    """The next calling slot on or after `day` that has not passed at `now`."""
    candidate = max(day, now.date())
    for _ in range(35):
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
    fallback = _fallback(s)
    if fallback == s:  # not even midweek has a slot in five weeks: the day itself, at the usual hours
        return datetime.combine(candidate, s.call_window_start), datetime.combine(candidate, s.call_window_end)
    return call_window(day, now, fallback)
