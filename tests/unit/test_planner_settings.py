"""The planner's settings say what they did (issue 14): call days as people write them, a clear
refusal otherwise, and the holidays calendar chosen by country and region, from the locale."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from lib.planner.settings import CallDaysError, RuleSettings, parse_call_days
from lib.planner.workdays import country_from_locale


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("Tuesdays and Fridays", {1, 4}),
        ("Tue, Wed, Thu", {1, 2, 3}),
        ("tue-thu", {1, 2, 3}),
        ("Monday to Wednesday", {0, 1, 2}),
        ("Tuesday & Thursday", {1, 3}),
        ("Mon Tue Wed Thu Fri", {0, 1, 2, 3, 4}),
        ("weekdays", {0, 1, 2, 3, 4}),
        ("midweek", {1, 2, 3}),
        ("Weds; Thurs", {2, 3}),
        ("only on Tuesdays", {1}),
    ],
)
def test_call_days_read_as_people_write_them(typed: str, days: set[int]) -> None:
    assert parse_call_days(typed) == frozenset(days)
    assert RuleSettings(call_days=typed).call_weekdays == frozenset(days)
    assert RuleSettings.from_settings({"rules.call_days": typed}).call_weekdays == frozenset(days)
    assert "call_days" not in RuleSettings(call_days=typed).problems()


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("someday", "'someday'"),
        ("Tuesdays and Fridays please", "'please'"),
        ("Sat Sun", "Saturday and Sunday are not days"),
        ("Mon, Sat", "Saturday is not a day"),
        ("", "at least one weekday"),
    ],
)
def test_unreadable_call_days_are_refused_with_a_reason(typed: str, said: str) -> None:
    with pytest.raises(CallDaysError, match=said):
        parse_call_days(typed)
    assert said.strip("'") in RuleSettings(call_days=typed).problems()["call_days"]


def test_how_call_days_were_read_is_said() -> None:
    assert RuleSettings(call_days="Tuesdays and Fridays").describe()["call_days"] == "Tuesday and Friday"


@pytest.mark.parametrize(
    ("env", "country"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "de_DE.UTF-8"}, "DE"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "FR"),
        ({"LANG": "C.UTF-8"}, "none"),
        ({"LANG": "POSIX"}, "none"),
        ({}, "none"),
    ],
)
def test_the_holidays_country_defaults_from_the_locale(env: dict[str, str], country: str) -> None:
    assert country_from_locale(env) == country


def test_holidays_country_and_region_are_settings() -> None:
    got = RuleSettings.from_settings({"rules.holidays_country": "gb", "rules.holidays_region": "sct"})
    assert got.holiday_calendar == ("GB", "SCT")
    assert RuleSettings.from_settings(got.to_settings()) == got
    assert RuleSettings.from_settings({"rules.holidays_country": "none"}).holiday_calendar == ("none", "")


@pytest.mark.parametrize(
    ("country", "region", "field"),
    [("Narnia", "", "holidays_country"), ("GB", "XX", "holidays_region")],
)
def test_an_unknown_holidays_country_or_region_is_refused(country: str, region: str, field: str) -> None:
    problems = RuleSettings(holidays_country=country, holidays_region=region).problems()
    assert set(problems) == {field}
    # Read from the sheet it falls back instead of failing: the region alone, or the default country.
    got = RuleSettings.from_settings({"rules.holidays_country": country, "rules.holidays_region": region})
    assert got.problems() == {}


# --- the Settings page says what it did ------------------------------------------------------

PAGE = "app_pages/settings.py"


def test_the_settings_page_refuses_call_days_it_cannot_read(app_on: Any, fresh_store: Any) -> None:
    at = app_on(fresh_store, PAGE)
    at.text_input(key="settings.rules.call_days").input("Tuesdays and Fridays please")
    at.button(key="FormSubmitter:settings.rules-Save").click().run()
    assert not at.exception
    assert any("please" in e.value and "Nothing was saved" in e.value for e in at.error), [e.value for e in at.error]
    assert not at.toast
    assert "rules.call_days" not in fresh_store.load(date.today()).settings


def test_the_settings_page_saves_call_days_and_says_how_it_read_them(app_on: Any, fresh_store: Any) -> None:
    at = app_on(fresh_store, PAGE)
    at.text_input(key="settings.rules.call_days").input("Tuesdays and Fridays")
    at.button(key="FormSubmitter:settings.rules-Save").click().run()
    assert not at.exception and not at.error
    assert fresh_store.load(date.today()).settings["rules.call_days"] == "Tuesdays and Fridays"
    assert any("Tuesday and Friday" in t.value for t in at.toast), [t.value for t in at.toast]
    assert RuleSettings.from_settings(fresh_store.load(date.today()).settings).call_weekdays == frozenset({1, 4})


def test_the_settings_page_refuses_an_unknown_holidays_country(app_on: Any, fresh_store: Any) -> None:
    at = app_on(fresh_store, PAGE)
    at.text_input(key="settings.rules.holidays_country").input("Narnia")
    at.button(key="FormSubmitter:settings.rules-Save").click().run()
    assert any("Narnia" in e.value for e in at.error) and not at.toast
