"""Working days: weekends and the public holidays of the person's country (the `holidays` package).

A follow-up never falls due on a day off, and "five business days" skips public holidays.
The country (and region) is a setting (`RuleSettings.holidays_country`/`holidays_region`);
its default comes from the locale (LANG / LC_ALL, e.g. en_GB -> GB), and "none" means weekends only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache

import holidays

NO_HOLIDAYS = "none"
_LOCALE = re.compile(r"^[a-z]{2,3}_([A-Za-z]{2})\b")


class UnknownCountryError(ValueError):
    """The holidays country or region is not one the `holidays` package knows."""


@lru_cache(maxsize=1)
def supported() -> Mapping[str, tuple[str, ...]]:
    """Return the country codes the `holidays` package covers, each with its region codes."""
    return {code: tuple(subdivs) for code, subdivs in holidays.list_supported_countries().items()}


def country_from_locale(env: Mapping[str, str]) -> str:
    """Return the holidays country for a locale environment (LC_ALL wins over LANG), or "none".

    "en_GB.UTF-8" gives "GB"; "C", "POSIX", "C.UTF-8", a blank or an unknown country gives "none".
    """
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = env.get(name, "").strip()
        if not value:
            continue
        match = _LOCALE.match(value)
        code = match.group(1).upper() if match else ""
        return code if code in supported() else NO_HOLIDAYS
    return NO_HOLIDAYS


def check_country(country: str, region: str = "") -> tuple[str, str]:
    """Return (country, region) as the `holidays` package spells them ("gb", "eng" -> "GB", "ENG").

    A blank country or "none" means no public holidays. Raises UnknownCountryError, whose
    message says what to type instead, for a code the package does not know.
    """
    code = country.strip().upper()
    sub = region.strip().upper()
    if code in ("", NO_HOLIDAYS.upper()):
        return NO_HOLIDAYS, ""
    known = supported()
    if code not in known:
        raise UnknownCountryError(
            f"'{country.strip()}' is not a country code the holidays calendar knows. "
            "Use a two-letter code such as GB, US, DE or IN, or none for weekends only."
        )
    if sub and sub not in known[code]:
        regions = ", ".join(known[code][:12]) + (", ..." if len(known[code]) > 12 else "")
        raise UnknownCountryError(
            f"'{region.strip()}' is not a region of {code}. "
            + (f"Use one of {regions}, or leave it blank." if known[code] else f"{code} has no regions: leave it blank.")
        )
    return code, sub


@lru_cache(maxsize=256)
def _holidays_of(country: str, region: str, year: int) -> frozenset[date]:
    if country == NO_HOLIDAYS:
        return frozenset()
    return frozenset(holidays.country_holidays(country, subdiv=region or None, years=year).keys())


def is_public_holiday(day: date, country: str, region: str = "") -> bool:
    """Is `day` a public holiday in `country` (and `region`)? An unknown country has none."""
    try:
        code, sub = check_country(country, region)
    except UnknownCountryError:
        return False
    return day in _holidays_of(code, sub, day.year)


@lru_cache(maxsize=4096)  # a plan of 10,000 applications asks about the same few hundred days again and again
def is_working_day(day: date, country: str, region: str = "") -> bool:
    """Is `day` Monday to Friday and not a public holiday?"""
    return day.weekday() < 5 and not is_public_holiday(day, country, region)


@lru_cache(maxsize=4096)
def next_working_day(day: date, country: str, region: str = "") -> date:
    """Return `day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, country, region):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, n: int, country: str, region: str = "") -> date:
    """Return the day `n` working days after `day` (weekends and public holidays skipped)."""
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day, country, region):
            n -= 1
    return day
