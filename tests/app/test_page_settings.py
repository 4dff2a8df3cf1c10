"""The Settings page: data source, start fresh, downloads, and settings that follow the data."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import no_exceptions

PAGE = "app_pages/settings.py"


@pytest.mark.parametrize("fixture", ["demo_store", "fresh_store", "sheets_demo", "sheets_empty"])
def test_renders(request, app_on, fixture):
    at = app_on(request.getfixturevalue(fixture), PAGE)
    no_exceptions(at)
    assert at.title[0].value == "Settings"


@pytest.mark.parametrize("fixture", ["demo_store", "sheets_demo"])
def test_clear_demo_and_start_fresh(request, app_on, fixture):
    store = request.getfixturevalue(fixture)
    at = app_on(store, PAGE)
    at.button(key="settings.clear").click().run()
    at.button(key="settings.clear_yes").click().run()
    no_exceptions(at)
    data = store.load(date.today())
    assert data.applications.empty and data.followups.empty and not data.is_demo


def test_profile_is_saved_with_the_data(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    at.text_input(key="settings.profile.name").input("Jo Smith")
    at.text_input(key="settings.profile.email").input("jo@example.com")
    at.button(key="FormSubmitter:settings.profile-Save").click().run()
    no_exceptions(at)
    settings = fresh_store.load(date.today()).settings
    assert settings["profile.name"] == "Jo Smith" and settings["profile.email"] == "jo@example.com"


def test_rule_numbers_are_saved_with_the_data(app_on, sheets_empty):
    at = app_on(sheets_empty, PAGE)
    at.number_input(key="settings.rules.max_followups").set_value(3)
    at.button(key="FormSubmitter:settings.rules-Save").click().run()
    no_exceptions(at)
    assert sheets_empty.load(date.today()).settings["rules.max_followups"] == "3"


def test_downloads_cannot_run_formulas(app_on, fresh_store):
    fresh_store.add_application({"Company": "=cmd|' /C calc'!A0", "Job Title": "+44 20", "Notes": "@SUM(1)"})
    at = app_on(fresh_store, PAGE)
    no_exceptions(at)
    assert at.get("download_button")  # rendered; the bytes are checked in test_export


def test_set_up_the_spreadsheet(app_on, sheets_empty):
    fake, sid = sheets_empty.fake, sheets_empty.sid
    at = app_on(sheets_empty, PAGE)
    at.button(key="settings.setup_sheet").click().run()
    no_exceptions(at)
    assert fake.sheet_properties(sid, "Applications")["gridProperties"]["frozenRowCount"] == 1
    assert len(fake.conditional_formats(sid, "Applications")) == 1


def test_settings_are_grouped(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    assert [t.label for t in at.tabs] == ["Your details", "Follow-up timing", "Dates", "Data and backups", "Google Sheet"]
    timing = at.tabs[1]
    headings = [m.value for m in timing.markdown]
    assert "**After an interview**" in headings and "**Calls**" in headings
    assert timing.number_input(key="settings.rules.max_followups").help.endswith("Default: 2.")


def test_a_number_goes_back_to_its_default(app_on, fresh_store):
    at = app_on(fresh_store, PAGE)
    at.number_input(key="settings.rules.max_followups").set_value(4)
    at.button(key="FormSubmitter:settings.rules-Save").click().run()
    assert fresh_store.load(date.today()).settings["rules.max_followups"] == "4"
    at.button(key="settings.rules.defaults").click().run()
    assert at.number_input(key="settings.rules.max_followups").value == 2
    at.button(key="FormSubmitter:settings.rules-Save").click().run()
    no_exceptions(at)
    assert fresh_store.load(date.today()).settings["rules.max_followups"] == "2"
