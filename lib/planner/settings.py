"""The numbers behind the follow-up timing rules (`RuleSettings`), stored as "rules.*" settings.

Every field carries the metadata a settings form is drawn from; `from_settings` is tolerant:
a missing, unreadable or out-of-range value falls back to its default.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import time
from functools import lru_cache
from typing import Any

from lib.domain.text import WEEKDAYS
from lib.planner.workdays import NO_HOLIDAYS, UnknownCountryError, check_country, country_from_locale

SETTINGS_PREFIX = "rules."
# The holidays calendar a new user starts with: their locale's country (en_GB -> GB), read once.
LOCALE_COUNTRY = country_from_locale(os.environ)


class CallDaysError(ValueError):
    """The days to phone cannot be read; the message says what to write instead."""


def _meta(label: str, help: str, min: int | None = None, max: int | None = None) -> dict[str, Any]:
    return {"label": label, "help": help, "min": min, "max": max}


@dataclass(frozen=True)
class RuleSettings:
    """The numbers behind the follow-up timing rules, each with the default from DESIGN.md.

    Every field carries metadata {"label", "help", "min", "max"} so that a settings form can
    be drawn from the dataclass alone; "min"/"max" are None for non-numeric fields.
    """

    thank_you_hours: int = field(
        default=24,
        metadata=_meta("Thank-you note within (hours)", "Send a thank-you note within this many hours of an interview.", 1, 168),
    )
    followup_days_after_interview: int = field(
        default=7,
        metadata=_meta(
            "First follow-up after an interview (days)",
            "When no timeline was given, follow up this many days after the interview (7 to 10 is normal).",
            1,
            60,
        ),
    )
    followup_late_after_days: int = field(
        default=14,
        metadata=_meta(
            "First follow-up is late after (days)",
            "A first follow-up not sent this many days after the interview is shown as overdue.",
            1,
            90,
        ),
    )
    followup_days_after_applying: int = field(
        default=10,
        metadata=_meta(
            "Follow-up after applying (days)",
            "With no interview yet, follow up this many days after applying (1 to 2 weeks is normal).",
            1,
            90,
        ),
    )
    followup_late_after_applying_days: int = field(
        default=14,
        metadata=_meta(
            "Follow-up after applying is late after (days)",
            "With no interview yet, a follow-up not sent this many days after applying is shown as overdue.",
            1,
            120,
        ),
    )
    phone_min_business_days: int = field(
        default=5,
        metadata=_meta(
            "Call no sooner than (business days)",
            "Do not phone before this many working days (Monday to Friday) after the interview.",
            0,
            30,
        ),
    )
    min_days_between_followups: int = field(
        default=7,
        metadata=_meta(
            "Days between follow-ups, at least",
            "Never send two follow-ups closer together than this.",
            1,
            60,
        ),
    )
    next_followup_days: int = field(
        default=10,
        metadata=_meta(
            "Next follow-up after the last (days)",
            "Send the next follow-up this many days after the previous one (1 to 2 weeks is normal).",
            1,
            60,
        ),
    )
    next_followup_late_after_days: int = field(
        default=14,
        metadata=_meta(
            "Next follow-up is late after (days)",
            "A next follow-up not sent this many days after the previous one is shown as overdue.",
            1,
            90,
        ),
    )
    max_followups: int = field(
        default=2,
        metadata=_meta(
            "Follow-ups at most",
            "How many follow-ups to send after the thank-you note when nothing comes back; the last is the final, polite one.",
            1,
            5,
        ),
    )
    move_on_after_days: int = field(
        default=10,
        metadata=_meta(
            "Move on after the final follow-up (days)",
            "When the final follow-up is unanswered this long, suggest closing the application as No Response.",
            1,
            90,
        ),
    )
    quiet_after_days: int = field(
        default=60,
        metadata=_meta(
            "Move on after a silence of (days)",
            "When a follow-up is overdue and nothing has happened for this many days, suggest closing the application instead.",
            14,
            365,
        ),
    )
    coming_up_days: int = field(
        default=7,
        metadata=_meta("Coming up within (days)", "Actions due within this many days are listed as coming up.", 1, 60),
    )
    rejection_reply_days: int = field(
        default=2,
        metadata=_meta(
            "Reply to a rejection within (days)",
            "A reply to a rejection, asking for feedback, is best sent within this many days.",
            1,
            30,
        ),
    )
    rejection_reply_stale_days: int = field(
        default=14,
        metadata=_meta(
            "Stop suggesting a rejection reply after (days)",
            "After this many days a reply to a rejection is no longer suggested.",
            1,
            120,
        ),
    )
    call_window_start: time = field(
        default=time(10, 30),
        metadata=_meta("Calls from", "Earliest time of day to phone (late morning is best)."),
    )
    call_window_end: time = field(
        default=time(14, 30),
        metadata=_meta("Calls until", "Latest time of day to phone (early afternoon is best)."),
    )
    call_days: str = field(
        default="Tue, Wed, Thu",
        metadata=_meta(
            "Days to phone",
            "Weekdays to phone on, e.g. \"Tue, Wed, Thu\", \"Tuesdays and Fridays\" or \"Tue-Thu\". "
            "Monday mornings and Friday afternoons are always avoided.",
        ),
    )
    holidays_country: str = field(
        default=LOCALE_COUNTRY,
        metadata=_meta(
            "Public holidays of (country code)",
            "No follow-up falls due on a public holiday of this country, e.g. GB, US, DE, IN; "
            "none for weekends only. The default comes from your computer's language setting.",
        ),
    )
    holidays_region: str = field(
        default="",
        metadata=_meta(
            "Holidays region (optional)",
            "A state or region with its own holidays, e.g. SCT for Scotland or CA for California; blank for the national ones.",
        ),
    )

    @property
    def call_weekdays(self) -> frozenset[int]:
        """Return the weekdays (Monday is 0) to phone on, from `call_days`; Tue-Thu if none."""
        return _parse_weekdays(self.call_days) or frozenset({1, 2, 3})

    @classmethod
    def from_settings(cls, d: Mapping[str, str]) -> RuleSettings:
        """Return settings read from the flat settings dict ("rules.<field>" keys).

        Tolerant: a missing, unreadable or out-of-range value falls back to its default;
        never raises.
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            default = f.default if f.default is not MISSING else None
            raw = d.get(SETTINGS_PREFIX + f.name) if d else None
            values[f.name] = _read_value(raw, default, f.metadata)
        if values["call_window_end"] <= values["call_window_start"]:
            values["call_window_start"] = cls.call_window_start
            values["call_window_end"] = cls.call_window_end
        if not _parse_weekdays(values["call_days"]):
            values["call_days"] = cls.call_days
        try:
            values["holidays_country"], values["holidays_region"] = check_country(values["holidays_country"], values["holidays_region"])
        except UnknownCountryError:
            try:
                values["holidays_country"], values["holidays_region"] = check_country(values["holidays_country"])
            except UnknownCountryError:
                values["holidays_country"], values["holidays_region"] = cls.holidays_country, ""
        return cls(**values)

    def problems(self) -> dict[str, str]:
        """Return, per field name, why a value typed in a form would be ignored (empty when all is read).

        A form refuses to save while there are any, so it never reports "saved" for a value
        `from_settings` would replace with its default.
        """
        found: dict[str, str] = {}
        try:
            parse_call_days(self.call_days)
        except CallDaysError as exc:
            found["call_days"] = str(exc)
        try:
            check_country(self.holidays_country, self.holidays_region)
        except UnknownCountryError as exc:
            found["holidays_region" if _country_only_ok(self.holidays_country) else "holidays_country"] = str(exc)
        return found

    def describe(self) -> dict[str, str]:
        """Return, per field name, how a value written loosely was read, e.g. call_days -> "Tuesday and Friday"."""
        out: dict[str, str] = {}
        days = _parse_weekdays(self.call_days)
        if days:
            out["call_days"] = _and([WEEKDAYS[d] for d in sorted(days)])
        country, region = self.holiday_calendar
        out["holidays_country"] = "weekends only" if country == NO_HOLIDAYS else f"{country}{'-' + region if region else ''} public holidays"
        return out

    @property
    def holiday_calendar(self) -> tuple[str, str]:
        """Return (country, region) for `lib.planner.workdays`; ("none", "") when unreadable."""
        try:
            return check_country(self.holidays_country, self.holidays_region)
        except UnknownCountryError:
            try:
                return check_country(self.holidays_country)
            except UnknownCountryError:
                return NO_HOLIDAYS, ""

    def to_settings(self) -> dict[str, str]:
        """Return the settings as a flat dict of "rules.<field>" -> text."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[SETTINGS_PREFIX + f.name] = value.strftime("%H:%M") if isinstance(value, time) else str(value)
        return out


def _read_value(raw: Any, default: Any, meta: Mapping[str, Any]) -> Any:
    if raw is None or str(raw).strip() == "":
        return default
    text = str(raw).strip()
    if isinstance(default, bool):
        return default
    if isinstance(default, int):
        try:
            number = float(text)
        except ValueError:
            return default
        if number != int(number):
            return default
        value = int(number)
        lo, hi = meta.get("min"), meta.get("max")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return default
        return value
    if isinstance(default, time):
        match = re.fullmatch(r"(\d{1,2})[:.h](\d{2})(?::\d{2})?", text)
        if not match:
            return default
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            return default
        return time(hour, minute)
    return text


def _country_only_ok(country: str) -> bool:
    try:
        check_country(country)
    except UnknownCountryError:
        return False
    return True


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# Every way of writing a weekday we read: "Tue", "Tues", "Tuesday", "Tuesdays", "tu".
_DAY_WORDS: dict[str, int] = {}
for _i, _name in enumerate(WEEKDAYS):
    _low = _name.lower()
    for _n in range(2, len(_low) + 1):
        _DAY_WORDS.setdefault(_low[:_n], _i)
    _DAY_WORDS[_low + "s"] = _i
for _ambiguous in ("t", "s"):  # "t" and "s" alone could be two days
    _DAY_WORDS.pop(_ambiguous, None)
_DAY_WORDS.update({"weds": 2, "thur": 3, "thurs": 3, "tues": 1})
_GROUPS: dict[str, frozenset[int]] = {
    "weekdays": frozenset(range(5)),
    "weekday": frozenset(range(5)),
    "workdays": frozenset(range(5)),
    "midweek": frozenset({1, 2, 3}),
}
_FILLER = frozenset({"and", "or", "on", "every", "each", "only", "the", "any", "also", "plus", "&", "+"})
_RANGE = re.compile(r"^([a-z]+)\s*(?:-|–|—|to|through|thru|until|till)\s*([a-z]+)$")


def _take_days(found: Iterable[int], days: set[int], weekend: list[str]) -> None:
    for d in found:
        if d >= 5:
            weekend.append(WEEKDAYS[d])
        else:
            days.add(d)


def parse_call_days(text: str) -> frozenset[int]:
    """Return the weekdays (Monday is 0) written in `text`.

    Reads lists and ranges as people write them: "Tue, Wed, Thu", "Tuesdays and Fridays",
    "Tue-Thu", "Monday to Wednesday", "weekdays", "midweek". Raises CallDaysError for a word
    it cannot read, for Saturday or Sunday (not days to phone an employer) and for no day at all.
    """
    low = str(text).strip().lower()
    days: set[int] = set()
    unknown: list[str] = []
    weekend: list[str] = []
    # Ranges first ("tue - thu", "monday to wednesday"), so their words are not read one by one.
    parts = re.split(r"[,;/]+|\band\b|&|\+", low)
    for part in parts:
        part = part.strip()
        if not part:
            continue
        match = _RANGE.match(part)
        if match and match.group(1) in _DAY_WORDS and match.group(2) in _DAY_WORDS:
            first, last = _DAY_WORDS[match.group(1)], _DAY_WORDS[match.group(2)]
            span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
            _take_days(span, days, weekend)
            continue
        for word in re.split(r"[\s.]+", part):
            if not word or word in _FILLER:
                continue
            if word in _GROUPS:
                days |= _GROUPS[word]
            elif word in _DAY_WORDS:
                _take_days([_DAY_WORDS[word]], days, weekend)
            else:
                unknown.append(word)
    if unknown:
        raise CallDaysError(
            f"Could not read {_and([repr(w) for w in unknown])} as a day. "
            'Write weekdays such as "Tue, Wed, Thu", "Tuesdays and Fridays" or "Tue-Thu".'
        )
    if weekend:
        named = sorted(set(weekend), key=WEEKDAYS.index)
        verb = "is not a day" if len(named) == 1 else "are not days"
        raise CallDaysError(f"{_and(named)} {verb} to phone an employer: choose days from Monday to Friday.")
    if not days:
        raise CallDaysError('Write at least one weekday to phone on, such as "Tue, Wed, Thu".')
    return frozenset(days)


@lru_cache(maxsize=64)
def _parse_weekdays(text: str) -> frozenset[int]:
    """`parse_call_days`, tolerant: an empty set when the value cannot be read."""
    try:
        return parse_call_days(text)
    except CallDaysError:
        return frozenset()
