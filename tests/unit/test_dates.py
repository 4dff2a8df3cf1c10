"""Reading hand-typed dates: unambiguous shapes are read, anything else is a problem."""

from datetime import date, datetime

import pytest

from lib.domain.text import to_iso
from lib.io.dates import DateProblem, from_serial, parse_datetime, to_serial

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("2026-03-14", datetime(2026, 3, 14)),
        ("2026-03-14 10:30", datetime(2026, 3, 14, 10, 30)),
        ("2026-03-14T10:30:00Z", datetime(2026, 3, 14, 10, 30)),
        ("2026/03/14", datetime(2026, 3, 14)),
        ("3/14/2026", datetime(2026, 3, 14)),
        ("14/3/2026", datetime(2026, 3, 14)),
        ("14.03.2026", datetime(2026, 3, 14)),
        ("4.3.2026", datetime(2026, 3, 4)),
        ("5/5/26", datetime(2026, 5, 5)),
        ("14 Mar", datetime(2026, 3, 14)),
        ("14 March 2026", datetime(2026, 3, 14)),
        ("March 14, 2026", datetime(2026, 3, 14)),
        ("Mar 14th", datetime(2026, 3, 14)),
        ("Tue 3 Nov 10:00", datetime(2026, 11, 3, 10, 0)),
        ("Tuesday, 3 November 2026 at 2pm", datetime(2026, 11, 3, 14, 0)),
        ("3 Nov 2:30 PM", datetime(2026, 11, 3, 14, 30)),
        ("Dec 25", datetime(2026, 12, 25)),  # within two months ahead: this year
        ("Jan 3", datetime(2027, 1, 3)),
        ("today", datetime(2026, 11, 22)),
        ("yesterday", datetime(2026, 11, 21)),
        (46000, datetime(2025, 12, 9)),
        (46000.5, datetime(2025, 12, 9, 12, 0)),
        ("46000", datetime(2025, 12, 9)),
        (datetime(2026, 1, 2, 3, 4), datetime(2026, 1, 2, 3, 4)),
        (date(2026, 1, 2), datetime(2026, 1, 2)),
    ],
)
def test_readable_dates(typed, meant):
    assert parse_datetime(typed, TODAY) == meant


@pytest.mark.parametrize("blank", [None, "", "   ", float("nan")])
def test_blank_is_none(blank):
    assert parse_datetime(blank, TODAY) is None


@pytest.mark.parametrize(
    "typed, why",
    [
        ("3/4/2026", "could be"),
        ("3/4", "could be"),
        ("13/13/2026", "neither number"),
        ("31 Feb 2026", "no day 31"),
        ("next week", "not a date"),
        ("TBD", "not a date"),
        ("12", "not a date"),
        (True, "TRUE/FALSE"),
        ("25:00 3 Nov", "not a date"),
        ("#REF!", "not a date"),
    ],
)
def test_unclear_dates_are_problems(typed, why):
    with pytest.raises(DateProblem, match=why):
        parse_datetime(typed, TODAY)


@pytest.mark.parametrize("day_first, meant", [(True, datetime(2026, 4, 3)), (False, datetime(2026, 3, 4))])
def test_date_order_setting_resolves_ambiguity(day_first, meant):
    assert parse_datetime("3/4/2026", TODAY, day_first=day_first) == meant


@pytest.mark.parametrize("moment", [datetime(2026, 3, 14), datetime(2026, 3, 14, 10, 30), date(2020, 1, 1)])
def test_serial_round_trip(moment):
    back = from_serial(to_serial(moment))
    assert back == (moment if isinstance(moment, datetime) else datetime(moment.year, moment.month, moment.day))


def test_serial_matches_sheets():
    assert to_serial(date(2020, 1, 1)) == 43831  # what Google Sheets shows for 2020-01-01


def test_writing_dates():
    assert to_iso(datetime(2026, 3, 14)) == "2026-03-14"
    assert to_iso(datetime(2026, 3, 14, 9, 5)) == "2026-03-14 09:05"
